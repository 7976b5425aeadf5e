import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIXTURE_LANGUAGES, fixtureArticle, loadFixture, locate } from '../../src/analysers/quotes/score.ts';
import { sourcesAnalyser } from '../../src/analysers/sources/index.ts';
import { buildArticle } from '../../src/article/build.ts';
import { semevalParagraphs } from '../../src/article/semeval.ts';

function sources(lang: string, ...paragraphs: string[]) {
  const text = ['Title', ...paragraphs].join('\n');
  const a = buildArticle({
    id: 't',
    text,
    paragraphs: semevalParagraphs(text),
    metadata: { format: 'semeval', source: 't' },
    languageOverride: lang,
  });
  return sourcesAnalyser
    .analyse(a, { findings: [], options: {} })
    .map((f) => `${f.label} ${text.slice(f.span!.start, f.span!.end)}`);
}

describe('sources analyser on the annotated fixtures', () => {
  for (const lang of FIXTURE_LANGUAGES) {
    for (const item of loadFixture(lang).items) {
      const a = fixtureArticle(item, lang);
      const found = sourcesAnalyser.analyse(a, { findings: [], options: {} });
      const todo = item.sources.find((s) => s.todo)?.todo;
      it(`${item.id}: finds exactly the labelled sources`, { todo }, () => {
        const got = found.map((f) => `${f.label} ${a.text.slice(f.span!.start, f.span!.end)}`).sort();
        assert.deepEqual(got, item.sources.map((s) => `${s.label} ${s.text}`).sort());
        for (const s of item.sources) {
          const at = locate(a.text, s.text, s.label);
          assert.ok(
            found.some((f) => f.span!.start === at.start && f.span!.end === at.end),
            s.text,
          );
        }
      });
    }
  }
});

describe('sources', () => {
  it('lists agencies and outlets wherever they are named, institutions only when cited', () => {
    assert.deepEqual(sources('fr', 'Le Kremlin a lancé une offensive, selon Le Monde.'), [
      'cited-source Le Monde',
    ]);
    assert.deepEqual(sources('fr', 'Le Kremlin a démenti, a indiqué l’agence Interfax.'), [
      'cited-source Kremlin',
      'cited-source Interfax',
    ]);
    assert.deepEqual(sources('en', 'The talks will resume, the White House said.'), [
      'cited-source White House',
    ]);
  });

  it('flags a source label with nothing after it, or nothing specific', () => {
    assert.deepEqual(sources('de', 'Die Preise steigen weiter.', 'Quelle:'), ['empty-source Quelle:']);
    assert.deepEqual(sources('en', 'Source: social media'), ['vague-source Source: social media']);
    assert.deepEqual(sources('it', 'Fonte'), ['empty-source Fonte']);
  });

  it('reads photo credits as one span, agencies inside them included', () => {
    assert.deepEqual(sources('en', 'The mayor arrives. (Photo: Ann Roe/AP)'), [
      'photo-credit (Photo: Ann Roe/AP)',
    ]);
    assert.deepEqual(sources('fr', '© Jean Morel'), ['photo-credit © Jean Morel']);
  });

  it('flags vague attributions', () => {
    assert.deepEqual(sources('ru', 'По мнению экспертов, цены вырастут.'), [
      'vague-source По мнению экспертов',
    ]);
    assert.deepEqual(sources('en', 'Some say the mayor will resign.'), ['vague-source Some say']);
  });
});
