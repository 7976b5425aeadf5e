/** The work of `spinlens predict` (see predict.ts), loaded only when it runs; eval-run.ts shares it. */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { detectLanguage } from '../article/language.ts';
import { semevalRowLines } from '../article/semeval.ts';
import { type Dataset, loadDataset } from '../eval/dataset.ts';
import {
  type ArticleLabels,
  formatArticleLabels,
  formatParagraphLabels,
  type ParagraphLabels,
} from '../eval/semeval-format.ts';
import { languageOfFolder, type Subtask } from '../learn/labels.ts';
import type { HeadName, Model } from '../learn/model.ts';
import { predictLabels } from '../learn/predict.ts';
import { defaultModelStore, ModelStore } from '../learn/store.ts';
import { type CliIO, EXIT, Output, OutputError, UsageError } from './io.ts';
import type { PredictOptions } from './predict.ts';

export const HEAD_OF: Record<Subtask, HeadName> = { 1: 'genre', 2: 'frames', 3: 'techniques' };

export interface Prediction {
  dataset: Dataset;
  rows: (ArticleLabels | ParagraphLabels)[];
  /** Models used, by language code (`multi` for the fallback). */
  models: Map<string, Model>;
}

export function openDataset(dir: string, lang: string | undefined): Dataset {
  if (!existsSync(join(dir, 'articles'))) throw new UsageError(`--data ${dir}: no articles/ folder`);
  const folderLang = languageOfFolder(basename(dir.replace(/[\\/]+$/, '')));
  const dataset = loadDataset(dir, folderLang ?? lang ?? 'und');
  if (!folderLang && !lang) {
    // Neither folder nor --lang says: each article's language comes from its text.
    for (const a of dataset.articles) {
      const guess = detectLanguage(a.article.text);
      a.article.language = guess;
      a.article12.language = guess;
    }
  }
  return dataset;
}

export function predictDataset(dataset: Dataset, subtask: Subtask, store: ModelStore): Prediction {
  const name = HEAD_OF[subtask];
  const models = new Map<string, Model>();
  const rows: (ArticleLabels | ParagraphLabels)[] = [];
  for (const a of dataset.articles) {
    const article = subtask === 3 ? a.article : a.article12;
    const chosen = store.choose(article.language.code);
    if (!chosen)
      throw new UsageError(`no model for ${article.language.code} and no multilingual model in ${store.dir}`);
    models.set(chosen.model.language, chosen.model);
    if (subtask !== 3) {
      rows.push({ id: article.id, labels: predictLabels(chosen.model, name, [{ article }])[0]! });
      continue;
    }
    const units = article.paragraphs.map((p) => ({ article, paragraph: p.index }));
    const labels = predictLabels(chosen.model, name, units);
    const byLine = new Map(article.paragraphs.map((p, i) => [p.line, labels[i]!]));
    for (const line of semevalRowLines(article))
      rows.push({ id: article.id, line, labels: byLine.get(line) ?? [] });
  }
  return { dataset, rows, models };
}

export function storeFor(dir: string | undefined): ModelStore {
  if (dir === undefined) return defaultModelStore();
  if (!existsSync(dir)) throw new UsageError(`--models ${dir}: no such directory`);
  return new ModelStore(dir);
}

export async function predict(options: PredictOptions, io: CliIO): Promise<number> {
  const subtask = Number(options.subtask) as Subtask;
  const dataset = openDataset(options.data, options.lang);
  const { rows, models } = predictDataset(dataset, subtask, storeFor(options.models));
  const text =
    subtask === 3
      ? formatParagraphLabels(rows as ParagraphLabels[])
      : formatArticleLabels(rows as ArticleLabels[]);
  if (options.out && options.out !== '-') {
    try {
      await writeFile(options.out, text);
    } catch (error) {
      throw new OutputError(`${options.out}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    await new Output(io.stdout).write(text);
  }
  const used = [...models.keys()].join(', ');
  await new Output(io.stderr).write(
    `spinlens: ${rows.length} rows for ${dataset.articles.length} articles (subtask ${subtask}, model ${used})${options.out && options.out !== '-' ? ` → ${options.out}` : ''}\n`,
  );
  return EXIT.ok;
}
