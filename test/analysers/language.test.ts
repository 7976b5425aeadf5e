import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageAnalyser } from '../../src/analysers/language/index.ts';
import type { Article } from '../../src/article/article.ts';
import type { Finding } from '../../src/pipeline/finding.ts';
import { articleFromText, semevalText } from '../helpers.ts';

function analyse(article: Article): Finding[] {
  return languageAnalyser.analyse(article, { findings: [], options: {} });
}

const FRENCH = [
  'Le gouvernement a présenté mercredi son projet de loi sur les retraites devant le Conseil des ministres.',
  'Les syndicats dénoncent une réforme injuste et appellent à manifester dans toute la France jeudi prochain.',
  'Interrogé par la presse, le ministre a répondu en anglais à un journaliste américain :',
  'We will not back down, this reform is necessary for the future of our country and our children.',
  'Il a ensuite quitté la salle sans répondre aux autres questions, sous les huées de quelques militants.',
  'OK, thank you.',
];

describe('language analyser', () => {
  const article = articleFromText(semevalText('Retraites : le gouvernement présente sa réforme', FRENCH));
  const findings = analyse(article);

  it('reports the article language with its confidence and runner-ups as evidence', () => {
    const [top] = findings;
    assert.equal(top?.label, 'fr');
    assert.equal(top?.paragraph, undefined);
    assert.equal(top?.score, article.language.confidence);
    assert.ok(top!.score > 0.9);
    assert.ok(top!.evidence!.length > 0);
    for (const evidence of top!.evidence!) assert.match(evidence.feature, /^language:[a-z]{2,3}$/);
    assert.equal(top?.attributes?.method, 'detected');
  });

  it('flags the English paragraph of a French article as a language switch, with its exact span', () => {
    const switches = findings.filter((f) => f.label === 'language-switch');
    assert.equal(switches.length, 1, 'the short "OK, thank you." is too short to judge');
    const [finding] = switches;
    const paragraph = article.paragraphs[finding!.paragraph!]!;
    assert.equal(article.text.slice(finding!.span!.start, finding!.span!.end), FRENCH[3]);
    assert.equal(paragraph.text, FRENCH[3]);
    assert.equal(finding?.attributes?.language, 'en');
    assert.equal(finding?.attributes?.articleLanguage, 'fr');
    assert.ok(finding!.score >= 0.95);
  });

  it('finds no switch in a text written in one language', () => {
    const german = articleFromText(
      semevalText('Stadtrat beschließt neuen Haushalt', [
        'Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt für das kommende Jahr beschlossen.',
        'Die Opposition kritisierte vor allem die geplanten Kürzungen bei den Bibliotheken und Schwimmbädern.',
      ]),
    );
    assert.deepEqual(
      analyse(german).map((f) => f.label),
      ['de'],
    );
  });

  it('respects a language forced by the user', () => {
    const forced = articleFromText(semevalText('Titre', FRENCH), { lang: 'fr' });
    const [top] = analyse(forced);
    assert.equal(top?.label, 'fr');
    assert.equal(top?.score, 1);
    assert.equal(top?.attributes?.method, 'override');
  });

  it('reports und and no switches for a text without letters', () => {
    const numbers = articleFromText(semevalText('2024', ['12 345', '67 890 — 13:45']));
    assert.deepEqual(
      analyse(numbers).map((f) => [f.label, f.score]),
      [['und', 0]],
    );
  });
});
