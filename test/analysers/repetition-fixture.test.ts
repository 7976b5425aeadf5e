import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { languageAnalyser } from '../../src/analysers/language/index.ts';
import { repetitionAnalyser } from '../../src/analysers/repetition/index.ts';
import { articleFromText } from '../helpers.ts';

describe('repetition and language on a fixture with a BOM, CRLF line ends and blank-line gaps', () => {
  const text = readFileSync(new URL('../fixtures/text/en-flood-bom-crlf.txt', import.meta.url), 'utf8');
  const article = articleFromText(text);
  const context = { findings: [], options: {} };
  const findings = [
    ...languageAnalyser.analyse(article, context),
    ...repetitionAnalyser.analyse(article, context),
  ];
  const named = findings
    .filter((f) => f.span)
    .map((f) => [
      f.label,
      article.paragraphs[f.paragraph!]!.line,
      article.text.slice(f.span!.start, f.span!.end),
    ]);

  it('keeps the BOM in the text so that offsets count it', () => {
    assert.equal(text.charCodeAt(0), 0xfeff);
    assert.equal(article.paragraphs[0]!.start, 1);
  });

  it('names exactly the repeated and boilerplate passages, line numbers as in SemEval', () => {
    assert.deepEqual(named, [
      ['boilerplate', 5, 'Photo: Sam Whitfield / Reuters'],
      ['boilerplate', 9, 'Read more: How to prepare your home for a flood'],
      ['boilerplate', 12, 'Advertisement'],
      ['repeated-paragraph', 1, 'Flood warning issued for the valley'],
      ['repeated-paragraph', 3, 'Flood warning issued for the valley'],
      [
        'repeated-paragraph',
        6,
        'Residents of low-lying streets were told to move their cars and to keep sandbags ready. Stay safe and stay informed.',
      ],
      [
        'repeated-paragraph',
        11,
        'Residents of low-lying streets were told to move their cars and keep sandbags ready. Stay safe and stay informed!',
      ],
    ]);
  });

  it('never lets a span include a line terminator or surrounding space', () => {
    for (const finding of findings) {
      if (!finding.span) continue;
      const slice = article.text.slice(finding.span.start, finding.span.end);
      assert.equal(slice, slice.trim());
      assert.ok(!slice.includes('\r') && !slice.includes('\n'));
    }
  });

  it('reports the article as English with no language switch', () => {
    assert.deepEqual(
      findings.filter((f) => f.analyser === 'language').map((f) => f.label),
      ['en'],
    );
  });
});
