/**
 * Scores predicted label rows against the gold label files of a language folder, exactly like the
 * official scorers: every gold row needs a prediction, no extra rows, labels from the inventory.
 */
import { InputError } from '../article/errors.ts';
import { labelsOf, type Subtask } from '../learn/labels.ts';
import type { Dataset } from './dataset.ts';
import { alignRows, multiLabelScores, type Scores } from './metrics.ts';
import type { ArticleLabels, ParagraphLabels } from './semeval-format.ts';

/** Gold rows of a subtask keyed like the scorer (`id`, or `id_line` for subtask 3). */
export function goldRows(dataset: Dataset, subtask: Subtask): Map<string, string[]> {
  const gold = new Map<string, string[]>();
  for (const a of dataset.articles) {
    const id = a.article.id;
    if (subtask === 1 && a.genre !== undefined) gold.set(id, [a.genre]);
    if (subtask === 2 && a.frames) gold.set(id, a.frames);
    if (subtask === 3 && a.techniques) {
      for (const line of [...a.techniques.keys()].sort((x, y) => x - y))
        gold.set(`${id}_${line}`, a.techniques.get(line)!);
    }
  }
  if (gold.size === 0) {
    throw new InputError(
      dataset.folder,
      `no gold labels for subtask ${subtask} (labels-subtask-${subtask}.tsv missing or empty)`,
    );
  }
  return gold;
}

export function scorePredictions(
  dataset: Dataset,
  subtask: Subtask,
  predicted: readonly (ArticleLabels | ParagraphLabels)[],
): Scores {
  const pred = new Map<string, string[]>();
  for (const row of predicted) {
    const key = 'line' in row ? `${row.id}_${row.line}` : row.id;
    if (pred.has(key)) throw new Error(`duplicate prediction for ${key}`);
    pred.set(key, row.labels);
  }
  const aligned = alignRows(goldRows(dataset, subtask), pred);
  return multiLabelScores(labelsOf(subtask), aligned.gold, aligned.pred);
}
