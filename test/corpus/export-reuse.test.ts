import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBatch } from '../../src/corpus/batch.ts';
import type { Report } from '../../src/pipeline/report.ts';
import { spinlens } from '../cli/helpers.ts';
import { semevalText } from '../helpers.ts';

/** A paragraph long enough to count as a reused passage (20 words or more). */
const WIRE =
  'The regional water board said on Thursday that the reservoir above Millbrook had fallen to its lowest level since records began, and asked households to save water until the autumn rains arrive.';

const ORIGINAL = semevalText('Reservoir at record low', [
  'Residents of Millbrook woke up to a warning on Thursday.',
  WIRE,
  'Farmers in the valley say their wells are already running dry.',
]);
const COPY = semevalText('Dry summer ahead', [
  'Another hot week is forecast for the whole county.',
  'Gardeners have been asked to use watering cans rather than hoses.',
  WIRE,
]);
const NEW = semevalText('Hosepipe ban considered', [
  'Councillors will meet on Monday to discuss a hosepipe ban.',
  WIRE,
]);

let scratch: string;
let db: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'spinlens-reuse-report-'));
  const corpus = join(scratch, 'corpus');
  await mkdir(corpus);
  await writeFile(join(corpus, 'water-original.txt'), ORIGINAL);
  await writeFile(join(corpus, 'water-copy.txt'), COPY);
  await writeFile(join(scratch, 'water-new.txt'), NEW);
  db = join(scratch, 'reuse.db');
  await runBatch({ inputs: [corpus], db, workers: 1, analysers: ['language'] });
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function reuseFindings(report: Report) {
  return report.findings.filter((f) => f.analyser === 'reuse');
}

describe('reports next to a store say where a paragraph also appears', () => {
  it('analyze --db: a stored article points to the other article and its line', async () => {
    const path = join(scratch, 'corpus', 'water-copy.txt');
    const { code, stdout } = await spinlens(['analyze', '--db', db, '-a', 'language', '-f', 'json', path]);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as Report;
    const found = reuseFindings(report);
    assert.equal(found.length, 1);
    const f = found[0]!;
    // The copied paragraph is line 5 here (title, blank, 3, 4, 5) and line 4 in the original.
    assert.equal(report.article.paragraphs[f.paragraph!]!.line, 5);
    // Passages run from word to word: the final full stop stays out.
    assert.equal(report.article.text.slice(f.span!.start, f.span!.end), WIRE.slice(0, -1));
    assert.equal(f.evidence![0]!.note, 'also appears in water-original (line 4)');
    assert.deepEqual(
      report.analysers.map((a) => a.name),
      ['language', 'reuse'],
    );
  });

  it('analyze --db: an article not in the store is matched against it too, and the text report says so', async () => {
    const path = join(scratch, 'water-new.txt');
    const json = await spinlens(['analyze', '--db', db, '-a', 'language', '-f', 'json', path]);
    const notes = reuseFindings(JSON.parse(json.stdout) as Report).map((f) => f.evidence![0]!.note);
    assert.deepEqual(notes, [
      'also appears in water-copy (line 5)',
      'also appears in water-original (line 4)',
    ]);
    const text = await spinlens(['analyze', '--db', db, '-a', 'language', path]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /also appears in water-original \(line 4\)/);
  });

  it('without --db the report is unchanged; a missing store is a usage error', async () => {
    const path = join(scratch, 'water-new.txt');
    const plain = await spinlens(['analyze', '-a', 'language', '-f', 'json', path]);
    assert.equal(reuseFindings(JSON.parse(plain.stdout) as Report).length, 0);
    const missing = await spinlens(['analyze', '--db', join(scratch, 'none.db'), '-a', 'language', path]);
    assert.equal(missing.code, 2);
  });

  it('export --reuse adds the same findings to the stored reports', async () => {
    const { code, stdout } = await spinlens(['export', '--db', db, '--format', 'jsonl', '--reuse']);
    assert.equal(code, 0);
    const reports = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Report);
    assert.deepEqual(
      reports.map((r) => [r.article.id, reuseFindings(r).map((f) => f.evidence![0]!.note)]),
      [
        ['water-copy', ['also appears in water-original (line 4)']],
        ['water-original', ['also appears in water-copy (line 5)']],
      ],
    );
    const plain = await spinlens(['export', '--db', db, '--format', 'jsonl']);
    assert.ok(!plain.stdout.includes('"reuse"'));
  });
});
