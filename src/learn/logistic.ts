/**
 * L2-regularised logistic regression for sparse data, trained by dual coordinate descent
 * (Yu, Huang & Lin 2011, the `-s 7` solver of LIBLINEAR):
 *   min_w ½‖w‖² + Σ_i C_i log(1 + exp(−y_i wᵀx_i))
 * Each step solves a one-variable sub-problem with a few Newton iterations, so an epoch is two
 * passes over the non-zeros. A bias is learned as an extra feature of constant value `bias`
 * (regularised, as in LIBLINEAR). Deterministic: the visiting order comes from a seeded PRNG.
 */
import { rng, shuffle } from './random.ts';
import type { Csr } from './sparse.ts';

export interface LogisticOptions {
  /** Inverse regularisation strength for negatives (C in LIBLINEAR). */
  c: number;
  /** Multiplier of C for positives (class weight); 1 = unweighted. */
  positiveWeight: number;
  /** Stop when the largest projected gradient falls under this (LIBLINEAR's eps for the dual). */
  eps: number;
  maxEpochs: number;
  bias: number;
  seed: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = {
  c: 1,
  positiveWeight: 1,
  eps: 0.1,
  maxEpochs: 40,
  bias: 1,
  seed: 1,
};

/** A trained binary model: `weights[0..cols)` per column, `weights[cols]` the bias weight. */
export interface BinaryModel {
  weights: Float64Array;
  bias: number;
}

/** Trains on rows `X` with labels `y[i]` ∈ {+1, −1}. */
export function trainLogistic(X: Csr, y: Int8Array, options: Partial<LogisticOptions> = {}): BinaryModel {
  const o = { ...DEFAULT_LOGISTIC, ...options };
  const l = X.rows;
  const n = X.cols;
  const w = new Float64Array(n + 1);
  const alpha = new Float64Array(2 * l);
  const qd = new Float64Array(l);
  const upper = new Float64Array(l);
  const { indptr, indices, values } = X;
  const b2 = o.bias * o.bias;
  for (let i = 0; i < l; i++) {
    const C = y[i]! > 0 ? o.c * o.positiveWeight : o.c;
    upper[i] = C;
    alpha[2 * i] = Math.min(0.001 * C, 1e-8);
    alpha[2 * i + 1] = C - alpha[2 * i]!;
    let sq = b2;
    const yi = y[i]! * alpha[2 * i]!;
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      const v = values[k]!;
      sq += v * v;
      w[indices[k]!]! += yi * v;
    }
    w[n]! += yi * o.bias;
    qd[i] = sq;
  }
  const order = new Int32Array(l);
  for (let i = 0; i < l; i++) order[i] = i;
  const random = rng(o.seed);
  const maxInner = 100;
  const innerEpsMin = Math.min(1e-8, o.eps);
  let innerEps = 1e-2;
  for (let epoch = 0; epoch < o.maxEpochs; epoch++) {
    shuffle(order, random);
    let gmax = 0;
    let newtonIters = 0;
    for (let s = 0; s < l; s++) {
      const i = order[s]!;
      const yi = y[i]!;
      const C = upper[i]!;
      let dot = w[n]! * o.bias;
      for (let k = indptr[i]!; k < indptr[i + 1]!; k++) dot += values[k]! * w[indices[k]!]!;
      const a = qd[i]!;
      const b = yi * dot;
      // Two coupled variables alpha[2i] + alpha[2i+1] = C: pick the one to move by the gradient sign.
      let ind1 = 2 * i;
      let ind2 = 2 * i + 1;
      let sign = 1;
      if (0.5 * a * (alpha[ind2]! - alpha[ind1]!) + b < 0) {
        ind1 = 2 * i + 1;
        ind2 = 2 * i;
        sign = -1;
      }
      const old = alpha[ind1]!;
      let z = old;
      if (C - z < 0.5 * C) z = 0.1 * z;
      let gp = a * (z - old) + sign * b + Math.log(z / (C - z));
      gmax = Math.max(gmax, Math.abs(gp));
      let inner = 0;
      while (inner <= maxInner) {
        if (Math.abs(gp) < innerEps) break;
        const gpp = a + C / (C - z) / z;
        const tmp = z - gp / gpp;
        z = tmp <= 0 ? z * 0.1 : tmp;
        gp = a * (z - old) + sign * b + Math.log(z / (C - z));
        newtonIters++;
        inner++;
      }
      if (inner > 0) {
        alpha[ind1] = z;
        alpha[ind2] = C - z;
        const d = sign * (z - old) * yi;
        for (let k = indptr[i]!; k < indptr[i + 1]!; k++) w[indices[k]!]! += d * values[k]!;
        w[n]! += d * o.bias;
      }
    }
    if (gmax < o.eps) break;
    if (newtonIters <= l / 10) innerEps = Math.max(innerEpsMin, 0.1 * innerEps);
  }
  return { weights: w, bias: o.bias };
}

/** Decision value wᵀx + b for row r. */
export function decision(model: BinaryModel, X: Csr, r: number): number {
  const w = model.weights;
  let s = w[w.length - 1]! * model.bias;
  for (let k = X.indptr[r]!; k < X.indptr[r + 1]!; k++) s += X.values[k]! * w[X.indices[k]!]!;
  return s;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
