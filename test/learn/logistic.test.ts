import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decision, sigmoid, trainLogistic } from '../../src/learn/logistic.ts';
import type { Csr } from '../../src/learn/sparse.ts';
import { tuneClassOffsets, tuneGlobalThreshold, tunePerLabelThresholds } from '../../src/learn/thresholds.ts';

/** Two features; the label is +1 when feature 0 is present. */
function toy(): { X: Csr; y: Int8Array } {
  const rows: [number, number][][] = [];
  const y: number[] = [];
  for (let i = 0; i < 40; i++) {
    const pos = i % 3 === 0;
    rows.push(pos ? [[0, 1]] : [[1, 1]]);
    y.push(pos ? 1 : -1);
  }
  const indptr = new Int32Array(rows.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  rows.forEach((r, i) => {
    for (const [c, v] of r) {
      indices.push(c);
      values.push(v);
    }
    indptr[i + 1] = indices.length;
  });
  return {
    X: {
      rows: rows.length,
      cols: 2,
      indptr,
      indices: Int32Array.from(indices),
      values: Float32Array.from(values),
    },
    y: Int8Array.from(y),
  };
}

test('learns a separable toy problem', () => {
  const { X, y } = toy();
  const m = trainLogistic(X, y, { c: 10 });
  for (let r = 0; r < X.rows; r++) assert.equal(decision(m, X, r) > 0, y[r] === 1);
  assert.ok(sigmoid(decision(m, X, 0)) > 0.9);
});

test('is deterministic for a seed and converges to the same optimum from any order', () => {
  const { X, y } = toy();
  const a = trainLogistic(X, y, { seed: 3, eps: 1e-6, maxEpochs: 500 });
  const b = trainLogistic(X, y, { seed: 3, eps: 1e-6, maxEpochs: 500 });
  const c = trainLogistic(X, y, { seed: 4, eps: 1e-6, maxEpochs: 500 });
  assert.deepEqual(a.weights, b.weights);
  for (let k = 0; k < a.weights.length; k++) assert.ok(Math.abs(a.weights[k]! - c.weights[k]!) < 1e-3);
});

test('a positive class weight raises positive scores', () => {
  const { X, y } = toy();
  const plain = trainLogistic(X, y, { c: 0.1 });
  const weighted = trainLogistic(X, y, { c: 0.1, positiveWeight: 5 });
  assert.ok(decision(weighted, X, 0) > decision(plain, X, 0));
});

test('threshold tuning picks cuts that maximise F1 on the given scores', () => {
  // One label: positives score .8 and .6, negatives .7 and .2 → best cut keeps .8, .7, .6 (F1 .8) or only .8 (F1 .67).
  const t = tuneGlobalThreshold(Float32Array.from([0.8, 0.6, 0.7, 0.2]), Uint8Array.from([1, 1, 0, 0]));
  assert.ok(t > 0.2 && t <= 0.6);
  // Two labels with different scales get different thresholds.
  const scores = Float32Array.from([0.9, 0.3, 0.8, 0.25, 0.2, 0.05, 0.1, 0.02]);
  const gold = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0]);
  const th = tunePerLabelThresholds(scores, gold, 2);
  assert.ok(th[0]! > 0.2 && th[0]! <= 0.8);
  assert.ok(th[1]! > 0.05 && th[1]! <= 0.25);
});

test('class offsets favour a rare class that argmax never picks', () => {
  // Class 1 is right on rows 2 and 3 but always scores a bit below class 0.
  const scores = Float32Array.from([0.9, 0.1, 0.8, 0.2, 0.55, 0.45, 0.52, 0.48]);
  const gold = Int32Array.from([0, 0, 1, 1]);
  const offsets = tuneClassOffsets(scores, gold, 2);
  assert.equal(offsets[0], 0);
  assert.ok(offsets[1]! > 0.1 && offsets[1]! < 0.6);
});
