import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { repetitionAnalyser } from '../../src/analysers/repetition/index.ts';
import type { Article } from '../../src/article/article.ts';
import type { Finding } from '../../src/pipeline/finding.ts';
import { articleFromText, semevalText } from '../helpers.ts';

function analyse(article: Article): Finding[] {
  const findings = repetitionAnalyser.analyse(article, { findings: [], options: {} });
  for (const finding of findings) {
    assert.ok(finding.span, `${finding.label} has a span`);
    assert.ok(finding.span.start < finding.span.end);
    assert.ok(finding.score > 0 && finding.score <= 1);
    const paragraph = article.paragraphs[finding.paragraph!]!;
    assert.ok(finding.span.start >= paragraph.start && finding.span.end <= paragraph.end);
  }
  return findings;
}

function slices(article: Article, findings: Finding[], label: string): string[] {
  return findings.filter((f) => f.label === label).map((f) => article.text.slice(f.span!.start, f.span!.end));
}

describe('repetition analyser: repeated passages', () => {
  it('finds a headline pasted three times, one finding per occurrence', () => {
    const title = 'Incendie géant dans le port de Marseille';
    const article = articleFromText(
      semevalText(title, [
        title,
        'Un violent incendie a ravagé dans la nuit un entrepôt du port, sans faire de victimes.',
        title,
        'Les pompiers sont restés mobilisés jusqu’au matin pour éviter toute reprise du feu.',
      ]),
      { lang: 'fr' },
    );
    const findings = analyse(article).filter((f) => f.label === 'repeated-paragraph');
    assert.deepEqual(slices(article, findings, 'repeated-paragraph'), [title, title, title]);
    assert.deepEqual(
      findings.map((f) => f.paragraph),
      [0, 1, 3],
    );
    for (const [k, finding] of findings.entries()) {
      assert.equal(finding.score, 1);
      assert.deepEqual(finding.attributes, {
        group: 1,
        occurrence: k + 1,
        occurrences: 3,
        similarity: 1,
        exact: true,
      });
      assert.equal(finding.evidence?.length, 2);
    }
  });

  it('finds a paragraph repeated with one word changed, scored by its similarity', () => {
    const first =
      'The committee approved the budget on Monday after a long debate about school funding and road repairs.';
    const second =
      'The committee approved the budget on Tuesday after a long debate about school funding and road repairs.';
    const article = articleFromText(
      semevalText('Budget approved', [first, 'Opposition members walked out before the final vote.', second]),
      { lang: 'en' },
    );
    const findings = analyse(article);
    assert.deepEqual(slices(article, findings, 'repeated-paragraph'), [first, second]);
    const [a, b] = findings;
    assert.ok(a!.score >= 0.8 && a!.score < 1, `score ${a!.score}`);
    assert.equal(a!.attributes?.similarity, a!.score);
    assert.equal(a!.attributes?.exact, false);
    assert.equal(a!.attributes?.group, b!.attributes?.group);
    assert.ok(
      !findings.some((f) => f.label === 'repeated-sentence'),
      'not reported again sentence by sentence',
    );
  });

  it('finds a slogan repeated across paragraphs, ignoring case, punctuation and accents', () => {
    const article = articleFromText(
      semevalText('Kundgebung in Leipzig', [
        'Tausende Menschen zogen am Samstag durch die Innenstadt. Wir sind die Zukunft dieser Stadt!',
        'Die Polizei sprach von einem friedlichen Verlauf. Wir sind die Zukunft dieser Stadt.',
        'Am Abend löste sich die Versammlung auf. WIR SIND DIE ZUKUNFT DIESER STADT',
      ]),
      { lang: 'de' },
    );
    const findings = analyse(article);
    assert.deepEqual(slices(article, findings, 'repeated-sentence'), [
      'Wir sind die Zukunft dieser Stadt!',
      'Wir sind die Zukunft dieser Stadt.',
      'WIR SIND DIE ZUKUNFT DIESER STADT',
    ]);
    assert.ok(findings.every((f) => f.attributes?.occurrences === 3 && f.score === 1));
  });

  it('still reports a sentence of a repeated paragraph that also appears elsewhere', () => {
    const slogan = 'Nobody will silence the voice of this town.';
    const repeated = `The march went peacefully through the old harbour district. ${slogan}`;
    const article = articleFromText(
      semevalText('March for the hospital', [
        repeated,
        'Police estimated the crowd at four thousand people, organisers at ten thousand.',
        repeated,
        `At the end of the day the mayor spoke briefly to the crowd from the town hall balcony. ${slogan}`,
      ]),
      { lang: 'en' },
    );
    const findings = analyse(article);
    assert.deepEqual(slices(article, findings, 'repeated-paragraph'), [repeated, repeated]);
    assert.deepEqual(slices(article, findings, 'repeated-sentence'), [slogan, slogan, slogan]);
  });

  it('finds near-duplicate sentences in different paragraphs', () => {
    const article = articleFromText(
      semevalText('Wybory samorządowe', [
        'Frekwencja wyniosła ponad sześćdziesiąt procent, najwięcej od lat. Komisja wyborcza liczy głosy do późnej nocy, a pierwsze wyniki poznamy jutro rano.',
        'Jak podała komisja, frekwencja wyniosła ponad sześćdziesiąt procent, najwięcej od lat.',
      ]),
      { lang: 'pl' },
    );
    const found = slices(article, analyse(article), 'repeated-sentence');
    assert.deepEqual(found, [
      'Frekwencja wyniosła ponad sześćdziesiąt procent, najwięcej od lat.',
      'Jak podała komisja, frekwencja wyniosła ponad sześćdziesiąt procent, najwięcej od lat.',
    ]);
  });

  it('does not flag different sentences that share a few words', () => {
    const article = articleFromText(
      semevalText('Il governo e le tasse', [
        'Il governo ha annunciato martedì un aumento delle tasse sui carburanti.',
        'Il governo ha annunciato martedì la chiusura di tre ospedali in Calabria.',
        'Secondo il ministro, la misura è necessaria per ridurre il debito pubblico.',
        'Secondo il sindacato, la misura colpirà soprattutto le famiglie più povere.',
      ]),
      { lang: 'it' },
    );
    assert.deepEqual(analyse(article), []);
  });

  it('ignores trivially short repeated sentences', () => {
    const article = articleFromText(
      semevalText('Матч', [
        'Счёт 2:1. Команда выиграла в дополнительное время после долгой борьбы.',
        'Счёт 2:1. Болельщики праздновали победу до самого утра на площади.',
      ]),
      { lang: 'ru' },
    );
    assert.deepEqual(analyse(article), []);
  });

  it('stays fast on a long article (no comparison of every pair)', () => {
    const vocabulary = (
      'council vote budget road school mayor river bridge tax rent bus tram station park library market ' +
      'police court judge law report plan debate member party union strike worker company bank price ' +
      'house street city region minister office health hospital doctor water energy power climate storm'
    ).split(' ');
    let seed = 2463534242;
    const word = (): string => {
      // xorshift32: deterministic, and without the short cycles of a small LCG.
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return vocabulary[(seed >>> 0) % vocabulary.length]!;
    };
    const sentence = (): string => `The ${Array.from({ length: 14 }, word).join(' ')}.`;
    const paragraphs = Array.from({ length: 3000 }, () => `${sentence()} ${sentence()}`);
    paragraphs.push(paragraphs[5]!);
    const article = articleFromText(semevalText('Long minutes', paragraphs), { lang: 'en' });
    const started = performance.now();
    const findings = analyse(article);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 3000, `took ${elapsed} ms`);
    assert.deepEqual(
      findings.map((f) => [f.label, f.paragraph]),
      [
        ['repeated-paragraph', 6],
        ['repeated-paragraph', 3001],
      ],
    );
  });
});

describe('repetition analyser: boilerplate', () => {
  const cases: [string, string, string][] = [
    ['fr', 'Crédit photo : Jean Dupont / AFP', 'photo-credit'],
    ['fr', 'Lire aussi : La réforme des retraites adoptée au Sénat', 'read-more'],
    ['fr', 'Publicité', 'advertisement'],
    ['en', 'Photo: Jane Smith / Reuters', 'photo-credit'],
    ['en', '© Reuters', 'copyright'],
    ['en', 'Read more: How the vote was counted', 'read-more'],
    ['en', 'Advertisement', 'advertisement'],
    ['en', 'Share this article on Facebook', 'share'],
    ['en', 'Facebook Twitter WhatsApp Email', 'social-buttons'],
    ['en', 'Sign up for our morning newsletter', 'subscribe'],
    ['en', 'https://example.com/news/2024/vote-results', 'bare-url'],
    ['en', 'Anna Kovacs/AFP/Getty Images', 'agency-credit'],
    ['de', 'Foto: dpa', 'photo-credit'],
    ['de', 'Lesen Sie auch: Was die Reform für Mieter bedeutet', 'read-more'],
    ['it', 'Leggi anche: Il nuovo governo giura al Quirinale', 'read-more'],
    ['pl', 'Czytaj też: Sejm przyjął ustawę budżetową', 'read-more'],
    ['pl', 'Fot. Jan Kowalski / Agencja Gazeta', 'photo-credit'],
    ['ru', 'Фото: ТАСС', 'photo-credit'],
    ['ru', 'Читайте также: Госдума приняла бюджет', 'read-more'],
    ['ru', 'Реклама', 'advertisement'],
  ];
  for (const [lang, line, pattern] of cases) {
    it(`${lang}: "${line}" is ${pattern}`, () => {
      const article = articleFromText(
        semevalText('Title of the story', ['A first paragraph of real prose about the story.', line]),
        { lang },
      );
      const [finding, ...rest] = analyse(article);
      assert.equal(rest.length, 0);
      assert.equal(finding?.label, 'boilerplate');
      assert.equal(finding?.attributes?.pattern, pattern);
      assert.equal(finding?.evidence?.[0]?.feature, `boilerplate:${pattern}`);
      assert.equal(article.text.slice(finding!.span!.start, finding!.span!.end), line);
    });
  }

  it('flags only the credit that closes a caption', () => {
    const caption = 'Protesters gather outside parliament on Monday (Photo by Maria Lopez/Getty Images)';
    const article = articleFromText(semevalText('Protest', [caption]), { lang: 'en' });
    const [finding] = analyse(article);
    assert.equal(finding?.attributes?.pattern, 'photo-by');
    assert.equal(
      article.text.slice(finding!.span!.start, finding!.span!.end),
      '(Photo by Maria Lopez/Getty Images)',
    );
  });

  it('does not flag prose that merely mentions a photo or a link', () => {
    const article = articleFromText(
      semevalText('Exhibition', [
        'The photo of the minister, taken by a Reuters photographer, went around the world in a day.',
        'Readers can read more about the exhibition in the museum guide, which is free.',
        'The court ruled that the copyright on the song had expired long ago.',
      ]),
      { lang: 'en' },
    );
    assert.deepEqual(analyse(article), []);
  });

  it('does not report repeated boilerplate lines as repetitions', () => {
    const article = articleFromText(
      semevalText('Title of the story', [
        'Advertisement',
        'A first paragraph of real prose about the story.',
        'Advertisement',
      ]),
      { lang: 'en' },
    );
    assert.deepEqual(
      analyse(article).map((f) => f.label),
      ['boilerplate', 'boilerplate'],
    );
  });
});
