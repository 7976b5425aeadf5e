/**
 * Named learning configurations ("experiments"): what cross-validation measures and what the
 * shipped recipe trains. Both `src/eval/cross-validate.ts` and the training recipe import them,
 * so a configuration is adopted by naming it.
 */
import { BASELINE_FEATURES, type FeatureConfig } from './featurize.ts';
import type { LearnConfig } from './multilabel.ts';

/**
 * How scores become labels. Multi-label: one tuned threshold (`global`), one per label
 * (`per-label`). Single-label: argmax, or argmax after per-class offsets tuned for macro-F1.
 */
export type Decision = 'global' | 'per-label' | 'argmax' | 'offsets';

export interface Experiment {
  name: string;
  description: string;
  learn: LearnConfig;
  /** Decision rule for multi-label subtasks (2, 3). */
  multi: Decision;
  /** Decision rule for subtask 1. */
  single: Decision;
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
    learn: {
      ...BASE_LEARN,
      classWeight: 'sqrt',
      features: withFeatures({ title: true, neighbours: true, style: true }),
    },
    multi: 'per-label',
    single: 'offsets',
  },
];

/** Run by `npm run eval` (the others on request with --experiments, to keep the run short). */
export const DEFAULT_EXPERIMENTS = ['baseline', 'weights', 'style'];

export function experimentByName(name: string): Experiment {
  const e = EXPERIMENTS.find((x) => x.name === name);
  if (!e) throw new Error(`unknown experiment ${name} (known: ${EXPERIMENTS.map((x) => x.name).join(', ')})`);
  return e;
}
