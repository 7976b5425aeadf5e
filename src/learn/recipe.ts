/**
 * The shipped recipe: which named experiment (src/learn/configs.ts) each subtask's models are
 * trained with. Adopting a better experiment is a one-word change here, then `npm run train`.
 *
 * Choices, from docs/evaluation.md (5-fold nested CV, en and fr):
 * - subtask 1 `weights`: macro-F1 en .390 / fr .509, ahead of `style` (.390 / .495);
 * - subtask 2 `style`: micro-F1 en .690 / fr .546, the best in both languages;
 * - subtask 3 `style`: en .390 against .382 for `weights` (French side runs were within .004
 *   either way: .391 style vs .395 weights), so the measured full run decides.
 */
import { type Decision, type Experiment, experimentByName } from './configs.ts';
import type { Subtask } from './labels.ts';

export const RECIPE_EXPERIMENTS: Record<Subtask, string> = { 1: 'weights', 2: 'style', 3: 'style' };

/**
 * The paragraph opinion model (reporting-vs-opinion score per paragraph) uses subtask 3's
 * features, so it shares their extraction at prediction time, with balanced class weights.
 */
export const OPINION_SUBTASK: Subtask = 3;

/** Folds for tuning thresholds, offsets and calibration on out-of-fold scores of train. */
export const TUNING_FOLDS = 5;
export const FOLD_SEED = 42;
/** Shrink of per-label thresholds towards the global one (as in cross-validation). */
export const THRESHOLD_SHRINK = 0.2;

export interface SubtaskRecipe {
  experiment: string;
  learn: Experiment['learn'];
  decision: Decision;
}

/** The resolved recipe of a subtask; experiments the trainer cannot build yet are refused. */
export function recipeFor(subtask: Subtask, name = RECIPE_EXPERIMENTS[subtask]): SubtaskRecipe {
  const e = experimentByName(name);
  for (const key of ['multilingual', 'stackOn', 'ensemble'] as const) {
    if (e[key] !== undefined && e[key] !== false) {
      throw new Error(`recipe: experiment ${name} uses '${key}', which training does not implement yet`);
    }
  }
  return { experiment: name, learn: e.learn, decision: subtask === 1 ? e.single : e.multi };
}
