import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article, InputFormat } from './article.ts';
import { validateLanguageCode } from './build.ts';
import { csvItems, failure, jsonlItems } from './corpus.ts';
import { checkSize, DEFAULT_MAX_BYTES, decodeBytes } from './decode.ts';
import { InputError, OptionError } from './errors.ts';
import { htmlArticle, sniffHtmlCharset } from './html.ts';
import { DEFAULT_FIELDS, type FieldNames, type InputItem, type InputSet, type ReadOptions } from './input.ts';
import { stem, textArticle } from './textfile.ts';

export type { FieldNames, InputItem, InputSet, ReadOptions } from './input.ts';
export { DEFAULT_FIELDS } from './input.ts';

const FORMATS: readonly InputFormat[] = ['semeval', 'text', 'html', 'jsonl', 'csv'];

/** Extension → how to read it; 'txt' means SemEval layout or plain text, decided per file. */
type FileKind = 'txt' | 'html' | 'jsonl' | 'csv' | 'tsv';
const EXTENSIONS: Record<string, FileKind> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
  '.tsv': 'tsv',
};
const KNOWN = '.txt, .text, .html, .htm, .jsonl, .ndjson, .csv or .tsv';
/** Corpora are read in chunks of this size, never whole. */
const CHUNK_BYTES = 1024 * 1024;
/** How much of stdin is looked at to tell HTML, JSONL and text apart. */
const STDIN_SNIFF_BYTES = 4096;

interface Settings {
  format: 'auto' | InputFormat;
  languageOverride?: string;
  fields: FieldNames;
  maxBytes: number;
  stdin: AsyncIterable<Uint8Array | string>;
}

type Entry =
  | { kind: 'file'; path: string; read: FileKind }
  | { kind: 'stdin' }
  | { kind: 'failed'; error: InputError };

/**
 * The single entry point for reading articles. `paths` are files, directories (walked
 * recursively in sorted order; hidden files and files of unknown extension skipped) or `-` for
 * stdin. Bad options throw an OptionError at once; every problem with an input becomes a failure
 * item, and the other inputs go on. Corpora are streamed record by record.
 */
export async function openInputs(paths: string[], options: ReadOptions = {}): Promise<InputSet> {
  const settings = validate(options);
  const entries: Entry[] = [];
  for (const path of paths) entries.push(...(await expand(path, settings.format)));
  const countable = entries.every(
    (e) => e.kind === 'failed' || (e.kind === 'file' && isArticleFile(e, settings)),
  );
  return {
    total: countable ? entries.length : undefined,
    items: readAll(entries, settings),
  };
}

function validate(options: ReadOptions): Settings {
  const format = options.format ?? 'auto';
  if (format !== 'auto' && !FORMATS.includes(format)) {
    throw new OptionError('--input-format', `'${format}' is not one of auto, ${FORMATS.join(', ')}`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) {
    throw new OptionError('maxBytes', `must be a positive whole number of bytes, not ${maxBytes}`);
  }
  const fields = { ...DEFAULT_FIELDS };
  for (const [key, name] of Object.entries(options.fields ?? {})) {
    if (!(key in DEFAULT_FIELDS)) {
      throw new OptionError(
        '--field',
        `unknown field '${key}' (known: ${Object.keys(DEFAULT_FIELDS).join(', ')})`,
      );
    }
    if (typeof name !== 'string' || !name.trim())
      throw new OptionError('--field', `empty column name for '${key}'`);
    fields[key as keyof FieldNames] = name.trim();
  }
  return {
    format,
    languageOverride: options.lang === undefined ? undefined : validateLanguageCode(options.lang),
    fields,
    maxBytes,
    stdin: options.stdin ?? process.stdin,
  };
}

async function expand(path: string, format: Settings['format']): Promise<Entry[]> {
  if (path === '-') return [{ kind: 'stdin' }];
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    return [{ kind: 'failed', error: fileError(path, error) }];
  }
  if (info.isDirectory()) {
    const files = await walk(path);
    if (files.length === 0) {
      return [{ kind: 'failed', error: new InputError(path, `no articles found (no ${KNOWN} files)`) }];
    }
    return files.map(([file, read]) => ({ kind: 'file', path: file, read }));
  }
  const read = kindOf(path) ?? (format === 'auto' ? undefined : 'txt');
  if (!read) {
    const extension = /\.[^./\\]+$/.exec(path)?.[0];
    const what = extension ? `unknown file type '${extension}'` : 'unknown file type (no extension)';
    return [
      { kind: 'failed', error: new InputError(path, `${what}; expected ${KNOWN}, or give --input-format`) },
    ];
  }
  return [{ kind: 'file', path, read }];
}

/** Files of known kinds under `dir`, depth first, names in code-point order so runs are reproducible. */
async function walk(dir: string): Promise<[string, FileKind][]> {
  const found: [string, FileKind][] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const isDir =
      entry.isDirectory() ||
      (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory());
    if (isDir) found.push(...(await walk(path)));
    else {
      const kind = kindOf(entry.name);
      if (kind) found.push([path, kind]);
    }
  }
  return found;
}

function kindOf(path: string): FileKind | undefined {
  const extension = /\.[^./\\]+$/.exec(path)?.[0]?.toLowerCase();
  return extension ? EXTENSIONS[extension] : undefined;
}

/** Whether an entry is one article (not a corpus): only then is the item count known in advance. */
function isArticleFile(entry: { read: FileKind }, settings: Settings): boolean {
  const format = effectiveFormat(entry.read, settings.format);
  return format !== 'jsonl' && format !== 'csv';
}

function effectiveFormat(kind: FileKind, forced: Settings['format']): InputFormat | 'txt' {
  if (forced !== 'auto') return forced;
  return kind === 'tsv' ? 'csv' : kind;
}

async function* readAll(entries: Entry[], settings: Settings): AsyncGenerator<InputItem> {
  for (const entry of entries) {
    if (entry.kind === 'failed') yield failure(entry.error);
    else if (entry.kind === 'stdin') yield* readStdin(settings);
    else yield* readFileEntry(entry.path, entry.read, settings);
  }
}

async function* readFileEntry(path: string, kind: FileKind, settings: Settings): AsyncGenerator<InputItem> {
  const format = effectiveFormat(kind, settings.format);
  if (format === 'jsonl' || format === 'csv') {
    const delimiter = kind === 'tsv' ? '\t' : ',';
    try {
      yield* corpusItems(
        createReadStream(path, { highWaterMark: CHUNK_BYTES }),
        path,
        format,
        delimiter,
        settings,
      );
    } catch (error) {
      yield failure(error instanceof InputError ? error : fileError(path, error));
    }
    return;
  }
  try {
    const info = await stat(path);
    checkSize(info.size, path, settings.maxBytes);
    const bytes = await readFile(path);
    yield { ok: true, article: articleFromBytes(bytes, path, format, path, settings) };
  } catch (error) {
    yield failure(error instanceof InputError ? error : fileError(path, error));
  }
}

function corpusItems(
  input: AsyncIterable<Uint8Array | string>,
  source: string,
  format: 'jsonl' | 'csv',
  delimiter: string,
  settings: Settings,
): AsyncGenerator<InputItem> {
  const context = {
    source,
    fields: settings.fields,
    maxBytes: settings.maxBytes,
    languageOverride: settings.languageOverride,
  };
  return format === 'jsonl' ? jsonlItems(input, context) : csvItems(input, { ...context, delimiter });
}

/** One article from a whole file's (or stdin's) bytes. `fileName` is undefined for stdin. */
function articleFromBytes(
  bytes: Uint8Array,
  source: string,
  format: InputFormat | 'txt',
  fileName: string | undefined,
  settings: Settings,
): Article {
  const html = format === 'html';
  const decoded = decodeBytes(bytes, source, {
    maxBytes: settings.maxBytes,
    declaredCharset: html ? sniffHtmlCharset(bytes) : undefined,
  });
  if (html) {
    return htmlArticle(decoded, {
      source,
      id: fileName ? stem(fileName) : 'stdin',
      languageOverride: settings.languageOverride,
    });
  }
  return textArticle(decoded, {
    source,
    fileName,
    layout: format === 'txt' ? 'auto' : (format as 'semeval' | 'text'),
    languageOverride: settings.languageOverride,
  });
}

/**
 * Reads `-`. The format comes from the content unless forced: `<` first means HTML, a first line
 * starting with `{` means JSONL, anything else is text. Corpora keep streaming; an article is
 * buffered up to the size limit.
 */
async function* readStdin(settings: Settings): AsyncGenerator<InputItem> {
  const source = 'stdin';
  const iterator = settings.stdin[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  let done = false;
  try {
    while (size < STDIN_SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      const chunk = toBytes(next.value);
      head.push(chunk);
      size += chunk.length;
    }
    const format = settings.format === 'auto' ? sniffFormat(Buffer.concat(head)) : settings.format;
    const rest = async function* (): AsyncGenerator<Uint8Array | string> {
      yield* head;
      while (!done) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    };
    if (format === 'jsonl' || format === 'csv') {
      yield* corpusItems(rest(), source, format, ',', settings);
      return;
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of rest()) {
      const bytes = toBytes(chunk);
      total += bytes.length;
      checkSize(total, source, settings.maxBytes);
      chunks.push(bytes);
    }
    const article = articleFromBytes(Buffer.concat(chunks), source, format, undefined, settings);
    article.metadata.source = '-';
    yield { ok: true, article };
  } catch (error) {
    yield failure(error instanceof InputError ? error : new InputError(source, (error as Error).message));
  }
}

function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

function sniffFormat(head: Buffer): InputFormat | 'txt' {
  const text = new TextDecoder(head[0] === 0xff || head[0] === 0xfe ? 'utf-16' : 'utf-8').decode(head);
  const start = text.replace(/^[\s\ufeff]+/, '');
  if (start.startsWith('<')) return 'html';
  if (start.startsWith('{')) return 'jsonl';
  return 'txt';
}

/** Node's file errors, in words a user reads. */
function fileError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const problems: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
  };
  return new InputError(path, (code && problems[code]) || (error as Error).message, { cause: error });
}
