/**
 * Decision thresholds tuned on out-of-fold scores of the training data (never on held-out data).
 * Scores are flat row-major matrices: `scores[row * labels + label]`, gold the same shape (0/1).
 */

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const f1 = (c: Counts): number => (2 * c.tp + c.fp + c.fn === 0 ? 1 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn));

/** Candidate cut points of a score list: midpoints between distinct sorted values, plus both ends. */
function sweep(
  pairs: { s: number; g: number }[],
  totalGold: number,
  base: Counts,
  objective: (c: Counts) => number,
): { threshold: number; value: number } {
  pairs.sort((a, b) => b.s - a.s);
  // Predict nothing: threshold above every score.
  let best = {
    threshold: (pairs[0]?.s ?? 0.5) + 1e-6,
    value: objective({ ...base, fn: base.fn + totalGold }),
  };
  let tp = 0;
  for (let k = 0; k < pairs.length; k++) {
    tp += pairs[k]!.g;
    const next = pairs[k + 1]?.s;
    if (next !== undefined && next === pairs[k]!.s) continue;
    const c = { tp: base.tp + tp, fp: base.fp + (k + 1 - tp), fn: base.fn + totalGold - tp };
    const value = objective(c);
    if (value > best.value) {
      best = { threshold: next === undefined ? pairs[k]!.s - 1e-6 : (pairs[k]!.s + next) / 2, value };
    }
  }
  return best;
}

/** One threshold for all labels maximising micro-F1. */
export function tuneGlobalThreshold(scores: Float32Array, gold: Uint8Array): number {
  const pairs: { s: number; g: number }[] = [];
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    pairs.push({ s: scores[i]!, g: gold[i]! });
    total += gold[i]!;
  }
  return sweep(pairs, total, { tp: 0, fp: 0, fn: 0 }, f1).threshold;
}

/**
 * Per-label thresholds maximising micro-F1 by coordinate ascent from the best global threshold
 * (each label's cut moved while the others stay fixed, two rounds). `shrink` pulls each tuned
 * threshold towards the global one, which keeps rare labels from over-fitting a handful of rows.
 */
export function tunePerLabelThresholds(
  scores: Float32Array,
  gold: Uint8Array,
  labels: number,
  shrink = 0,
): Float32Array {
  const global = tuneGlobalThreshold(scores, gold);
  const t = new Float32Array(labels).fill(global);
  const rows = scores.length / labels;
  const countsOf = (j: number, th: number): Counts => {
    const c = { tp: 0, fp: 0, fn: 0 };
    for (let r = 0; r < rows; r++) {
      const p = scores[r * labels + j]! >= th;
      const g = gold[r * labels + j] === 1;
      if (p && g) c.tp++;
      else if (p) c.fp++;
      else if (g) c.fn++;
    }
    return c;
  };
  const per = Array.from({ length: labels }, (_, j) => countsOf(j, global));
  for (let round = 0; round < 2; round++) {
    for (let j = 0; j < labels; j++) {
      const rest = { tp: 0, fp: 0, fn: 0 };
      for (let k = 0; k < labels; k++) {
        if (k === j) continue;
        rest.tp += per[k]!.tp;
        rest.fp += per[k]!.fp;
        rest.fn += per[k]!.fn;
      }
      const pairs: { s: number; g: number }[] = [];
      let total = 0;
      for (let r = 0; r < rows; r++) {
        pairs.push({ s: scores[r * labels + j]!, g: gold[r * labels + j]! });
        total += gold[r * labels + j]!;
      }
      const best = sweep(pairs, total, rest, f1).threshold;
      t[j] = shrink * global + (1 - shrink) * best;
      per[j] = countsOf(j, t[j]!);
    }
  }
  return t;
}

/**
 * Additive offsets to class scores for single-label prediction (argmax of score + offset),
 * tuned by coordinate search to maximise macro-F1; the first class keeps offset 0.
 */
export function tuneClassOffsets(scores: Float32Array, gold: Int32Array, classes: number): Float32Array {
  const rows = gold.length;
  const offsets = new Float32Array(classes);
  const macro = (): number => {
    const tp = new Float64Array(classes);
    const fp = new Float64Array(classes);
    const fn = new Float64Array(classes);
    for (let r = 0; r < rows; r++) {
      const p = argmaxOffset(scores, r, classes, offsets);
      const g = gold[r]!;
      if (p === g) tp[p]!++;
      else {
        fp[p]!++;
        fn[g]!++;
      }
    }
    let s = 0;
    for (let c = 0; c < classes; c++) s += f1({ tp: tp[c]!, fp: fp[c]!, fn: fn[c]! });
    return s / classes;
  };
  let best = macro();
  for (let round = 0; round < 3; round++) {
    for (let c = 1; c < classes; c++) {
      let bestOffset = offsets[c]!;
      for (let step = -40; step <= 40; step++) {
        offsets[c] = step * 0.025;
        const v = macro();
        // Ties keep the offset closest to 0.
        if (
          v > best + 1e-12 ||
          (Math.abs(v - best) <= 1e-12 && Math.abs(offsets[c]!) < Math.abs(bestOffset))
        ) {
          best = v;
          bestOffset = offsets[c]!;
        }
      }
      offsets[c] = bestOffset;
    }
  }
  return offsets;
}

/**
 * Log-odds of probabilities, divided by `LOGIT_SCALE` so the offset grid of tuneClassOffsets
 * (±1 in steps of 0.025) spans ±10 log-odds in steps of 0.25. An offset in log-odds is a shift
 * of the class prior, which moves rare classes whose probabilities sit near 0 or 1 as far as
 * frequent ones (on the probability scale a step means much more near 0.5 than near 0).
 */
export const LOGIT_SCALE = 10;

export function logitScores(p: Float32Array): Float32Array {
  return Float32Array.from(p, (x) => {
    const q = Math.min(1 - 1e-6, Math.max(1e-6, x));
    return Math.log(q / (1 - q)) / LOGIT_SCALE;
  });
}

export function argmaxOffset(
  scores: Float32Array,
  row: number,
  classes: number,
  offsets: Float32Array,
): number {
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < classes; c++) {
    const v = scores[row * classes + c]! + offsets[c]!;
    if (v > bestValue) {
      bestValue = v;
      best = c;
    }
  }
  return best;
}
