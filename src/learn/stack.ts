/**
 * Stacking: a second-level logistic model per label over the first-level label scores, so one
 * label's decision can use the others (label co-occurrence) and, for paragraphs, the scores of
 * the rest of the article (techniques cluster in articles) and of the neighbouring paragraphs.
 * Features are dense and few (5 × labels + a handful), so training is cheap.
 */
import { type BinaryModel, decision, sigmoid, trainLogistic } from './logistic.ts';
import { type ClassWeight, positiveWeight } from './multilabel.ts';
import type { Csr } from './sparse.ts';

export interface StackLayout {
  labels: number;
  /** Article number per row; rows of one article are contiguous and in paragraph order. */
  groupOf: Int32Array;
  /** Paragraph rows: add article mean/max and neighbour scores. */
  paragraphs: boolean;
  /** Language number per row and how many languages (one-hot bias per language when > 1). */
  langOf?: Int32Array;
  languages?: number;
}

/** Width of the stacking features of a layout. */
export function stackWidth(layout: StackLayout): number {
  const L = layout.labels;
  const langs = (layout.languages ?? 1) > 1 ? layout.languages! : 0;
  return (layout.paragraphs ? 5 * L + 2 : L) + langs;
}

/** Dense stacking features (as CSR) of every row, from first-level scores (rows × labels). */
export function stackFeatures(scores: Float32Array, layout: StackLayout): Csr {
  const L = layout.labels;
  const n = layout.groupOf.length;
  const width = stackWidth(layout);
  const values = new Float32Array(n * width);
  // Article spans: [start, end) of each row's article.
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  for (let r = 0; r < n; ) {
    let e = r + 1;
    while (e < n && layout.groupOf[e] === layout.groupOf[r]) e++;
    for (let q = r; q < e; q++) {
      start[q] = r;
      end[q] = e;
    }
    r = e;
  }
  for (let r = 0; r < n; r++) {
    const row = values.subarray(r * width, (r + 1) * width);
    for (let j = 0; j < L; j++) row[j] = scores[r * L + j]!;
    let at = L;
    if (layout.paragraphs) {
      const others = end[r]! - start[r]! - 1;
      for (let q = start[r]!; q < end[r]!; q++) {
        if (q === r) continue;
        for (let j = 0; j < L; j++) {
          const s = scores[q * L + j]!;
          row[at + j]! += s / others;
          if (s > row[at + L + j]!) row[at + L + j] = s;
        }
      }
      at += 2 * L;
      for (const [q, off] of [
        [r - 1, at],
        [r + 1, at + L],
      ] as const) {
        if (q < start[r]! || q >= end[r]!) continue;
        for (let j = 0; j < L; j++) row[off + j] = scores[q * L + j]!;
      }
      at += 2 * L;
      row[at] = r === start[r] ? 1 : 0;
      row[at + 1] = Math.min(others, 30) / 30;
      at += 2;
    }
    if (layout.langOf && (layout.languages ?? 1) > 1) row[at + layout.langOf[r]!] = 1;
  }
  const indptr = Int32Array.from({ length: n + 1 }, (_, r) => r * width);
  const indices = new Int32Array(n * width);
  for (let k = 0; k < indices.length; k++) indices[k] = k % width;
  return { rows: n, cols: width, indptr, indices, values };
}

/** The rows `rows` of a CSR matrix, as a new matrix. */
export function selectRows(X: Csr, rows: ArrayLike<number>): Csr {
  const indptr = new Int32Array(rows.length + 1);
  let nnz = 0;
  for (let t = 0; t < rows.length; t++) nnz += X.indptr[rows[t]! + 1]! - X.indptr[rows[t]!]!;
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  for (let t = 0; t < rows.length; t++) {
    const r = rows[t]!;
    for (let e = X.indptr[r]!; e < X.indptr[r + 1]!; e++) {
      indices[k] = X.indices[e]!;
      values[k] = X.values[e]!;
      k++;
    }
    indptr[t + 1] = k;
  }
  return { rows: rows.length, cols: X.cols, indptr, indices, values };
}

export interface StackConfig {
  c: number;
  classWeight: ClassWeight;
  seed: number;
}

export const DEFAULT_STACK: StackConfig = { c: 1, classWeight: 'sqrt', seed: 1 };

/** One second-level model per label, trained on the given rows of X (gold: all rows × labels). */
export function trainStack(
  X: Csr,
  gold: Uint8Array,
  labels: number,
  rows: Int32Array,
  config: StackConfig = DEFAULT_STACK,
): (BinaryModel | undefined)[] {
  const Xt = selectRows(X, rows);
  const y = new Int8Array(rows.length);
  const models: (BinaryModel | undefined)[] = [];
  for (let j = 0; j < labels; j++) {
    let pos = 0;
    rows.forEach((r, t) => {
      const g = gold[r * labels + j] === 1;
      y[t] = g ? 1 : -1;
      if (g) pos++;
    });
    models.push(
      pos === 0
        ? undefined
        : trainLogistic(Xt, y, {
            c: config.c,
            positiveWeight: positiveWeight(config.classWeight, pos, rows.length),
            seed: config.seed + j,
          }),
    );
  }
  return models;
}

/** Second-level probabilities of the given rows of X, written into `out` (all rows × labels). */
export function scoreStack(
  models: readonly (BinaryModel | undefined)[],
  X: Csr,
  rows: Int32Array,
  out: Float32Array,
): void {
  const L = models.length;
  const Xt = selectRows(X, rows);
  rows.forEach((r, t) => {
    for (let j = 0; j < L; j++) {
      const m = models[j];
      out[r * L + j] = m ? sigmoid(decision(m, Xt, t)) : 0;
    }
  });
}
