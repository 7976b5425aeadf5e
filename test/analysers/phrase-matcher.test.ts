import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PhraseMatcher } from '../../src/analysers/quotes/trie.ts';

const texts = (matcher: PhraseMatcher, text: string) => matcher.findAll(text).map((m) => m.text);

test('phrase matcher: whole words only, the longest phrase wins', () => {
  const matcher = new PhraseMatcher(['said', 'said that', 'according to']);
  assert.deepEqual(texts(matcher, 'She said that the plan, according to aides, was sound.'), [
    'said that',
    'according to',
  ]);
  assert.deepEqual(texts(matcher, 'Nobody saidx or unsaid anything.'), []);
});

test('phrase matcher: case folding, with capitals outside ASCII', () => {
  const matcher = new PhraseMatcher(['état', 'сказал', 'oświadczył', 'λόγος'], { foldCase: true });
  assert.deepEqual(texts(matcher, "L'ÉTAT, c'est moi. État!"), ['État']);
  assert.deepEqual(texts(matcher, 'Он СКАЗАЛ и Сказал снова.'), ['СКАЗАЛ', 'Сказал']);
  assert.deepEqual(texts(matcher, 'Minister OŚWIADCZYŁ wczoraj.'), ['OŚWIADCZYŁ']);
  // A capital sigma ending a word lowercases to `ς` (toLowerCase looks at its neighbours).
  assert.deepEqual(texts(matcher, 'ΛΌΓΟΣ και Λόγος.'), ['ΛΌΓΟΣ', 'Λόγος']);
});

test('phrase matcher: no phrase right after a hyphen, nor after an apostrophe unless elision is allowed', () => {
  const strict = new PhraseMatcher(['Insee'], {});
  const elision = new PhraseMatcher(['Insee'], { afterElision: true });
  assert.deepEqual(texts(strict, "selon l'Insee et pro-Insee"), []);
  assert.deepEqual(texts(elision, "selon l'Insee et pro-Insee"), ['Insee']);
});
