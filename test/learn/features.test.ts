import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withFeatures } from '../../src/learn/configs.ts';
import {
  addCharNgrams,
  addTextFeatures,
  EDGE_LEAD,
  EDGE_TRAIL,
  type FeatureSink,
  fitVectorizer,
  RawRowsBuilder,
  transform,
} from '../../src/learn/features.ts';
import { BLOCK, featurize } from '../../src/learn/featurize.ts';
import { stemmerFor } from '../../src/learn/stem.ts';
import { articleFromText, semevalText } from '../helpers.ts';

const opts = { stem: stemmerFor('en'), wordBlock: 0, charBlock: 1, charMin: 2, charMax: 5, bigrams: true };

function rows(texts: string[]) {
  const b = new RawRowsBuilder();
  for (const t of texts) {
    addTextFeatures(b, t, opts);
    b.endRow();
  }
  return b.build();
}

test('char n-grams say where they occur, with the spaces they include at either edge', () => {
  const seen: { start: number; end: number; edges: number }[] = [];
  const sink: FeatureSink = {
    add: (_block, _hash, _value, start = -1, end = -1, edges = 0) => seen.push({ start, end, edges }),
  };
  // Pushed units: " ab c " (the double space collapses); 4-grams " ab ", "ab c", "b c ".
  addCharNgrams(sink, 'xab  cy', 1, 4, 4, 1, 6);
  assert.deepEqual(seen, [
    { start: 1, end: 3, edges: EDGE_LEAD | EDGE_TRAIL },
    { start: 1, end: 6, edges: 0 },
    { start: 2, end: 6, edges: EDGE_TRAIL },
  ]);
});

test('same text, same features; case and spacing do not matter for char n-grams', () => {
  const b = new RawRowsBuilder();
  addCharNgrams(b, 'Big  Lie', 1, 2, 5);
  b.endRow();
  addCharNgrams(b, 'big lie', 1, 2, 5);
  b.endRow();
  const raw = b.build();
  const first = [...raw.index.subarray(raw.indptr[0], raw.indptr[1])];
  const second = [...raw.index.subarray(raw.indptr[1], raw.indptr[2])];
  assert.deepEqual(first, second);
  // " big lie " has 9 symbols: 8 bigrams + 7 + 6 + 5 n-grams (some may merge by hashing).
  assert.ok(first.length > 20 && first.length <= 26);
});

test('repeated words are counted once per feature with their count', () => {
  const b = new RawRowsBuilder();
  addTextFeatures(b, 'lies lies lies', { ...opts, charBlock: -1, bigrams: false });
  b.endRow();
  const raw = b.build();
  assert.equal(raw.indptr[1], 1);
  assert.equal(raw.count[0], 3);
});

test('vectorizer keeps features seen in enough training rows and L2-normalises each block', () => {
  const raw = rows(['the shameful plan', 'the shameful vote', 'a quiet day']);
  const v = fitVectorizer(
    raw,
    [0, 1],
    [
      { sublinear: true, idf: true, normalize: true, weight: 1 },
      { sublinear: true, idf: true, normalize: true, weight: 2 },
    ],
    2,
  );
  const X = transform(v, raw, [0, 1, 2]);
  assert.equal(X.rows, 3);
  let word = 0;
  let char = 0;
  for (let k = X.indptr[0]!; k < X.indptr[1]!; k++) {
    const blockOfCol = raw.block[raw.index.indexOf(v.hashOf[X.indices[k]!]!)];
    if (blockOfCol === 0) word += X.values[k]! ** 2;
    else char += X.values[k]! ** 2;
  }
  assert.ok(Math.abs(word - 1) < 1e-5);
  assert.ok(Math.abs(char - 4) < 1e-4);
  // Unseen in training ("quiet", "day") → few columns survive for the third row.
  assert.ok(X.indptr[3]! - X.indptr[2]! < X.indptr[1]! - X.indptr[0]!);
});

test('charMax 0 means no char n-grams: none hashed, the word blocks unchanged', () => {
  const added: number[] = [];
  addCharNgrams({ add: (block) => added.push(block) }, 'Nothing to see here', 1, 0, 0);
  assert.deepEqual(added, []);
  const article = articleFromText(
    semevalText('A quiet title', ['The council met on Monday.', 'Nobody came.']),
    {
      lang: 'en',
    },
  );
  const units = [{ article, paragraph: 1 }, { article }];
  const words = featurize(
    units,
    withFeatures({ title: true, neighbours: true, style: true, charMin: 0, charMax: 0 }),
  );
  const c4 = featurize(
    units,
    withFeatures({ title: true, neighbours: true, style: true, charMin: 4, charMax: 4 }),
  );
  assert.ok(!words.block.includes(BLOCK.char));
  assert.ok(c4.block.includes(BLOCK.char));
  const nonChar = (raw: typeof words) =>
    [...raw.index].filter((_, k) => raw.block[k] !== BLOCK.char).sort((a, b) => a - b);
  assert.deepEqual(nonChar(words), nonChar(c4));
});
