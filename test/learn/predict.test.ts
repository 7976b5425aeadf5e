import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Article } from '../../src/article/article.ts';
import { transform } from '../../src/learn/features.ts';
import { featurize } from '../../src/learn/featurize.ts';
import { HASH_SIZE } from '../../src/learn/hash.ts';
import { HEAD_NAMES, type Head, type Model, slotOf, vocabularyOf } from '../../src/learn/model.ts';
import { topContributions, topContributionsOf, unitsOf } from '../../src/learn/predict.ts';
import { RecentCache } from '../../src/learn/recent.ts';
import { DEFAULT_MODEL_DIR, ModelStore, scoreArticle } from '../../src/learn/store.ts';
import { articleFromText, semevalText } from '../helpers.ts';
import { trainedFixture } from './train-fixture.ts';

/**
 * The training-time definition of a head's decision values: featurize the units from scratch,
 * weight them with the training vectorizer (transform) and take the dot product with the
 * dequantised weights. The prediction path (shared pieces, rows in the model's vocabulary) must
 * give the same numbers.
 */
function referenceScores(head: Head, article: Article): Float64Array {
  const raw = featurize(unitsOf(article, head), head.features);
  const columnOf = new Int32Array(HASH_SIZE).fill(-1);
  head.colOf.forEach((col, slot) => {
    if (col >= 0) columnOf[head.vocab.hashOf[slot]!] = col;
  });
  const X = transform(
    { minDf: 1, blocks: head.blocks, columnOf, hashOf: new Int32Array(0), idf: head.idf },
    raw,
    Int32Array.from({ length: raw.rows }, (_, r) => r),
  );
  const L = head.labels.length;
  const z = new Float64Array(raw.rows * L);
  for (let r = 0; r < raw.rows; r++) {
    for (let j = 0; j < L; j++) {
      let s = 0;
      for (let k = X.indptr[r]!; k < X.indptr[r + 1]!; k++) {
        const col = X.indices[k]!;
        if (col < head.weighted) s += X.values[k]! * head.weights[col * L + j]!;
      }
      z[r * L + j] = s * head.scale[j]! + head.bias[j]!;
    }
  }
  return z;
}

function assertSameScores(model: Model, article: Article, what: string): void {
  for (const name of HEAD_NAMES) {
    const head = model.heads[name];
    const { z } = scoreArticle(article, head);
    const expected = referenceScores(head, article);
    assert.equal(z.length, expected.length, `${what} ${name}`);
    for (let i = 0; i < z.length; i++) {
      assert.ok(Math.abs(z[i]! - expected[i]!) < 1e-6, `${what} ${name}[${i}]: ${z[i]} vs ${expected[i]}`);
    }
  }
}

test('prediction scores equal the training-time features and weights (shipped models, bundled examples)', () => {
  const store = new ModelStore(DEFAULT_MODEL_DIR);
  const examples = readdirSync('examples').filter((f) => /^[a-z]{2}-.*\.txt$/.test(f));
  assert.ok(examples.length >= 6);
  for (const file of examples) {
    const lang = file.slice(0, 2);
    const text = readFileSync(join('examples', file), 'utf8');
    const chosen = store.choose(lang);
    assert.ok(chosen, `a model for ${lang}`);
    assertSameScores(chosen.model, articleFromText(text, { lang }), file);
    // The multilingual model reads every language with the same vocabulary machinery.
    const multi = store.choose('xx');
    assert.ok(multi?.lowConfidence);
    assertSameScores(multi.model, articleFromText(text, { lang }), `${file} (multi)`);
  }
});

test('prediction scores equal the training-time ones on the fixture model, title and one-paragraph articles included', () => {
  const store = new ModelStore(trainedFixture().models);
  const model = store.choose('en')!.model;
  const texts = [
    semevalText('A reckless plan', [
      'Officials confirmed that the bridge will reopen on Monday.',
      'Only a shameful government could sell out the nation like this!',
      'Officials confirmed that the bridge will reopen on Monday.',
    ]),
    semevalText('Title only', []),
    'One line, no title break, and “quotes”!',
  ];
  texts.forEach((t, i) => {
    assertSameScores(model, articleFromText(t, { lang: 'en' }), `text ${i}`);
  });
});

test('evidence candidates are ordered by weight, ties by hashed index', () => {
  const model = new ModelStore(DEFAULT_MODEL_DIR).choose('en')!.model;
  const article = articleFromText(readFileSync('examples/en-council-report.txt', 'utf8'), { lang: 'en' });
  const head = model.heads.techniques;
  const { raw } = scoreArticle(article, head);
  for (const p of article.paragraphs) {
    const top = topContributions(head, raw, p.index, 0, 24);
    for (let k = 1; k < top.length; k++) {
      const a = top[k - 1]!;
      const b = top[k]!;
      assert.ok(a.weight > b.weight || (a.weight === b.weight && a.index < b.index));
    }
  }
});

test('the candidates of several labels in one pass are those of each label alone', () => {
  const model = new ModelStore(DEFAULT_MODEL_DIR).choose('en')!.model;
  const article = articleFromText(readFileSync('examples/en-council-report.txt', 'utf8'), { lang: 'en' });
  const head = model.heads.techniques;
  const { raw } = scoreArticle(article, head);
  const labels = [0, 3, 7, 22];
  for (const p of article.paragraphs) {
    const together = topContributionsOf(head, raw, p.index, labels, 10);
    labels.forEach((j, q) => {
      assert.deepEqual(
        together[q],
        topContributions(head, raw, p.index, j, 10),
        `paragraph ${p.index} label ${j}`,
      );
    });
  }
});

test('a vocabulary finds the slot of every used hash by rank, and no slot for the others', () => {
  const hashes = [Int32Array.from([5, 31, 32, 1000, HASH_SIZE - 1]), Int32Array.from([31, 64, 65])];
  const vocab = vocabularyOf(hashes);
  assert.deepEqual([...vocab.hashOf], [5, 31, 32, 64, 65, 1000, HASH_SIZE - 1]);
  vocab.hashOf.forEach((h, slot) => {
    assert.equal(slotOf(vocab, h), slot);
  });
  for (const h of [0, 4, 6, 30, 33, 63, 66, 999, HASH_SIZE - 2]) assert.equal(slotOf(vocab, h), -1);
});

test('per-article data is kept for the last few articles only', () => {
  const cache = new RecentCache<object, number>(2);
  const [a, b, c] = [{}, {}, {}];
  cache.set(a, 1);
  cache.set(b, 2);
  cache.set(a, 3);
  assert.equal(cache.get(a), 3);
  cache.set(c, 4);
  assert.equal(cache.get(a), undefined);
  assert.equal(cache.get(b), 2);
  assert.equal(cache.get(c), 4);
});
