import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/article/article.ts';
import type { InputError } from '../../src/article/errors.ts';
import { openInputs, type ReadOptions } from '../../src/article/sources.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export interface Collected {
  total: number | undefined;
  articles: Article[];
  failures: InputError[];
}

/** Reads every item of `openInputs`, keeping articles and failures apart. */
export async function readInputs(paths: string[], options?: ReadOptions): Promise<Collected> {
  const set = await openInputs(paths, options);
  const articles: Article[] = [];
  const failures: InputError[] = [];
  for await (const item of set.items) {
    if (item.ok) articles.push(item.article);
    else failures.push(item.error);
  }
  return { total: set.total, articles, failures };
}

/** Reads inputs that must give exactly one article. */
export async function readOne(path: string, options?: ReadOptions): Promise<Article> {
  const { articles, failures } = await readInputs([path], options);
  assert.deepEqual(
    failures.map((f) => f.message),
    [],
  );
  assert.equal(articles.length, 1);
  return articles[0]!;
}

/** Reads inputs that must fail once; returns the error. */
export async function readFailure(path: string, options?: ReadOptions): Promise<InputError> {
  const { articles, failures } = await readInputs([path], options);
  assert.equal(articles.length, 0);
  assert.equal(failures.length, 1);
  return failures[0]!;
}

/** Every paragraph slices the article text to exactly its own text, in order, without overlap. */
export function assertOffsets(article: Article): void {
  let previousEnd = 0;
  article.paragraphs.forEach((p, i) => {
    assert.equal(p.index, i);
    assert.equal(article.text.slice(p.start, p.end), p.text, `paragraph ${i} of ${article.id}`);
    assert.ok(p.start >= previousEnd, `paragraph ${i} overlaps the previous one`);
    assert.equal(p.text, p.text.trim(), `paragraph ${i} is not trimmed`);
    previousEnd = p.end;
  });
}

/** A temporary directory removed when the test file ends. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spinlens-ingest-'));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Stdin stand-in: the given chunks, as a stream of bytes. */
export async function* bytesOf(...chunks: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}
