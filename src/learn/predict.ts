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
import type { Head, HeadName, Model, Vocabulary } from './model.ts';
import { type SlotRows, slotRows } from './slots.ts';
import { logitScores } from './thresholds.ts';

const norms = new Float64Array(16);
const blockScale = new Float64Array(16);

/** 1 + ln(c) for the small integer counts that make up almost all entries. */
const SUBLINEAR = Float64Array.from({ length: 256 }, (_, c) => (c > 0 ? 1 + Math.log(c) : 0));

/**
 * The tables of all heads of a model indexed by its slots rather than by each head's columns,
 * built on first use: one record per slot (one 64-byte cache line for the shipped models) with
 * the feature's hashed index, each head's IDF (−1 when the head does not use the feature) and
 * each head's weights for every label (zero for columns without weights). The heads of an article
 * read mostly the same slots, so a slot costs one cache miss for all of them instead of a chain
 * of three per head (slot → column → IDF, weights).
 */
interface Table {
  /** Bytes per record (a power of two, so a record never straddles two cache lines). */
  stride: number;
  /** Record u starts at u * stride bytes: hashed index (i32 0), IDF of head h (f32 1 + h). */
  i32: Int32Array;
  f32: Float32Array;
  /** Weights of head h, label j: byte u * stride + weightsAt[h] + j. */
  i8: Int8Array;
  weightsAt: number[];
}

const tables = new WeakMap<Vocabulary, Table>();

function tableOf(vocab: Vocabulary): Table {
  let t = tables.get(vocab);
  if (t) return t;
  const heads = vocab.heads;
  const weightsAt: number[] = [];
  let bytes = 4 + 4 * heads.length;
  for (const h of heads) {
    weightsAt.push(bytes);
    bytes += h.labels.length;
  }
  let stride = 8;
  while (stride < bytes) stride *= 2;
  const slots = vocab.hashOf.length;
  const buffer = new ArrayBuffer(slots * stride);
  t = {
    stride,
    i32: new Int32Array(buffer),
    f32: new Float32Array(buffer),
    i8: new Int8Array(buffer),
    weightsAt,
  };
  const q = stride / 4;
  for (let u = 0; u < slots; u++) t.i32[u * q] = vocab.hashOf[u]!;
  heads.forEach((head, h) => {
    const L = head.labels.length;
    for (let u = 0; u < slots; u++) {
      const col = head.colOf[u]!;
      t!.f32[u * q + 1 + h] = col < 0 ? -1 : head.idf[col]!;
      if (col >= 0 && col < head.weighted) {
        t!.i8.set(head.weights.subarray(col * L, col * L + L), u * stride + weightsAt[h]!);
      }
    }
  });
  tables.set(vocab, t);
  return t;
}

/** One head's view of its model's table, and its block weighting as flat arrays. */
interface Plan {
  labels: number;
  stride: number;
  i32: Int32Array;
  f32: Float32Array;
  i8: Int8Array;
  /** The head's IDF in a record: f32[u * stride / 4 + idfAt]. */
  idfAt: number;
  /** The head's weights in a record: i8[u * stride + weightsAt + j]. */
  weightsAt: number;
  sublinear: Uint8Array;
  useIdf: Uint8Array;
  normalize: Uint8Array;
  weight: Float64Array;
  blocks: number;
  scale: Float32Array;
  bias: Float32Array;
}

const plans = new WeakMap<Head, Plan>();

function planOf(head: Head): Plan {
  let p = plans.get(head);
  if (!p) {
    const h = head.vocab.heads.indexOf(head);
    if (h < 0) throw new Error(`head ${head.name} is not among its vocabulary's heads`);
    const t = tableOf(head.vocab);
    p = {
      labels: head.labels.length,
      stride: t.stride,
      i32: t.i32,
      f32: t.f32,
      i8: t.i8,
      idfAt: 1 + h,
      weightsAt: t.weightsAt[h]!,
      sublinear: Uint8Array.from(head.blocks, (b) => (b.sublinear ? 1 : 0)),
      useIdf: Uint8Array.from(head.blocks, (b) => (b.idf ? 1 : 0)),
      normalize: Uint8Array.from(head.blocks, (b) => (b.normalize ? 1 : 0)),
      weight: Float64Array.from(head.blocks, (b) => b.weight),
      blocks: head.blocks.length,
      scale: head.scale,
      bias: head.bias,
    };
    plans.set(head, p);
  }
  return p;
}

/** A head's scores of some rows, kept with the rows for evidence. */
interface RowScores {
  /** Decision values, rows × labels. */
  z: Float64Array;
  /** Weighted value of each entry (sublinear TF × IDF, block-normalised, block weight); 0 when unused. */
  x: Float64Array;
  /** Offset of each used entry's weights in the plan's records (weights[offset + j]). */
  offset: Int32Array;
}

/** One row's used entries (weighted values, record offsets), reused across rows. */
let scratchX = new Float64Array(4096);
let scratchOff = new Int32Array(4096);

/** The selection of topContributions. */
let topWeight = new Float64Array(32);
let topIndex = new Int32Array(32);
let topEntry = new Int32Array(32);

const scoresCache = new WeakMap<SlotRows, Map<Plan, RowScores>>();

/** Scores of every row of `raw`, computed once per rows and head. */
function scoresOf(plan: Plan, raw: SlotRows): RowScores {
  let byPlan = scoresCache.get(raw);
  if (!byPlan) {
    byPlan = new Map();
    scoresCache.set(raw, byPlan);
  }
  let scores = byPlan.get(plan);
  if (scores) return scores;
  const L = plan.labels;
  const n = raw.slot.length;
  const xs = new Float64Array(n);
  const offs = new Int32Array(n);
  if (scratchX.length < n) {
    scratchX = new Float64Array(2 * n);
    scratchOff = new Int32Array(2 * n);
  }
  const z = new Float64Array(raw.rows * L);
  const { f32, i8: W, sublinear, useIdf, blocks, stride, idfAt, weightsAt } = plan;
  const q = stride / 4;
  const { slot, block, count, indptr } = raw;
  const scale = plan.scale;
  const bias = plan.bias;
  for (let r = 0; r < raw.rows; r++) {
    const from = indptr[r]!;
    const to = indptr[r + 1]!;
    norms.fill(0);
    // The records' IDFs first, in a loop without branches, so their cache misses overlap.
    const fs = scratchX;
    for (let k = from; k < to; k++) fs[k - from] = f32[slot[k]! * q + idfAt]!;
    for (let k = from; k < to; k++) {
      const f = fs[k - from]!;
      if (f < 0) continue;
      const bi = block[k]!;
      if (bi >= blocks) continue;
      const c = count[k]!;
      let x = c;
      if (sublinear[bi] === 1 && c > 0) x = c < 256 && (c | 0) === c ? SUBLINEAR[c]! : 1 + Math.log(c);
      if (useIdf[bi] === 1) x *= f;
      xs[k] = x;
      norms[bi]! += x * x;
    }
    for (let bi = 0; bi < blocks; bi++) {
      blockScale[bi] =
        plan.normalize[bi] === 1 && norms[bi]! > 0
          ? plan.weight[bi]! / Math.sqrt(norms[bi]!)
          : plan.weight[bi]!;
    }
    // The row's used entries, weighted, with their records' offsets.
    let m = 0;
    const rowX = scratchX;
    const rowOff = scratchOff;
    for (let k = from; k < to; k++) {
      if (xs[k] === 0) continue;
      const x = xs[k]! * blockScale[block[k]!]!;
      xs[k] = x;
      offs[k] = slot[k]! * stride + weightsAt;
      rowX[m] = x;
      rowOff[m] = offs[k]!;
      m++;
    }
    rowDot(W, rowX, rowOff, m, L, scale, bias, z, r * L);
  }
  scores = { z, x: xs, offset: offs };
  byPlan.set(plan, scores);
  return scores;
}

/**
 * z[out + j] = scale[j]·Σ x[t]·W[off[t] + j] + bias[j] for the m used entries of a row: one pass
 * per four labels with the sums in locals (each label still adds its entries in row order).
 */
function rowDot(
  W: Int8Array,
  x: Float64Array,
  off: Int32Array,
  m: number,
  L: number,
  scale: Float32Array,
  bias: Float32Array,
  z: Float64Array,
  out: number,
): void {
  let j = 0;
  for (; j + 4 <= L; j += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < m; t++) {
      const v = x[t]!;
      const o = off[t]! + j;
      s0 += v * W[o]!;
      s1 += v * W[o + 1]!;
      s2 += v * W[o + 2]!;
      s3 += v * W[o + 3]!;
    }
    z[out + j] = s0 * scale[j]! + bias[j]!;
    z[out + j + 1] = s1 * scale[j + 1]! + bias[j + 1]!;
    z[out + j + 2] = s2 * scale[j + 2]! + bias[j + 2]!;
    z[out + j + 3] = s3 * scale[j + 3]! + bias[j + 3]!;
  }
  for (; j < L; j++) {
    let s0 = 0;
    for (let t = 0; t < m; t++) s0 += x[t]! * W[off[t]! + j]!;
    z[out + j] = s0 * scale[j]! + bias[j]!;
  }
}

/** Decision values (rows × labels) of every row of `raw` (computed once; do not modify). */
export function decisionValues(head: Head, raw: SlotRows): Float64Array {
  return scoresOf(planOf(head), raw).z;
}

/** A raw feature's part in one label's decision value. */
export interface Contribution {
  /** Hashed feature index and block, to map the feature back to the text. */
  index: number;
  block: number;
  /** weight × value. */
  weight: number;
  /** First place of the feature in the article (start −1: none) and its char n-gram edges. */
  start: number;
  end: number;
  edges: number;
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
  return topContributionsOf(head, raw, r, [j], k, sign)[0]!;
}

/**
 * topContributions for several labels of one row in one pass over its entries: each entry's
 * weights for all labels sit in one record, read once for all of them.
 */
export function topContributionsOf(
  head: Head,
  raw: SlotRows,
  r: number,
  labels: readonly number[],
  k: number,
  sign: 1 | -1 = 1,
): Contribution[][] {
  const plan = planOf(head);
  const { x: xs, offset } = scoresOf(plan, raw);
  const W = plan.i8;
  const hashes = plan.i32;
  const q = plan.stride / 4;
  const slot = raw.slot;
  const P = labels.length;
  const size = P * (k + 1);
  if (topWeight.length < size) {
    topWeight = new Float64Array(size);
    topIndex = new Int32Array(size);
    topEntry = new Int32Array(size);
  }
  const signed = labels.map((j) => sign * head.scale[j]!);
  const filled = new Int32Array(P);
  // Per label, the k best so far in typed arrays (label p at p·(k + 1)), strongest first, ties
  // by hashed index (insertion into a short sorted list: once it is full, most entries fail the
  // first test).
  const to = raw.indptr[r + 1]!;
  for (let e = raw.indptr[r]!; e < to; e++) {
    const x = xs[e]!;
    if (x === 0) continue;
    const o = offset[e]!;
    let index = -1;
    for (let p = 0; p < P; p++) {
      const w = signed[p]! * x * W[o + labels[p]!]!;
      const n = filled[p]!;
      const base = p * (k + 1);
      if (w <= 0 || (n >= k && w < topWeight[base + n - 1]!)) continue;
      if (index < 0) index = hashes[slot[e]! * q]!;
      let at = n;
      while (
        at > 0 &&
        (w > topWeight[base + at - 1]! ||
          (w === topWeight[base + at - 1]! && index < topIndex[base + at - 1]!))
      ) {
        at--;
      }
      if (at >= k) continue;
      for (let t = base + (n < k ? n : k - 1); t > base + at; t--) {
        topWeight[t] = topWeight[t - 1]!;
        topIndex[t] = topIndex[t - 1]!;
        topEntry[t] = topEntry[t - 1]!;
      }
      topWeight[base + at] = w;
      topIndex[base + at] = index;
      topEntry[base + at] = e;
      if (n < k) filled[p] = n + 1;
    }
  }
  return labels.map((_, p) => {
    const top: Contribution[] = [];
    const base = p * (k + 1);
    for (let t = base; t < base + filled[p]!; t++) {
      const e = topEntry[t]!;
      top.push({
        index: topIndex[t]!,
        block: raw.block[e]!,
        weight: topWeight[t]!,
        start: raw.start[e]!,
        end: raw.end[e]!,
        edges: raw.edges[e]!,
      });
    }
    return top;
  });
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

/**
 * The scale the genre offsets were tuned on: σ(z) (`offsets`), or the log-odds z clamped and
 * divided by LOGIT_SCALE (`logit-offsets`), exactly as `logitScores` maps the training scores.
 */
function genreScale(head: Head, z: number): number {
  if (head.decision !== 'logit-offsets') return sigmoid(z);
  return logitScores(Float32Array.of(sigmoid(z)))[0]!;
}

/** Genre probabilities (calibrated per class, normalised) and the decided class (scaled z + offsets, argmax). */
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
    const v = genreScale(head, zj) + (head.offsets?.[j] ?? 0);
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
