import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { detectLanguage, screenLanguage } from '../../src/article/language.ts';

interface Samples {
  short: string[];
  long: string;
}

const samples = JSON.parse(
  readFileSync(new URL('../fixtures/text/languages.json', import.meta.url), 'utf8'),
) as Record<string, Samples>;

describe('detectLanguage', () => {
  for (const [lang, { short, long }] of Object.entries(samples)) {
    it(`${lang}: one-sentence texts`, () => {
      for (const sentence of short) {
        const guess = detectLanguage(sentence);
        assert.equal(guess.code, lang, sentence);
        assert.ok(guess.confidence >= 0.8, `${sentence}: confidence ${guess.confidence}`);
        assert.equal(guess.method, 'detected');
      }
    });

    it(`${lang}: a long text, with high confidence`, () => {
      const guess = detectLanguage(`${long} ${long} ${long}`);
      assert.equal(guess.code, lang);
      assert.ok(guess.confidence >= 0.97, `confidence ${guess.confidence}`);
    });
  }

  it('covers the six SemEval languages plus es, el, ka', () => {
    assert.deepEqual(Object.keys(samples).sort(), ['de', 'el', 'en', 'es', 'fr', 'it', 'ka', 'pl', 'ru']);
  });

  it('is unsure about a single word', () => {
    for (const word of ['Bonjour', 'Regierung', 'OK', 'Москва']) {
      const guess = detectLanguage(word);
      assert.ok(guess.confidence < 0.5, `${word}: confidence ${guess.confidence}`);
    }
  });

  it('grows more confident with more text', () => {
    const sentence = samples.it!.short[0]!;
    const oneWord = detectLanguage(sentence.split(' ')[1]!).confidence;
    const fewWords = detectLanguage(sentence.split(' ').slice(0, 3).join(' ')).confidence;
    const full = detectLanguage(samples.it!.long).confidence;
    assert.ok(oneWord < fewWords && fewWords < full, `${oneWord} < ${fewWords} < ${full}`);
  });

  it('is less confident on a text that mixes two languages', () => {
    const mixed = detectLanguage(`${samples.fr!.long} ${samples.en!.long}`);
    assert.ok(['fr', 'en'].includes(mixed.code));
    assert.ok(mixed.confidence < 0.8, `confidence ${mixed.confidence}`);
    assert.ok(detectLanguage(samples.fr!.long).confidence > mixed.confidence);
  });

  it('judges the whole of a long text, not only its beginning', () => {
    const guess = detectLanguage(`${samples.en!.short[0]} ${samples.de!.long} ${samples.de!.long}`);
    assert.equal(guess.code, 'de');
  });

  it('lists runner-up candidates, best first', () => {
    const { alternatives } = detectLanguage(samples.es!.long);
    assert.ok(alternatives && alternatives.length > 0 && alternatives.length <= 3);
    for (let i = 1; i < alternatives.length; i++)
      assert.ok(alternatives[i - 1]!.score >= alternatives[i]!.score);
    assert.ok(!alternatives.some((a) => a.code === 'es'));
  });

  it('says und with confidence 0 when there are no letters', () => {
    for (const text of [
      '',
      '   ',
      '12 345,67 — 2024-05-01 !!!',
      'https://example.org/a/b?c=1 contact@example.org',
    ]) {
      assert.deepEqual(detectLanguage(text), { code: 'und', confidence: 0, method: 'detected' });
    }
  });

  it('ignores numbers and web addresses', () => {
    const sentence = samples.pl!.short[1]!;
    const noisy = `${sentence} 2024-05-01 12:30 https://example.com/page?id=42 +48 123 456 789`;
    assert.equal(detectLanguage(noisy).code, 'pl');
    assert.equal(detectLanguage(noisy).confidence, detectLanguage(sentence).confidence);
  });
});

describe('screenLanguage', () => {
  it('reads the language of the opening words only', () => {
    const text =
      'Le conseil municipal a voté mardi soir le budget de la piscine, après trois heures de débat ' +
      'et une suspension de séance demandée par l’opposition, qui réclamait une étude. ' +
      'The council then adjourned without any further debate on the matter, as usual for a Tuesday.';
    assert.equal(screenLanguage(text), 'fr');
    assert.equal(screenLanguage(text.slice(text.indexOf('The '))), 'en');
  });

  it('is not thrown by addresses and figures', () => {
    assert.equal(
      screenLanguage(
        'Die Stadt https://example.org/2024/haushalt meldet 4.500 Euro mehr für Schulen und Kitas als im Vorjahr.',
      ),
      'de',
    );
  });

  it('says und when there is nothing to read', () => {
    assert.equal(screenLanguage('12 345 — 2024'), 'und');
  });
});
