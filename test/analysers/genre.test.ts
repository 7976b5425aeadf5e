import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createGenreAnalyser } from '../../src/analysers/genre/index.ts';
import { ModelStore } from '../../src/learn/store.ts';
import { articleFromText, semevalText } from '../helpers.ts';
import { assertEvidenceSlices, trainedFixture } from '../learn/train-fixture.ts';

const context = { findings: [], options: {} };

describe('genre analyser', () => {
  let store: ModelStore;
  before(() => {
    store = new ModelStore(trainedFixture().models);
  });

  const opinionText = semevalText('A shameful plan', [
    'The ministry said on Tuesday that the budget would be published next month.',
    'This disgraceful scheme is an outrageous insult to every hard-working family!',
  ]);

  it('gives one probability per genre, summing to 1, with the decided genre marked and explained', () => {
    const article = articleFromText(opinionText, { lang: 'en' });
    const findings = createGenreAnalyser(store).analyse(article, context);
    const genres = findings.filter((f) => f.paragraph === undefined);
    assert.deepEqual(
      genres.map((f) => f.label),
      ['opinion', 'reporting', 'satire'],
    );
    const sum = genres.reduce((s, f) => s + f.score, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9);
    const predicted = genres.filter((f) => f.attributes?.predicted === true);
    assert.equal(predicted.length, 1);
    assert.equal(predicted[0]!.label, 'opinion');
    assert.ok((predicted[0]!.evidence ?? []).length > 0);
    assert.equal(predicted[0]!.attributes?.model, 'en');
    assertEvidenceSlices(article.text, findings);
  });

  it('scores each body paragraph from report to opinion', () => {
    const article = articleFromText(opinionText, { lang: 'en' });
    const scores = createGenreAnalyser(store)
      .analyse(article, context)
      .filter((f) => f.label === 'opinion-score');
    assert.deepEqual(
      scores.map((f) => f.paragraph),
      [1, 2],
    );
    assert.ok(scores[1]!.score > scores[0]!.score, 'the loaded paragraph reads more like opinion');
    for (const f of scores) assert.ok(f.score >= 0 && f.score <= 1);
  });

  it('answers other languages with the multilingual model, flagged low-confidence', () => {
    const article = articleFromText(opinionText, { lang: 'sv' });
    const findings = createGenreAnalyser(store).analyse(article, context);
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.equal(f.attributes?.lowConfidence, true);
      assert.equal(f.attributes?.model, 'multi');
    }
  });

  it('returns nothing when there is no model at all', () => {
    const article = articleFromText(opinionText, { lang: 'en' });
    assert.deepEqual(createGenreAnalyser(new ModelStore('/nonexistent')).analyse(article, context), []);
  });
});
