/**
 * `trainSpans(dataDir, outDir)`: trains the span model of every language folder found (or of
 * `dataDir` itself when it is one language folder) and writes `spans-<iso>.bin` files, each with
 * its language's decoding parameters from `models/spans-decoding.json` (tuned by cross-validation:
 * `src/eval/cross-validate-spans.ts --write`).
 *
 *   node --import tsx src/learn/spans/train.ts [dataDir] [outDir]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../eval/dataset.ts';
import { languageOfFolder } from '../labels.ts';
import type { Decoding } from './decode.ts';
import { DEFAULT_DECODE, trainSpanModel } from './model.ts';
import { encodeSpanModel } from './model-io.ts';
import { DEFAULT_TAGGER } from './tagger.ts';

/** Tuned decoding per ISO language. */
export const DECODING_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'models',
  'spans-decoding.json',
);

export function tunedDecoding(language: string): Decoding {
  const table = JSON.parse(readFileSync(DECODING_FILE, 'utf8')) as Record<string, Decoding>;
  return table[language] ?? DEFAULT_DECODE;
}

export function spanModelFile(language: string): string {
  return `spans-${language}.bin`;
}

/** sha256 over the span file and the article files, names sorted. */
function dataHash(dir: string): string {
  const h = createHash('sha256');
  const spans = join(dir, 'spans-subtask-3.tsv');
  if (existsSync(spans)) h.update(readFileSync(spans));
  const articles = join(dir, 'articles');
  for (const f of readdirSync(articles).sort()) {
    h.update(f);
    h.update(readFileSync(join(articles, f)));
  }
  return h.digest('hex');
}

function languageFolders(dataDir: string): string[] {
  if (existsSync(join(dataDir, 'articles'))) return [dataDir];
  return readdirSync(dataDir)
    .filter((f) => existsSync(join(dataDir, f, 'spans-subtask-3.tsv')))
    .sort()
    .map((f) => join(dataDir, f));
}

/** Trains and writes one model per language folder with a span file; returns the paths written. */
export function trainSpans(
  dataDir: string,
  outDir: string,
  lang?: string,
  command = 'node --import tsx src/learn/spans/train.ts',
): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const dir of languageFolders(dataDir)) {
    const ds = loadDataset(dir, lang);
    // Named like the folder's other models (`xx.splm` → `spans-xx.bin`).
    const language = languageOfFolder(ds.folder) ?? ds.folder;
    const articles = ds.articles
      .filter((a) => a.spans)
      .map((a) => ({ article: a.article, spans: a.spans ?? [] }));
    if (articles.length === 0) continue;
    const model = { ...trainSpanModel(language, articles, DEFAULT_TAGGER), decode: tunedDecoding(language) };
    const path = join(outDir, spanModelFile(language));
    writeFileSync(
      path,
      encodeSpanModel(model, dataHash(dir), `${command} (trainSpans, folder ${ds.folder})`),
    );
    written.push(path);
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [data = join(process.cwd(), '..', 'shared', 'data', 'semeval2023-task3', 'train'), out = 'models'] =
    process.argv.slice(2);
  for (const path of trainSpans(data, out)) console.log(path);
}
