/**
 * `trainSpans(dataDir, outDir)`: trains the span model of every language folder found (or of
 * `dataDir` itself when it is one language folder) and writes `spans-<iso>.bin` files.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../eval/dataset.ts';
import { languageOfFolder } from '../labels.ts';
import { trainSpanModel } from './model.ts';
import { encodeSpanModel } from './model-io.ts';
import { DEFAULT_TAGGER } from './tagger.ts';

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
export function trainSpans(dataDir: string, outDir: string, lang?: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const dir of languageFolders(dataDir)) {
    const ds = loadDataset(dir, lang);
    const language = languageOfFolder(ds.folder) ?? ds.language;
    const articles = ds.articles
      .filter((a) => a.spans)
      .map((a) => ({ article: a.article, spans: a.spans ?? [] }));
    if (articles.length === 0) continue;
    const model = trainSpanModel(language, articles, DEFAULT_TAGGER);
    const path = join(outDir, spanModelFile(language));
    writeFileSync(
      path,
      encodeSpanModel(model, dataHash(dir), `spinlens train (trainSpans, folder ${ds.folder})`),
    );
    written.push(path);
  }
  return written;
}
