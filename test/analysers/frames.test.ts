import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createFramesAnalyser } from '../../src/analysers/frames/index.ts';
import { FRAMES } from '../../src/learn/labels.ts';
import { ModelStore } from '../../src/learn/store.ts';
import { articleFromText, semevalText } from '../helpers.ts';
import { assertEvidenceSlices, trainedFixture } from '../learn/train-fixture.ts';

describe('frames analyser', () => {
  let store: ModelStore;
  before(() => {
    store = new ModelStore(trainedFixture().models);
  });

  it('reports frames above threshold, best first, with calibrated scores and evidence', () => {
    const article = articleFromText(
      semevalText('Prices and the budget', [
        'According to the statistics agency, prices rose by two percent in March.',
        'The ministry said on Tuesday that the budget would be published next month.',
      ]),
      { lang: 'en' },
    );
    const findings = createFramesAnalyser(store).analyse(article, {
      findings: [],
      options: { recall: true },
    });
    assert.ok(
      findings.some((f) => f.label === 'Economic'),
      JSON.stringify(findings.map((f) => f.label)),
    );
    for (const f of findings) {
      assert.ok((FRAMES as readonly string[]).includes(f.label));
      assert.equal(f.paragraph, undefined);
      assert.ok(f.score >= 0 && f.score <= 1);
      assert.ok(typeof f.attributes?.threshold === 'number');
    }
    const scores = findings.map((f) => f.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    assertEvidenceSlices(article.text, findings);
  });
});
