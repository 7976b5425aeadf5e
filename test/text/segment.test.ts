import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentences, sentencesOf, words } from '../../src/article/segment.ts';
import { articleFromText, semevalText } from '../helpers.ts';

function split(text: string, lang: string): string[] {
  return sentences(text, 0, text.length, lang).map((s) => text.slice(s.start, s.end));
}

describe('sentences: abbreviations and other false stops', () => {
  it('French: M., Mme, Dr., p., initials, a lowercase continuation after a quote', () => {
    assert.deepEqual(
      split(
        'M. Durand et Mme Lefèvre ont rencontré le Dr. Petit. Voir p. 12 du rapport. ' +
          '« Qui paiera ? » a demandé J. K. Rowling. Fin.',
        'fr',
      ),
      [
        'M. Durand et Mme Lefèvre ont rencontré le Dr. Petit.',
        'Voir p. 12 du rapport.',
        '« Qui paiera ? » a demandé J. K. Rowling.',
        'Fin.',
      ],
    );
  });

  it('English: Mr., Dr., e.g., No., month abbreviations', () => {
    assert.deepEqual(
      split(
        'Mr. Brown met Dr. Green on Jan. 5 at No. 10 Downing Street. They talked, e.g. about taxes. Then they left.',
        'en',
      ),
      [
        'Mr. Brown met Dr. Green on Jan. 5 at No. 10 Downing Street.',
        'They talked, e.g. about taxes.',
        'Then they left.',
      ],
    );
  });

  it('English: an abbreviation that may end a sentence ends it before a capital', () => {
    assert.deepEqual(split('They sold apples, pears etc. The market closed at noon.', 'en'), [
      'They sold apples, pears etc.',
      'The market closed at noon.',
    ]);
  });

  it('German: z.B., z. B., Dr., ordinal dates and counted nouns', () => {
    assert.deepEqual(
      split(
        'Am 3. Oktober sprach Dr. Weber. Er nannte z.B. Die Grünen und z. B. Die Linke. ' +
          'Das war der 2. Weltkrieg. Der Umsatz stieg auf 12. Danach fiel er.',
        'de',
      ),
      [
        'Am 3. Oktober sprach Dr. Weber.',
        'Er nannte z.B. Die Grünen und z. B. Die Linke.',
        'Das war der 2. Weltkrieg.',
        'Der Umsatz stieg auf 12.',
        'Danach fiel er.',
      ],
    );
  });

  it('German: an ordinal date whose month ends the sentence, however short the month', () => {
    assert.deepEqual(
      split('Die Sitzung war vom 3. März. Die nächste ist am 7. Mai. Dann folgt der 2. Weltkrieg.', 'de'),
      ['Die Sitzung war vom 3. März.', 'Die nächste ist am 7. Mai.', 'Dann folgt der 2. Weltkrieg.'],
    );
  });

  it('Italian: Sig., Dott., ecc.', () => {
    assert.deepEqual(
      split(
        'Il Sig. Rossi e la Dott. Bianchi sono arrivati. Hanno portato mele, pere ecc. Poi sono partiti.',
        'it',
      ),
      [
        'Il Sig. Rossi e la Dott. Bianchi sono arrivati.',
        'Hanno portato mele, pere ecc.',
        'Poi sono partiti.',
      ],
    );
  });

  it('Polish: np., ul., m.in., prof., ordinal dates', () => {
    assert.deepEqual(
      split(
        'Na ul. Długiej byli m.in. prof. Kowalski i np. Pan Nowak. Spotkanie odbyło się 3. Października. Koniec.',
        'pl',
      ),
      [
        'Na ul. Długiej byli m.in. prof. Kowalski i np. Pan Nowak.',
        'Spotkanie odbyło się 3. Października.',
        'Koniec.',
      ],
    );
  });

  it('Russian: т.е., ул., initials, г. before a capital after a year', () => {
    assert.deepEqual(
      split(
        'Это т.е. Пример. На ул. Ленина был А. С. Иванов. Это случилось в 2020 г. Потом всё изменилось.',
        'ru',
      ),
      [
        'Это т.е. Пример.',
        'На ул. Ленина был А. С. Иванов.',
        'Это случилось в 2020 г.',
        'Потом всё изменилось.',
      ],
    );
  });

  it('keeps decimal numbers and ellipses inside sentences', () => {
    assert.deepEqual(split('Le taux passe à 3.5 % cette année... et baissera. Ensuite ?', 'fr'), [
      'Le taux passe à 3.5 % cette année... et baissera.',
      'Ensuite ?',
    ]);
  });
});

describe('sentences: offsets', () => {
  it('returns absolute, trimmed, non-empty spans of the given range', () => {
    const text = 'IGNORED. \t  First one here.   Second one!\u00a0 \n  Third?  TAIL';
    const start = text.indexOf('  First');
    const end = text.indexOf('  TAIL');
    const spans = sentences(text, start, end, 'en');
    assert.deepEqual(
      spans.map((s) => text.slice(s.start, s.end)),
      ['First one here.', 'Second one!', 'Third?'],
    );
    for (const s of spans) {
      assert.ok(s.start >= start && s.end <= end && s.start < s.end);
      assert.equal(text.slice(s.start, s.end).trim(), text.slice(s.start, s.end));
    }
  });

  it('never joins across a line break', () => {
    assert.deepEqual(split('Il a parlé avec M.\nun inconnu est venu.\nFin', 'fr'), [
      'Il a parlé avec M.',
      'un inconnu est venu.',
      'Fin',
    ]);
  });

  it('gives nothing for a blank range', () => {
    assert.deepEqual(sentences('   \n\t ', 0, 6, 'en'), []);
  });

  it('segments a very long paragraph in chunks without losing or cutting text', () => {
    const sentence = 'Der Rat tagte am Montag in Berlin und vertagte die Entscheidung erneut. ';
    const text = `  ${sentence.repeat(400)}`;
    const spans = sentences(text, 0, text.length, 'de');
    assert.equal(spans.length, 400);
    for (const s of spans) assert.equal(text.slice(s.start, s.end), sentence.trim());
  });

  it('handles characters outside the BMP and a BOM', () => {
    const text = '\ufeffHello 😀 world. Second 𝔘nicode one.';
    assert.deepEqual(split(text, 'en'), ['Hello 😀 world.', 'Second 𝔘nicode one.']);
  });
});

describe('words', () => {
  it('gives word and punctuation spans with isWordLike, no whitespace', () => {
    const text = 'Il a dit : « C’est 3,5 % ! »';
    const spans = words(text, 0, text.length, 'fr');
    assert.deepEqual(
      spans.map((w) => [text.slice(w.start, w.end), w.isWordLike]),
      [
        ['Il', true],
        ['a', true],
        ['dit', true],
        [':', false],
        ['«', false],
        ['C’est', true],
        ['3,5', true],
        ['%', false],
        ['!', false],
        ['»', false],
      ],
    );
  });

  it('keeps elisions, decimals, dotted abbreviations and soft hyphens inside words', () => {
    const text = "l’homme d'État, 10,000.50 U.S. pari\u00adsienne G7 COVID-19";
    assert.deepEqual(
      words(text).map((w) => text.slice(w.start, w.end)),
      ['l’homme', "d'État", ',', '10,000.50', 'U.S', '.', 'pari\u00adsienne', 'G7', 'COVID', '-', '19'],
    );
  });

  it('segments scripts without spaces through ICU', () => {
    const text = '東京都に住んでいます。';
    const spans = words(text, 0, text.length, 'ja');
    assert.ok(spans.filter((w) => w.isWordLike).length >= 3);
    assert.equal(spans.map((w) => text.slice(w.start, w.end)).join(''), text);
    assert.equal(spans.at(-1)?.isWordLike, false);
  });

  it('uses absolute offsets of the range', () => {
    const text = 'xxx Привет, мир yyy';
    const spans = words(text, 4, 15, 'ru');
    assert.deepEqual(
      spans.map((w) => text.slice(w.start, w.end)),
      ['Привет', ',', 'мир'],
    );
  });
});

describe('sentencesOf', () => {
  it('lists the sentences of every paragraph with its index, in order', () => {
    const article = articleFromText(
      semevalText('Un titre sans point', ['Première phrase. Deuxième phrase.', 'Troisième, seule.']),
      { lang: 'fr' },
    );
    const all = sentencesOf(article);
    assert.deepEqual(
      all.map((s) => [s.paragraph, article.text.slice(s.start, s.end)]),
      [
        [0, 'Un titre sans point'],
        [1, 'Première phrase.'],
        [1, 'Deuxième phrase.'],
        [2, 'Troisième, seule.'],
      ],
    );
    assert.equal(sentencesOf(article), all, 'cached per article');
  });
});
