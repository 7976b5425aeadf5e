import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/article/article.ts';
import { buildPool, decide } from '../../src/eval/cross-validate.ts';
import { paragraphVote } from '../../src/eval/paragraph-vote.ts';
import type { Task } from '../../src/eval/tasks.ts';
import { experimentByName } from '../../src/learn/configs.ts';
import { LOGIT_SCALE, logitScores } from '../../src/learn/thresholds.ts';
import { articleFromText } from '../helpers.ts';

const GENRES = ['opinion', 'reporting', 'satire'];

/** An English article in the SemEval layout, built by the real ingest code. */
function article(id: string, text: string): Article {
  return articleFromText(text, { id, lang: 'en' });
}

function task(texts: string[], genres: number[]): Task {
  const ids = texts.map((_, i) => String(100 + i));
  const gold = new Uint8Array(ids.length * 3);
  genres.forEach((g, r) => {
    gold[r * 3 + g] = 1;
  });
  return {
    subtask: 1,
    language: 'en',
    labels: GENRES,
    units: texts.map((t, i) => ({ article: article(ids[i]!, t) })),
    articleIds: ids,
    keys: ids,
    lines: ids.map(() => 0),
    gold,
  };
}

test('log-odds scores: 0.5 maps to 0, order is kept, extremes are clamped', () => {
  const s = logitScores(Float32Array.from([0.5, 0.01, 0.9, 0, 1]));
  assert.equal(s[0], 0);
  assert.ok(s[1]! < s[0]! && s[0]! < s[2]!);
  assert.ok(Math.abs(s[2]! - Math.log(9) / LOGIT_SCALE) < 1e-6);
  assert.ok(Number.isFinite(s[3]!) && Number.isFinite(s[4]!));
});

test('log-odds offsets let a rare class with tiny probabilities win where probability offsets cannot', () => {
  // Satire rows score 0.01 for satire, the others 0.001: they rank first, but a probability
  // offset on the 0.025 grid cannot put 0.01 above 0.9 while keeping 0.001 below it.
  const genres = [0, 1, 0, 1, 2, 0, 1, 0, 1, 2, 0, 1, 0, 1, 2, 0, 1, 0, 1, 2, 0, 1, 0, 1, 2];
  const pool = buildPool(
    [
      task(
        genres.map(() => ''),
        genres,
      ),
    ],
    ['en'],
  );
  const rows = [
    [0.9, 0.1, 0.001],
    [0.3, 0.6, 0.001],
    [0.9, 0.1, 0.01],
  ];
  const outer = Float32Array.from(genres.flatMap((g) => rows[g]!));
  const oof = { outer, inner: Array.from({ length: 5 }, () => outer), seconds: 0 };
  const want = genres.map((g) => [GENRES[g]!]);
  assert.deepEqual(decide(pool, oof, 0, 'logit-offsets'), want);
  assert.notDeepEqual(decide(pool, oof, 0, 'offsets'), want);
});

const OPINION = [
  'A shameful plan\n\nThis disgraceful plan is an insult to every family.\n\nWe should all be outraged by it.\n',
  'Time to stop them\n\nOnly reckless leaders could sell out the nation like this.\n\nWe deserve far better.\n',
  'Enough is enough\n\nEveryone knows this disgraceful tax grab must end.\n\nShame on the ministers.\n',
  'Our broken politics\n\nThe reckless elite has betrayed us all again.\n\nWe must resist this insult.\n',
];
const REPORTING = [
  'Budget next month\n\nThe ministry said on Tuesday the budget will be published.\n\nOfficials confirmed the date.\n',
  'Prices up in March\n\nAccording to the agency, prices rose by two percent.\n\nThe figures were released on Monday.\n',
  'Election in October\n\nThe minister told reporters the vote will take place in October.\n\nOfficials confirmed it.\n',
  'Bridge to reopen\n\nOfficials said the bridge will reopen to traffic on Monday.\n\nThe agency confirmed the works.\n',
];

test('paragraph vote: every article is scored by models that never saw it, and the classes separate', () => {
  const texts = [...OPINION, ...REPORTING, ...OPINION, ...REPORTING];
  const genres: number[] = texts.map((_, i) => (i % 8 < 4 ? 0 : 1));
  const learn = experimentByName('paragraph-vote').learn;
  const scope = (n: number) => new Uint8Array(n).fill(1);
  const pool = buildPool([task(texts, genres)], ['en']);
  const oof = paragraphVote(pool, learn, scope(texts.length));
  const mean = (g: number) =>
    genres.reduce((s, x, r) => s + (x === g ? oof.outer[r * 3]! : 0), 0) /
    genres.filter((x) => x === g).length;
  assert.ok(mean(0) > mean(1), 'opinion articles score higher for opinion');
  // Flipping article 0's label changes no score of article 0 itself (outer or inner).
  const flipped = buildPool(
    [
      task(
        texts,
        genres.map((g, r) => (r === 0 ? 1 - g : g)),
      ),
    ],
    ['en'],
  );
  const again = paragraphVote(flipped, learn, scope(texts.length));
  assert.deepEqual([...again.outer.subarray(0, 3)], [...oof.outer.subarray(0, 3)]);
  oof.inner.forEach((a, f) => {
    assert.deepEqual([...again.inner[f]!.subarray(0, 3)], [...a.subarray(0, 3)]);
  });
});
