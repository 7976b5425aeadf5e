/**
 * `spinlens predict --data <dir> --subtask 1|2|3 [--out file.tsv]`: labels for one language folder
 * of the SemEval layout, in exactly the organisers' label-file formats. Label files in the folder
 * are never read. The language comes from the folder name (en fr ge it po ru), else --lang, else
 * from each article's text.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Command, Option } from 'commander';
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
import { parseLang } from './options.ts';

export const HEAD_OF: Record<Subtask, HeadName> = { 1: 'genre', 2: 'frames', 3: 'techniques' };

export interface PredictOptions {
  data: string;
  subtask: string;
  out?: string;
  lang?: string;
  models?: string;
}

export interface Prediction {
  dataset: Dataset;
  rows: (ArticleLabels | ParagraphLabels)[];
  /** Models used, by language code (`multi` for the fallback). */
  models: Map<string, Model>;
}

/** Options shared by predict and eval (eval also takes `--subtask spans`). */
export function dataOptions(command: Command, extraSubtasks: readonly string[] = []): Command {
  return command
    .requiredOption('-d, --data <dir>', 'one language folder of the SemEval layout (with articles/)')
    .addOption(
      new Option(
        '-s, --subtask <n>',
        `SemEval subtask: 1 genre, 2 frames, 3 techniques${extraSubtasks.includes('spans') ? ', spans technique spans' : ''}`,
      )
        .choices(['1', '2', '3', ...extraSubtasks])
        .makeOptionMandatory(),
    )
    .option('-l, --lang <code>', 'language when the folder name is not one of en fr ge it po ru', parseLang)
    .option('--models <dir>', 'model folder (default: $SPINLENS_MODELS or the shipped models/)');
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

export function registerPredict(program: Command, io: CliIO, setExit: (code: number) => void): void {
  dataOptions(program.command('predict').description('predict SemEval labels for a language folder'))
    .option('-o, --out <file>', 'label file to write (default: standard output)')
    .addHelpText(
      'after',
      `
Output: subtask 1 "id<TAB>genre", subtask 2 "id<TAB>frame,frame", subtask 3 "id<TAB>line<TAB>tech,tech"
with one row per paragraph line (title = line 1), paragraphs without technique included.

Example:
  spinlens predict --data ../shared/data/semeval2023-task3/train/fr --subtask 3 --out fr-st3.tsv`,
    )
    .action(async (options: PredictOptions) => {
      setExit(await predict(options, io));
    });
}

async function predict(options: PredictOptions, io: CliIO): Promise<number> {
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
