/**
 * The official SemEval-2023 Task 3 measures, computed like the organisers' scorers
 * (scikit-learn `f1_score` with `zero_division=1` over a fixed label list):
 * subtask 1 macro-F1 over the three genres; subtasks 2 and 3 micro- and macro-F1 over
 * multi-label rows (subtask 3 rows are (id, line) pairs, paragraphs without technique included).
 */

export interface LabelScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Gold occurrences. */
  support: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores {
  microF1: number;
  macroF1: number;
  microPrecision: number;
  microRecall: number;
  perLabel: LabelScore[];
  /** Rows scored. */
  n: number;
}

// 0/0 counts as 1 (zero_division=1), so a label absent from both gold and predictions scores 1.
const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);
const f1Of = (tp: number, fp: number, fn: number): number => ratio(2 * tp, 2 * tp + fp + fn);

/**
 * Multi-label scores. `gold` and `pred` are aligned rows (same key order); labels outside
 * `labels` are an error, as in the official format checker.
 */
export function multiLabelScores(
  labels: readonly string[],
  gold: readonly (readonly string[])[],
  pred: readonly (readonly string[])[],
): Scores {
  if (gold.length !== pred.length)
    throw new Error(`gold has ${gold.length} rows, predictions ${pred.length}`);
  const index = new Map(labels.map((l, i) => [l, i]));
  const tp = new Float64Array(labels.length);
  const fp = new Float64Array(labels.length);
  const fn = new Float64Array(labels.length);
  const inGold = new Uint8Array(labels.length);
  for (let r = 0; r < gold.length; r++) {
    inGold.fill(0);
    for (const l of gold[r]!) {
      const i = index.get(l);
      if (i === undefined) throw new Error(`unknown gold label ${l}`);
      inGold[i] = 1;
    }
    const inPred = new Uint8Array(labels.length);
    for (const l of pred[r]!) {
      const i = index.get(l);
      if (i === undefined) throw new Error(`unknown predicted label ${l}`);
      inPred[i] = 1;
    }
    for (let i = 0; i < labels.length; i++) {
      if (inGold[i] && inPred[i]) tp[i]!++;
      else if (inPred[i]) fp[i]!++;
      else if (inGold[i]) fn[i]!++;
    }
  }
  let TP = 0;
  let FP = 0;
  let FN = 0;
  let macro = 0;
  const perLabel: LabelScore[] = labels.map((label, i) => {
    const t = tp[i]!;
    const p = fp[i]!;
    const n = fn[i]!;
    TP += t;
    FP += p;
    FN += n;
    const f1 = f1Of(t, p, n);
    macro += f1;
    return {
      label,
      precision: ratio(t, t + p),
      recall: ratio(t, t + n),
      f1,
      support: t + n,
      tp: t,
      fp: p,
      fn: n,
    };
  });
  return {
    microF1: f1Of(TP, FP, FN),
    macroF1: labels.length ? macro / labels.length : 0,
    microPrecision: ratio(TP, TP + FP),
    microRecall: ratio(TP, TP + FN),
    perLabel,
    n: gold.length,
  };
}

/** Single-label scores (subtask 1): each row has exactly one gold and one predicted label. */
export function singleLabelScores(
  labels: readonly string[],
  gold: readonly string[],
  pred: readonly string[],
): Scores {
  return multiLabelScores(
    labels,
    gold.map((g) => [g]),
    pred.map((p) => [p]),
  );
}

/** Keyed rows → aligned lists; every gold key must have a prediction (the scorer refuses otherwise). */
export function alignRows(
  gold: ReadonlyMap<string, readonly string[]>,
  pred: ReadonlyMap<string, readonly string[]>,
): { gold: (readonly string[])[]; pred: (readonly string[])[] } {
  if (gold.size !== pred.size) throw new Error(`expected ${gold.size} predictions, got ${pred.size}`);
  const g: (readonly string[])[] = [];
  const p: (readonly string[])[] = [];
  for (const [key, labels] of gold) {
    const predicted = pred.get(key);
    if (!predicted) throw new Error(`no prediction for ${key}`);
    g.push(labels);
    p.push(predicted);
  }
  return { gold: g, pred: p };
}
