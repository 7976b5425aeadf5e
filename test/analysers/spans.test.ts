import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSpansAnalyser } from '../../src/analysers/spans/index.ts';
import type { Article } from '../../src/article/article.ts';
import { encodeSpanModel, readSpanModel } from '../../src/learn/spans/model-io.ts';
import { spanModelFile, trainSpans } from '../../src/learn/spans/train.ts';
import type { Analyser } from '../../src/pipeline/analyser.ts';
import type { Finding } from '../../src/pipeline/finding.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { renderHtml } from '../../src/report/html.ts';
import { renderJson } from '../../src/report/json.ts';
import { formatScore } from '../../src/report/layout.ts';
import { renderText } from '../../src/report/text.ts';
import { articleFromText, semevalText } from '../helpers.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'spans', 'fr');
const MODELS = mkdtempSync(join(tmpdir(), 'spans-models-'));
trainSpans(FIXTURE, MODELS);
/** The same model decoding up to three spans per technique whenever another region exists. */
const MULTI = mkdtempSync(join(tmpdir(), 'spans-models-'));
{
  const { model } = readSpanModel(join(MODELS, spanModelFile('fr')));
  const decode = { base: { threshold: 0.5, extra: 0, maxSpans: 3 }, byTechnique: {} };
  writeFileSync(join(MULTI, spanModelFile('fr')), encodeSpanModel({ ...model, decode }, 'hash', 'test'));
}

/** The same model with a learned cut for unreported techniques (0: every one shows its best span; 2: none). */
function withAdd(add: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'spans-models-'));
  const { model } = readSpanModel(join(MODELS, spanModelFile('fr')));
  const decode = { base: { threshold: 0.3, extra: 2, maxSpans: 1, add }, byTechnique: {} };
  writeFileSync(join(dir, spanModelFile('fr')), encodeSpanModel({ ...model, decode }, 'hash', 'test'));
  return dir;
}

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

async function spansOf(
  predictions: Record<number, string[]>,
  showAllSpans = false,
  modelDir = MODELS,
): Promise<Finding[]> {
  const pipeline = new Pipeline([createSpansAnalyser({ modelDir }), fakeTechniques(predictions)]);
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

test('asked for, unreported techniques show spans by the learned cut on the classifier probability', async () => {
  const all = await spansOf({ 2: ['Loaded_Language'] }, true, withAdd(0));
  const unreported = all.filter((f) => f.attributes?.predicted === false);
  // Cut 0: each paragraph gets one span of every technique it was not reported with.
  const paragraph2 = unreported.filter((f) => f.paragraph === 2).map((f) => f.label);
  assert.equal(paragraph2.length, 22);
  assert.ok(!paragraph2.includes('Loaded_Language'));
  assert.equal(all.filter((f) => f.label === 'Loaded_Language' && f.paragraph === 2).length, 1);
  const none = await spansOf({ 2: ['Loaded_Language'] }, true, withAdd(2));
  assert.deepEqual(
    none.map((f) => [f.label, f.attributes?.predicted]),
    [['Loaded_Language', true]],
  );
});

test('overlapping techniques on the same words are all kept', async () => {
  const found = await spansOf({ 2: ['Appeal_to_Authority', 'Appeal_to_Authority', 'Loaded_Language'] });
  assert.equal(found.filter((f) => f.label === 'Appeal_to_Authority').length, 1);
  assert.equal(found.filter((f) => f.label === 'Loaded_Language').length, 1);
});

test('a model decoding several spans per technique shows them ranked, apart, and only for predicted techniques', async () => {
  const predicted = ['Appeal_to_Authority', 'Loaded_Language'];
  const found = await spansOf({ 2: predicted }, false, MULTI);
  for (const label of predicted) {
    const mine = found.filter((f) => f.label === label);
    assert.ok(mine.length >= 2 && mine.length <= 3, `${label}: ${mine.length} spans`);
    assert.deepEqual(
      mine.map((f) => Number(f.attributes?.rank)).sort(),
      mine.map((_, i) => i + 1),
    );
    const sorted = mine.map((f) => f.span!).sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]!.start > sorted[i - 1]!.end);
  }
  assert.deepEqual([...new Set(found.map((f) => f.label))].sort(), predicted);
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

test('terminal, JSON and HTML reports show each span with its technique, score and key words', async () => {
  const pipeline = new Pipeline([
    createSpansAnalyser({ modelDir: MULTI }),
    fakeTechniques({ 2: ['Loaded_Language'] }),
  ]);
  const report = await pipeline.analyse(ARTICLE);
  const spans = report.findings.filter((f) => f.analyser === 'spans');
  assert.ok(spans.length >= 2);
  const text = renderText(report, { color: false, width: 200 });
  const json = JSON.parse(renderJson(report)) as typeof report;
  const html = renderHtml(report);
  assert.match(text, /Loaded Language/);
  assert.match(html, /Loaded Language/);
  for (const f of spans) {
    const words = ARTICLE.text.slice(f.span!.start, f.span!.end);
    const key = f.evidence?.find((e) => e.span)?.span;
    assert.ok(key, 'a span carries evidence inside it');
    const keyWord = ARTICLE.text.slice(key.start, key.end);
    assert.ok(text.includes(`“${words}” ${formatScore(f.score)}`), `terminal: ${words}`);
    assert.ok(text.includes(`“${keyWord}”`), `terminal key word: ${keyWord}`);
    assert.ok(html.includes(`“${words}”`), `html: ${words}`);
    assert.ok(
      html.includes(`key words: “${keyWord}”`) || html.includes(`“${keyWord}”`),
      `html key word: ${keyWord}`,
    );
    const stored = json.findings.find(
      (x) => x.analyser === 'spans' && x.span?.start === f.span!.start && x.label === f.label,
    );
    assert.equal(stored?.score, f.score);
    assert.deepEqual(stored?.evidence, f.evidence);
  }
});
