/**
 * Loads one language folder of the shared SemEval layout (`articles/<id>.txt`, optional
 * `articles-subtask-1-2/<id>.txt` overrides, `labels-subtask-{1,2,3}.tsv`, `spans-subtask-3.tsv`)
 * into Articles with their gold labels. Label files are optional (prediction folders have none).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Article } from '../article/article.ts';
import { semevalArticleId, semevalParagraphs } from '../article/semeval.ts';
import { languageOfFolder } from '../learn/labels.ts';
import { parseArticleLabels, parseParagraphLabels, parseSpans, type SpanLabel } from './semeval-format.ts';

export interface LabelledArticle {
  /** The subtask-3 copy: paragraph lines and span offsets refer to it. */
  article: Article;
  /** The copy labelled for subtasks 1 and 2 (the override when there is one, else `article`). */
  article12: Article;
  genre?: string;
  frames?: string[];
  /** Gold techniques per paragraph line, for every line listed in labels-subtask-3.tsv. */
  techniques?: Map<number, string[]>;
  spans?: SpanLabel[];
}

export interface Dataset {
  /** Folder name, e.g. `ge`. */
  folder: string;
  /** ISO code (`de` for `ge`) when the folder is a known language, else the `lang` passed in. */
  language: string;
  /** Sorted by id (numeric ids numerically) so every run sees the same order. */
  articles: LabelledArticle[];
}

// ignoreBOM keeps a BOM as U+FEFF at offset 0: the organisers' span offsets count it.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export function readArticleFile(path: string, language: string): Article {
  const text = utf8.decode(readFileSync(path));
  const paragraphs = semevalParagraphs(text);
  return {
    id: semevalArticleId(path),
    title: paragraphs[0]?.text ?? '',
    text,
    paragraphs,
    language: { code: language, confidence: 1, method: 'metadata' },
    metadata: { format: 'semeval', source: path, encoding: 'utf-8' },
  };
}

export function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function readOptional(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Reads a language folder; `lang` is used when the folder name is not one of the six codes. */
export function loadDataset(dir: string, lang?: string): Dataset {
  const folder = basename(dir.replace(/[\\/]+$/, ''));
  const language = languageOfFolder(folder) ?? lang ?? 'und';
  const articleDir = join(dir, 'articles');
  if (!existsSync(articleDir)) throw new Error(`${dir}: no articles/ folder`);
  const overrideDir = join(dir, 'articles-subtask-1-2');
  const files = readdirSync(articleDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const byId = new Map<string, LabelledArticle>();
  for (const file of files) {
    const article = readArticleFile(join(articleDir, file), language);
    const overridePath = join(overrideDir, file);
    const article12 = existsSync(overridePath) ? readArticleFile(overridePath, language) : article;
    byId.set(article.id, { article, article12 });
  }
  const get = (id: string, source: string): LabelledArticle => {
    const a = byId.get(id);
    if (!a) throw new Error(`${source}: article ${id} has no file in ${articleDir}`);
    return a;
  };

  const st1Path = join(dir, 'labels-subtask-1.tsv');
  const st1 = readOptional(st1Path);
  if (st1 !== undefined) {
    for (const row of parseArticleLabels(st1, st1Path)) {
      if (row.labels.length !== 1) throw new Error(`${st1Path}: article ${row.id} needs exactly one genre`);
      get(row.id, st1Path).genre = row.labels[0]!;
    }
  }
  const st2Path = join(dir, 'labels-subtask-2.tsv');
  const st2 = readOptional(st2Path);
  if (st2 !== undefined) {
    for (const row of parseArticleLabels(st2, st2Path)) get(row.id, st2Path).frames = row.labels;
  }
  const st3Path = join(dir, 'labels-subtask-3.tsv');
  const st3 = readOptional(st3Path);
  if (st3 !== undefined) {
    for (const row of parseParagraphLabels(st3, st3Path)) {
      const a = get(row.id, st3Path);
      a.techniques ??= new Map();
      const seen = a.techniques.get(row.line) ?? [];
      for (const l of row.labels) if (!seen.includes(l)) seen.push(l);
      a.techniques.set(row.line, seen);
    }
  }
  const spanPath = join(dir, 'spans-subtask-3.tsv');
  const spans = readOptional(spanPath);
  if (spans !== undefined) {
    for (const span of parseSpans(spans, spanPath)) {
      const a = get(span.id, spanPath);
      a.spans ??= [];
      a.spans.push(span);
    }
  }
  const articles = [...byId.values()].sort((x, y) => compareIds(x.article.id, y.article.id));
  return { folder, language, articles };
}
