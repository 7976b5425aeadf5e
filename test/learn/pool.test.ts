import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/article/article.ts';
import { assignFolds, averaged, buildPool, decide } from '../../src/eval/cross-validate.ts';
import type { Task } from '../../src/eval/tasks.ts';

function task(language: string, ids: string[], genres: number[]): Task {
  const labels = ['opinion', 'reporting', 'satire'];
  const gold = new Uint8Array(ids.length * 3);
  genres.forEach((g, r) => {
    gold[r * 3 + g] = 1;
  });
  const article = (id: string): Article => ({
    id,
    title: '',
    text: '',
    paragraphs: [],
    language: { code: language, confidence: 1, method: 'metadata' },
    metadata: { format: 'semeval', source: id },
  });
  return {
    subtask: 1,
    language,
    labels,
    units: ids.map((id) => ({ article: article(id) })),
    articleIds: ids,
    keys: ids,
    lines: ids.map(() => 0),
    gold,
  };
}

test('folds are balanced, deterministic and independent of input order', () => {
  const ids = Array.from({ length: 23 }, (_, i) => String(100 + i));
  const a = assignFolds(ids, 5, 42);
  const b = assignFolds([...ids].reverse(), 5, 42);
  assert.deepEqual([...a.entries()].sort(), [...b.entries()].sort());
  const sizes = [0, 0, 0, 0, 0];
  for (const f of a.values()) sizes[f]!++;
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
});

test('a pool keeps each language in its own rows, with folds drawn per language', () => {
  const en = task('en', ['1', '2', '3', '4', '5'], [0, 0, 1, 0, 2]);
  const fr = task('fr', ['1', '2', '3', '4', '5', '6'], [0, 1, 0, 0, 1, 0]);
  const pool = buildPool([en, fr], ['en', 'fr']);
  assert.equal(pool.units.length, 11);
  assert.deepEqual(pool.offset, [0, 5]);
  assert.deepEqual([...pool.langOf], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  // Same article id in two languages: two different articles.
  assert.notEqual(pool.groupOf[0], pool.groupOf[5]);
  const enFolds = assignFolds(en.articleIds, 5, 42);
  assert.deepEqual(
    [...pool.foldOf.subarray(0, 5)],
    en.articleIds.map((id) => enFolds.get(id)),
  );
});

test('decisions for a language read only that language rows; held-out scores decide, never tune', () => {
  const en = task('en', ['1', '2', '3', '4', '5'], [0, 1, 0, 1, 0]);
  const pool = buildPool([en], ['en']);
  const n = pool.units.length;
  // Scores point at the gold class everywhere: argmax must be perfect.
  const outer = new Float32Array(n * 3);
  for (let r = 0; r < n; r++) outer[r * 3 + pool.gold.subarray(r * 3, r * 3 + 3).indexOf(1)] = 0.9;
  const oof = averaged([{ outer, inner: Array.from({ length: 5 }, () => outer), seconds: 0 }]);
  assert.deepEqual(decide(pool, oof, 0, 'argmax'), [
    ['opinion'],
    ['reporting'],
    ['opinion'],
    ['reporting'],
    ['opinion'],
  ]);
});
