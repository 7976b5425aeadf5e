/**
 * Calibration and operating points from out-of-fold decision values of the training data.
 * Platt scaling maps a decision value z to P(label | z) = σ(a·z + b), fitted by Newton's method
 * with backtracking on Platt's smoothed targets (Lin, Lin & Weng 2007), so among held-out
 * predictions scored about 0.7, about 70% are right. F-beta thresholds give the operating
 * points: β = 0.5 for the precision-first default, β = 2 for `--recall`.
 */
import { sigmoid } from './logistic.ts';

export interface Platt {
  a: number;
  b: number;
}

/** Never reached by a decision value: a label that should never fire. */
export const NEVER = 1e6;

export function calibrated(p: Platt, z: number): number {
  return sigmoid(p.a * z + p.b);
}

/** Fits σ(a·z + b) to 0/1 targets; with no positive (or no negative) row it returns a flat map. */
export function fitPlatt(z: ArrayLike<number>, y: ArrayLike<number>): Platt {
  const n = z.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const neg = n - pos;
  if (pos === 0 || neg === 0) return { a: 0, b: pos === 0 ? -10 : 10 };
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = Float64Array.from({ length: n }, (_, i) => (y[i]! > 0 ? hi : lo));
  let a = 0;
  let b = Math.log((neg + 1) / (pos + 1));
  // The objective in the stable form log(1 + e^f) − t·f, with f = a·z + b (ours has a positive slope).
  const loss = (A: number, B: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const f = A * z[i]! + B;
      s += (f >= 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f))) - t[i]! * f;
    }
    return s;
  };
  let value = loss(a, b);
  const sigma = 1e-12;
  for (let iter = 0; iter < 100; iter++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(a * z[i]! + b);
      const d1 = p - t[i]!;
      const d2 = p * (1 - p);
      h11 += z[i]! * z[i]! * d2;
      h22 += d2;
      h21 += z[i]! * d2;
      g1 += z[i]! * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * da + g2 * db;
    let step = 1;
    while (step >= 1e-10) {
      const next = loss(a + step * da, b + step * db);
      if (next < value + 1e-4 * step * gd) {
        a += step * da;
        b += step * db;
        value = next;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { a, b };
}

/**
 * The threshold on decision values that maximises F-beta of one label (predict z ≥ threshold).
 * With fewer than `minPositives` positives it returns `fallback`: a handful of rows cannot
 * place an operating point.
 */
export function fbetaThreshold(
  z: ArrayLike<number>,
  y: ArrayLike<number>,
  beta: number,
  fallback: number,
  minPositives = 3,
): number {
  const order = Array.from({ length: z.length }, (_, i) => i).sort((i, j) => z[j]! - z[i]! || i - j);
  let total = 0;
  for (let i = 0; i < z.length; i++) total += y[i]!;
  if (total < minPositives) return fallback;
  const b2 = beta * beta;
  let best = { threshold: NEVER, value: 0 };
  let tp = 0;
  for (let k = 0; k < order.length; k++) {
    tp += y[order[k]!]!;
    const here = z[order[k]!]!;
    const next = order[k + 1] === undefined ? undefined : z[order[k + 1]!]!;
    if (next !== undefined && next === here) continue;
    const fp = k + 1 - tp;
    const fn = total - tp;
    const value = ((1 + b2) * tp) / ((1 + b2) * tp + b2 * fn + fp);
    if (value > best.value) best = { threshold: next === undefined ? here - 1e-6 : (here + next) / 2, value };
  }
  return best.threshold;
}

/** Precision and recall of one label at a threshold on decision values. */
export function operatingPoint(
  z: ArrayLike<number>,
  y: ArrayLike<number>,
  threshold: number,
): { precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < z.length; i++) {
    const p = z[i]! >= threshold;
    if (p && y[i]) tp++;
    else if (p) fp++;
    else if (y[i]) fn++;
  }
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

export const logit = (p: number): number => Math.log(p / (1 - p));

/** Reliability bins of calibrated scores against 0/1 outcomes. */
export function reliability(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
): { from: number; rows: number; predicted: number; observed: number }[] {
  const rows = new Float64Array(10);
  const predicted = new Float64Array(10);
  const observed = new Float64Array(10);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(9, Math.floor(p[i]! * 10));
    rows[b]!++;
    predicted[b]! += p[i]!;
    observed[b]! += y[i]!;
  }
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return Array.from({ length: 10 }, (_, b) => ({
    from: b / 10,
    rows: rows[b]!,
    predicted: rows[b]! ? r4(predicted[b]! / rows[b]!) : 0,
    observed: rows[b]! ? r4(observed[b]! / rows[b]!) : 0,
  }));
}
