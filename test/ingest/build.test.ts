import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArticle, languageFromTag, validateLanguageCode } from '../../src/article/build.ts';
import { OptionError } from '../../src/article/errors.ts';
import { plainTextParagraphs } from '../../src/article/plaintext.ts';

const TEXT =
  'Hausse des loyers\n\nLes loyers ont augmenté de huit pour cent en un an dans le centre-ville, selon une étude publiée jeudi.';

function parts(extra: { declaredLanguage?: string; languageOverride?: string; title?: string } = {}) {
  return {
    id: 'loyers',
    text: TEXT,
    paragraphs: plainTextParagraphs(TEXT),
    metadata: { format: 'text' as const, source: 'loyers.txt' },
    ...extra,
  };
}

describe('buildArticle', () => {
  it('takes the title from the title paragraph unless one is given', () => {
    assert.equal(buildArticle(parts()).title, 'Hausse des loyers');
    assert.equal(buildArticle(parts({ title: 'Autre titre' })).title, 'Autre titre');
  });

  it('detects the language from the paragraphs when nothing else says it', () => {
    const { language } = buildArticle(parts());
    assert.equal(language.code, 'fr');
    assert.equal(language.method, 'detected');
    assert.ok(language.confidence > 0.5);
  });

  it('prefers the declared language, and the override above all', () => {
    assert.deepEqual(buildArticle(parts({ declaredLanguage: 'fr-CA' })).language, {
      code: 'fr',
      confidence: 0.9,
      method: 'metadata',
    });
    assert.deepEqual(buildArticle(parts({ declaredLanguage: 'en', languageOverride: 'it' })).language, {
      code: 'it',
      confidence: 1,
      method: 'override',
    });
    assert.equal(buildArticle(parts({ declaredLanguage: 'und' })).language.method, 'detected');
  });
});

describe('language codes', () => {
  it('reads the primary subtag of a declared language', () => {
    assert.equal(languageFromTag('fr-FR'), 'fr');
    assert.equal(languageFromTag('en_GB'), 'en');
    assert.equal(languageFromTag(' DE '), 'de');
    assert.equal(languageFromTag('x-klingon'), undefined);
    assert.equal(languageFromTag(''), undefined);
    assert.equal(languageFromTag(undefined), undefined);
  });

  it('validates --lang values with a clear error', () => {
    assert.equal(validateLanguageCode('ka'), 'ka');
    assert.equal(validateLanguageCode('fil'), 'fil');
    for (const bad of ['FR', 'french', 'f', 'fr-FR', '']) {
      assert.throws(
        () => validateLanguageCode(bad),
        (error: unknown) =>
          error instanceof OptionError &&
          error.message ===
            `--lang: '${bad}' is not a language code (expected 2 or 3 lowercase letters, e.g. fr, en, de)`,
      );
    }
  });
});
