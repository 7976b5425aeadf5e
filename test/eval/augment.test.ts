import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/article/article.ts';
import { augmentedFirstLevel, concatRaw, nbRatios, sentenceRows, spanRows } from '../../src/eval/augment.ts';
import { buildPool } from '../../src/eval/cross-validate.ts';
import type { Task } from '../../src/eval/tasks.ts';
import { experimentByName } from '../../src/learn/configs.ts';
import { featurize } from '../../src/learn/featurize.ts';
import type { Csr } from '../../src/learn/sparse.ts';
import { articleFromText } from '../helpers.ts';

const LABELS = ['Loaded_Language', 'Name_Calling-Labeling', 'Doubt'];

/** An English article in the SemEval layout, built by the real ingest code. */
function article(id: string, text: string): Article {
  return articleFromText(text, { id, lang: 'en' });
}

const TEXT = 'A plain title\n\nThe mayor, a shameless crook, spoke again. Nobody believes his numbers.\n';
const crook = TEXT.indexOf('shameless crook');
const believes = TEXT.indexOf('Nobody believes');

function task(): Task {
  const a = article('7', TEXT);
  const b = article('8', 'Another title\n\nThe council met on Tuesday.\n');
  const gold = new Uint8Array(4 * 3);
  gold[1 * 3 + 0] = 1;
  gold[1 * 3 + 1] = 1;
  gold[1 * 3 + 2] = 1;
  return {
    subtask: 3,
    language: 'en',
    labels: LABELS,
    units: [
      { article: a, paragraph: 0 },
      { article: a, paragraph: 1 },
      { article: b, paragraph: 0 },
      { article: b, paragraph: 1 },
    ],
    articleIds: ['7', '7', '8', '8'],
    keys: ['7_1', '7_3', '8_1', '8_3'],
    lines: [1, 3, 1, 3],
    gold,
    spans: [
      { id: '7', technique: 'Name_Calling-Labeling', start: crook, end: crook + 'shameless crook'.length },
      // Covers the whole name-calling span: that row is positive for both techniques.
      { id: '7', technique: 'Loaded_Language', start: crook, end: crook + 'shameless'.length },
      { id: '7', technique: 'Doubt', start: believes, end: believes + 'Nobody believes his numbers'.length },
    ],
  };
}

const learn = experimentByName('spans').learn;

test('every gold span becomes a row in its article fold, positive for the techniques covering it', () => {
  const pool = buildPool([task()], ['en']);
  const extra = spanRows(pool, learn, { spans: true });
  assert.equal(extra.raw.rows, 3);
  const rows = [0, 1, 2].map((r) => [...extra.gold.subarray(r * 3, (r + 1) * 3)]);
  // Name calling: the loaded-language span covers only 9 of its 15 characters (≥ half).
  assert.deepEqual(rows[0], [1, 1, 0]);
  // Loaded language: wholly inside the name-calling span.
  assert.deepEqual(rows[1], [1, 1, 0]);
  assert.deepEqual(rows[2], [0, 0, 1]);
  assert.deepEqual([...extra.foldOf], [pool.foldOf[0], pool.foldOf[0], pool.foldOf[0]]);
  assert.deepEqual([...extra.langOf], [0, 0, 0]);
});

test('a stricter cover keeps a span positive only for techniques that cover it fully', () => {
  const pool = buildPool([task()], ['en']);
  const extra = spanRows(pool, learn, { spans: true, spanCover: 1 });
  assert.deepEqual([...extra.gold.subarray(0, 3)], [0, 1, 0]);
  assert.deepEqual([...extra.gold.subarray(3, 6)], [1, 1, 0]);
});

test('sentence rows follow the sentences of each paragraph row', () => {
  const pool = buildPool([task()], ['en']);
  const s = sentenceRows(pool, learn);
  // Titles are one sentence each; the body of article 7 has two, that of article 8 one.
  assert.deepEqual([...s.rowOf], [0, 1, 1, 2, 3]);
});

test('concatenated raw rows keep both parts intact', () => {
  const units = task().units;
  const a = featurize(units.slice(0, 2), learn.features);
  const b = featurize(units.slice(2), learn.features);
  const ab = concatRaw(a, b);
  const whole = featurize(units, learn.features);
  assert.deepEqual([...ab.indptr], [...whole.indptr]);
  assert.deepEqual([...ab.index], [...whole.index]);
  assert.deepEqual([...ab.count], [...whole.count]);
});

test('NB ratios are positive for features of positives and negative for those of negatives', () => {
  const X: Csr = {
    rows: 4,
    cols: 3,
    indptr: Int32Array.from([0, 2, 4, 5, 6]),
    indices: Int32Array.from([0, 2, 0, 2, 1, 1]),
    values: Float32Array.from([1, 1, 1, 1, 1, 1]),
  };
  const r = nbRatios(X, Int8Array.from([1, 1, -1, -1]));
  assert.ok(r[0]! > 0);
  assert.ok(r[1]! < 0);
  assert.ok(Math.abs(r[0]! - r[2]!) < 1e-6);
});

test("an article's spans never reach the scores of its own paragraphs", () => {
  const bodies = [
    'The shameless crook lied again to everyone.',
    'Officials counted the ballots on Monday.',
    'Nobody believes these corrupt liars any more.',
    'The bridge reopened after repairs this week.',
    'This disgraceful gang of thieves must go.',
    'Rain is expected over the weekend.',
  ];
  const articles = bodies.map((b, i) => article(String(10 + i), `Title ${i}\n\n${b}\n`));
  const gold = new Uint8Array(articles.length * 2 * 3);
  const spans = articles.flatMap((a, i) => {
    if (i % 2 === 1) return [];
    gold[(2 * i + 1) * 3 + 1] = 1;
    const p = a.paragraphs[1]!;
    return [{ id: a.id, technique: 'Name_Calling-Labeling', start: p.start + 4, end: p.end - 1 }];
  });
  const make = (kept: typeof spans): Task => ({
    subtask: 3,
    language: 'en',
    labels: LABELS,
    units: articles.flatMap((a) => [
      { article: a, paragraph: 0 },
      { article: a, paragraph: 1 },
    ]),
    articleIds: articles.flatMap((a) => [a.id, a.id]),
    keys: articles.flatMap((a) => [`${a.id}_1`, `${a.id}_3`]),
    lines: articles.flatMap(() => [1, 3]),
    gold,
    spans: kept,
  });
  const run = (kept: typeof spans) => {
    const pool = buildPool([make(kept)], ['en']);
    const raw = featurize(pool.units, learn.features);
    return {
      pool,
      oof: augmentedFirstLevel(pool, raw, { ...learn, minDf: 1 }, new Uint8Array(12).fill(1), {
        spans: true,
      }),
    };
  };
  const all = run(spans);
  const without = run(spans.filter((s) => s.id !== '10'));
  const rows = [0, 1]; // the paragraphs of article 10
  const L = LABELS.length;
  for (const r of rows) {
    const f = all.pool.foldOf[r]!;
    assert.deepEqual(
      [...all.oof.outer.subarray(r * L, (r + 1) * L)],
      [...without.oof.outer.subarray(r * L, (r + 1) * L)],
    );
    for (let g = 0; g < 5; g++) {
      if (g === f) continue;
      const a = all.oof.inner[g]!.subarray(r * L, (r + 1) * L);
      assert.deepEqual([...a], [...without.oof.inner[g]!.subarray(r * L, (r + 1) * L)]);
    }
  }
  // The spans do reach other articles' scores.
  assert.notDeepEqual([...all.oof.outer], [...without.oof.outer]);
});
