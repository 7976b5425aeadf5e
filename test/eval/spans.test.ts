import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  evaluateSpans,
  formatSpanScores,
  mergeSpans,
  type ScoredSpan,
  spanScores,
} from '../../src/eval/spans.ts';

const span = (technique: string, start: number, end: number, id = 'a'): ScoredSpan => ({
  id,
  technique,
  start,
  end,
});

test('an exact match scores 1 everywhere', () => {
  const s = spanScores([span('Doubt', 10, 20)], [span('Doubt', 10, 20)]);
  assert.equal(s.aware.f1, 1);
  assert.equal(s.blind.f1, 1);
  assert.deepEqual(
    s.perTechnique.map((t) => [t.technique, t.f1]),
    [['Doubt', 1]],
  );
});

test('partial overlap earns the overlapping share of each side', () => {
  // predicted 0-10, gold 5-25: overlap 5 → precision 5/10, recall 5/20
  const s = spanScores([span('Slogans', 0, 10)], [span('Slogans', 5, 25)]);
  assert.equal(s.aware.precision, 0.5);
  assert.equal(s.aware.recall, 0.25);
  assert.equal(s.aware.f1, (2 * 0.5 * 0.25) / 0.75);
});

test('the wrong technique earns nothing aware, full credit blind', () => {
  const s = spanScores([span('Doubt', 0, 10)], [span('Slogans', 0, 10)]);
  assert.equal(s.aware.f1, 0);
  assert.equal(s.blind.f1, 1);
});

test('spans of another article never match', () => {
  const s = spanScores([span('Doubt', 0, 10, 'a')], [span('Doubt', 0, 10, 'b')]);
  assert.equal(s.aware.f1, 0);
  assert.equal(s.blind.f1, 0);
});

test('sums are normalised by the number of spans, a missed gold span lowers recall', () => {
  const s = spanScores([span('Doubt', 0, 10)], [span('Doubt', 0, 10), span('Doubt', 50, 60)]);
  assert.equal(s.aware.precision, 1);
  assert.equal(s.aware.recall, 0.5);
});

test('one prediction covering two gold spans is credited at most once', () => {
  const s = spanScores([span('Doubt', 0, 10)], [span('Doubt', 0, 10), span('Doubt', 0, 10)]);
  assert.equal(s.aware.precision, 1);
  assert.equal(s.aware.recall, 1);
});

test('technique-blind merges overlapping spans of several techniques', () => {
  const merged = mergeSpans([span('Doubt', 0, 10), span('Slogans', 5, 15), span('Doubt', 30, 40)]);
  assert.deepEqual(
    merged.map((s) => [s.start, s.end]),
    [
      [0, 15],
      [30, 40],
    ],
  );
  const s = spanScores([span('Doubt', 0, 10), span('Slogans', 5, 15)], [span('Loaded_Language', 0, 15)]);
  assert.equal(s.blind.precision, 1);
  assert.equal(s.blind.recall, 1);
  assert.equal(s.blind.predicted, 1);
});

test('per-technique scores and empty inputs', () => {
  const s = spanScores([span('Doubt', 0, 10), span('Slogans', 20, 30)], [span('Doubt', 0, 10)]);
  const byName = new Map(s.perTechnique.map((t) => [t.technique, t]));
  assert.equal(byName.get('Doubt')?.f1, 1);
  assert.equal(byName.get('Slogans')?.precision, 0);
  assert.equal(byName.get('Slogans')?.gold, 0);
  const none = spanScores([], []);
  assert.equal(none.aware.f1, 0);
  assert.equal(none.aware.predicted, 0);
});

test('evaluateSpans scores against a folder span file and formats a table', () => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'spans', 'fr');
  const s = evaluateSpans(dir, [{ id: '801', technique: 'Appeal_to_Authority', start: 172, end: 189 }]);
  assert.equal(s.aware.precision, 1);
  assert.equal(s.aware.gold, 14);
  assert.match(formatSpanScores(s), /technique-aware\s+1\.000/);
});
