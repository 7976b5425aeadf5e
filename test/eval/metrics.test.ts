import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignRows, multiLabelScores, singleLabelScores } from '../../src/eval/metrics.ts';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

test('micro- and macro-F1 over multi-label rows, empty rows included', () => {
  const labels = ['A', 'B', 'C'];
  const gold = [['A'], ['A', 'B'], [], []];
  const pred = [['A'], ['B'], ['A'], []];
  const s = multiLabelScores(labels, gold, pred);
  // A: tp 1, fp 1, fn 1 → F1 .5 ; B: tp 1 → F1 1 ; C: never gold nor predicted → 1 (zero_division=1).
  close(s.perLabel[0]!.f1, 0.5);
  close(s.perLabel[1]!.f1, 1);
  close(s.perLabel[2]!.f1, 1);
  close(s.macroF1, 2.5 / 3);
  // micro: tp 2, fp 1, fn 1 → 4/6.
  close(s.microF1, 4 / 6);
  close(s.microPrecision, 2 / 3);
});

test('a label predicted but never gold scores 0, and a missed one too', () => {
  const s = multiLabelScores(['A', 'B'], [['A'], []], [['B'], []]);
  close(s.perLabel[0]!.f1, 0);
  close(s.perLabel[1]!.f1, 0);
  close(s.microF1, 0);
});

test('single-label macro-F1 averages the three classes; micro equals accuracy', () => {
  const labels = ['opinion', 'reporting', 'satire'];
  const gold = ['opinion', 'opinion', 'reporting', 'satire'];
  const pred = ['opinion', 'reporting', 'reporting', 'opinion'];
  const s = singleLabelScores(labels, gold, pred);
  close(s.perLabel[0]!.f1, 0.5); // tp 1, fp 1, fn 1
  close(s.perLabel[1]!.f1, 2 / 3); // tp 1, fp 1
  close(s.perLabel[2]!.f1, 0);
  close(s.macroF1, (0.5 + 2 / 3) / 3);
  close(s.microF1, 0.5);
});

test('rejects unknown labels and missing predictions', () => {
  assert.throws(() => multiLabelScores(['A'], [['A']], [['Z']]), /unknown predicted label Z/);
  assert.throws(() => alignRows(new Map([['1', ['A']]]), new Map([['2', ['A']]])), /no prediction for 1/);
});

test('scores a prediction file against a language folder', async () => {
  const { join } = await import('node:path');
  const { loadDataset } = await import('../../src/eval/dataset.ts');
  const { scorePredictions } = await import('../../src/eval/score.ts');
  const { parseParagraphLabels } = await import('../../src/eval/semeval-format.ts');
  const ds = loadDataset(join(import.meta.dirname, '..', 'fixtures', 'eval', 'xx'), 'en');
  const pred = parseParagraphLabels(
    '901\t1\tLoaded_Language\n901\t3\t\n901\t6\tLoaded_Language\n901\t7\t\n902\t1\t\n902\t3\tDoubt\n',
  );
  const s = scorePredictions(ds, 3, pred);
  // tp 2 (LL twice), fp 1 (Doubt), fn 2 (Name_Calling, Appeal_to_Popularity).
  close(s.microF1, 4 / 7);
  assert.throws(() => scorePredictions(ds, 3, pred.slice(1)), /expected 6 predictions/);
});
