/**
 * Multinomial (softmax) logistic regression for single-label tasks, L2-regularised like the
 * binary learner (bias as an extra regularised feature):
 *   min_W ½‖W‖² + C Σ_i c_i · −log softmax(W x_i)_{y_i}
 * optimised by L-BFGS (10 pairs, Armijo backtracking). No randomness: deterministic by design.
 */
import type { Csr } from './sparse.ts';

export interface SoftmaxOptions {
  c: number;
  /** Cost multiplier per class (class weights); default all 1. */
  classWeights?: Float64Array;
  bias: number;
  maxIterations: number;
  /** Stop when ‖gradient‖ falls under this fraction of its first value. */
  tolerance: number;
}

export const DEFAULT_SOFTMAX: SoftmaxOptions = { c: 1, bias: 1, maxIterations: 200, tolerance: 1e-4 };

/** Weights class-major: `weights[k * (cols + 1) + j]`, the bias weight at j = cols. */
export interface SoftmaxModel {
  classes: number;
  cols: number;
  weights: Float64Array;
  bias: number;
}

/** Class scores (logits) of row r into `out`. */
function logits(W: Float64Array, X: Csr, r: number, K: number, bias: number, out: Float64Array): void {
  const stride = X.cols + 1;
  for (let k = 0; k < K; k++) {
    let s = W[k * stride + X.cols]! * bias;
    for (let e = X.indptr[r]!; e < X.indptr[r + 1]!; e++) s += X.values[e]! * W[k * stride + X.indices[e]!]!;
    out[k] = s;
  }
}

/** In-place softmax; returns log Σ exp (for the loss). */
function softmaxInPlace(z: Float64Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k]! - max);
    sum += z[k]!;
  }
  for (let k = 0; k < z.length; k++) z[k]! /= sum;
  return max + Math.log(sum);
}

/** Loss and gradient at W. */
function evaluate(
  W: Float64Array,
  X: Csr,
  y: Int32Array,
  K: number,
  o: SoftmaxOptions,
  grad: Float64Array,
): number {
  const stride = X.cols + 1;
  let loss = 0;
  for (let i = 0; i < W.length; i++) {
    loss += 0.5 * W[i]! * W[i]!;
    grad[i] = W[i]!;
  }
  const z = new Float64Array(K);
  for (let r = 0; r < X.rows; r++) {
    logits(W, X, r, K, o.bias, z);
    const yr = y[r]!;
    const cost = o.c * (o.classWeights?.[yr] ?? 1);
    const correct = z[yr]!;
    loss += cost * (softmaxInPlace(z) - correct);
    for (let k = 0; k < K; k++) {
      const d = cost * (z[k]! - (k === yr ? 1 : 0));
      if (d === 0) continue;
      const base = k * stride;
      for (let e = X.indptr[r]!; e < X.indptr[r + 1]!; e++) grad[base + X.indices[e]!]! += d * X.values[e]!;
      grad[base + X.cols]! += d * o.bias;
    }
  }
  return loss;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Trains on rows X with class indexes y (0..classes-1). */
export function trainSoftmax(
  X: Csr,
  y: Int32Array,
  classes: number,
  options: Partial<SoftmaxOptions> = {},
): SoftmaxModel {
  const o = { ...DEFAULT_SOFTMAX, ...options };
  const size = classes * (X.cols + 1);
  let W = new Float64Array(size);
  let g = new Float64Array(size);
  let f = evaluate(W, X, y, classes, o, g);
  const g0 = Math.sqrt(dot(g, g));
  const m = 10;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  for (let it = 0; it < o.maxIterations; it++) {
    if (Math.sqrt(dot(g, g)) <= o.tolerance * g0) break;
    // Two-loop recursion: d = −H g.
    const d = Float64Array.from(g, (v) => -v);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, d);
      for (let i = 0; i < size; i++) d[i]! -= alpha[k]! * Y[k]![i]!;
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let i = 0; i < size; i++) d[i]! *= gamma;
    } else {
      const scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let i = 0; i < size; i++) d[i]! *= scale;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, d);
      for (let i = 0; i < size; i++) d[i]! += S[k]![i]! * (alpha[k]! - beta);
    }
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < size; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    let step = 1;
    const next = new Float64Array(size);
    const gNext = new Float64Array(size);
    let fNext = f;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < size; i++) next[i] = W[i]! + step * d[i]!;
      fNext = evaluate(next, X, y, classes, o, gNext);
      if (fNext <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    const s = new Float64Array(size);
    const yk = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s[i] = next[i]! - W[i]!;
      yk[i] = gNext[i]! - g[i]!;
    }
    const sy = dot(s, yk);
    if (sy > 1e-12) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(yk);
      rho.push(1 / sy);
    }
    const converged = f - fNext < 1e-10 * Math.max(1, Math.abs(f));
    W = next;
    g = gNext;
    f = fNext;
    if (converged) break;
  }
  return { classes, cols: X.cols, weights: W, bias: o.bias };
}

/** Class probabilities of row r of X. */
export function softmaxProbabilities(model: SoftmaxModel, X: Csr, r: number): Float64Array {
  const z = new Float64Array(model.classes);
  logits(model.weights, X, r, model.classes, model.bias, z);
  softmaxInPlace(z);
  return z;
}
