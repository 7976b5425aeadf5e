import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateReport } from '../../src/report/validate.ts';
import { sampleReport } from './sample.ts';

/** A deep copy that tests can break freely. */
function copy(): Record<string, unknown> & {
  article: Record<string, unknown>;
  findings: Record<string, unknown>[];
} {
  return JSON.parse(JSON.stringify(sampleReport()));
}

describe('validateReport', () => {
  it('accepts a report built by the pipeline, also after a JSON round trip', () => {
    assert.deepEqual(validateReport(sampleReport()), []);
    assert.deepEqual(validateReport(copy()), []);
  });

  it('rejects what is not a report at all', () => {
    assert.deepEqual(validateReport(null), ['report: expected an object']);
    assert.ok(validateReport({}).includes('schema: expected "spinlens.report/1"'));
  });

  it('rejects a score outside 0..1', () => {
    const report = copy();
    report.findings[0]!.score = 1.5;
    assert.deepEqual(validateReport(report), ['findings[0].score: 1.5 is outside 0..1']);
  });

  it('rejects a span beyond the text', () => {
    const report = copy();
    const length = (report.article.text as string).length;
    report.findings[2]!.span = { start: length - 2, end: length + 5 };
    assert.deepEqual(validateReport(report), [
      `findings[2].span: end ${length + 5} is beyond the text (${length} characters)`,
    ]);
  });

  it('rejects a span outside its paragraph', () => {
    const report = copy();
    report.findings[2]!.span = { start: 0, end: 5 };
    const problems = validateReport(report);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^findings\[2\]\.span: \[0, 5\) is not inside paragraph 2$/);
  });

  it('rejects a reversed or empty span', () => {
    const report = copy();
    report.findings[2]!.span = { start: 70, end: 60 };
    report.findings[3]!.span = { start: 70, end: 70 };
    const problems = validateReport(report);
    assert.ok(problems.includes('findings[2].span: start 70 is after end 60'));
    assert.ok(problems.includes('findings[3].span: empty span'));
  });

  it('rejects a finding from an analyser that did not run, and a missing paragraph', () => {
    const report = copy();
    report.findings[0]!.analyser = 'ghost';
    report.findings[1]!.paragraph = 99;
    assert.deepEqual(validateReport(report), [
      'findings[0].analyser: "ghost" is not in the report\'s analysers',
      'findings[1].paragraph: no paragraph 99',
    ]);
  });

  it('rejects paragraphs whose lines do not increase or that overlap', () => {
    const report = copy();
    const paragraphs = report.article.paragraphs as Record<string, number>[];
    paragraphs[2]!.line = 2;
    paragraphs[3]!.start = paragraphs[2]!.start!;
    const problems = validateReport(report);
    assert.ok(problems.includes('article.paragraphs[2].line: line numbers must increase'));
    assert.ok(problems.includes('article.paragraphs[3].start: overlaps the previous paragraph'));
  });

  it('rejects attribute values that are not scalars', () => {
    const report = copy();
    report.findings[1]!.attributes = { nested: { a: 1 } };
    assert.deepEqual(validateReport(report), [
      'findings[1].attributes.nested: expected a string, finite number, boolean or null',
    ]);
  });
});
