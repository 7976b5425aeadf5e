/**
 * 5-fold cross-validation of technique spans by article, per language, on the training data.
 * Spans are decoded only for the techniques the paragraph gate passes (the analyser's
 * consistency rule), so the gate is the shipped subtask-3 recipe itself (`recipeFor(3)`):
 * its out-of-fold scores come from `Runner` (cross-validate.ts, the same nested folds as
 * `npm run eval`), and each outer fold's thresholds are tuned on the inner scores of its training
 * folds exactly as training does (per-label F1 cuts shrunk towards the global one; the analyser's
 * default "precision" cut = max(F1 cut, F0.5 cut)). Three gates are measured:
 *   - precision: what `spinlens analyze` shows by default;
 *   - f1: the F1 operating point (what `spinlens predict` writes);
 *   - gold: the gold paragraph labels (how well the tagger localises).
 * Taggers are nested the same way: for outer fold f, the decoding parameters (decode.ts) are
 * chosen on spans of the training folds decoded from taggers that never saw them nor fold f,
 * gated by the inner gate decisions, then applied once to fold f.
 *
 * The gate's scores, Platt-calibrated per label on the inner folds as training calibrates them,
 * are the paragraph probabilities the decoding reads (further spans, spans of unreported techniques).
 *
 *   node --import tsx src/eval/cross-validate-spans.ts [--lang fr,en] [--data dir] [--write] [--cache dir] [--results dir]
 *
 * `--cache` keeps the gate's out-of-fold scores, `--results` each language's result (so languages
 * run one at a time can be written together). Measurement switches (environment): SPANS_STATS=1
 * prints where the precision gate's spans earn credit; SPANS_GATES=precision,gold tunes only those
 * gates; SPANS_NO_PRIOR=1 decodes without paragraph probabilities; SPANS_NO_ADD=1 without
 * unreported techniques; SPANS_CANDIDATE_MIN sets the lowest probability of an unreported technique
 * decoded (0.2); SPANS_FORCE_MIN=x forces a span only for reported techniques of probability ≥ x
 * (what the analyser's one-span rule costs).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrated, fbetaThreshold, fitPlatt, logit } from '../learn/calibration.ts';
import { experimentByName } from '../learn/configs.ts';
import { DATA_LANGUAGES, languageOfFolder, TECHNIQUES } from '../learn/labels.ts';
import { recipeFor, THRESHOLD_SHRINK } from '../learn/recipe.ts';
import {
  type DecodeParams,
  type Decoding,
  decodeSpans,
  decodeUnreported,
  paramsFor,
} from '../learn/spans/decode.ts';
import { articleInstances, articleTokens, DEFAULT_DECODE } from '../learn/spans/model.ts';
import {
  DEFAULT_TAGGER,
  type TaggerOptions,
  tokenProbabilities,
  trainTagger,
} from '../learn/spans/tagger.ts';
import type { ParagraphTokens } from '../learn/spans/tokens.ts';
import { DECODING_FILE } from '../learn/spans/train.ts';
import { tuneGlobalThreshold, tunePerLabelThresholds } from '../learn/thresholds.ts';
import { buildPool, decide, innerRows, type Oof, Runner } from './cross-validate.ts';
import { type Dataset, type LabelledArticle, loadDataset } from './dataset.ts';
import { type ScoredSpan, type SpanScores, spanScore, spanScores } from './spans.ts';
import { buildTask } from './tasks.ts';

export const GATES = ['precision', 'f1', 'gold'] as const;
export type GateName = (typeof GATES)[number];
/** Techniques passed per `${article id}_${line}`. */
type Decisions = Map<string, string[]>;
/** Calibrated paragraph probability per `${article id}_${line}\t${technique}`. */
type Priors = Map<string, number>;

export interface RecipeGate {
  experiment: string;
  /** Fold of each article. */
  folds: Map<string, number>;
  /** Out-of-fold decisions at the precision and F1 points. */
  outer: Record<'precision' | 'f1', Decisions>;
  /** inner[f]: decisions for the training rows of fold f from models that saw neither f nor the row's fold. */
  inner: Record<'precision' | 'f1', Decisions>[];
  /**
   * The paragraph probabilities the `techniques` analyser would report: scores Platt-calibrated
   * per label on the inner out-of-fold scores of each outer fold's training rows, as training does.
   */
  priors: { outer: Priors; inner: Priors[] };
  seconds: number;
}

/** Per-label cuts of the recipe's decision rule and the analyser's precision cuts (train.ts). */
export function operatingPoints(
  scores: Float32Array,
  gold: Uint8Array,
  labels: number,
  rule: string,
): { f1: Float32Array; precision: Float32Array } {
  const f1 =
    rule === 'per-label'
      ? tunePerLabelThresholds(scores, gold, labels, THRESHOLD_SHRINK)
      : new Float32Array(labels).fill(tuneGlobalThreshold(scores, gold));
  const rows = scores.length / labels;
  const precision = Float32Array.from(f1, (cut, j) => {
    const s = Float32Array.from({ length: rows }, (_, r) => scores[r * labels + j]!);
    const g = Uint8Array.from({ length: rows }, (_, r) => gold[r * labels + j]!);
    return Math.max(cut, fbetaThreshold(s, g, 0.5, cut));
  });
  return { f1, precision };
}

function oofCache(dir: string | undefined, key: string, compute: () => Oof): Oof {
  if (!dir) return compute();
  const path = join(dir, `${key}.json`);
  if (existsSync(path)) {
    const o = JSON.parse(readFileSync(path, 'utf8')) as {
      outer: number[];
      inner: number[][];
      seconds: number;
    };
    return {
      outer: Float32Array.from(o.outer),
      inner: o.inner.map((a) => Float32Array.from(a)),
      seconds: o.seconds,
    };
  }
  const oof = compute();
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path,
    JSON.stringify({ outer: [...oof.outer], inner: oof.inner.map((a) => [...a]), seconds: oof.seconds }),
  );
  return oof;
}

/**
 * Out-of-fold decisions of the shipped subtask-3 recipe on one language, at both operating
 * points. `cache` keeps the out-of-fold scores between runs (keyed by folder and experiment).
 */
export function recipeGate(ds: Dataset, k = 5, seed = 42, cache?: string): RecipeGate {
  const recipe = recipeFor(3);
  const task = buildTask(ds, 3);
  const pool = buildPool([task], [ds.folder], k, seed);
  const oof = oofCache(cache, `${ds.folder}-${recipe.experiment}`, () =>
    new Runner(pool, [0]).oof(experimentByName(recipe.experiment)),
  );
  const L = pool.labels.length;
  const folds = new Map(task.articleIds.map((id, r) => [id, pool.foldOf[r]!]));
  const decided = (scores: Float32Array, r: number, cuts: Float32Array): string[] =>
    pool.labels.filter((_, j) => scores[r * L + j]! >= cuts[j]!);
  const outer = { precision: new Map() as Decisions, f1: new Map() as Decisions };
  const inner = Array.from({ length: k }, () => ({
    precision: new Map() as Decisions,
    f1: new Map() as Decisions,
  }));
  const priors = { outer: new Map() as Priors, inner: Array.from({ length: k }, () => new Map() as Priors) };
  const z = (p: number): number => logit(Math.min(1 - 1e-7, Math.max(1e-7, p)));
  // The F1 point is decide()'s own; the precision point adds the F0.5 cut to the same inner tuning.
  decide(pool, oof, 0, recipe.decision).forEach((labels, r) => {
    outer.f1.set(task.keys[r]!, labels);
  });
  for (let f = 0; f < k; f++) {
    const train = [...pool.foldOf.keys()].filter((r) => pool.foldOf[r] !== f);
    const { scores: innerScores, gold: innerGold } = innerRows(pool, oof, f, train);
    const cuts = operatingPoints(innerScores, innerGold, L, recipe.decision);
    const platts = pool.labels.map((_, j) =>
      fitPlatt(
        Float64Array.from(train, (_, i) => z(innerScores[i * L + j]!)),
        Uint8Array.from(train, (_, i) => innerGold[i * L + j]!),
      ),
    );
    const setPriors = (into: Priors, scores: Float32Array, r: number): void => {
      pool.labels.forEach((label, j) => {
        into.set(`${task.keys[r]!}\t${label}`, calibrated(platts[j]!, z(scores[r * L + j]!)));
      });
    };
    pool.foldOf.forEach((g, r) => {
      if (g !== f) return;
      outer.precision.set(task.keys[r]!, decided(oof.outer, r, cuts.precision));
      setPriors(priors.outer, oof.outer, r);
    });
    for (const r of train) {
      inner[f]!.precision.set(task.keys[r]!, decided(oof.inner[f]!, r, cuts.precision));
      inner[f]!.f1.set(task.keys[r]!, decided(oof.inner[f]!, r, cuts.f1));
      setPriors(priors.inner[f]!, oof.inner[f]!, r);
    }
  }
  return { experiment: recipe.experiment, folds, outer, inner, priors, seconds: oof.seconds };
}

/** Token probabilities per `${article index}\t${paragraph index}\t${technique}`. */
type Probabilities = Map<string, Float32Array>;

interface Prepared {
  articles: LabelledArticle[];
  tokens: ParagraphTokens[][];
  goldSpans: ScoredSpan[];
}

/**
 * Techniques a gate passes for paragraph `pi` of article `a`, and the paragraph probability of a
 * technique (1 for the gold gate, or when priors are switched off).
 */
type Gate = ((a: number, pi: number) => readonly string[]) & {
  prior: (a: number, pi: number, technique: string) => number;
  /** Techniques not passed whose paragraph probability reaches `CANDIDATE_MIN`. */
  candidates: (a: number, pi: number) => readonly string[];
};

/**
 * Further spans of a reported technique are decoded as if the paragraph certainly used it (as the
 * analyser does); SPANS_REPORTED_PRIOR=1 measures reading its probability there too.
 */
function reportedPrior(gate: Gate, a: number, pi: number, technique: string): number {
  return process.env.SPANS_REPORTED_PRIOR ? gate.prior(a, pi, technique) : 1;
}

/** Unreported techniques below this paragraph probability are never decoded (speed). */
export const CANDIDATE_MIN = Number(process.env.SPANS_CANDIDATE_MIN ?? 0.2);
const FORCE_MIN = Number(process.env.SPANS_FORCE_MIN ?? 0);

function gateOf(
  prep: Prepared,
  name: GateName,
  decisions?: Record<'precision' | 'f1', Decisions>,
  priors?: Priors,
): Gate {
  const key = (a: number, pi: number): string => {
    const art = prep.articles[a]!;
    return `${art.article.id}_${art.article.paragraphs[pi]!.line}`;
  };
  const prior = (a: number, pi: number, technique: string): number =>
    name === 'gold' || !priors ? 1 : (priors.get(`${key(a, pi)}\t${technique}`) ?? 1);
  const pass = (a: number, pi: number): readonly string[] => {
    const art = prep.articles[a]!;
    if (name === 'gold') return art.techniques?.get(art.article.paragraphs[pi]!.line) ?? [];
    const passed = decisions![name].get(key(a, pi)) ?? [];
    // Measurement only: what the one-span-per-reported-technique rule costs.
    return FORCE_MIN > 0 ? passed.filter((t) => prior(a, pi, t) >= FORCE_MIN) : passed;
  };
  const candidates = (a: number, pi: number): readonly string[] => {
    if (name === 'gold' || !priors || process.env.SPANS_NO_ADD) return [];
    const passed = pass(a, pi);
    return TECHNIQUES.filter((t) => !passed.includes(t) && prior(a, pi, t) >= CANDIDATE_MIN);
  };
  return Object.assign(pass, { prior, candidates });
}

/** Probabilities of every (paragraph, technique) some gate passes, for the given articles. */
function scoreArticles(
  prep: Prepared,
  tagger: ReturnType<typeof trainTagger>,
  which: readonly number[],
  gates: readonly Gate[],
  into: Probabilities,
): void {
  for (const a of which) {
    prep.tokens[a]!.forEach((tok, pi) => {
      const wanted = new Set(gates.flatMap((g) => [...g(a, pi), ...g.candidates(a, pi)]));
      for (const technique of wanted) {
        const t = TECHNIQUES.indexOf(technique as (typeof TECHNIQUES)[number]);
        if (t >= 0) into.set(`${a}\t${pi}\t${technique}`, tokenProbabilities(tagger, tok, t));
      }
    });
  }
}

/** Spans of the given articles under a gate and decoding parameters. */
function decodeAll(
  prep: Prepared,
  which: readonly number[],
  gate: Gate,
  probs: Probabilities,
  decoding: Decoding,
  reported = true,
  unreported = true,
): ScoredSpan[] {
  const out: ScoredSpan[] = [];
  for (const a of which) {
    const id = prep.articles[a]!.article.id;
    prep.tokens[a]!.forEach((tok, pi) => {
      for (const technique of reported ? gate(a, pi) : []) {
        const p = probs.get(`${a}\t${pi}\t${technique}`);
        if (!p) continue;
        for (const s of decodeSpans(
          tok,
          p,
          paramsFor(decoding, technique),
          reportedPrior(gate, a, pi, technique),
        ))
          out.push({ id, technique, start: s.start, end: s.end });
      }
      if (!unreported) return;
      for (const technique of gate.candidates(a, pi)) {
        const p = probs.get(`${a}\t${pi}\t${technique}`);
        if (!p) continue;
        const params = paramsFor(decoding, technique);
        for (const s of decodeUnreported(tok, p, params, gate.prior(a, pi, technique)))
          out.push({ id, technique, start: s.start, end: s.end });
      }
    });
  }
  return out;
}

/** Micro P/R/F1 of a gate's paragraph techniques against the gold labels. */
function gateMicro(prep: Prepared, which: readonly number[], gate: Gate): GateResult['paragraphs'] {
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  for (const a of which) {
    const art = prep.articles[a]!;
    art.article.paragraphs.forEach((p, pi) => {
      const g = art.techniques?.get(p.line) ?? [];
      const mine = gate(a, pi);
      predicted += mine.length;
      gold += g.length;
      tp += mine.filter((t) => g.includes(t)).length;
    });
  }
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = gold === 0 ? 0 : tp / gold;
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

/** The decoding parameters searched on inner folds. */
export function decodeGrid(): DecodeParams[] {
  const out: DecodeParams[] = [];
  for (const threshold of [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7]) {
    out.push({ threshold, extra: 2, maxSpans: 1 });
    for (const extra of [0.9, 0.7, 0.5, 0.3, 0.2, 0.1, 0.05]) {
      // SPANS_WIDE_GRID=1 measures further-span cuts below τ (useful only with probabilities below 1).
      if (extra < threshold && !process.env.SPANS_WIDE_GRID) continue;
      if (extra === 0.05 && !process.env.SPANS_WIDE_GRID) continue;
      for (const maxSpans of [2, 5, 8]) out.push({ threshold, extra, maxSpans });
    }
  }
  return out;
}

/** A technique gets its own parameters only with this many gold spans to tune them on. */
export const OWN_PARAMS_MIN_GOLD = 40;

/** Partial-overlap credit sums of one technique: Σ precision credit, predicted spans, Σ recall credit. */
interface Sums {
  p: number;
  n: number;
  r: number;
}

/**
 * Decoding tuned for technique-aware F1 on the given articles: the best grid point for all
 * techniques, then each technique with enough gold spans moved to its own best point while the
 * others stay fixed (two rounds). Aware credit never crosses techniques, so each technique's
 * sums are computed once per grid point.
 */
function tune(prep: Prepared, which: readonly number[], gate: Gate, probs: Probabilities): Decoding {
  const ids = new Set(which.map((a) => prep.articles[a]!.article.id));
  const goldOf = new Map<string, ScoredSpan[]>();
  let goldCount = 0;
  for (const s of prep.goldSpans) {
    if (!ids.has(s.id)) continue;
    goldOf.set(s.technique, [...(goldOf.get(s.technique) ?? []), s]);
    goldCount++;
  }
  const grid = decodeGrid();
  const table = grid.map((params) => {
    const byTechnique = new Map<string, ScoredSpan[]>();
    for (const s of decodeAll(prep, which, gate, probs, { base: params, byTechnique: {} }, true, false))
      byTechnique.set(s.technique, [...(byTechnique.get(s.technique) ?? []), s]);
    return TECHNIQUES.map((t): Sums => {
      const x = spanScore(byTechnique.get(t) ?? [], goldOf.get(t) ?? [], true);
      return { p: x.precision * x.predicted, n: x.predicted, r: x.recall * x.gold };
    });
  });
  const sumsOf = (spans: readonly ScoredSpan[]): Sums[] => {
    const byTechnique = new Map<string, ScoredSpan[]>();
    for (const s of spans) byTechnique.set(s.technique, [...(byTechnique.get(s.technique) ?? []), s]);
    return TECHNIQUES.map((t): Sums => {
      const x = spanScore(byTechnique.get(t) ?? [], goldOf.get(t) ?? [], true);
      return { p: x.precision * x.predicted, n: x.predicted, r: x.recall * x.gold };
    });
  };
  // Spans of unreported techniques, per `ADD_GRID` point (filled once the forced decoding is chosen).
  let addTable: Sums[][] = [];
  const addChoice = TECHNIQUES.map(() => 0);
  const f1 = (choice: readonly number[]): number => {
    let p = 0;
    let n = 0;
    let r = 0;
    choice.forEach((g, i) => {
      const x = table[g]![i]!;
      const y = addTable[addChoice[i]!]?.[i];
      p += x.p + (y?.p ?? 0);
      n += x.n + (y?.n ?? 0);
      r += x.r + (y?.r ?? 0);
    });
    const P = n === 0 ? 0 : p / n;
    const R = goldCount === 0 ? 0 : r / goldCount;
    return P + R === 0 ? 0 : (2 * P * R) / (P + R);
  };
  let base = 0;
  let best = -1;
  grid.forEach((_, g) => {
    const v = f1(TECHNIQUES.map(() => g));
    if (v > best) {
      best = v;
      base = g;
    }
  });
  const choice = TECHNIQUES.map(() => base);
  for (let round = 0; round < 2; round++) {
    TECHNIQUES.forEach((t, i) => {
      if ((goldOf.get(t)?.length ?? 0) < OWN_PARAMS_MIN_GOLD) return;
      for (let g = 0; g < grid.length; g++) {
        const old = choice[i]!;
        choice[i] = g;
        const v = f1(choice);
        if (v > best) best = v;
        else choice[i] = old;
      }
    });
  }
  const withAdd = (params: DecodeParams, add: number | undefined): DecodeParams =>
    add === undefined ? params : { ...params, add };
  const forced: Decoding = { base: grid[base]!, byTechnique: {} };
  TECHNIQUES.forEach((t, i) => {
    if (choice[i] !== base) (forced.byTechnique as Record<string, DecodeParams>)[t] = grid[choice[i]!]!;
  });
  addTable = ADD_GRID.map((add) => {
    const d: Decoding = {
      base: withAdd(forced.base, add),
      byTechnique: Object.fromEntries(
        Object.entries(forced.byTechnique).map(([t, x]) => [t, withAdd(x, add)]),
      ),
    };
    return add === undefined
      ? TECHNIQUES.map(() => ({ p: 0, n: 0, r: 0 }))
      : sumsOf(decodeAll(prep, which, gate, probs, d, false, true));
  });
  let addBase = 0;
  ADD_GRID.forEach((_, g) => {
    addChoice.fill(g);
    const v = f1(choice);
    if (v > best) {
      best = v;
      addBase = g;
    }
  });
  addChoice.fill(addBase);
  TECHNIQUES.forEach((t, i) => {
    if ((goldOf.get(t)?.length ?? 0) < OWN_PARAMS_MIN_GOLD) return;
    for (let g = 0; g < ADD_GRID.length; g++) {
      const old = addChoice[i]!;
      addChoice[i] = g;
      const v = f1(choice);
      if (v > best) best = v;
      else addChoice[i] = old;
    }
  });
  const byTechnique: Record<string, DecodeParams> = {};
  TECHNIQUES.forEach((t, i) => {
    if (choice[i] !== base || addChoice[i] !== addBase)
      byTechnique[t] = withAdd(grid[choice[i]!]!, ADD_GRID[addChoice[i]!]);
  });
  return { base: withAdd(grid[base]!, ADD_GRID[addBase]), byTechnique };
}

/** Confidence cuts tried for spans of unreported techniques (undefined: none shown). */
const ADD_GRID: (number | undefined)[] = [
  undefined,
  0.8,
  0.7,
  0.6,
  0.5,
  0.4,
  0.3,
  0.25,
  0.2,
  0.15,
  0.1,
].filter((x) => x === undefined || x >= CANDIDATE_MIN);

/** Development statistics: where the precision gate's predicted spans earn or lose credit. */
function diagnose(
  prep: Prepared,
  gate: Gate,
  probs: Probabilities,
  chosen: Decoding[],
  foldOf: number[],
): void {
  const rows = new Map<string, { n: number; credit: number; chars: number }>();
  const add = (key: string, credit: number, chars: number): void => {
    const r = rows.get(key) ?? { n: 0, credit: 0, chars: 0 };
    r.n++;
    r.credit += credit;
    r.chars += chars;
    rows.set(key, r);
  };
  const goldBy = new Map<string, ScoredSpan[]>();
  for (const s of prep.goldSpans)
    goldBy.set(`${s.id}\t${s.technique}`, [...(goldBy.get(`${s.id}\t${s.technique}`) ?? []), s]);
  prep.articles.forEach((art, a) => {
    const id = art.article.id;
    prep.tokens[a]!.forEach((tok, pi) => {
      const gold = art.techniques?.get(art.article.paragraphs[pi]!.line) ?? [];
      for (const technique of gate(a, pi)) {
        const p = probs.get(`${a}\t${pi}\t${technique}`);
        if (!p) continue;
        const g = goldBy.get(`${id}\t${technique}`) ?? [];
        decodeSpans(
          tok,
          p,
          paramsFor(chosen[foldOf[a]!]!, technique),
          reportedPrior(gate, a, pi, technique),
        ).forEach((s, rank) => {
          let o = 0;
          for (const t of g) o += Math.max(0, Math.min(s.end, t.end) - Math.max(s.start, t.start));
          const c = Math.min(1, o / (s.end - s.start));
          const tp = gold.includes(technique) ? 'TP' : 'FP';
          add(`${tp} rank${rank === 0 ? '1' : '2+'}`, c, s.end - s.start);
          if (tp === 'TP') add(`TP ${technique}`, c, s.end - s.start);
        });
      }
    });
  });
  const goldLen = new Map<string, { n: number; chars: number }>();
  for (const s of prep.goldSpans) {
    const r = goldLen.get(s.technique) ?? { n: 0, chars: 0 };
    r.n++;
    r.chars += s.end - s.start;
    goldLen.set(s.technique, r);
  }
  for (const [k, r] of [...rows].sort()) {
    const t = k.slice(3);
    const g = goldLen.get(t);
    console.log(
      `stats\t${k}\tn ${r.n}\tcredit ${r.credit.toFixed(1)}\tP ${(r.credit / r.n).toFixed(3)}\tmean chars ${(r.chars / r.n).toFixed(0)}${g ? `\tgold n ${g.n} mean chars ${(g.chars / g.n).toFixed(0)}` : ''}`,
    );
  }
}

export interface GateResult {
  /** Micro precision, recall and F1 of the gate's paragraph techniques. */
  paragraphs: { precision: number; recall: number; f1: number };
  /** The reported techniques' spans only: what `spinlens analyze` shows by default. */
  scores: SpanScores;
  /** Plus spans of unreported techniques confident enough (what `showAllSpans` adds). */
  withUnreported: SpanScores;
  /** The single best-span decoding of issue 4's first version, for comparison. */
  singleSpan: SpanScores;
  /** Decoding chosen for each outer fold. */
  chosen: Decoding[];
}

export interface SpanCvResult {
  folder: string;
  experiment: string;
  gates: Record<GateName, GateResult>;
  /** Parameters tuned on every out-of-fold span of the precision gate (for the shipped model). */
  shipped: Decoding;
  articles: number;
  goldSpans: number;
  seconds: { gate: number; tagger: number };
}

const log = (line: string): void => {
  if (process.env.CV_PROGRESS) process.stderr.write(`${line}\n`);
};

export function crossValidateSpans(
  dir: string,
  k = 5,
  seed = 42,
  options: TaggerOptions = DEFAULT_TAGGER,
  cache?: string,
): SpanCvResult {
  const ds = loadDataset(dir);
  const t0 = performance.now();
  const gate = recipeGate(ds, k, seed, cache);
  const t1 = performance.now();
  log(`${ds.folder}: gate ${gate.experiment} ${((t1 - t0) / 1000).toFixed(0)}s`);
  const articles = ds.articles.filter((a) => a.techniques && gate.folds.has(a.article.id));
  const prep: Prepared = {
    articles,
    tokens: articles.map((a) => articleTokens(a.article, ds.language)),
    goldSpans: articles.flatMap((a) => (a.spans ?? []).map((s) => ({ ...s }))),
  };
  const instances = articles.map((a, i) => articleInstances(a.article, a.spans ?? [], prep.tokens[i]!));
  const foldOf = articles.map((a) => gate.folds.get(a.article.id)!);
  const inFolds = (pred: (f: number) => boolean): number[] =>
    [...foldOf.keys()].filter((i) => pred(foldOf[i]!));
  const train = (pred: (f: number) => boolean) =>
    trainTagger(
      inFolds(pred).flatMap((i) => instances[i]!),
      options,
    );
  const priors = process.env.SPANS_NO_PRIOR ? undefined : gate.priors;
  const outerGates = GATES.map((g) => gateOf(prep, g, gate.outer, priors?.outer));
  const innerGates = gate.inner.map((d, f) => GATES.map((g) => gateOf(prep, g, d, priors?.inner[f])));
  const outerProbs: Probabilities = new Map();
  const innerProbs: Probabilities[] = Array.from({ length: k }, () => new Map());
  for (let f = 0; f < k; f++) {
    scoreArticles(
      prep,
      train((x) => x !== f),
      inFolds((x) => x === f),
      outerGates,
      outerProbs,
    );
    log(`${ds.folder}: tagger ${f + 1}/${k} ${((performance.now() - t1) / 1000).toFixed(0)}s`);
  }
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const tagger = train((x) => x !== a && x !== b);
      scoreArticles(
        prep,
        tagger,
        inFolds((x) => x === a),
        innerGates[b]!,
        innerProbs[b]!,
      );
      scoreArticles(
        prep,
        tagger,
        inFolds((x) => x === b),
        innerGates[a]!,
        innerProbs[a]!,
      );
    }
  }
  const t2 = performance.now();
  log(`${ds.folder}: taggers ${((t2 - t1) / 1000).toFixed(0)}s`);
  const all = inFolds(() => true);
  const gates = {} as Record<GateName, GateResult>;
  GATES.forEach((name, gi) => {
    // Development: SPANS_GATES=precision,gold skips the others' tuning.
    if (process.env.SPANS_GATES && !process.env.SPANS_GATES.split(',').includes(name)) return;
    const spans: ScoredSpan[] = [];
    const added: ScoredSpan[] = [];
    const chosen: Decoding[] = [];
    for (let f = 0; f < k; f++) {
      const best = tune(
        prep,
        inFolds((x) => x !== f),
        innerGates[f]![gi]!,
        innerProbs[f]!,
      );
      chosen.push(best);
      const fold = inFolds((x) => x === f);
      spans.push(...decodeAll(prep, fold, outerGates[gi]!, outerProbs, best, true, false));
      added.push(...decodeAll(prep, fold, outerGates[gi]!, outerProbs, best, false, true));
    }
    gates[name] = {
      paragraphs: gateMicro(prep, all, outerGates[gi]!),
      scores: spanScores(spans, prep.goldSpans),
      withUnreported: spanScores([...spans, ...added], prep.goldSpans),
      singleSpan: spanScores(
        decodeAll(prep, all, outerGates[gi]!, outerProbs, DEFAULT_DECODE, true, false),
        prep.goldSpans,
      ),
      chosen,
    };
    if (gi === 0 && process.env.SPANS_STATS) diagnose(prep, outerGates[0]!, outerProbs, chosen, foldOf);
  });
  const shipped = tune(prep, all, outerGates[0]!, outerProbs);
  return {
    folder: ds.folder,
    experiment: gate.experiment,
    gates,
    shipped,
    articles: articles.length,
    goldSpans: prep.goldSpans.length,
    seconds: { gate: (t1 - t0) / 1000, tagger: (performance.now() - t1) / 1000 },
  };
}

const f3 = (x: number): string => x.toFixed(3);
const paramsText = (p: DecodeParams): string =>
  `${p.extra > 1 ? `τ ${p.threshold}, 1 span` : `τ ${p.threshold}, more ≥ ${p.extra} up to ${p.maxSpans}`}${p.add === undefined ? '' : `, unreported ≥ ${p.add}`}`;
const decodingText = (d: Decoding): string => {
  const own = Object.keys(d.byTechnique).length;
  return `${paramsText(d.base)}${own > 0 ? ` (+${own} techniques own)` : ''}`;
};

/** The `## Technique spans` table rows of the evaluation docs. */
export function spansMarkdown(results: readonly SpanCvResult[], command: string): string {
  const date = new Date().toISOString().slice(0, 10);
  const out = [
    '| lang | gate | aware P | aware R | aware F1 | blind P | blind R | blind F1 | aware / blind F1, 1 span | aware / blind F1, + unreported | gold spans |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    for (const g of GATES) {
      if (!r.gates[g]) continue;
      const { scores: s, singleSpan: one, withUnreported: more } = r.gates[g];
      const plus = g === 'gold' ? '–' : `${f3(more.aware.f1)} / ${f3(more.blind.f1)}`;
      out.push(
        `| ${r.folder} | ${g} | ${f3(s.aware.precision)} | ${f3(s.aware.recall)} | **${f3(s.aware.f1)}** | ${f3(s.blind.precision)} | ${f3(s.blind.recall)} | **${f3(s.blind.f1)}** | ${f3(one.aware.f1)} / ${f3(one.blind.f1)} | ${plus} | ${g === 'precision' ? r.goldSpans : ''} |`,
      );
    }
  }
  out.push(
    '',
    `Measured by \`${command}\` on ${date} (gate: the \`${results[0]?.experiment ?? ''}\` recipe;`,
    `CV minutes: ${results.map((r) => `${r.folder} ${((r.seconds.gate + r.seconds.tagger) / 60).toFixed(1)}`).join(', ')}).`,
    '',
    'Decoding chosen on inner folds (precision gate; per outer fold) and tuned on all out-of-fold spans for the shipped model:',
    '',
  );
  for (const r of results) {
    out.push(
      `- ${r.folder}: ${r.gates.precision.chosen.map(decodingText).join('; ')} → shipped: ${decodingText(r.shipped)}`,
    );
  }
  out.push('', 'Technique-aware F1 per technique (precision gate / gold gate):', '');
  out.push(
    `| technique | ${results.map((r) => r.folder).join(' | ')} |`,
    `|---|${results.map(() => '---|').join('')}`,
  );
  for (const t of TECHNIQUES) {
    const cells = results.map((r) => {
      const p = r.gates.precision.scores.perTechnique.find((x) => x.technique === t);
      const g = r.gates.gold.scores.perTechnique.find((x) => x.technique === t);
      return g && g.gold > 0 ? `${f3(p?.f1 ?? 0)} / ${f3(g.f1)}` : '–';
    });
    out.push(`| ${t} | ${cells.join(' | ')} |`);
  }
  out.push('');
  return out.join('\n');
}

const TABLE_START = '<!-- spans-cv:start -->';
const TABLE_END = '<!-- spans-cv:end -->';

/** Replaces the generated block of docs/evaluation-spans.md, keeping the prose around it. */
export function writeSpansDoc(path: string, table: string): void {
  const old = existsSync(path)
    ? readFileSync(path, 'utf8')
    : `## Technique spans\n\n${TABLE_START}\n${TABLE_END}\n`;
  const from = old.indexOf(TABLE_START);
  const to = old.indexOf(TABLE_END);
  if (from < 0 || to < from) throw new Error(`${path}: no ${TABLE_START} … ${TABLE_END} block to replace`);
  writeFileSync(path, `${old.slice(0, from + TABLE_START.length)}\n${table}\n${old.slice(to)}`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const data = get('data') ?? join(process.cwd(), '..', 'shared', 'data', 'semeval2023-task3', 'train');
  const langs = (get('lang') ?? Object.keys(DATA_LANGUAGES).join(',')).split(',');
  const epochs = Number(get('epochs') ?? DEFAULT_TAGGER.epochs);
  const results: SpanCvResult[] = [];
  // --results dir keeps each language's result, so languages can be run one at a time and written together.
  const saved = get('results');
  for (const folder of langs) {
    const file = saved ? join(saved, `${folder}.json`) : undefined;
    const r =
      file && existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as SpanCvResult)
        : crossValidateSpans(join(data, folder), 5, 42, { ...DEFAULT_TAGGER, epochs }, get('cache'));
    if (saved && file && !existsSync(file)) {
      mkdirSync(saved, { recursive: true });
      writeFileSync(file, JSON.stringify(r));
    }
    results.push(r);
    for (const g of GATES) {
      if (!r.gates[g]) continue;
      const { scores: s, singleSpan: one } = r.gates[g];
      console.log(
        [
          folder,
          g,
          `gate P ${f3(r.gates[g].paragraphs.precision)} R ${f3(r.gates[g].paragraphs.recall)}`,
          `aware P ${f3(s.aware.precision)} R ${f3(s.aware.recall)} F1 ${f3(s.aware.f1)}`,
          `blind P ${f3(s.blind.precision)} R ${f3(s.blind.recall)} F1 ${f3(s.blind.f1)}`,
          `1-span aware ${f3(one.aware.f1)} blind ${f3(one.blind.f1)}`,
          `+unreported aware ${f3(r.gates[g].withUnreported.aware.f1)} blind ${f3(r.gates[g].withUnreported.blind.f1)}`,
          r.gates[g].chosen.map(decodingText).join('; '),
        ].join('\t'),
      );
    }
    console.log(
      `${folder}\tshipped ${JSON.stringify(r.shipped)}\tgate ${r.seconds.gate.toFixed(0)}s tagger ${r.seconds.tagger.toFixed(0)}s`,
    );
  }
  if (argv.includes('--write')) {
    const table = JSON.parse(readFileSync(DECODING_FILE, 'utf8')) as Record<string, Decoding>;
    for (const r of results) table[languageOfFolder(r.folder) ?? r.folder] = r.shipped;
    writeFileSync(DECODING_FILE, `${JSON.stringify(table, null, 1)}\n`);
    // The caches are a development convenience: the command recorded is the one that reproduces the run.
    const dev = new Set(['--cache', '--results']);
    const command =
      `node --import tsx src/eval/cross-validate-spans.ts ${argv.filter((a, i) => !dev.has(a) && !dev.has(argv[i - 1] ?? '')).join(' ')}`.trim();
    writeSpansDoc(join(process.cwd(), 'docs', 'evaluation-spans.md'), spansMarkdown(results, command));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
