import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreStack, stackFeatures, stackWidth, trainStack } from '../../src/learn/stack.ts';

test('paragraph stacking features: own scores, article mean and max of the others, neighbours', () => {
  // Two labels; article 0 has three paragraphs, article 1 one.
  const scores = Float32Array.from([0.1, 0.9, 0.5, 0.2, 0.3, 0.4, 0.8, 0.7]);
  const layout = { labels: 2, groupOf: Int32Array.from([0, 0, 0, 1]), paragraphs: true };
  const X = stackFeatures(scores, layout);
  assert.equal(stackWidth(layout), 12);
  const row = (r: number) =>
    [...X.values.subarray(r * 12, (r + 1) * 12)].map((v) => Math.round(v * 100) / 100);
  // Middle paragraph: own, mean of 0 and 2, max of 0 and 2, previous, next, not first, 2 others.
  assert.deepEqual(row(1), [0.5, 0.2, 0.2, 0.65, 0.3, 0.9, 0.1, 0.9, 0.3, 0.4, 0, 0.07]);
  // A lone paragraph has no other paragraphs and no neighbours, and is its article's first.
  assert.deepEqual(row(3), [0.8, 0.7, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
});

test('article stacking features are the label scores plus a language one-hot', () => {
  const layout = {
    labels: 2,
    groupOf: Int32Array.from([0, 1]),
    paragraphs: false,
    langOf: Int32Array.from([0, 2]),
    languages: 3,
  };
  const X = stackFeatures(Float32Array.from([0.2, 0.6, 0.9, 0.1]), layout);
  assert.equal(X.cols, 5);
  assert.deepEqual(
    [...X.values.subarray(5, 10)].map((v) => Math.round(v * 10) / 10),
    [0.9, 0.1, 0, 0, 1],
  );
});

test('a second-level model learns that label B follows label A', () => {
  // Label 1 is gold exactly when label 0 scores high; its own first-level score is noise.
  const n = 200;
  const scores = new Float32Array(n * 2);
  const gold = new Uint8Array(n * 2);
  for (let r = 0; r < n; r++) {
    const a = r % 2 === 0;
    scores[r * 2] = a ? 0.8 : 0.2;
    scores[r * 2 + 1] = ((r * 37) % 10) / 10;
    gold[r * 2] = a ? 1 : 0;
    gold[r * 2 + 1] = a ? 1 : 0;
  }
  const layout = { labels: 2, groupOf: Int32Array.from({ length: n }, (_, r) => r), paragraphs: false };
  const X = stackFeatures(scores, layout);
  const rows = Int32Array.from({ length: n }, (_, r) => r);
  const models = trainStack(X, gold, 2, rows, { c: 10, classWeight: 'none', seed: 1 });
  const out = new Float32Array(n * 2);
  scoreStack(models, X, rows, out);
  for (let r = 0; r < n; r++) assert.equal(out[r * 2 + 1]! > 0.5, r % 2 === 0);
});
