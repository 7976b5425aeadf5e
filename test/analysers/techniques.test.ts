import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createTechniquesAnalyser } from '../../src/analysers/techniques/index.ts';
import { TECHNIQUE_CATEGORIES } from '../../src/learn/labels.ts';
import { ModelStore } from '../../src/learn/store.ts';
import { articleFromText, semevalText } from '../helpers.ts';
import { assertEvidenceSlices, trainedFixture } from '../learn/train-fixture.ts';

describe('techniques analyser', () => {
  let store: ModelStore;
  before(() => {
    store = new ModelStore(trainedFixture().models);
  });
  const text = semevalText('Budget news', [
    'Officials confirmed that the bridge will reopen to traffic on Monday.',
    'Only a reckless and shameful government could sell out the nation like this!',
  ]);

  it('finds loaded language in the loaded paragraph, with its category and evidence in the text', () => {
    const article = articleFromText(text, { lang: 'en' });
    const findings = createTechniquesAnalyser(store).analyse(article, { findings: [], options: {} });
    const loaded = findings.filter((f) => f.label === 'Loaded_Language');
    assert.ok(
      loaded.some((f) => f.paragraph === 2),
      JSON.stringify(findings.map((f) => [f.label, f.paragraph])),
    );
    assert.ok(!findings.some((f) => f.paragraph === 1), 'the factual paragraph has no technique');
    const categories = new Set(Object.values(TECHNIQUE_CATEGORIES));
    for (const f of findings) {
      assert.ok(categories.has(f.attributes?.category as never), String(f.attributes?.category));
      assert.ok(f.score > 0 && f.score < 1);
      assert.ok((f.evidence ?? []).length > 0);
      const p = article.paragraphs[f.paragraph!]!;
      for (const e of f.evidence ?? []) {
        // Evidence of a paragraph finding lies in that paragraph, the title or a neighbour.
        if (e.span && !/^(title|neighbour):/.test(e.feature)) {
          assert.ok(e.span.start >= p.start && e.span.end <= p.end, e.feature);
        }
      }
    }
    assert.ok(loaded[0]!.evidence!.some((e) => e.span !== undefined));
    assertEvidenceSlices(article.text, findings);
  });

  it('finds at least as much in recall mode', () => {
    const article = articleFromText(text, { lang: 'en' });
    const analyser = createTechniquesAnalyser(store);
    const precise = analyser.analyse(article, { findings: [], options: {} });
    const recall = analyser.analyse(article, { findings: [], options: { recall: true } });
    assert.ok(recall.length >= precise.length);
  });
});
