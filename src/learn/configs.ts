/**
 * Named learning configurations ("experiments"): what cross-validation measures and what the
 * shipped recipe trains. Both `src/eval/cross-validate.ts` and the training recipe import them,
 * so a configuration is adopted by naming it.
 */
import { BASELINE_FEATURES, type FeatureConfig } from './featurize.ts';
import type { LearnConfig } from './multilabel.ts';

/**
 * How scores become labels. Multi-label: one tuned threshold (`global`), one per label
 * (`per-label`). Single-label: argmax, or argmax after per-class offsets tuned for macro-F1, added
 * to the probabilities (`offsets`) or to their log-odds (`logit-offsets`, thresholds.ts).
 */
export type Decision = 'global' | 'per-label' | 'argmax' | 'offsets' | 'logit-offsets';

export interface Experiment {
  name: string;
  description: string;
  learn: LearnConfig;
  /** Decision rule for multi-label subtasks (2, 3). */
  multi: Decision;
  /** Decision rule for subtask 1. */
  single: Decision;
  /**
   * One model trained on the training folds of all six languages (folds drawn per language, so a
   * language's held-out fold is never in training); decisions still tuned per language.
   */
  multilingual?: boolean;
  /** Subtask 1 learner: one-vs-rest binary models (default) or one softmax model. */
  learner?: 'ovr' | 'softmax';
  /** Tune thresholds/offsets on the inner scores of every language's rows (multilingual only). */
  tunePooled?: boolean;
  /** Instead of training: a second-level model (see stack.ts) on this experiment's scores. */
  stackOn?: string;
  /** Instead of training: the mean of these experiments' scores. */
  ensemble?: string[];
  /** With `ensemble`: labels whose scores come from another experiment instead (label → experiment). */
  labelFrom?: Record<string, string>;
  /** Subtask 1: train on paragraphs carrying their article's genre, score an article by their mean (src/eval/paragraph-vote.ts). */
  paragraphVote?: boolean;
  /** Per-language first-level variants measured by src/eval/augment.ts (subtask 3 research). */
  augment?: AugmentOptions;
}

export interface AugmentOptions {
  /** Add the gold spans of the training folds as extra training rows. */
  spans?: boolean;
  /** Share of a span another technique's gold span must cover to make the row positive for it too. */
  spanCover?: number;
  /** Give span rows their paragraph's title and neighbour words and the span's style cues. */
  spanContextBlocks?: boolean;
  /** Score each sentence too: paragraph score × (1 − w) + highest sentence score × w. */
  sentenceWeight?: number;
  /** Scale each label's features by their NB log-count ratio (Wang & Manning 2012). */
  nb?: boolean;
}

export const BASE_LEARN: LearnConfig = {
  features: BASELINE_FEATURES,
  c: 1,
  classWeight: 'none',
  minDf: 2,
  seed: 1,
};

export function withFeatures(f: Partial<FeatureConfig>): FeatureConfig {
  return { ...BASELINE_FEATURES, ...f };
}

/** The `style` experiment's learner: context and style blocks, square-root class weights. */
const STYLE_LEARN: LearnConfig = {
  ...BASE_LEARN,
  classWeight: 'sqrt',
  features: withFeatures({ title: true, neighbours: true, style: true }),
};

export const EXPERIMENTS: Experiment[] = [
  {
    name: 'baseline',
    description:
      'TF-IDF word 1-2-grams + char 2-5-grams, LR (C=1), one tuned threshold (argmax for subtask 1)',
    learn: BASE_LEARN,
    multi: 'global',
    single: 'argmax',
  },
  {
    name: 'per-label',
    description: 'baseline + per-label thresholds (subtask 1: class offsets tuned for macro-F1)',
    learn: BASE_LEARN,
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'weights',
    description: 'per-label + sqrt class weights',
    learn: { ...BASE_LEARN, classWeight: 'sqrt' },
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'context',
    description: 'weights + title and neighbouring-paragraph words',
    learn: { ...BASE_LEARN, classWeight: 'sqrt', features: withFeatures({ title: true, neighbours: true }) },
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'style',
    description: 'context + style and lexicon cues',
    learn: STYLE_LEARN,
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'weights-c34',
    description: 'weights with char 3-4-grams only (fewer features per row: prediction speed)',
    learn: { ...BASE_LEARN, classWeight: 'sqrt', features: withFeatures({ charMin: 3, charMax: 4 }) },
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'style-c34',
    description: 'style with char 3-4-grams only (fewer features per row: prediction speed)',
    learn: {
      ...BASE_LEARN,
      classWeight: 'sqrt',
      features: withFeatures({ title: true, neighbours: true, style: true, charMin: 3, charMax: 4 }),
    },
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'weights-c4',
    description: 'weights with char 4-grams only',
    learn: { ...BASE_LEARN, classWeight: 'sqrt', features: withFeatures({ charMin: 4, charMax: 4 }) },
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'style-c4',
    description: 'style with char 4-grams only',
    learn: {
      ...BASE_LEARN,
      classWeight: 'sqrt',
      features: withFeatures({ title: true, neighbours: true, style: true, charMin: 4, charMax: 4 }),
    },
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'style-c4-cost4',
    description: 'style-c4 with C = 4 (weaker regularisation; frames research)',
    learn: {
      ...BASE_LEARN,
      c: 4,
      classWeight: 'sqrt',
      features: withFeatures({ title: true, neighbours: true, style: true, charMin: 4, charMax: 4 }),
    },
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'multi',
    description: 'style, trained on all six languages (language indicator feature)',
    learn: {
      ...BASE_LEARN,
      classWeight: 'sqrt',
      features: withFeatures({ title: true, neighbours: true, style: true, language: true }),
    },
    multi: 'per-label',
    single: 'offsets',
    multilingual: true,
  },
  {
    name: 'multi-tagged',
    description: 'multi + language-tagged word unigrams',
    learn: {
      ...BASE_LEARN,
      classWeight: 'sqrt',
      features: withFeatures({ title: true, neighbours: true, style: true, language: true, langWords: true }),
    },
    multi: 'per-label',
    single: 'offsets',
    multilingual: true,
  },
  {
    name: 'stack',
    description: 'second-level LR on the style scores (co-occurring labels; article mean/max and neighbours)',
    learn: BASE_LEARN,
    multi: 'per-label',
    single: 'offsets',
    stackOn: 'style',
  },
  {
    name: 'multi-stack',
    description: 'second-level LR on the multi scores',
    learn: BASE_LEARN,
    multi: 'per-label',
    single: 'offsets',
    stackOn: 'multi',
  },
  {
    name: 'blend',
    description: 'mean of the style (per-language) and multi (multilingual) scores',
    learn: BASE_LEARN,
    multi: 'per-label',
    single: 'offsets',
    ensemble: ['style', 'multi'],
  },
  {
    name: 'genre',
    description:
      'style + article-level genre cues (agencies, datelines, section words, length), balanced weights',
    learn: {
      ...BASE_LEARN,
      classWeight: 'balanced',
      features: withFeatures({ title: true, neighbours: true, style: true, genre: true }),
    },
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'multi-genre',
    description: 'genre trained on all six languages, class offsets tuned per language',
    learn: {
      ...BASE_LEARN,
      classWeight: 'balanced',
      features: withFeatures({ title: true, neighbours: true, style: true, genre: true, language: true }),
    },
    multi: 'per-label',
    single: 'offsets',
    multilingual: true,
  },
  {
    name: 'multi-genre-pooled',
    description: 'multi-genre with class offsets tuned on all languages together',
    learn: {
      ...BASE_LEARN,
      classWeight: 'balanced',
      features: withFeatures({ title: true, neighbours: true, style: true, genre: true, language: true }),
    },
    multi: 'per-label',
    single: 'offsets',
    multilingual: true,
    tunePooled: true,
  },
  {
    name: 'article-words',
    description: 'style + the words of the whole article as a block (paragraph units)',
    learn: {
      ...BASE_LEARN,
      classWeight: 'sqrt',
      features: withFeatures({ title: true, neighbours: true, style: true, articleWords: true }),
    },
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'softmax-genre',
    description: 'multi-genre-pooled with one softmax model instead of one-vs-rest',
    learn: {
      ...BASE_LEARN,
      classWeight: 'balanced',
      features: withFeatures({ title: true, neighbours: true, style: true, genre: true, language: true }),
    },
    multi: 'per-label',
    single: 'offsets',
    multilingual: true,
    tunePooled: true,
    learner: 'softmax',
  },
  {
    name: 'blend-genre',
    description: 'mean of the weights (per-language) and multi-genre (multilingual) scores',
    learn: BASE_LEARN,
    multi: 'per-label',
    single: 'offsets',
    ensemble: ['weights', 'multi-genre'],
  },
  {
    name: 'spans',
    description: 'style + each gold span of the training folds as an extra training row',
    learn: STYLE_LEARN,
    multi: 'per-label',
    single: 'offsets',
    augment: { spans: true },
  },
  {
    name: 'spans-full',
    description: "spans, span rows also given their paragraph's title, neighbour and style blocks",
    learn: STYLE_LEARN,
    multi: 'per-label',
    single: 'offsets',
    augment: { spans: true, spanContextBlocks: true },
  },
  {
    name: 'spans-sentences',
    description: 'spans-full, scores blended half and half with the best sentence of the paragraph',
    learn: STYLE_LEARN,
    multi: 'per-label',
    single: 'offsets',
    augment: { spans: true, spanContextBlocks: true, sentenceWeight: 0.5 },
  },
  {
    name: 'nb',
    description: 'style with NB log-count-ratio scaling of the features per label',
    learn: STYLE_LEARN,
    multi: 'per-label',
    single: 'offsets',
    augment: { nb: true },
  },
  {
    name: 'spans-blend',
    description: 'mean of the style and spans-full scores',
    learn: BASE_LEARN,
    multi: 'per-label',
    single: 'offsets',
    ensemble: ['style', 'spans-full'],
  },
  {
    name: 'spans-nb-blend',
    description: 'mean of the style, spans-full and nb scores',
    learn: BASE_LEARN,
    multi: 'per-label',
    single: 'offsets',
    ensemble: ['style', 'spans-full', 'nb'],
  },
  {
    name: 'weights-c4-logit',
    description: 'weights-c4 with class offsets added to log-odds instead of probabilities',
    learn: { ...BASE_LEARN, classWeight: 'sqrt', features: withFeatures({ charMin: 4, charMax: 4 }) },
    multi: 'per-label',
    single: 'logit-offsets',
  },
  {
    name: 'weights-c4-C16',
    description: 'weights-c4 with C = 16 (weaker regularisation)',
    learn: { ...BASE_LEARN, c: 16, classWeight: 'sqrt', features: withFeatures({ charMin: 4, charMax: 4 }) },
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'weights-c4-C16-logit',
    description: 'weights-c4-C16 with log-odds offsets',
    learn: { ...BASE_LEARN, c: 16, classWeight: 'sqrt', features: withFeatures({ charMin: 4, charMax: 4 }) },
    multi: 'per-label',
    single: 'logit-offsets',
  },
  {
    name: 'multi-genre-C4',
    description: 'multi-genre with C = 4',
    learn: {
      ...BASE_LEARN,
      c: 4,
      classWeight: 'balanced',
      features: withFeatures({ title: true, neighbours: true, style: true, genre: true, language: true }),
    },
    multi: 'per-label',
    single: 'offsets',
    multilingual: true,
  },
  {
    name: 'paragraph-vote',
    description: "weights-c4 trained on paragraphs carrying their article's genre; article = mean log-odds",
    learn: { ...BASE_LEARN, classWeight: 'sqrt', features: withFeatures({ charMin: 4, charMax: 4 }) },
    multi: 'per-label',
    single: 'offsets',
    paragraphVote: true,
  },
  {
    name: 'genre-blend-c4',
    description: 'mean of the weights-c4 and multi-genre scores, log-odds offsets',
    learn: BASE_LEARN,
    multi: 'per-label',
    single: 'logit-offsets',
    ensemble: ['weights-c4', 'multi-genre'],
  },
  {
    name: 'genre-satire-pool',
    description:
      'weights-c4-C16 for opinion/reporting, satire from multi-genre-C4 (pooled), log-odds offsets',
    learn: BASE_LEARN,
    multi: 'per-label',
    single: 'logit-offsets',
    ensemble: ['weights-c4-C16'],
    labelFrom: { satire: 'multi-genre-C4' },
  },
  {
    name: 'style-pool',
    description:
      'all six languages, language-independent cues only (style rates, genre cues, language bias), C = 16',
    learn: {
      ...BASE_LEARN,
      c: 16,
      classWeight: 'balanced',
      features: withFeatures({
        style: true,
        genre: true,
        language: true,
        charMin: 4,
        charMax: 4,
        weights: { word: 0, char: 0, title: 0, neighbours: 0, style: 1, genre: 1 },
      }),
    },
    multi: 'per-label',
    single: 'logit-offsets',
    multilingual: true,
  },
  {
    name: 'genre-blend3',
    description: 'mean of the weights-c4-C16, multi-genre-C4 and style-pool scores, log-odds offsets',
    learn: BASE_LEARN,
    multi: 'per-label',
    single: 'logit-offsets',
    ensemble: ['weights-c4-C16', 'multi-genre-C4', 'style-pool'],
  },
  {
    name: 'weights-words-logit',
    description: 'weights-c4-logit without char n-grams (word 1-2-grams only: prediction speed)',
    learn: { ...BASE_LEARN, classWeight: 'sqrt', features: withFeatures({ charMin: 0, charMax: 0 }) },
    multi: 'per-label',
    single: 'logit-offsets',
  },
  {
    name: 'style-words',
    description: 'style-c4 without char n-grams (word 1-2-grams, title, neighbours, style: prediction speed)',
    learn: { ...STYLE_LEARN, features: { ...STYLE_LEARN.features, charMin: 0, charMax: 0 } },
    multi: 'per-label',
    single: 'offsets',
  },
  {
    name: 'genre-blend',
    description: 'mean of the weights-c4-C16 and multi-genre-C4 scores, log-odds offsets',
    learn: BASE_LEARN,
    multi: 'per-label',
    single: 'logit-offsets',
    ensemble: ['weights-c4-C16', 'multi-genre-C4'],
  },
];

/**
 * Run by `npm run eval` per subtask (the others on request with --experiments): the slow ones
 * (multilingual subtask 3, softmax) are left out to keep the run within the machine's budget.
 */
export const DEFAULT_EXPERIMENTS: Record<1 | 2 | 3, string[]> = {
  1: [
    'baseline',
    'weights',
    'style',
    'weights-c4',
    'weights-c4-logit',
    'multi-genre',
    'multi-genre-pooled',
    'blend-genre',
    'genre-blend',
  ],
  2: ['baseline', 'weights', 'style', 'multi'],
  3: ['baseline', 'style'],
};

export function experimentByName(name: string): Experiment {
  const e = EXPERIMENTS.find((x) => x.name === name);
  if (!e) throw new Error(`unknown experiment ${name} (known: ${EXPERIMENTS.map((x) => x.name).join(', ')})`);
  return e;
}

/** Best measured configuration per subtask (docs/evaluation.md): what the shipped recipe should train. */
export const BEST_EXPERIMENT: Record<1 | 2 | 3, string> = { 1: 'genre-blend', 2: 'weights', 3: 'multi' };
