import assert from 'node:assert/strict';
import { test } from 'node:test';
import { softmaxProbabilities, trainSoftmax } from '../../src/learn/softmax.ts';
import type { Csr } from '../../src/learn/sparse.ts';

// Three classes, each signalled by its own feature (0, 1, 2); feature 3 is shared noise.
function data(): { X: Csr; y: Int32Array } {
  const rows: [number, number][][] = [];
  const y: number[] = [];
  for (let i = 0; i < 30; i++) {
    const k = i % 3;
    rows.push([
      [k, 1],
      [3, 0.5],
    ]);
    y.push(k);
  }
  const indptr = new Int32Array(rows.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  rows.forEach((row, r) => {
    for (const [j, v] of row) {
      indices.push(j);
      values.push(v);
    }
    indptr[r + 1] = indices.length;
  });
  return {
    X: {
      rows: rows.length,
      cols: 4,
      indptr,
      indices: Int32Array.from(indices),
      values: Float32Array.from(values),
    },
    y: Int32Array.from(y),
  };
}

test('softmax learns separable classes and its probabilities sum to one', () => {
  const { X, y } = data();
  const model = trainSoftmax(X, y, 3, { c: 10 });
  for (let r = 0; r < X.rows; r++) {
    const p = softmaxProbabilities(model, X, r);
    assert.ok(Math.abs(p[0]! + p[1]! + p[2]! - 1) < 1e-9);
    assert.equal(p.indexOf(Math.max(...p)), y[r]);
    assert.ok(p[y[r]!]! > 0.8);
  }
});

test('training is deterministic', () => {
  const { X, y } = data();
  const a = trainSoftmax(X, y, 3, { c: 1 });
  const b = trainSoftmax(X, y, 3, { c: 1 });
  assert.deepEqual([...a.weights], [...b.weights]);
});

test('a class weight pulls borderline rows towards that class', () => {
  const { X, y } = data();
  const probe: Csr = {
    rows: 1,
    cols: 4,
    indptr: Int32Array.from([0, 1]),
    indices: Int32Array.from([3]),
    values: Float32Array.from([0.5]),
  };
  const plain = softmaxProbabilities(trainSoftmax(X, y, 3, { c: 1 }), probe, 0);
  const weighted = softmaxProbabilities(
    trainSoftmax(X, y, 3, { c: 1, classWeights: Float64Array.from([1, 1, 5]) }),
    probe,
    0,
  );
  assert.ok(weighted[2]! > plain[2]!);
});
