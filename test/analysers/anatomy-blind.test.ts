/**
 * The blind anatomy set (`test/fixtures/anatomy/blind/`): paragraphs written and labelled without
 * reading the analysers' code, lexicons or tuned fixtures. The floors are the measured scores
 * minus 0.05, so a regression fails here while the known misses stay visible in the numbers
 * (docs/evaluation-anatomy.md) instead of being marked as expected.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DateFixture, scoreDates } from '../../src/analysers/dates/score.ts';
import {
  ANATOMY_LANGUAGES,
  type Counts,
  type EntityFixture,
  loadAnatomyFixture,
  precision,
  recall,
  scoreEntities,
} from '../../src/analysers/entities/score.ts';
import { loadFixture, scoreLanguage } from '../../src/analysers/quotes/score.ts';

const BLIND = new URL('../fixtures/anatomy/blind/', import.meta.url);

type Metric =
  | 'quotesExact'
  | 'quotesOverlap'
  | 'speaker'
  | 'sources'
  | 'mentions'
  | 'clustering'
  | 'variants'
  | 'dateDetection'
  | 'dateResolution'
  | 'contradictions';

/** [precision, recall] floors per language, measured when the set was written, minus 0.05. */
const FLOORS: Record<string, Record<Metric, [number, number]>> = {
  fr: {
    quotesExact: [0.84, 0.81],
    quotesOverlap: [0.84, 0.81],
    speaker: [0.61, 0.36],
    sources: [0.61, 0.55],
    mentions: [0.83, 0.67],
    clustering: [0.95, 0.95],
    variants: [0.95, 0.95],
    dateDetection: [0.89, 0.85],
    dateResolution: [0.84, 0.8],
    contradictions: [0.95, 0.95],
  },
  en: {
    quotesExact: [0.81, 0.61],
    quotesOverlap: [0.91, 0.69],
    speaker: [0.9, 0.8],
    sources: [0.58, 0.41],
    mentions: [0.75, 0.62],
    clustering: [0.95, 0.95],
    variants: [0.95, 0.95],
    dateDetection: [0.79, 0.88],
    dateResolution: [0.73, 0.81],
    contradictions: [0.45, 0.45],
  },
  de: {
    quotesExact: [0.95, 0.57],
    quotesOverlap: [0.95, 0.57],
    speaker: [0.95, 0.95],
    sources: [0.28, 0.28],
    mentions: [0.95, 0.56],
    clustering: [0.95, 0.95],
    variants: [0.95, 0],
    dateDetection: [0.95, 0.61],
    dateResolution: [0.95, 0.61],
    contradictions: [0.95, 0.95],
  },
  it: {
    quotesExact: [0.95, 0.83],
    quotesOverlap: [0.95, 0.83],
    speaker: [0.95, 0.82],
    sources: [0.35, 0.45],
    mentions: [0.83, 0.56],
    clustering: [0.95, 0.95],
    variants: [0.95, 0.95],
    dateDetection: [0.95, 0.95],
    dateResolution: [0.95, 0.95],
    contradictions: [0.95, 0.95],
  },
  pl: {
    quotesExact: [0.95, 0.72],
    quotesOverlap: [0.95, 0.72],
    speaker: [0.95, 0.66],
    sources: [0.45, 0.28],
    mentions: [0.75, 0.83],
    clustering: [0.95, 0.95],
    variants: [0.95, 0],
    dateDetection: [0.78, 0.78],
    dateResolution: [0.78, 0.78],
    contradictions: [0.95, 0.95],
  },
  ru: {
    quotesExact: [0.8, 0.55],
    quotesOverlap: [0.8, 0.55],
    speaker: [0.95, 0.45],
    sources: [0.45, 0.45],
    mentions: [0.95, 0.66],
    clustering: [0.95, 0.95],
    variants: [0.95, 0.95],
    dateDetection: [0.95, 0.95],
    dateResolution: [0.8, 0.8],
    contradictions: [0.95, 0.95],
  },
};

function measure(lang: string): Record<Metric, Counts> {
  const q = scoreLanguage(loadFixture(lang, BLIND));
  const e = scoreEntities(loadAnatomyFixture<EntityFixture>('entities', lang, BLIND));
  const d = scoreDates(loadAnatomyFixture<DateFixture>('dates', lang, BLIND));
  return {
    quotesExact: q.exact,
    quotesOverlap: q.overlap,
    speaker: q.speaker,
    sources: q.sources,
    mentions: e.mentions,
    clustering: e.clustering,
    variants: e.variants,
    dateDetection: d.detection,
    dateResolution: d.resolution,
    contradictions: d.contradictions,
  };
}

describe('anatomy analysers on the blind set', () => {
  it('has at least 25 paragraphs in fr and en and 6 in de, it, pl, ru, all held out', () => {
    for (const lang of ANATOMY_LANGUAGES) {
      const items = loadFixture(lang, BLIND).items;
      const paragraphs = items.reduce((n, item) => n + item.paragraphs.length, 0);
      assert.ok(paragraphs >= (lang === 'fr' || lang === 'en' ? 25 : 6), `${lang}: ${paragraphs}`);
      assert.ok(
        items.every((item) => item.set === 'heldout'),
        lang,
      );
    }
  });

  for (const lang of ANATOMY_LANGUAGES) {
    it(`${lang}: stays above the measured floors`, () => {
      const scores = measure(lang);
      for (const [metric, [p, r]] of Object.entries(FLOORS[lang]!) as [Metric, [number, number]][]) {
        const c = scores[metric];
        assert.ok(precision(c) >= p, `${lang} ${metric} precision ${precision(c).toFixed(2)} < ${p}`);
        assert.ok(recall(c) >= r, `${lang} ${metric} recall ${recall(c).toFixed(2)} < ${r}`);
      }
    });
  }
});
