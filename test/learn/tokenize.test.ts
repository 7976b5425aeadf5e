import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stemmerFor, suffixStemmer } from '../../src/learn/stem.ts';
import { tokens } from '../../src/learn/tokenize.ts';

test('splits on non-letters, lowercases and folds compatibility forms, keeping offsets', () => {
  const text = "L'ÉTÉ est «chaud» : ＦＩＮ du 2e acte!";
  const t = tokens(text);
  assert.deepEqual(
    t.map((x) => x.token),
    ['l', 'été', 'est', 'chaud', 'fin', 'du', '2e', 'acte'],
  );
  for (const x of t) assert.equal(text.slice(x.start, x.end).length, x.end - x.start);
  assert.equal(text.slice(t[3]!.start, t[3]!.end), 'chaud');
});

test('handles Cyrillic and Polish letters as word characters', () => {
  assert.deepEqual(
    tokens('Это ЖЕ Łódź!').map((x) => x.token),
    ['это', 'же', 'łódź'],
  );
});

test('stems per language, with a suffix stemmer for Polish', () => {
  assert.equal(stemmerFor('en')('running'), 'run');
  assert.equal(stemmerFor('fr')('continuellement'), stemmerFor('fr')('continuelle'));
  assert.equal(stemmerFor('pl')('polityków'), 'polityk');
  assert.equal(stemmerFor('xx')('anything'), 'anything');
  assert.equal(suffixStemmer(['ami'], 3)('domami'), 'dom');
  assert.equal(suffixStemmer(['ami'], 3)('tami'), 'tami');
});
