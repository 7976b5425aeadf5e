/**
 * Trains the shipped models: for every language folder of a SemEval-layout data directory, the
 * genre, frames and techniques heads (recipe.ts) and the paragraph opinion head on all its
 * articles, plus one multilingual model on all folders pooled (`multi`). Thresholds, class
 * offsets and Platt calibration come from 5-fold out-of-fold decision values on the training
 * data only. Deterministic: sorted inputs, fixed seeds and folds, no clock in the output.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Dataset, loadDataset } from '../eval/dataset.ts';
import { buildTask } from '../eval/tasks.ts';
import { TOOL_VERSION } from '../version.ts';
import {
  calibrated,
  fbetaThreshold,
  fitPlatt,
  logit,
  NEVER,
  operatingPoint,
  reliability,
} from './calibration.ts';
import type { Decision } from './configs.ts';
import { type RawRows, transform } from './features.ts';
import { blockWeighting, type FeatureConfig, featurize, type Unit } from './featurize.ts';
import { labelsOf, languageOfFolder, type Subtask } from './labels.ts';
import { decision, sigmoid } from './logistic.ts';
import {
  type HeadArrays,
  type HeadHeader,
  type HeadName,
  type LabelInfo,
  MODEL_EXTENSION,
  MODEL_SCHEMA,
  type ModelInfo,
  saveModel,
} from './model.ts';
import { type LearnConfig, type OvrModel, trainOvr } from './multilabel.ts';
import { rng, shuffle } from './random.ts';
import {
  FOLD_SEED,
  OPINION_SUBTASK,
  RECIPE_EXPERIMENTS,
  recipeFor,
  THRESHOLD_SHRINK,
  TUNING_FOLDS,
} from './recipe.ts';
import { logitScores, tuneClassOffsets, tuneGlobalThreshold, tunePerLabelThresholds } from './thresholds.ts';

export const MULTILINGUAL = 'multi';

export interface TrainOptions {
  /** Recorded in each model file. */
  command: string;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  /** Skip the pooled multilingual model. */
  noMultilingual?: boolean;
  /** Experiments replacing the shipped recipe's for some subtasks (trade-off studies, `--recipe`). */
  recipe?: Partial<Record<Subtask, string>>;
}

export interface TrainedFile {
  language: string;
  path: string;
  bytes: number;
  seconds: number;
}

/** Language folders of a data directory (those with an `articles/` folder), sorted. */
export function languageFolders(dataDir: string): string[] {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory())
    throw new Error(`${dataDir}: no such directory`);
  const folders = readdirSync(dataDir)
    .filter((f) => existsSync(join(dataDir, f, 'articles')))
    .sort();
  if (folders.length === 0) throw new Error(`${dataDir}: no language folder with an articles/ folder`);
  return folders;
}

/** ISO code of a folder (`ge` → `de`); an unknown folder name is its own code. */
export function folderLanguage(folder: string): string {
  return languageOfFolder(folder) ?? folder;
}

/** sha256 over every file under the given folders: relative path, NUL, bytes, in sorted path order. */
export function dataHash(dataDir: string, folders: readonly string[]): string {
  const files: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dataDir, rel)).sort()) {
      const path = `${rel}/${name}`;
      if (statSync(join(dataDir, path)).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  for (const f of [...folders].sort()) walk(f);
  const hash = createHash('sha256');
  for (const path of files.sort()) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(dataDir, path)));
  }
  return hash.digest('hex');
}

/** Trains every language folder and the multilingual model; writes `<out>/<lang>.splm`. */
export function trainAll(dataDir: string, outDir: string, options: TrainOptions): TrainedFile[] {
  const log = options.log ?? (() => {});
  const folders = languageFolders(dataDir);
  mkdirSync(outDir, { recursive: true });
  const datasets = folders.map((f) => loadDataset(join(dataDir, f), folderLanguage(f)));
  const written: TrainedFile[] = [];
  const experiments: Record<Subtask, string> = { ...RECIPE_EXPERIMENTS, ...options.recipe };
  const jobs: { language: string; sets: Dataset[]; folders: string[] }[] = datasets.map((d, i) => ({
    language: d.language,
    sets: [d],
    folders: [folders[i]!],
  }));
  if (!options.noMultilingual) jobs.push({ language: MULTILINGUAL, sets: datasets, folders });
  for (const job of jobs) {
    const started = performance.now();
    const info: ModelInfo = {
      schema: MODEL_SCHEMA,
      language: job.language,
      trainedOn: job.sets.map((d) => d.language),
      dataHash: dataHash(dataDir, job.folders),
      command: options.command,
      recipe: {
        ...Object.fromEntries(Object.entries(experiments)),
        opinion: 'balanced, subtask-3 features',
      },
      tool: TOOL_VERSION,
    };
    const heads = trainHeads(job.sets, experiments, (line) => log(`${job.language}: ${line}`));
    const path = join(outDir, `${job.language}${MODEL_EXTENSION}`);
    saveModel(path, info, heads);
    const seconds = (performance.now() - started) / 1000;
    const bytes = statSync(path).size;
    log(`${job.language}: wrote ${path} (${(bytes / 1e6).toFixed(2)} MB) in ${seconds.toFixed(1)} s`);
    written.push({ language: job.language, path, bytes, seconds });
  }
  return written;
}

interface Rows {
  units: Unit[];
  /** Fold key per unit: articles of one id stay together. */
  groups: string[];
  gold: Uint8Array;
}

/** Pools a subtask's rows over datasets (group keys carry the language: ids repeat across languages). */
function subtaskRows(sets: readonly Dataset[], subtask: Subtask): Rows {
  const tasks = sets.map((d) => buildTask(d, subtask));
  const L = labelsOf(subtask).length;
  const units = tasks.flatMap((t) => t.units);
  const gold = new Uint8Array(units.length * L);
  let at = 0;
  for (const t of tasks) {
    gold.set(t.gold, at);
    at += t.gold.length;
  }
  return { units, groups: tasks.flatMap((t) => t.articleIds.map((id) => `${t.language}:${id}`)), gold };
}

/** Paragraph rows for the opinion head: 1 when the article is `reporting`, 0 when `opinion` (satire left out). */
function opinionRows(sets: readonly Dataset[]): Rows {
  const units: Unit[] = [];
  const groups: string[] = [];
  const gold: number[] = [];
  for (const d of sets) {
    for (const a of d.articles) {
      if (a.genre !== 'reporting' && a.genre !== 'opinion') continue;
      for (const p of a.article.paragraphs) {
        units.push({ article: a.article, paragraph: p.index });
        groups.push(`${d.language}:${a.article.id}`);
        gold.push(a.genre === 'reporting' ? 1 : 0);
      }
    }
  }
  return { units, groups, gold: Uint8Array.from(gold) };
}

function trainHeads(
  sets: readonly Dataset[],
  experiments: Record<Subtask, string>,
  log: (line: string) => void,
): { header: HeadHeader; arrays: HeadArrays }[] {
  const out: { header: HeadHeader; arrays: HeadArrays }[] = [];
  const names: Record<Subtask, HeadName> = { 1: 'genre', 2: 'frames', 3: 'techniques' };
  for (const subtask of [1, 2, 3] as Subtask[]) {
    const started = performance.now();
    const recipe = recipeFor(subtask, experiments[subtask]);
    const rows = subtaskRows(sets, subtask);
    out.push(
      trainHead(
        names[subtask],
        subtask === 3 ? 'paragraph' : 'article',
        recipe.experiment,
        recipe.learn,
        recipe.decision,
        labelsOf(subtask),
        rows,
        true,
      ),
    );
    log(
      `${names[subtask]} (${recipe.experiment}, ${rows.units.length} rows) ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  const started = performance.now();
  const base = recipeFor(OPINION_SUBTASK, experiments[OPINION_SUBTASK]);
  const rows = opinionRows(sets);
  out.push(
    trainHead(
      'opinion',
      'paragraph',
      base.experiment,
      { ...base.learn, classWeight: 'balanced' },
      'global',
      ['reporting'],
      rows,
      false,
    ),
  );
  log(`opinion (${rows.units.length} rows) ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return out;
}

/** Fold per group key: keys sorted, shuffled with a fixed seed, dealt round-robin. */
export function assignGroupFolds(groups: readonly string[], k: number, seed: number): Int32Array {
  const keys = [...new Set(groups)].sort();
  const order = shuffle(Int32Array.from(keys.keys()), rng(seed));
  const fold = new Map<string, number>();
  order.forEach((idx, pos) => {
    fold.set(keys[idx]!, pos % k);
  });
  return Int32Array.from(groups, (g) => fold.get(g)!);
}

/** Decision values (rows × labels) of a trained OvR model; labels without a model get −NEVER. */
function decisions(model: OvrModel, raw: RawRows, rows: Int32Array, labels: number): Float64Array {
  const X = transform(model.vectorizer, raw, rows);
  const out = new Float64Array(rows.length * labels);
  for (let j = 0; j < labels; j++) {
    const m = model.models[j];
    for (let r = 0; r < rows.length; r++) out[r * labels + j] = m ? decision(m, X, r) : -NEVER;
  }
  return out;
}

const clampP = (p: number): number => Math.min(1 - 1e-7, Math.max(1e-7, p));

function trainHead(
  name: HeadName,
  unit: 'article' | 'paragraph',
  experiment: string,
  learn: LearnConfig,
  rule: Decision,
  labels: readonly string[],
  rows: Rows,
  tune: boolean,
): { header: HeadHeader; arrays: HeadArrays } {
  const L = labels.length;
  const n = rows.units.length;
  const raw = featurize(rows.units, learn.features);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const groups = new Set(rows.groups).size;
  const k = tune ? Math.min(TUNING_FOLDS, groups) : 0;
  // Out-of-fold decision values of every row (each from a model that never saw its article).
  const oof = new Float64Array(n * L);
  if (k >= 2) {
    const foldOf = assignGroupFolds(rows.groups, k, FOLD_SEED);
    for (let f = 0; f < k; f++) {
      const train = all.filter((r) => foldOf[r] !== f);
      const test = all.filter((r) => foldOf[r] === f);
      const z = decisions(trainOvr(raw, rows.gold, L, train, learn), raw, test, L);
      test.forEach((r, i) => {
        oof.set(z.subarray(i * L, (i + 1) * L), r * L);
      });
    }
  }
  const final = trainOvr(raw, rows.gold, L, all, learn);
  const label = (j: number) => ({
    z: Float64Array.from({ length: n }, (_, r) => oof[r * L + j]!),
    y: Uint8Array.from({ length: n }, (_, r) => rows.gold[r * L + j]!),
  });
  const tuned = k >= 2;
  const probs = Float32Array.from(oof, (z) => sigmoid(z));
  let f1Thresholds = new Float64Array(L).fill(0); // σ(0) = 0.5 without folds
  let offsets: number[] | undefined;
  if (tuned && unit === 'article' && (rule === 'offsets' || rule === 'logit-offsets') && name === 'genre') {
    const g = Int32Array.from({ length: n }, (_, r) => rows.gold.subarray(r * L, (r + 1) * L).indexOf(1));
    offsets = [...tuneClassOffsets(rule === 'logit-offsets' ? logitScores(probs) : probs, g, L)];
  } else if (name === 'genre') {
    offsets = new Array(L).fill(0);
  } else if (tuned) {
    const t =
      rule === 'per-label'
        ? tunePerLabelThresholds(probs, rows.gold, L, THRESHOLD_SHRINK)
        : new Float32Array(L).fill(tuneGlobalThreshold(probs, rows.gold));
    f1Thresholds = Float64Array.from(t, (p) => logit(clampP(p)));
  }
  const infos: LabelInfo[] = labels.map((labelName, j) => {
    const { z, y } = label(j);
    const positives = y.reduce((s, v) => s + v, 0);
    if (!tuned) {
      return {
        label: labelName,
        positives,
        platt: { a: 1, b: 0 },
        thresholds: { f1: 0, precision: 0, recall: 0 },
      };
    }
    const f1 = f1Thresholds[j]!;
    const precision = Math.max(f1, fbetaThreshold(z, y, 0.5, f1));
    const recall = Math.min(f1, fbetaThreshold(z, y, 2, f1));
    return {
      label: labelName,
      positives,
      platt: fitPlatt(z, y),
      thresholds: { f1, precision, recall },
      oof: {
        f1: operatingPoint(z, y, f1),
        precision: operatingPoint(z, y, precision),
        recall: operatingPoint(z, y, recall),
      },
    };
  });
  const header: HeadHeader = {
    name,
    unit,
    experiment,
    features: learn.features as FeatureConfig,
    blocks: blockWeighting(learn.features),
    decision: rule,
    labels: infos,
    ...(tuned ? { reliability: pooledReliability(oof, rows.gold, infos) } : {}),
    ...(offsets ? { offsets } : {}),
    rows: n,
    folds: k,
    columns: 0,
    weighted: 0,
  };
  const arrays = quantise(final, L);
  header.columns = arrays.hashOf.length;
  header.weighted = arrays.weights.length / L;
  return { header, arrays };
}

/** Reliability of the calibrated out-of-fold scores, all labels pooled (labels without positives left out). */
function pooledReliability(oof: Float64Array, gold: Uint8Array, infos: readonly LabelInfo[]) {
  const L = infos.length;
  const p: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < oof.length; i++) {
    const info = infos[i % L]!;
    if (info.positives === 0) continue;
    p.push(calibrated(info.platt, oof[i]!));
    y.push(gold[i]!);
  }
  return reliability(p, y);
}

/**
 * int8 weights with a per-label scale (max |w| / 127). Columns whose weights all round to zero
 * move behind the weighted ones and keep only hash and IDF, since they still count in the
 * per-block L2 norm of a row.
 */
export function quantise(model: OvrModel, labels: number): HeadArrays {
  const v = model.vectorizer;
  const cols = v.hashOf.length;
  const scale = new Float32Array(labels);
  const bias = new Float32Array(labels);
  model.models.forEach((m, j) => {
    if (!m) {
      scale[j] = 0;
      bias[j] = -NEVER;
      return;
    }
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(m.weights[c]!));
    scale[j] = max > 0 ? max / 127 : 0;
    bias[j] = m.weights[cols]! * m.bias;
  });
  const q = new Int8Array(cols * labels);
  const keep = new Uint8Array(cols);
  for (let j = 0; j < labels; j++) {
    const m = model.models[j];
    if (!m || scale[j] === 0) continue;
    const s = Math.fround(scale[j]!);
    for (let c = 0; c < cols; c++) {
      const v8 = Math.round(m.weights[c]! / s);
      q[c * labels + j] = v8;
      if (v8 !== 0) keep[c] = 1;
    }
  }
  const order: number[] = [];
  for (let c = 0; c < cols; c++) if (keep[c]) order.push(c);
  const weighted = order.length;
  for (let c = 0; c < cols; c++) if (!keep[c]) order.push(c);
  const weights = new Int8Array(weighted * labels);
  order.slice(0, weighted).forEach((c, i) => {
    weights.set(q.subarray(c * labels, (c + 1) * labels), i * labels);
  });
  return {
    hashOf: Int32Array.from(order, (c) => v.hashOf[c]!),
    idf: Float32Array.from(order, (c) => v.idf[c]!),
    weights,
    scale,
    bias,
  };
}
