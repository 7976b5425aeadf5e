import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/article/article.ts';
import { semevalParagraphs } from '../../src/article/semeval.ts';
import { RawRowsBuilder } from '../../src/learn/features.ts';
import { addGenreCues, countCues } from '../../src/learn/genre-cues.ts';
import { HASH_MASK, hashString } from '../../src/learn/hash.ts';

function article(text: string): Article {
  const paragraphs = semevalParagraphs(text);
  return {
    id: 't',
    title: paragraphs[0]?.text ?? '',
    text,
    paragraphs,
    language: { code: 'en', confidence: 1, method: 'metadata' },
    metadata: { format: 'text', source: '-' },
  };
}

function cueNames(text: string): Set<number> {
  const b = new RawRowsBuilder();
  addGenreCues(b, 7, article(text));
  b.endRow();
  return new Set(b.build().index);
}

const has = (names: Set<number>, cue: string) => names.has(hashString(`genre:${cue}`, 7) & HASH_MASK);

test('multi-word cues match on folded words', () => {
  const set = new Set(['agence france presse', 'dpa']);
  assert.equal(countCues(['selon', 'l', 'agence', 'france', 'presse'], set), 1);
  assert.equal(countCues(['dpa', 'reported'], set), 1);
  assert.equal(countCues(['france', 'presse'], set), 0);
});

test('a wire report: dateline and agency credit', () => {
  const cues = cueNames(
    'Harbour reopens after storm\n\nLISBON (Reuters) - The harbour reopened on Tuesday, officials said.\n\nShips were waiting offshore.',
  );
  assert.ok(has(cues, 'dateline'));
  assert.ok(has(cues, 'agency-at-edges'));
  assert.ok(!has(cues, 'section-word-in-head'));
  assert.ok(!has(cues, 'title-question'));
});

test('a column: section word in the head and a question in the title', () => {
  const cues = cueNames(
    'Opinion: Why do we still trust the harbour board?\n\nI have watched this board fail for years!',
  );
  assert.ok(has(cues, 'section-word-in-head'));
  assert.ok(has(cues, 'title-question'));
  assert.ok(has(cues, 'has-exclamation'));
  assert.ok(!has(cues, 'dateline'));
  assert.ok(!has(cues, 'agency-anywhere'));
});
