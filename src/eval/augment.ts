/**
 * Research variants of the first-level CV models for subtask 3 (issue 3, accuracy):
 *   - span rows: each gold technique span of a *training* article becomes an extra training row
 *     (its word and char n-grams, optionally with its paragraph's other blocks), positive for every
 *     technique whose gold spans cover most of it, so the n-grams that carry a technique are not
 *     diluted by the rest of their paragraph. Held-out folds never contribute span rows, and span
 *     rows are never scored.
 *   - NB scaling (Wang & Manning 2012): each label's model sees the features scaled by their
 *     log-count ratio on the label's training rows.
 * Nested exactly like `firstLevel` in cross-validate.ts (5 outer models, 10 inner pair models).
 */
import type { Article, Paragraph } from '../article/article.ts';
import { sentences } from '../article/segment.ts';
import type { AugmentOptions } from '../learn/configs.ts';
import {
  addTextFeatures,
  fitVectorizer,
  type RawRows,
  RawRowsBuilder,
  transform,
} from '../learn/features.ts';
import { BLOCK, blockWeighting, type FeatureConfig } from '../learn/featurize.ts';
import { hashString } from '../learn/hash.ts';
import { type BinaryModel, decision, sigmoid, trainLogistic } from '../learn/logistic.ts';
import { type LearnConfig, positiveWeight } from '../learn/multilabel.ts';
import type { Csr } from '../learn/sparse.ts';
import { stemmerFor } from '../learn/stem.ts';
import { addStyleFeatures } from '../learn/style.ts';
import type { Oof, Pool } from './cross-validate.ts';

/** Extra training rows, with the pool row layout (gold rows × labels, language, fold). */
export interface ExtraRows {
  raw: RawRows;
  gold: Uint8Array;
  langOf: Int32Array;
  foldOf: Int32Array;
}

/**
 * The blocks a paragraph row has besides its own n-grams (title, neighbours, style of the span),
 * so span rows differ from paragraph rows only in their text, not in which blocks are present.
 */
function addContextBlocks(
  out: RawRowsBuilder,
  article: Article,
  para: Paragraph,
  from: number,
  to: number,
  c: FeatureConfig,
): void {
  const { text, paragraphs } = article;
  const stem = stemmerFor(article.language.code);
  const words = (block: number) => ({
    stem,
    wordBlock: block,
    charBlock: -1,
    charMin: 0,
    charMax: 0,
    bigrams: false,
  });
  const title = paragraphs[0];
  if (c.title && para.index > 0 && title)
    addTextFeatures(out, text, words(BLOCK.title), title.start, title.end);
  if (c.title && para.index === 0) out.add(BLOCK.title, hashString('is-title', BLOCK.title));
  if (c.neighbours) {
    for (const q of [paragraphs[para.index - 1], paragraphs[para.index + 1]]) {
      if (q && q.kind === 'body') addTextFeatures(out, text, words(BLOCK.neighbours), q.start, q.end);
    }
  }
  if (c.style)
    addStyleFeatures(out, BLOCK.style, text, [{ ...para, start: from, end: to }], article.language.code);
}

/** One row per gold span of the pool's languages (features: word 1-2-grams and char n-grams). */
export function spanRows(pool: Pool, learn: LearnConfig, opts: AugmentOptions): ExtraRows {
  const L = pool.labels.length;
  const index = new Map(pool.labels.map((l, j) => [l, j]));
  const cover = opts.spanCover ?? 0.5;
  const out = new RawRowsBuilder();
  const gold: number[] = [];
  const langOf: number[] = [];
  const foldOf: number[] = [];
  pool.tasks.forEach((task, li) => {
    const base = pool.offset[li]!;
    const foldOfArticle = new Map(task.articleIds.map((id, i) => [id, pool.foldOf[base + i]!]));
    const articleOf = new Map(task.units.map((u) => [u.article.id, u.article]));
    const byArticle = new Map<string, { technique: string; start: number; end: number }[]>();
    for (const s of task.spans ?? []) {
      const list = byArticle.get(s.id) ?? [];
      list.push(s);
      byArticle.set(s.id, list);
    }
    for (const [id, spans] of byArticle) {
      const article = articleOf.get(id);
      const fold = foldOfArticle.get(id);
      if (!article || fold === undefined) continue;
      const text = article.text;
      const stem = stemmerFor(article.language.code);
      const main = {
        stem,
        wordBlock: BLOCK.word,
        charBlock: BLOCK.char,
        charMin: learn.features.charMin,
        charMax: learn.features.charMax,
        bigrams: true,
      };
      for (const s of spans) {
        const start = Math.max(0, Math.min(s.start, text.length));
        const end = Math.max(start, Math.min(s.end, text.length));
        if (end - start < 2 || !index.has(s.technique)) continue;
        const para = article.paragraphs.find((p) => p.start <= start && start < p.end);
        addTextFeatures(out, text, main, start, end);
        if (opts.spanContextBlocks && para) addContextBlocks(out, article, para, start, end, learn.features);
        out.endRow();
        const row = new Array<number>(L).fill(0);
        for (const t of spans) {
          const j = index.get(t.technique);
          if (j === undefined) continue;
          const o = Math.min(end, t.end) - Math.max(start, t.start);
          if (t === s || o >= cover * (end - start)) row[j] = 1;
        }
        gold.push(...row);
        langOf.push(li);
        foldOf.push(fold);
      }
    }
  });
  return {
    raw: out.build(),
    gold: Uint8Array.from(gold),
    langOf: Int32Array.from(langOf),
    foldOf: Int32Array.from(foldOf),
  };
}

/** One row per sentence of each pool row's paragraph (like span rows), with the pool row it belongs to. */
export function sentenceRows(pool: Pool, learn: LearnConfig): { raw: RawRows; rowOf: Int32Array } {
  const out = new RawRowsBuilder();
  const rowOf: number[] = [];
  pool.units.forEach((u, r) => {
    const para = u.paragraph === undefined ? undefined : u.article.paragraphs[u.paragraph];
    if (!para) return;
    const { text } = u.article;
    const main = {
      stem: stemmerFor(u.article.language.code),
      wordBlock: BLOCK.word,
      charBlock: BLOCK.char,
      charMin: learn.features.charMin,
      charMax: learn.features.charMax,
      bigrams: true,
    };
    for (const s of sentences(text, para.start, para.end, u.article.language.code)) {
      addTextFeatures(out, text, main, s.start, s.end);
      addContextBlocks(out, u.article, para, s.start, s.end, learn.features);
      out.endRow();
      rowOf.push(r);
    }
  });
  return { raw: out.build(), rowOf: Int32Array.from(rowOf) };
}

/** Rows of `a` followed by rows of `b`. */
export function concatRaw(a: RawRows, b: RawRows): RawRows {
  const nnz = a.index.length;
  const indptr = new Int32Array(a.rows + b.rows + 1);
  indptr.set(a.indptr);
  for (let r = 1; r <= b.rows; r++) indptr[a.rows + r] = nnz + b.indptr[r]!;
  const cat = <T extends Int32Array | Float32Array | Uint8Array>(x: T, y: T, make: (n: number) => T): T => {
    const z = make(x.length + y.length);
    z.set(x);
    z.set(y, x.length);
    return z;
  };
  return {
    rows: a.rows + b.rows,
    indptr,
    index: cat(a.index, b.index, (n) => new Int32Array(n)),
    count: cat(a.count, b.count, (n) => new Float32Array(n)),
    block: cat(a.block, b.block, (n) => new Uint8Array(n)),
  };
}

/** Log-count ratio per column of binarised features (Wang & Manning 2012, alpha = 1). */
export function nbRatios(X: Csr, y: Int8Array): Float32Array {
  const p = new Float64Array(X.cols).fill(1);
  const q = new Float64Array(X.cols).fill(1);
  for (let i = 0; i < X.rows; i++) {
    const into = y[i]! > 0 ? p : q;
    for (let k = X.indptr[i]!; k < X.indptr[i + 1]!; k++) if (X.values[k]! !== 0) into[X.indices[k]!]!++;
  }
  let sp = 0;
  let sq = 0;
  for (let c = 0; c < X.cols; c++) {
    sp += p[c]!;
    sq += q[c]!;
  }
  const r = new Float32Array(X.cols);
  for (let c = 0; c < X.cols; c++) r[c] = Math.log(p[c]! / sp / (q[c]! / sq));
  return r;
}

function scaled(X: Csr, r: Float32Array): Csr {
  const values = new Float32Array(X.values.length);
  for (let k = 0; k < values.length; k++) values[k] = X.values[k]! * Math.abs(r[X.indices[k]!]!);
  return { ...X, values };
}

type Scorer = (test: Int32Array, from?: RawRows) => Float32Array;

/** One-vs-rest models on `rows` of `raw` (gold rows × labels), returning a scorer of other rows. */
function fitOvr(
  raw: RawRows,
  gold: Uint8Array,
  L: number,
  rows: Int32Array,
  learn: LearnConfig,
  opts: AugmentOptions,
): Scorer {
  const vectorizer = fitVectorizer(raw, rows, blockWeighting(learn.features), learn.minDf);
  const X = transform(vectorizer, raw, rows);
  const y = new Int8Array(rows.length);
  const models: ({ model: BinaryModel; ratios: Float32Array | undefined } | undefined)[] = [];
  for (let j = 0; j < L; j++) {
    let pos = 0;
    for (let t = 0; t < rows.length; t++) {
      const g = gold[rows[t]! * L + j] === 1;
      y[t] = g ? 1 : -1;
      if (g) pos++;
    }
    if (pos === 0) {
      models.push(undefined);
      continue;
    }
    const ratios = opts.nb ? nbRatios(X, y) : undefined;
    const model = trainLogistic(ratios ? scaled(X, ratios) : X, y, {
      c: learn.c,
      positiveWeight: positiveWeight(learn.classWeight, pos, rows.length),
      seed: learn.seed + j,
    });
    models.push({ model, ratios });
  }
  return (test, from = raw) => {
    const Xt = transform(vectorizer, from, test);
    const out = new Float32Array(test.length * L);
    models.forEach((m, j) => {
      if (!m) return;
      const Xs = m.ratios ? scaled(Xt, m.ratios) : Xt;
      for (let r = 0; r < test.length; r++) out[r * L + j] = sigmoid(decision(m.model, Xs, r));
    });
    return out;
  };
}

/**
 * `firstLevel` with the augmentation options: pool rows of `scope` are trained and scored as
 * usual; extra rows (spans) of the same languages join the training rows of the folds they
 * belong to and are never scored.
 */
export function augmentedFirstLevel(
  pool: Pool,
  raw: RawRows,
  learn: LearnConfig,
  scope: Uint8Array,
  opts: AugmentOptions,
  k = 5,
): Oof {
  const t0 = performance.now();
  const L = pool.labels.length;
  const n = pool.units.length;
  const extra = opts.spans ? spanRows(pool, learn, opts) : undefined;
  const all = extra ? concatRaw(raw, extra.raw) : raw;
  const gold = extra ? new Uint8Array((n + extra.raw.rows) * L) : pool.gold;
  if (extra) {
    gold.set(pool.gold);
    gold.set(extra.gold, n * L);
  }
  const trainRows = (held: (f: number) => boolean): Int32Array => {
    const out: number[] = [];
    for (let r = 0; r < n; r++) if (scope[r] === 1 && !held(pool.foldOf[r]!)) out.push(r);
    if (extra) {
      for (let e = 0; e < extra.raw.rows; e++) {
        if (scope[pool.offset[extra.langOf[e]!]!] === 1 && !held(extra.foldOf[e]!)) out.push(n + e);
      }
    }
    return Int32Array.from(out);
  };
  const sents = opts.sentenceWeight ? sentenceRows(pool, learn) : undefined;
  const sentencesOf = new Map<number, number[]>();
  sents?.rowOf.forEach((r, i) => {
    const list = sentencesOf.get(r) ?? [];
    list.push(i);
    sentencesOf.set(r, list);
  });
  // Paragraph score blended with the highest score of its sentences (a technique usually sits in one).
  const pooled = (score: Scorer, rows: Int32Array): Float32Array => {
    const p = score(rows);
    if (!sents) return p;
    const w = opts.sentenceWeight ?? 0;
    const ids = Int32Array.from([...rows].flatMap((r) => sentencesOf.get(r) ?? []));
    const s = score(ids, sents.raw);
    const best = new Float32Array(rows.length * L);
    const at = new Map<number, number>();
    rows.forEach((r, i) => {
      at.set(r, i);
    });
    ids.forEach((id, k) => {
      const i = at.get(sents.rowOf[id]!)!;
      for (let j = 0; j < L; j++) best[i * L + j] = Math.max(best[i * L + j]!, s[k * L + j]!);
    });
    rows.forEach((r, i) => {
      if (!sentencesOf.has(r)) return;
      for (let j = 0; j < L; j++) p[i * L + j] = (1 - w) * p[i * L + j]! + w * best[i * L + j]!;
    });
    return p;
  };
  const testRows = (f: number): Int32Array => {
    const out: number[] = [];
    for (let r = 0; r < n; r++) if (scope[r] === 1 && pool.foldOf[r] === f) out.push(r);
    return Int32Array.from(out);
  };
  const write = (dst: Float32Array, rows: Int32Array, src: Float32Array): void => {
    rows.forEach((r, i) => {
      dst.set(src.subarray(i * L, (i + 1) * L), r * L);
    });
  };
  const inner = Array.from({ length: k }, () => new Float32Array(n * L));
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const score = fitOvr(
        all,
        gold,
        L,
        trainRows((f) => f === a || f === b),
        learn,
        opts,
      );
      const ra = testRows(a);
      const rb = testRows(b);
      write(inner[b]!, ra, pooled(score, ra));
      write(inner[a]!, rb, pooled(score, rb));
    }
  }
  const outer = new Float32Array(n * L);
  for (let f = 0; f < k; f++) {
    const score = fitOvr(
      all,
      gold,
      L,
      trainRows((x) => x === f),
      learn,
      opts,
    );
    const rows = testRows(f);
    write(outer, rows, pooled(score, rows));
  }
  return { outer, inner, seconds: (performance.now() - t0) / 1000 };
}
