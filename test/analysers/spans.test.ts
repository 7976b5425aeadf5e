import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSpansAnalyser } from '../../src/analysers/spans/index.ts';
import type { Article } from '../../src/article/article.ts';
import { trainSpans } from '../../src/learn/spans/train.ts';
import type { Analyser } from '../../src/pipeline/analyser.ts';
import type { Finding } from '../../src/pipeline/finding.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { articleFromText, semevalText } from '../helpers.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'spans', 'fr');
const MODELS = mkdtempSync(join(tmpdir(), 'spans-models-'));
trainSpans(FIXTURE, MODELS);

/** Stands in for the `techniques` analyser: fixed predictions per paragraph index. */
function fakeTechniques(predictions: Record<number, string[]>): Analyser {
  return {
    name: 'techniques',
    version: 'test',
    description: 'fixed predictions',
    analyse(article: Article): Finding[] {
      return Object.entries(predictions).flatMap(([paragraph, labels]) =>
        labels.map((label) => {
          const p = article.paragraphs[Number(paragraph)]!;
          const at = p.start + p.text.indexOf('experts');
          return {
            analyser: 'techniques',
            label,
            score: 0.8,
            paragraph: Number(paragraph),
            evidence: [{ feature: 'w:expert', weight: 0.5, span: { start: at, end: at + 7 } }],
          };
        }),
      );
    },
  };
}

const ARTICLE = articleFromText(
  semevalText('Un budget contesté', [
    'Les comptes de la ville ont été publiés mardi.',
    "Selon les experts, ce budget honteux va ruiner nos familles, et il n'y a pas d'autre choix.",
  ]),
  { lang: 'fr' },
);

async function spansOf(predictions: Record<number, string[]>, showAllSpans = false): Promise<Finding[]> {
  const pipeline = new Pipeline([createSpansAnalyser({ modelDir: MODELS }), fakeTechniques(predictions)]);
  const report = await pipeline.analyse(ARTICLE, { showAllSpans });
  return report.findings.filter((f) => f.analyser === 'spans');
}

const WORD = /[\p{L}\p{N}]/u;

test('every predicted technique gets a span that slices whole words of its paragraph', async () => {
  const predicted = ['Appeal_to_Authority', 'Loaded_Language', 'Whataboutism'];
  const found = await spansOf({ 2: predicted });
  assert.deepEqual(found.map((f) => f.label).sort(), [...predicted].sort());
  const p = ARTICLE.paragraphs[2]!;
  for (const f of found) {
    const { start, end } = f.span!;
    assert.ok(start >= p.start && end <= p.end);
    const text = ARTICLE.text.slice(start, end);
    assert.match(text, /^[\p{L}\p{N}]/u);
    assert.match(text, /[\p{L}\p{N}]$/u);
    assert.ok(!WORD.test(ARTICLE.text[start - 1] ?? ' '), `starts mid-word: ${text}`);
    assert.ok(!WORD.test(ARTICLE.text[end] ?? ' '), `ends mid-word: ${text}`);
    assert.equal(f.paragraph, 2);
    assert.equal(f.attributes?.predicted, true);
    assert.equal(f.attributes?.paragraphScore, 0.8);
  }
  // A technique the fixture never taught still gets its best span, flagged as such.
  assert.equal(found.find((f) => f.label === 'Whataboutism')?.attributes?.category, 'Distraction');
});

test('evidence inside a span is listed with it', async () => {
  const [f] = await spansOf({ 2: ['Appeal_to_Authority'] });
  const { start, end } = f!.span!;
  for (const e of f!.evidence ?? []) {
    assert.ok(e.span && e.span.start >= start && e.span.end <= end);
  }
  if (ARTICLE.text.slice(start, end).includes('experts')) {
    assert.ok(f!.evidence?.some((e) => e.feature === 'w:expert'));
  }
});

test('techniques not predicted are hidden unless asked for', async () => {
  assert.deepEqual(await spansOf({}), []);
  const shown = await spansOf({}, true);
  for (const f of shown) {
    assert.equal(f.attributes?.predicted, false);
    assert.ok(f.score >= 0.5);
  }
});

test('overlapping techniques on the same words are all kept', async () => {
  const found = await spansOf({ 2: ['Appeal_to_Authority', 'Appeal_to_Authority', 'Loaded_Language'] });
  assert.equal(found.filter((f) => f.label === 'Appeal_to_Authority').length, 1);
  assert.equal(found.filter((f) => f.label === 'Loaded_Language').length, 1);
});

test('no model for the language: no spans', async () => {
  const english = articleFromText(semevalText('A title', ['Some words here.']), { lang: 'en' });
  const pipeline = new Pipeline([
    createSpansAnalyser({ modelDir: MODELS }),
    fakeTechniques({ 1: ['Doubt'] }),
  ]);
  const report = await pipeline.analyse(english);
  assert.deepEqual(
    report.findings.filter((f) => f.analyser === 'spans'),
    [],
  );
});
