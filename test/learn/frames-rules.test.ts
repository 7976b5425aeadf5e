import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyRule } from '../../src/eval/frames-research.ts';

// Two rows of three labels; thresholds 0.5, 0.4, 0.8.
const scores = Float32Array.from([0.6, 0.1, 0.9, 0.2, 0.3, 0.4]);
const th = Float32Array.from([0.5, 0.4, 0.8]);

test('labels at or above their threshold are emitted', () => {
  assert.deepEqual(applyRule(scores, 0, 3, th, false, 0), [0, 2]);
  assert.deepEqual(applyRule(scores, 1, 3, th, false, 0), []);
});

test('a cap keeps the labels furthest above their thresholds', () => {
  // 0.9 / 0.8 < 0.6 / 0.5, so label 0 is kept.
  assert.deepEqual(applyRule(scores, 0, 3, th, false, 1), [0]);
});

test('at least one label: the one closest to its threshold', () => {
  // ratios 0.4, 0.75, 0.5: label 1.
  assert.deepEqual(applyRule(scores, 1, 3, th, true, 0), [1]);
});

test('fill tops a row up to a minimum count by ratio', () => {
  assert.deepEqual(applyRule(scores, 1, 3, th, false, 0, 2), [1, 2]);
  assert.deepEqual(applyRule(scores, 0, 3, th, false, 0, 2), [0, 2]);
});
