/** The rows each subtask is scored on, built from a loaded dataset with gold labels. */
import type { Unit } from '../learn/featurize.ts';
import { labelsOf, type Subtask } from '../learn/labels.ts';
import type { Dataset } from './dataset.ts';
import type { SpanLabel } from './semeval-format.ts';

export interface Task {
  subtask: Subtask;
  language: string;
  labels: readonly string[];
  units: Unit[];
  /** Article id per unit (folds are drawn by article). */
  articleIds: string[];
  /** Scorer key per unit: `id` or `id_line`. */
  keys: string[];
  /** Paragraph line per unit (subtask 3). */
  lines: number[];
  /** rows × labels, 0/1. */
  gold: Uint8Array;
  /** Gold technique spans of the task's articles (subtask 3; for span-augmented training). */
  spans?: SpanLabel[];
}

export function buildTask(dataset: Dataset, subtask: Subtask): Task {
  const labels = labelsOf(subtask);
  const index = new Map(labels.map((l, i) => [l, i]));
  const units: Unit[] = [];
  const articleIds: string[] = [];
  const keys: string[] = [];
  const lines: number[] = [];
  const goldRows: string[][] = [];
  const spans: SpanLabel[] = [];
  for (const a of dataset.articles) {
    if (subtask === 3) {
      if (!a.techniques) continue;
      spans.push(...(a.spans ?? []));
      const byLine = new Map(a.article.paragraphs.map((p) => [p.line, p.index]));
      for (const line of [...a.techniques.keys()].sort((x, y) => x - y)) {
        // A listed line that is blank in the text still gets a row (scored, with no features).
        units.push({ article: a.article, paragraph: byLine.get(line) ?? -1 });
        articleIds.push(a.article.id);
        keys.push(`${a.article.id}_${line}`);
        lines.push(line);
        goldRows.push(a.techniques.get(line)!);
      }
    } else {
      const g = subtask === 1 ? (a.genre === undefined ? undefined : [a.genre]) : a.frames;
      if (!g) continue;
      units.push({ article: a.article12 });
      articleIds.push(a.article.id);
      keys.push(a.article.id);
      lines.push(0);
      goldRows.push(g);
    }
  }
  const gold = new Uint8Array(units.length * labels.length);
  goldRows.forEach((row, r) => {
    for (const l of row) {
      const j = index.get(l);
      if (j === undefined) throw new Error(`${dataset.folder}: unknown label ${l} (subtask ${subtask})`);
      gold[r * labels.length + j] = 1;
    }
  });
  return { subtask, language: dataset.language, labels, units, articleIds, keys, lines, gold, spans };
}
