import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { quotesAnalyser } from '../../src/analysers/quotes/index.ts';
import { repetitionAnalyser } from '../../src/analysers/repetition/index.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { initialLocale, translateName, translator } from '../../web/src/i18n.ts';
import {
  articleBars,
  excerpt,
  groupBy,
  highlightKind,
  highlightStyle,
  opinionScores,
  panelGroups,
  paragraphChips,
} from '../../web/src/model.ts';
import { articleFromText } from '../helpers.ts';
import { stubFrames, stubGenre, stubTechniques } from './stubs.ts';

const article = articleFromText(readFileSync('test/fixtures/server/harbour-en.txt', 'utf8'), { lang: 'en' });
const report = new Pipeline([
  repetitionAnalyser,
  quotesAnalyser,
  stubGenre,
  stubFrames,
  stubTechniques,
]).analyseSync(article);

test('findings are drawn by kind: techniques in colour, quotes, repetitions, the rest', () => {
  const kinds = new Set(report.findings.filter((f) => f.span).map(highlightKind));
  assert.deepEqual([...kinds].sort(), ['quote', 'repetition', 'technique']);
  const loaded = report.findings.find((f) => f.label === 'Loaded_Language')!;
  const quote = report.findings.find((f) => f.analyser === 'quotes')!;
  const both = highlightStyle([quote, loaded]);
  assert.equal(both.classes, 'hl hl-quote hl-technique');
  assert.match(both.colour ?? '', /^hsl\(/);
  assert.equal(highlightStyle([quote]).colour, undefined);
  assert.equal(highlightKind({ analyser: 'entities', label: 'person', score: 1 }), 'other');
});

test('bars, the opinion strip and paragraph chips come from the genre, frames and techniques findings', () => {
  assert.deepEqual(
    articleBars(report, 'genre').map((b) => [b.label, b.predicted]),
    [
      ['opinion', true],
      ['reporting', false],
      ['satire', false],
    ],
  );
  const opinion = opinionScores(report);
  assert.equal(opinion.size, 5);
  assert.equal(opinion.get(4), 0.88);
  assert.deepEqual(
    paragraphChips(report, 2).map((f) => f.label),
    ['Doubt'],
  );
});

test('panels: one per analyser below article level, bars and opinion scores left out', () => {
  const names = panelGroups(report).map(([name]) => name);
  assert.deepEqual(names, ['repetition', 'quotes', 'techniques']);
  const quotes = panelGroups(report).find(([name]) => name === 'quotes')![1];
  assert.ok(
    groupBy(quotes, 'speaker').some(([speaker, list]) => speaker === 'Marta Ilves' && list.length === 2),
  );
  assert.equal(excerpt(report, quotes[0]!, 10).length, 10);
});

test('the interface speaks English and French', () => {
  assert.equal(translator('fr')('analyse'), 'Analyser');
  assert.equal(translateName('fr', 'Attack on reputation'), 'Atteinte à la réputation');
  assert.equal(translateName('en', 'Attack on reputation'), 'Attack on reputation');
  assert.equal(initialLocale(null, ['fr-CA', 'en']), 'fr');
  assert.equal(initialLocale('en', ['fr-FR']), 'en');
  assert.equal(initialLocale(null, ['de-DE']), 'en');
});

test('the web sources never write HTML from strings', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
    );
  for (const file of files('web/src')) {
    const source = readFileSync(file, 'utf8');
    assert.doesNotMatch(
      source,
      /innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write/,
      file,
    );
  }
});
