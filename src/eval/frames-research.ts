/**
 * Subtask 2 (frames) research driver: computes the nested out-of-fold scores of candidate
 * configurations per language (cached under a scratch folder), then scores decision rules and
 * blends on them exactly as `npm run eval` does (decisions tuned on inner scores only).
 *
 *   node --import tsx src/eval/frames-research.ts --variants style-c4,c4 [--cache /tmp/frames-oof]
 *     [--rules s02,fill] [--blends 'c4+nb;c4+multi-c4'] [--select style-c4,c2,c4,c8]
 *
 * Variants are first-level configurations (VARIANTS, KNN, and `mil-mean`/`mil-max`); rules are
 * decision rules (RULES); a blend is the mean of variants' scores; `--select` picks a variant per
 * language and outer fold on the inner scores. All six languages are always computed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Experiment, experimentByName, withFeatures } from '../learn/configs.ts';
import { fitVectorizer, type RawRows, transform } from '../learn/features.ts';
import { blockWeighting, featurize, type Unit } from '../learn/featurize.ts';
import { DATA_LANGUAGES } from '../learn/labels.ts';
import { type LearnConfig, scoreOvr, trainOvr } from '../learn/multilabel.ts';
import { tunePerLabelThresholds } from '../learn/thresholds.ts';
import {
  averaged,
  buildPool,
  foldRows,
  innerRows,
  type Oof,
  type Pool,
  Runner,
  scoreLanguage,
} from './cross-validate.ts';
import { loadDataset } from './dataset.ts';
import { buildTask } from './tasks.ts';

const STYLE_C4 = experimentByName('style-c4');
const F = STYLE_C4.learn.features;

/** Candidate first-level configurations (per language). */
const VARIANTS: Record<string, Experiment> = {
  'style-c4': STYLE_C4,
  c05: { ...STYLE_C4, name: 'c05', learn: { ...STYLE_C4.learn, c: 0.5 } },
  c2: { ...STYLE_C4, name: 'c2', learn: { ...STYLE_C4.learn, c: 2 } },
  c4: { ...STYLE_C4, name: 'c4', learn: { ...STYLE_C4.learn, c: 4 } },
  c8: { ...STYLE_C4, name: 'c8', learn: { ...STYLE_C4.learn, c: 8 } },
  balanced: { ...STYLE_C4, name: 'balanced', learn: { ...STYLE_C4.learn, classWeight: 'balanced' } },
  title1: {
    ...STYLE_C4,
    name: 'title1',
    learn: { ...STYLE_C4.learn, features: { ...F, weights: { ...F.weights, title: 1 } } },
  },
  genre: {
    ...STYLE_C4,
    name: 'genre',
    learn: { ...STYLE_C4.learn, features: { ...F, genre: true } },
  },
  char05: {
    ...STYLE_C4,
    name: 'char05',
    learn: { ...STYLE_C4.learn, features: { ...F, weights: { ...F.weights, char: 0.5 } } },
  },
  c25: {
    ...STYLE_C4,
    name: 'c25',
    learn: { ...STYLE_C4.learn, features: withFeatures({ title: true, neighbours: true, style: true }) },
  },
  weights: experimentByName('weights'),
  'weights-c4': experimentByName('weights-c4'),
  baseline: experimentByName('baseline'),
  multi: experimentByName('multi'),
  'multi-c4': {
    ...experimentByName('multi'),
    name: 'multi-c4',
    learn: { ...STYLE_C4.learn, features: { ...F, language: true } },
  },
  'multi-tagged': experimentByName('multi-tagged'),
  nb: { ...STYLE_C4, name: 'nb', augment: { nb: true } },
  'nb-c4': { ...STYLE_C4, name: 'nb-c4', learn: { ...STYLE_C4.learn, c: 4 }, augment: { nb: true } },
  'nb-c025': { ...STYLE_C4, name: 'nb-c025', learn: { ...STYLE_C4.learn, c: 0.25 }, augment: { nb: true } },
  mindf1: { ...STYLE_C4, name: 'mindf1', learn: { ...STYLE_C4.learn, c: 4, minDf: 1 } },
  mindf3: { ...STYLE_C4, name: 'mindf3', learn: { ...STYLE_C4.learn, c: 4, minDf: 3 } },
  'c4-bal': { ...STYLE_C4, name: 'c4-bal', learn: { ...STYLE_C4.learn, c: 4, classWeight: 'balanced' } },
  'c4-char2': {
    ...STYLE_C4,
    name: 'c4-char2',
    learn: { ...STYLE_C4.learn, c: 4, features: { ...F, weights: { ...F.weights, char: 2 } } },
  },
  'c4-style1': {
    ...STYLE_C4,
    name: 'c4-style1',
    learn: { ...STYLE_C4.learn, c: 4, features: { ...F, weights: { ...F.weights, style: 1 } } },
  },
  'c4-notitle': {
    ...STYLE_C4,
    name: 'c4-notitle',
    learn: { ...STYLE_C4.learn, c: 4, features: { ...F, title: false } },
  },
  'c4-none': { ...STYLE_C4, name: 'c4-none', learn: { ...STYLE_C4.learn, c: 4, classWeight: 'none' } },
};

/**
 * k-nearest-neighbour scores: cosine similarity of TF-IDF rows (vectorizer fitted on the
 * training rows), label score = similarity-weighted share of the k nearest training articles.
 */
function knnLevel(
  pool: Pool,
  raw: RawRows,
  learn: LearnConfig,
  lang: number,
  kNear: number,
  power: number,
): Oof {
  const L = pool.labels.length;
  const n = pool.units.length;
  const k = 5;
  const inLang = (r: number) => pool.langOf[r] === lang;
  const rowsWhere = (pred: (f: number) => boolean) =>
    Int32Array.from([...pool.foldOf.keys()].filter((r) => inLang(r) && pred(pool.foldOf[r]!)));
  const score = (train: Int32Array, test: Int32Array): Float32Array => {
    const v = fitVectorizer(raw, train, blockWeighting(learn.features), learn.minDf);
    const Xtr = transform(v, raw, train);
    const Xte = transform(v, raw, test);
    const trNorm = Float64Array.from({ length: train.length }, (_, i) => {
      let s2 = 0;
      for (let q = Xtr.indptr[i]!; q < Xtr.indptr[i + 1]!; q++) s2 += Xtr.values[q]! ** 2;
      return Math.sqrt(s2) || 1;
    });
    const out = new Float32Array(test.length * L);
    const row = new Float64Array(v.hashOf.length);
    const sims = new Float64Array(train.length);
    for (let t = 0; t < test.length; t++) {
      let norm = 0;
      for (let q = Xte.indptr[t]!; q < Xte.indptr[t + 1]!; q++) norm += Xte.values[q]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let q = Xte.indptr[t]!; q < Xte.indptr[t + 1]!; q++) row[Xte.indices[q]!] = Xte.values[q]! / norm;
      for (let i = 0; i < train.length; i++) {
        let d = 0;
        for (let q = Xtr.indptr[i]!; q < Xtr.indptr[i + 1]!; q++) d += row[Xtr.indices[q]!]! * Xtr.values[q]!;
        sims[i] = d / trNorm[i]!;
      }
      for (let q = Xte.indptr[t]!; q < Xte.indptr[t + 1]!; q++) row[Xte.indices[q]!] = 0;
      const order = [...sims.keys()].sort((a, b) => sims[b]! - sims[a]!).slice(0, kNear);
      let total = 0;
      for (const i of order) {
        const w = Math.max(sims[i]!, 0) ** power;
        total += w;
        for (let j = 0; j < L; j++) out[t * L + j]! += w * pool.gold[train[i]! * L + j]!;
      }
      for (let j = 0; j < L; j++) out[t * L + j] = total > 0 ? out[t * L + j]! / total : 0;
    }
    return out;
  };
  const write = (dst: Float32Array, rows: Int32Array, src: Float32Array) =>
    rows.forEach((r, i) => {
      dst.set(src.subarray(i * L, (i + 1) * L), r * L);
    });
  const inner = Array.from({ length: k }, () => new Float32Array(n * L));
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++) {
      const train = rowsWhere((f) => f !== a && f !== b);
      const ra = rowsWhere((f) => f === a);
      const rb = rowsWhere((f) => f === b);
      write(inner[b]!, ra, score(train, ra));
      write(inner[a]!, rb, score(train, rb));
    }
  const outer = new Float32Array(n * L);
  for (let f = 0; f < k; f++) {
    const test = rowsWhere((x) => x === f);
    write(
      outer,
      test,
      score(
        rowsWhere((x) => x !== f),
        test,
      ),
    );
  }
  return { outer, inner, seconds: 0 };
}

/**
 * Multi-instance scores: every paragraph of a training article is a row carrying the article's
 * frames; an article's score per label is the mean (and, separately, the max) of its paragraphs'.
 */
function milLevel(pool: Pool, learn: LearnConfig, lang: number): { mean: Oof; max: Oof } {
  const L = pool.labels.length;
  const n = pool.units.length;
  const k = 5;
  const units: Unit[] = [];
  const parent: number[] = [];
  for (let r = 0; r < n; r++) {
    if (pool.langOf[r] !== lang) continue;
    const a = pool.units[r]!.article;
    a.paragraphs.forEach((p, i) => {
      if (p.text.trim() === '') return;
      units.push({ article: a, paragraph: i });
      parent.push(r);
    });
  }
  const raw = featurize(units, learn.features);
  const gold = new Uint8Array(units.length * L);
  parent.forEach((r, i) => {
    gold.set(pool.gold.subarray(r * L, (r + 1) * L), i * L);
  });
  const rowsWhere = (pred: (f: number) => boolean) =>
    Int32Array.from([...parent.keys()].filter((i) => pred(pool.foldOf[parent[i]!]!)));
  const score = (train: Int32Array, test: Int32Array, mean: Float32Array, max: Float32Array) => {
    const m = trainOvr(raw, gold, L, train, learn);
    const s = scoreOvr(m, raw, test);
    const count = new Map<number, number>();
    test.forEach((i) => {
      count.set(parent[i]!, (count.get(parent[i]!) ?? 0) + 1);
    });
    for (const r of count.keys())
      for (let j = 0; j < L; j++) {
        mean[r * L + j] = 0;
        max[r * L + j] = 0;
      }
    test.forEach((i, t) => {
      const r = parent[i]!;
      for (let j = 0; j < L; j++) {
        mean[r * L + j]! += s[t * L + j]! / count.get(r)!;
        max[r * L + j] = Math.max(max[r * L + j]!, s[t * L + j]!);
      }
    });
  };
  const mk = (): Oof => ({
    outer: new Float32Array(n * L),
    inner: Array.from({ length: k }, () => new Float32Array(n * L)),
    seconds: 0,
  });
  const mean = mk();
  const max = mk();
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++) {
      const train = rowsWhere((f) => f !== a && f !== b);
      score(
        train,
        rowsWhere((f) => f === a),
        mean.inner[b]!,
        max.inner[b]!,
      );
      score(
        train,
        rowsWhere((f) => f === b),
        mean.inner[a]!,
        max.inner[a]!,
      );
    }
  for (let f = 0; f < k; f++)
    score(
      rowsWhere((x) => x !== f),
      rowsWhere((x) => x === f),
      mean.outer,
      max.outer,
    );
  return { mean, max };
}

const MIL_LEARN: LearnConfig = {
  ...STYLE_C4.learn,
  features: { ...F, neighbours: false, style: false },
};

const KNN: Record<string, { k: number; power: number; learn: LearnConfig }> = {
  knn10: { k: 10, power: 1, learn: STYLE_C4.learn },
  knn20: { k: 20, power: 2, learn: STYLE_C4.learn },
  knn40: { k: 40, power: 3, learn: STYLE_C4.learn },
};

function emptyOf(pool: Pool): Oof {
  const size = pool.units.length * pool.labels.length;
  return {
    outer: new Float32Array(size),
    inner: [0, 1, 2, 3, 4].map(() => new Float32Array(size)),
    seconds: 0,
  };
}

function addInto(dst: Oof, src: Oof): void {
  [dst.outer, ...dst.inner].forEach((a, i) => {
    const b = [src.outer, ...src.inner][i]!;
    for (let x = 0; x < a.length; x++) a[x]! += b[x]!;
  });
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function saveOof(path: string, oof: Oof): void {
  const parts = [oof.outer, ...oof.inner];
  const buf = Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
  writeFileSync(path, buf);
}

function loadOof(path: string, size: number): Oof {
  const buf = readFileSync(path);
  const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const part = (i: number) => all.slice(i * size, (i + 1) * size);
  return { outer: part(0), inner: [1, 2, 3, 4, 5].map(part), seconds: 0 };
}

/** Loads or computes the per-language Oof of a variant (all six languages). */
export function oofOf(pool: Pool, cache: string, name: string): Oof {
  const size = pool.units.length * pool.labels.length;
  const path = join(cache, `${name}.f32`);
  if (existsSync(path)) return loadOof(path, size);
  const t0 = performance.now();
  const kn = KNN[name];
  if (kn) {
    const raw = featurize(pool.units, kn.learn.features);
    const parts = pool.folders.map((_, l) => knnLevel(pool, raw, kn.learn, l, kn.k, kn.power));
    const oof = averaged(parts);
    // Each language's rows are scored by its own part only: the mean over parts divides by six.
    oof.outer.forEach((v, i) => {
      oof.outer[i] = v * parts.length;
    });
    for (const a of oof.inner)
      a.forEach((v, i) => {
        a[i] = v * parts.length;
      });
    saveOof(path, oof);
    process.stderr.write(`${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    return oof;
  }
  if (name === 'mil-mean' || name === 'mil-max') {
    const mean = emptyOf(pool);
    const max = emptyOf(pool);
    for (let l = 0; l < pool.folders.length; l++) {
      const p = milLevel(pool, MIL_LEARN, l);
      addInto(mean, p.mean);
      addInto(max, p.max);
      process.stderr.write(`mil ${pool.folders[l]}: ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    }
    saveOof(join(cache, 'mil-mean.f32'), mean);
    saveOof(join(cache, 'mil-max.f32'), max);
    return name === 'mil-mean' ? mean : max;
  }
  const exp = VARIANTS[name];
  if (!exp) throw new Error(`unknown variant ${name}`);
  const runner = new Runner(
    pool,
    pool.folders.map((_, i) => i),
  );
  const oof = runner.oof(exp);
  saveOof(path, oof);
  process.stderr.write(`${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  return oof;
}

export function loadPool(): Pool {
  const data = join(process.cwd(), '..', 'shared', 'data', 'semeval2023-task3', 'train');
  const folders = Object.keys(DATA_LANGUAGES);
  return buildPool(
    folders.map((f) => buildTask(loadDataset(join(data, f)), 2)),
    folders,
  );
}

export interface Rule {
  /** Pull of per-label thresholds towards the global one (1 = one global threshold). */
  shrink: number;
  /** When no label passes: emit the label closest to its threshold (by probability ratio). */
  atLeastOne?: 'never' | 'always' | 'tuned';
  /** At most this many labels (highest score/threshold ratio first); 0 = no cap. */
  maxLabels?: number;
  /** Fill up to this many labels by score/threshold ratio, chosen among these on the inner scores. */
  minLabels?: number[];
}

export function applyRule(
  scores: Float32Array,
  r: number,
  L: number,
  th: Float32Array,
  one: boolean,
  cap: number,
  fill = 0,
): number[] {
  const ratio = (j: number) => scores[r * L + j]! / Math.max(th[j]!, 1e-6);
  let out: number[] = [];
  for (let j = 0; j < L; j++) if (scores[r * L + j]! >= th[j]!) out.push(j);
  if (cap > 0 && out.length > cap) out = out.sort((a, b) => ratio(b) - ratio(a)).slice(0, cap);
  if (one && out.length === 0) {
    let best = 0;
    for (let j = 1; j < L; j++) if (ratio(j) > ratio(best)) best = j;
    out.push(best);
  }
  if (fill > out.length) {
    const rest = [...Array(L).keys()].filter((j) => !out.includes(j)).sort((a, b) => ratio(b) - ratio(a));
    out.push(...rest.slice(0, fill - out.length));
  }
  return out;
}

function microF1(gold: Uint8Array, rows: number[], pred: number[][], L: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  rows.forEach((r, i) => {
    const p = new Set(pred[i]);
    for (let j = 0; j < L; j++) {
      const g = gold[r * L + j] === 1;
      if (p.has(j) && g) tp++;
      else if (p.has(j)) fp++;
      else if (g) fn++;
    }
  });
  return 2 * tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
}

/** Like `decide` (per-label thresholds), with the extra rules tuned on the inner scores. */
export function decideRule(pool: Pool, oof: Oof, lang: number, rule: Rule, k = 5): string[][] {
  const L = pool.labels.length;
  const base = pool.offset[lang]!;
  const predictions: string[][] = new Array(pool.tasks[lang]!.units.length);
  for (let f = 0; f < k; f++) {
    const { train, test } = foldRows(pool, lang, f);
    const { scores: innerScores, gold: innerGold } = innerRows(pool, oof, f, train);
    const th = tunePerLabelThresholds(innerScores, innerGold, L, rule.shrink);
    let one = rule.atLeastOne === 'always';
    if (rule.atLeastOne === 'tuned') {
      const idx = train.map((_, i) => i);
      const score = (o: boolean) =>
        microF1(
          innerGold,
          idx,
          idx.map((i) => applyRule(innerScores, i, L, th, o, rule.maxLabels ?? 0)),
          L,
        );
      one = score(true) > score(false);
    }
    let fill = 0;
    if (rule.minLabels) {
      const idx = train.map((_, i) => i);
      let best = -1;
      for (const m of rule.minLabels) {
        const v = microF1(
          innerGold,
          idx,
          idx.map((i) => applyRule(innerScores, i, L, th, one, rule.maxLabels ?? 0, m)),
          L,
        );
        if (v > best) {
          best = v;
          fill = m;
        }
      }
    }
    for (const r of test)
      predictions[r - base] = applyRule(oof.outer, r, L, th, one, rule.maxLabels ?? 0, fill).map(
        (j) => pool.labels[j]!,
      );
  }
  return predictions;
}

/**
 * Per outer fold and language, picks among candidate Oofs the one whose inner scores reach the
 * best micro-F1 at their own tuned thresholds (training folds only), then predicts with it.
 */
export function decideSelect(
  pool: Pool,
  oofs: Oof[],
  lang: number,
  shrink: number,
  k = 5,
): { pred: string[][]; picks: number[] } {
  const L = pool.labels.length;
  const base = pool.offset[lang]!;
  const predictions: string[][] = new Array(pool.tasks[lang]!.units.length);
  const picks: number[] = [];
  for (let f = 0; f < k; f++) {
    const { train, test } = foldRows(pool, lang, f);
    const idx = train.map((_, i) => i);
    let best: { v: number; o: number; th: Float32Array } = { v: -1, o: 0, th: new Float32Array(L) };
    oofs.forEach((oof, o) => {
      const { scores: innerScores, gold: innerGold } = innerRows(pool, oof, f, train);
      const th = tunePerLabelThresholds(innerScores, innerGold, L, shrink);
      const v = microF1(
        innerGold,
        idx,
        idx.map((i) => applyRule(innerScores, i, L, th, false, 0)),
        L,
      );
      if (v > best.v) best = { v, o, th };
    });
    picks.push(best.o);
    for (const r of test)
      predictions[r - base] = applyRule(oofs[best.o]!.outer, r, L, best.th, false, 0).map(
        (j) => pool.labels[j]!,
      );
  }
  return { pred: predictions, picks };
}

const RULES: Record<string, Rule> = {
  s0: { shrink: 0 },
  s02: { shrink: 0.2 },
  s05: { shrink: 0.5 },
  s1: { shrink: 1 },
  'one-always': { shrink: 0.2, atLeastOne: 'always' },
  'one-tuned': { shrink: 0.2, atLeastOne: 'tuned' },
  'one-s05': { shrink: 0.5, atLeastOne: 'always' },
  fill: { shrink: 0.2, minLabels: [0, 1, 2, 3] },
  cap: { shrink: 0.2, maxLabels: 6 },
};

async function main(): Promise<void> {
  const cache = arg('cache') ?? '/tmp/frames-oof';
  mkdirSync(cache, { recursive: true });
  const pool = loadPool();
  const names = (arg('variants') ?? 'style-c4').split(',');
  const rules = (arg('rules') ?? 's02').split(',');
  const blends = (arg('blends') ?? '').split(';').filter((x) => x !== '');
  const show = (name: string, oof: Oof) => {
    for (const rn of rules) {
      const cells = pool.folders.map(
        (_, l) => scoreLanguage(pool, l, decideRule(pool, oof, l, RULES[rn]!)).microF1,
      );
      const mean = cells.reduce((s, x) => s + x, 0) / cells.length;
      console.log(
        [name.padEnd(24), rn.padEnd(10), ...cells.map((c) => c.toFixed(3)), mean.toFixed(3)].join('\t'),
      );
    }
  };
  for (const name of names) show(name, oofOf(pool, cache, name));
  const select = arg('select');
  if (select) {
    const oofs = select.split(',').map((n) => oofOf(pool, cache, n));
    const res = pool.folders.map((_, l) => decideSelect(pool, oofs, l, 0.2));
    const cells = res.map((x, l) => scoreLanguage(pool, l, x.pred).microF1);
    console.log(
      [
        `select ${select}`,
        ...cells.map((c) => c.toFixed(3)),
        (cells.reduce((a, b) => a + b, 0) / 6).toFixed(3),
      ].join('\t'),
    );
    console.log(res.map((x, l) => `${pool.folders[l]}:${x.picks.join('')}`).join(' '));
  }
  for (const b of blends) show(b, averaged(b.split('+').map((n) => oofOf(pool, cache, n))));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
