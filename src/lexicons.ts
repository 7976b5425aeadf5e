import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reads data files under `lexicons/`, once each. The directory is found by walking up from this
 * module to the package root, so the same code works from `src/` (tsx) and from `dist/` (built).
 */

let root: string | undefined;

/** Absolute path of the `lexicons/` directory of the package. */
export function lexiconDir(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'lexicons'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`lexicons/ not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  root = join(dir, 'lexicons');
  return root;
}

const texts = new Map<string, string | undefined>();

/** The text of `lexicons/<path>`, or undefined when the file does not exist (cached either way). */
export function lexiconText(path: string): string | undefined {
  if (texts.has(path)) return texts.get(path);
  const file = join(lexiconDir(), path);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  texts.set(path, text);
  return text;
}

const lineLists = new Map<string, readonly string[]>();

/**
 * The entries of a one-per-line list: trimmed, blank lines and `#` comments skipped.
 * A missing file is an empty list, so a language without a list simply gets no entries.
 */
export function lexiconLines(path: string): readonly string[] {
  let lines = lineLists.get(path);
  if (!lines) {
    lines = (lexiconText(path) ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    lineLists.set(path, lines);
  }
  return lines;
}

const jsons = new Map<string, unknown>();

/** The parsed content of a JSON lexicon; throws when the file is missing or malformed. */
export function lexiconJson(path: string): unknown {
  if (jsons.has(path)) return jsons.get(path);
  const text = lexiconText(path);
  if (text === undefined) throw new Error(`lexicon file missing: lexicons/${path}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`lexicons/${path}: ${(error as Error).message}`);
  }
  jsons.set(path, value);
  return value;
}
