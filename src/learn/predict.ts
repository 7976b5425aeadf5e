/**
 * Prediction with a loaded model: the same feature pieces as training (no train/serve skew), as
 * rows in the model's vocabulary (slots.ts), then one pass over each row's entries per head:
 * columns looked up, sublinear TF × IDF, per-block L2 norm and weight, and the int8 weights of all
 * labels accumulated at once. Scratch buffers are reused, so scoring allocates nothing per token.
 */
import type { Article } from '../article/article.ts';
import { calibrated } from './calibration.ts';
import type { Unit } from './featurize.ts';
import { sigmoid } from './logistic.ts';
import type { Head, HeadName, Model } from './model.ts';
import { type SlotRows, slotRows } from './slots.ts';

let scratchCols = new Int32Array(4096);
let scratchX = new Float64Array(4096);
let scratchBlock = new Uint8Array(4096);
/** Raw entry of each scratch entry (for evidence). */
let scratchEntry = new Int32Array(4096);
const norms = new Float64Array(16);
const blockScale = new Float64Array(16);
const acc = new Float64Array(64);

function ensureScratch(n: number): void {
  if (n <= scratchCols.length) return;
  const size = Math.max(n, scratchCols.length * 2);
  scratchCols = new Int32Array(size);
  scratchX = new Float64Array(size);
  scratchBlock = new Uint8Array(size);
  scratchEntry = new Int32Array(size);
}

/** 1 + ln(c) for the small integer counts that make up almost all entries. */
const SUBLINEAR = Float64Array.from({ length: 256 }, (_, c) => (c > 0 ? 1 + Math.log(c) : 0));

// The scratch buffers hold the weighted entries of this (plan, raw, row): evidence for several
// labels of one row reuses them.
let memoPlan: Plan | undefined;
let memoRaw: SlotRows | undefined;
let memoRow = -1;
let memoN = 0;

/** Per-block weighting as flat arrays (block objects and heads are slow to read in hot loops). */
interface Plan {
  colOf: Int32Array;
  idf: Float32Array;
  sublinear: Uint8Array;
  useIdf: Uint8Array;
  normalize: Uint8Array;
  weight: Float64Array;
  blocks: number;
}

const plans = new WeakMap<Head, Plan>();

function planOf(head: Head): Plan {
  let p = plans.get(head);
  if (!p) {
    const n = head.blocks.length;
    p = {
      colOf: head.colOf,
      idf: head.idf,
      sublinear: Uint8Array.from(head.blocks, (b) => (b.sublinear ? 1 : 0)),
      useIdf: Uint8Array.from(head.blocks, (b) => (b.idf ? 1 : 0)),
      normalize: Uint8Array.from(head.blocks, (b) => (b.normalize ? 1 : 0)),
      weight: Float64Array.from(head.blocks, (b) => b.weight),
      blocks: n,
    };
    plans.set(head, p);
  }
  return p;
}

/**
 * Weighted entries of row r (columns, values after block normalisation) into the scratch
 * buffers; returns how many.
 */
function weightedEntries(plan: Plan, raw: SlotRows, r: number): number {
  if (memoPlan === plan && memoRaw === raw && memoRow === r) return memoN;
  const from = raw.indptr[r]!;
  const to = raw.indptr[r + 1]!;
  ensureScratch(to - from);
  const { colOf, idf, sublinear, useIdf, blocks } = plan;
  const slot = raw.slot;
  const block = raw.block;
  const count = raw.count;
  const cols = scratchCols;
  const xs = scratchX;
  const bs = scratchBlock;
  const es = scratchEntry;
  norms.fill(0);
  let n = 0;
  for (let k = from; k < to; k++) {
    const col = colOf[slot[k]!]!;
    if (col < 0) continue;
    const bi = block[k]!;
    if (bi >= blocks) continue;
    const c = count[k]!;
    let x = c;
    if (sublinear[bi] === 1 && c > 0) x = c < 256 && (c | 0) === c ? SUBLINEAR[c]! : 1 + Math.log(c);
    if (useIdf[bi] === 1) x *= idf[col]!;
    cols[n] = col;
    xs[n] = x;
    bs[n] = bi;
    es[n] = k;
    norms[bi]! += x * x;
    n++;
  }
  for (let bi = 0; bi < blocks; bi++) {
    blockScale[bi] =
      plan.normalize[bi] === 1 && norms[bi]! > 0
        ? plan.weight[bi]! / Math.sqrt(norms[bi]!)
        : plan.weight[bi]!;
  }
  for (let t = 0; t < n; t++) xs[t] = xs[t]! * blockScale[bs[t]!]!;
  memoPlan = plan;
  memoRaw = raw;
  memoRow = r;
  memoN = n;
  return n;
}

/** Decision values (rows × labels) of every row of `raw`. */
export function decisionValues(head: Head, raw: SlotRows): Float64Array {
  const L = head.labels.length;
  const out = new Float64Array(raw.rows * L);
  const W = head.weights;
  const weighted = head.weighted;
  const scale = head.scale;
  const bias = head.bias;
  const plan = planOf(head);
  for (let r = 0; r < raw.rows; r++) {
    const n = weightedEntries(plan, raw, r);
    const cols = scratchCols;
    const xs = scratchX;
    acc.fill(0, 0, L);
    for (let t = 0; t < n; t++) {
      const col = cols[t]!;
      if (col >= weighted) continue;
      const x = xs[t]!;
      const base = col * L;
      for (let j = 0; j < L; j++) acc[j]! += x * W[base + j]!;
    }
    for (let j = 0; j < L; j++) out[r * L + j] = acc[j]! * scale[j]! + bias[j]!;
  }
  return out;
}

/** A raw feature's part in one label's decision value. */
export interface Contribution {
  /** Hashed feature index and block, to map the feature back to the text. */
  index: number;
  block: number;
  /** weight × value. */
  weight: number;
}

/** The `k` largest contributions to label `j` of row r in the direction `sign` (−1: against the label). */
export function topContributions(
  head: Head,
  raw: SlotRows,
  r: number,
  j: number,
  k: number,
  sign: 1 | -1 = 1,
): Contribution[] {
  const L = head.labels.length;
  // The k best so far, strongest first, ties by hashed index (insertion into a short list: most
  // entries fail the first test).
  const top: Contribution[] = [];
  const n = weightedEntries(planOf(head), raw, r);
  const weighted = head.weighted;
  const W = head.weights;
  const hashOf = head.vocab.hashOf;
  const s = sign * head.scale[j]!;
  const before = (w: number, index: number, c: Contribution) =>
    w > c.weight || (w === c.weight && index < c.index);
  for (let t = 0; t < n; t++) {
    const col = scratchCols[t]!;
    if (col >= weighted) continue;
    const w = s * scratchX[t]! * W[col * L + j]!;
    if (w <= 0 || (top.length >= k && w < top[top.length - 1]!.weight)) continue;
    const e = scratchEntry[t]!;
    const index = hashOf[raw.slot[e]!]!;
    if (top.length >= k && !before(w, index, top[top.length - 1]!)) continue;
    let at = top.length;
    while (at > 0 && before(w, index, top[at - 1]!)) at--;
    top.splice(at, 0, { index, block: raw.block[e]!, weight: w });
    if (top.length > k) top.pop();
  }
  return top;
}

/** Units of an article for a head: the article itself, or each of its paragraphs. */
export function unitsOf(article: Article, head: Head): Unit[] {
  if (head.unit === 'article') return [{ article }];
  return article.paragraphs.map((p) => ({ article, paragraph: p.index }));
}

/** Features of an article's units for a head, in the model's vocabulary. */
export function featuresOf(article: Article, head: Head): SlotRows {
  return slotRows(head.vocab, unitsOf(article, head), head.features);
}

/** Calibrated probability of label j from decision value z. */
export function probability(head: Head, j: number, z: number): number {
  return calibrated(head.labels[j]!.platt, z);
}

/** Genre probabilities (calibrated per class, normalised) and the decided class (σ(z) + offsets, argmax). */
export function genreOf(
  head: Head,
  z: ArrayLike<number>,
  row = 0,
): { probabilities: number[]; decided: number } {
  const L = head.labels.length;
  const p: number[] = [];
  let sum = 0;
  let decided = 0;
  let best = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < L; j++) {
    const zj = z[row * L + j]!;
    const pj = probability(head, j, zj);
    p.push(pj);
    sum += pj;
    const v = sigmoid(zj) + (head.offsets?.[j] ?? 0);
    if (v > best) {
      best = v;
      decided = j;
    }
  }
  return { probabilities: p.map((x) => (sum > 0 ? x / sum : 1 / L)), decided };
}

export type Mode = 'f1' | 'precision' | 'recall';

/**
 * In `recall` mode a label also needs this calibrated probability: F2-optimal cuts of rare labels
 * can sit so low that findings would be right less than one time in six.
 */
export const RECALL_FLOOR = 0.15;

/** Indexes of the labels of row `row` at or above their threshold in `mode`. */
export function positiveLabels(head: Head, z: ArrayLike<number>, row: number, mode: Mode): number[] {
  const L = head.labels.length;
  const out: number[] = [];
  for (let j = 0; j < L; j++) {
    const v = z[row * L + j]!;
    if (v < head.labels[j]!.thresholds[mode]) continue;
    if (mode === 'recall' && probability(head, j, v) < RECALL_FLOOR) continue;
    out.push(j);
  }
  return out;
}

/** Predicted SemEval labels of units (for `spinlens predict`): thresholds tuned for F1. */
export function predictLabels(model: Model, name: HeadName, units: readonly Unit[]): string[][] {
  const head = model.heads[name];
  const z = decisionValues(head, slotRows(head.vocab, units, head.features));
  const out: string[][] = [];
  for (let r = 0; r < units.length; r++) {
    if (name === 'genre') out.push([head.labels[genreOf(head, z, r).decided]!.label]);
    else out.push(positiveLabels(head, z, r, 'f1').map((j) => head.labels[j]!.label));
  }
  return out;
}

/** Opinion score (1 − P(reporting article)) of every paragraph of an article. */
export function opinionScores(model: Model, article: Article, raw?: SlotRows): number[] {
  const head = model.heads.opinion;
  const z = decisionValues(head, raw ?? featuresOf(article, head));
  return Array.from(z, (v) => 1 - sigmoid(v));
}
