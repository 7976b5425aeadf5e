/**
 * 5-fold cross-validation of technique spans by article, per language, on the training data.
 * Each fold's span tagger is trained on the other four folds. Spans are shown only for the
 * techniques the paragraph classifier predicts (the analyser's consistency rule, at least one
 * span per predicted technique), so two gates are measured:
 *   - predicted: an out-of-fold paragraph classifier (TF-IDF + style LR, one-vs-rest, per-label
 *     thresholds tuned on inner out-of-fold scores of the training folds only), standing in for
 *     the `techniques` analyser;
 *   - gold: the gold paragraph labels (an upper bound: how well the tagger localises).
 *
 *   node --import tsx src/eval/cross-validate-spans.ts [--lang fr,en] [--data dir] [--write]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureConfig } from '../learn/featurize.ts';
import { featurize } from '../learn/featurize.ts';
import { DATA_LANGUAGES, TECHNIQUES } from '../learn/labels.ts';
import { type LearnConfig, scoreOvr, trainOvr } from '../learn/multilabel.ts';
import { articleTokens, predictSpans, trainSpanModel } from '../learn/spans/model.ts';
import { DEFAULT_TAGGER, type TaggerOptions } from '../learn/spans/tagger.ts';
import { assignFolds } from './cross-validate.ts';
import { type Dataset, type LabelledArticle, loadDataset } from './dataset.ts';
import { type ScoredSpan, type SpanScores, spanScores } from './spans.ts';
import { buildTask } from './tasks.ts';

const GATE_FEATURES: FeatureConfig = {
  charMin: 2,
  charMax: 5,
  title: true,
  neighbours: true,
  style: true,
  weights: { word: 1, char: 1, title: 0.3, neighbours: 0.3, style: 0.5 },
};
/** The paragraph technique classifier standing in for the `techniques` analyser. */
export const GATE_LEARN: LearnConfig = {
  features: GATE_FEATURES,
  c: 1,
  classWeight: 'sqrt',
  minDf: 2,
  seed: 1,
};

/**
 * The threshold maximising F-beta of one label (or of all labels pooled when `labels` is 1 and
 * the arrays hold every cell). beta < 1 favours precision.
 */
export function tuneFBeta(scores: ArrayLike<number>, gold: ArrayLike<number>, beta: number): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let positives = 0;
  for (let i = 0; i < gold.length; i++) positives += gold[i]!;
  const b2 = beta * beta;
  let tp = 0;
  let best = -1;
  let threshold = 1;
  for (let k = 0; k < order.length; k++) {
    tp += gold[order[k]!]!;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[order[k]!]) continue;
    const f = ((1 + b2) * tp) / ((1 + b2) * tp + b2 * (positives - tp) + (k + 1 - tp));
    if (f > best) {
      best = f;
      threshold = next === undefined ? scores[order[k]!]! : (scores[order[k]!]! + scores[next]!) / 2;
    }
  }
  return threshold;
}

/** Per-label F-beta thresholds, each pulled 20% towards the pooled one (rare labels over-fit). */
function fBetaThresholds(scores: Float32Array, gold: Uint8Array, labels: number, beta: number): Float32Array {
  const global = tuneFBeta(scores, gold, beta);
  const rows = scores.length / labels;
  const th = new Float32Array(labels);
  for (let j = 0; j < labels; j++) {
    const s = Float32Array.from({ length: rows }, (_, r) => scores[r * labels + j]!);
    const g = Uint8Array.from({ length: rows }, (_, r) => gold[r * labels + j]!);
    th[j] = 0.2 * global + 0.8 * tuneFBeta(s, g, beta);
  }
  return th;
}

/**
 * Out-of-fold predicted techniques per (article id, paragraph line) for each beta, with
 * thresholds tuned on inner out-of-fold scores of the training folds only.
 */
export function gatePredictions(
  ds: Dataset,
  foldOfArticle: Map<string, number>,
  k: number,
  betas: readonly number[],
): Map<string, string[]>[] {
  const task = buildTask(ds, 3);
  const raw = featurize(task.units, GATE_FEATURES);
  const L = task.labels.length;
  const n = task.units.length;
  const foldOf = Int32Array.from(task.articleIds, (id) => foldOfArticle.get(id)!);
  const where = (pred: (f: number) => boolean): Int32Array =>
    Int32Array.from([...foldOf.keys()].filter((r) => pred(foldOf[r]!)));
  const inner = Array.from({ length: k }, () => new Float32Array(n * L));
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const model = trainOvr(
        raw,
        task.gold,
        L,
        where((f) => f !== a && f !== b),
        GATE_LEARN,
      );
      for (const [held, outer] of [
        [a, b],
        [b, a],
      ] as const) {
        const rows = where((f) => f === held);
        const s = scoreOvr(model, raw, rows);
        rows.forEach((r, i) => {
          inner[outer]!.set(s.subarray(i * L, (i + 1) * L), r * L);
        });
      }
    }
  }
  const out = betas.map(() => new Map<string, string[]>());
  for (let f = 0; f < k; f++) {
    const train = where((x) => x !== f);
    const test = where((x) => x === f);
    const s = scoreOvr(trainOvr(raw, task.gold, L, train, GATE_LEARN), raw, test);
    const innerScores = new Float32Array(train.length * L);
    const innerGold = new Uint8Array(train.length * L);
    train.forEach((r, i) => {
      innerScores.set(inner[f]!.subarray(r * L, (r + 1) * L), i * L);
      innerGold.set(task.gold.subarray(r * L, (r + 1) * L), i * L);
    });
    betas.forEach((beta, b) => {
      const th = fBetaThresholds(innerScores, innerGold, L, beta);
      test.forEach((r, i) => {
        out[b]!.set(
          task.keys[r]!,
          task.labels.filter((_, j) => s[i * L + j]! >= th[j]!),
        );
      });
    });
  }
  return out;
}

/** Gate thresholds: F0.5 (precision-first, the shipped default's spirit) and F1. */
export const GATE_BETAS = [0.5, 1] as const;

export interface SpanCvResult {
  folder: string;
  /** Predicted gate with F0.5 thresholds. */
  predicted: SpanScores;
  /** Predicted gate with F1 thresholds. */
  predictedF1: SpanScores;
  gold: SpanScores;
  articles: number;
  goldSpans: number;
  seconds: { gate: number; tagger: number };
}

/** Spans of one held-out article under a gate: techniques per paragraph line. */
function articleSpans(
  model: ReturnType<typeof trainSpanModel>,
  a: LabelledArticle,
  gate: (line: number) => readonly string[],
): ScoredSpan[] {
  const tokens = articleTokens(a.article, model.language);
  const out: ScoredSpan[] = [];
  a.article.paragraphs.forEach((p, pi) => {
    const techniques = gate(p.line);
    if (techniques.length === 0) return;
    for (const s of predictSpans(model, tokens[pi]!, techniques)) {
      out.push({ id: a.article.id, technique: s.technique, start: s.start, end: s.end });
    }
  });
  return out;
}

export function crossValidateSpans(
  dir: string,
  k = 5,
  seed = 42,
  options: TaggerOptions = DEFAULT_TAGGER,
): SpanCvResult {
  const ds = loadDataset(dir);
  const articles = ds.articles.filter((a) => a.techniques);
  const folds = assignFolds(
    articles.map((a) => a.article.id),
    k,
    seed,
  );
  const t0 = performance.now();
  const [gate, gateF1] = gatePredictions(ds, folds, k, GATE_BETAS);
  const t1 = performance.now();
  const goldSpans: ScoredSpan[] = articles.flatMap((a) => (a.spans ?? []).map((s) => ({ ...s })));
  const predGate: ScoredSpan[] = [];
  const predGateF1: ScoredSpan[] = [];
  const predGold: ScoredSpan[] = [];
  for (let f = 0; f < k; f++) {
    const train = articles.filter((a) => folds.get(a.article.id) !== f);
    const test = articles.filter((a) => folds.get(a.article.id) === f);
    const model = trainSpanModel(
      ds.language,
      train.map((a) => ({ article: a.article, spans: a.spans ?? [] })),
      options,
    );
    for (const a of test) {
      const id = a.article.id;
      predGate.push(...articleSpans(model, a, (line) => gate!.get(`${id}_${line}`) ?? []));
      predGateF1.push(...articleSpans(model, a, (line) => gateF1!.get(`${id}_${line}`) ?? []));
      predGold.push(...articleSpans(model, a, (line) => a.techniques?.get(line) ?? []));
    }
  }
  const t2 = performance.now();
  return {
    folder: ds.folder,
    predicted: spanScores(predGate, goldSpans),
    predictedF1: spanScores(predGateF1, goldSpans),
    gold: spanScores(predGold, goldSpans),
    articles: articles.length,
    goldSpans: goldSpans.length,
    seconds: { gate: (t1 - t0) / 1000, tagger: (t2 - t1) / 1000 },
  };
}

const f3 = (x: number): string => x.toFixed(3);

/** The `## Technique spans` section of the evaluation docs. */
export function spansMarkdown(results: readonly SpanCvResult[], command: string): string {
  const date = new Date().toISOString().slice(0, 10);
  const out = [
    '## Technique spans',
    '',
    `Generated by \`${command}\` on ${date}. 5-fold cross-validation by article (same folds as`,
    '`npm run eval`), span precision/recall/F1 with partial-overlap credit (SemEval-2020 Task 11 /',
    '2021 Task 6). Spans are decoded only for the techniques predicted for a paragraph, at least one',
    'span per predicted technique. "predicted gate": an out-of-fold paragraph classifier (LR on',
    'TF-IDF + style cues, per-label thresholds tuned on inner folds) standing in for the `techniques`',
    'analyser; "gold gate": the gold paragraph labels (how well the tagger localises). Targets:',
    'technique-aware F1 ≥ 0.25 (fr, en), technique-blind ≥ 0.45, both with the predicted gate.',
    '',
    '| lang | aware P | aware R | aware F1 | blind P | blind R | blind F1 | aware F1 (gold gate) | blind F1 (gold gate) | gold spans | seconds |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const p = r.predicted;
    out.push(
      `| ${r.folder} | ${f3(p.aware.precision)} | ${f3(p.aware.recall)} | **${f3(p.aware.f1)}** | ${f3(p.blind.precision)} | ${f3(p.blind.recall)} | **${f3(p.blind.f1)}** | ${f3(r.gold.aware.f1)} | ${f3(r.gold.blind.f1)} | ${r.goldSpans} | ${(r.seconds.gate + r.seconds.tagger).toFixed(0)} |`,
    );
  }
  out.push('', 'Technique-aware F1 per technique (predicted gate / gold gate):', '');
  out.push(
    `| technique | ${results.map((r) => r.folder).join(' | ')} |`,
    `|---|${results.map(() => '---|').join('')}`,
  );
  for (const t of TECHNIQUES) {
    const cells = results.map((r) => {
      const p = r.predicted.perTechnique.find((x) => x.technique === t);
      const g = r.gold.perTechnique.find((x) => x.technique === t);
      return p && p.gold > 0 ? `${f3(p.f1)} / ${f3(g?.f1 ?? 0)}` : '–';
    });
    out.push(`| ${t} | ${cells.join(' | ')} |`);
  }
  out.push('');
  return out.join('\n');
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
  for (const folder of langs) {
    const r = crossValidateSpans(join(data, folder), 5, 42, { ...DEFAULT_TAGGER, epochs });
    results.push(r);
    const { predicted: p, gold: g } = r;
    console.log(
      [
        folder,
        `aware P ${f3(p.aware.precision)} R ${f3(p.aware.recall)} F1 ${f3(p.aware.f1)}`,
        `blind P ${f3(p.blind.precision)} R ${f3(p.blind.recall)} F1 ${f3(p.blind.f1)}`,
        `F1-gate aware ${f3(r.predictedF1.aware.f1)} blind ${f3(r.predictedF1.blind.f1)}`,
        `gold-gate aware ${f3(g.aware.f1)} blind ${f3(g.blind.f1)}`,
        `gate ${r.seconds.gate.toFixed(0)}s tagger ${r.seconds.tagger.toFixed(0)}s`,
      ].join('\t'),
    );
  }
  if (argv.includes('--write')) {
    const command = `node --import tsx src/eval/cross-validate-spans.ts ${argv.join(' ')}`.trim();
    writeFileSync(join(process.cwd(), 'docs', 'evaluation-spans.md'), spansMarkdown(results, command));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
