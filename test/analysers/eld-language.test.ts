import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eld } from 'eld/small';
import { eldInternalsLoaded, eldLanguage } from '../../src/article/eld-language.ts';

const SAMPLES = [
  'The council voted late on Tuesday to close two branch libraries, despite a petition from residents.',
  'Le conseil municipal a voté mardi soir la fermeture de deux bibliothèques, malgré une pétition.',
  'Der Stadtrat hat am Dienstagabend beschlossen, zwei Stadtteilbibliotheken zu schließen.',
  'Il consiglio comunale ha deciso martedì sera di chiudere due biblioteche di quartiere.',
  'Rada miasta zdecydowała we wtorek wieczorem o zamknięciu dwóch filii biblioteki publicznej.',
  'Городской совет во вторник вечером проголосовал за закрытие двух районных библиотек.',
  'El ayuntamiento votó el martes por la noche el cierre de dos bibliotecas de barrio.',
  'Το δημοτικό συμβούλιο αποφάσισε την Τρίτη το κλείσιμο δύο δημοτικών βιβλιοθηκών.',
  'საქალაქო საბჭომ სამშაბათს ორი ბიბლიოთეკის დახურვას დაუჭირა მხარი.',
  '市议会周二晚间投票决定关闭两座社区图书馆。',
  "It's what they'd call a don’t-miss event — l’homme qu’on attendait, dell’anno.",
  'Prices rose 3.5% in 2024 (see https://example.org/report) — e-mail press@example.org 😀 𝒜𝒷𝒸',
  'ok',
  '',
  '12 345 678 — !!! ???',
  `${'Une phrase assez longue pour dépasser la limite de lecture, '.repeat(12)}fin.`,
  `${'Очень длинный текст на русском языке, который обрезается по байтам. '.repeat(8)}`,
  'Hyphenated-words and UPPERCASE WORDS WITH ÄÖÜ and ŁÓDŹ, ÉCOLE, ÇA.',
];

test('eldLanguage loads eld’s database (else it only forwards to eld.detect)', () => {
  assert.equal(eldLanguage('The minister said the budget would be published next week.'), 'en');
  assert.ok(
    eldInternalsLoaded,
    'eld’s internal files moved: eldLanguage falls back to the slower eld.detect',
  );
});

test('eldLanguage names the same language as eld.detect', () => {
  for (const text of SAMPLES) {
    assert.equal(eldLanguage(text), eld.detect(text).language, text);
    // Openings of every length, as the language screen cuts them.
    for (let end = 5; end < text.length; end += 17) {
      const piece = text.slice(0, end);
      assert.equal(eldLanguage(piece), eld.detect(piece).language, piece);
    }
  }
});
