import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datesAnalyser } from '../../src/analysers/dates/index.ts';
import type { DateFixture } from '../../src/analysers/dates/score.ts';
import {
  ANATOMY_LANGUAGES,
  anatomyArticle,
  loadAnatomyFixture,
  locateInOrder,
} from '../../src/analysers/entities/score.ts';

function dates(lang: string, published: string | null, ...paragraphs: string[]) {
  const a = anatomyArticle('t', paragraphs, lang, published);
  return datesAnalyser.analyse(a, { findings: [], options: {} }).map(
    (f): Record<string, unknown> => ({
      label: f.label,
      text: a.text.slice(f.span!.start, f.span!.end),
      ...f.attributes,
    }),
  );
}

describe('dates analyser on the annotated fixtures', () => {
  for (const lang of ANATOMY_LANGUAGES) {
    for (const item of loadAnatomyFixture<DateFixture>('dates', lang).items) {
      it(`${item.id}: finds exactly the labelled dates and contradictions`, { todo: item.todo }, () => {
        const a = anatomyArticle(item.id, item.paragraphs, lang, item.published);
        const found = datesAnalyser.analyse(a, { findings: [], options: {} });
        const spans = locateInOrder(
          a.text,
          item.dates.map((d) => d.text),
        );
        assert.deepEqual(
          found
            .filter((f) => f.label === 'date')
            .map(
              (f) =>
                `${f.span!.start}-${f.span!.end} ${a.text.slice(f.span!.start, f.span!.end)} ${f.attributes?.iso}`,
            ),
          item.dates.map((d, i) => `${spans[i]!.start}-${spans[i]!.end} ${d.text} ${d.iso}`),
        );
        assert.deepEqual(
          found
            .filter((f) => f.label !== 'date')
            .map((f) => `${f.label} ${f.attributes?.rule} ${a.text.slice(f.span!.start, f.span!.end)}`),
          item.contradictions.map((c) => `${c.label} ${c.rule} ${c.text}`),
        );
      });
    }
  }
});

describe('dates', () => {
  it('resolves relative dates against the publication date, and leaves them null without one', () => {
    assert.equal(dates('en', '2025-03-06', 'Yesterday it rained.')[0]?.iso, '2025-03-05');
    assert.equal(dates('en', null, 'Yesterday it rained.')[0]?.iso, null);
    assert.equal(dates('en', null, 'It rained on March 3, 2024.')[0]?.iso, '2024-03-03');
  });

  it('gives the grain and the stated weekday', () => {
    const [d] = dates('fr', '2025-03-06', 'Le vote a eu lieu mardi 4 mars.');
    assert.deepEqual(
      [d?.text, d?.iso, d?.grain, d?.weekday, d?.relative],
      ['mardi 4 mars', '2025-03-04', 'day', 'Tuesday', false],
    );
    assert.deepEqual(
      dates('fr', '2025-03-06', 'Le chômage a baissé en mars 2024.').map((x) => [x.text, x.iso, x.grain]),
      [['mars 2024', '2024-03', 'month']],
    );
  });

  it('reads Polish dates with its own rules', () => {
    assert.deepEqual(
      dates('pl', '2025-03-06', 'Wczoraj, 5 marca 2025 r., w zeszłym tygodniu i trzy dni temu.').map((x) => [
        x.text,
        x.iso,
      ]),
      [
        ['Wczoraj', '2025-03-05'],
        ['5 marca 2025 r.', '2025-03-05'],
        ['zeszłym tygodniu', '2025-02-27'],
        ['trzy dni temu', '2025-03-03'],
      ],
    );
  });

  it('flags a weekday that does not fit its date, with the rule and the actual day', () => {
    const found = dates('it', null, 'Martedì 3 marzo 2025 il governo ha votato.');
    const mismatch = found.find((f) => f.label === 'weekday-mismatch');
    assert.deepEqual(
      [mismatch?.text, mismatch?.stated, mismatch?.actual],
      ['Martedì 3 marzo 2025', 'Tuesday', 'Monday'],
    );
  });

  it('flags “today, the 29th” in an article published on the 31st, not on the 29th', () => {
    const on31 = dates('en', '2025-03-31', 'Today, the 29th, unions strike.');
    assert.ok(on31.some((f) => f.label === 'date-contradiction' && f.rule === 'deictic-day'));
    const on29 = dates('en', '2025-03-29', 'Today, the 29th, unions strike.');
    assert.ok(!on29.some((f) => f.label === 'date-contradiction'));
  });

  it('flags a before/after that contradicts the dates it orders, only inside one clause', () => {
    assert.ok(
      dates('de', '2025-03-06', 'Er trat am 5. Februar zurück, vor dem Treffen vom 3. Februar.').some(
        (f) => f.rule === 'ordering',
      ),
    );
    assert.ok(
      !dates(
        'en',
        '2025-03-06',
        'On March 10 the court ruled that the contract signed before March 1 was void.',
      ).some((f) => f.label === 'date-contradiction'),
    );
  });
});

describe('issue 5: bare years, lone days, tense and false dates', () => {
  const dated = (lang: string, published: string | null, ...paragraphs: string[]) =>
    dates(lang, published, ...paragraphs)
      .filter((d) => d.label === 'date')
      .map((d) => [d.text, d.iso]);

  it('finds a bare year after a preposition, at a sentence start too', () => {
    assert.deepEqual(dated('en', null, 'In 2011, the mill closed; a new one is planned for 2027.'), [
      ['2011', '2011'],
      ['2027', '2027'],
    ]);
    assert.deepEqual(dated('fr', null, 'En 2012, le club a déménagé.'), [['2012', '2012']]);
  });

  it('reads a lone weekday, month or day forward or back by the tense of its clause', () => {
    // 2025-06-11 is a Wednesday.
    assert.deepEqual(dated('en', '2025-06-11', 'The board will vote on Monday.'), [['Monday', '2025-06-16']]);
    assert.deepEqual(dated('en', '2025-06-11', 'The board voted on Friday.'), [['Friday', '2025-06-06']]);
    assert.deepEqual(dated('fr', '2025-06-11', 'Le rapport sera rendu en février.'), [
      ['février', '2026-02'],
    ]);
    assert.deepEqual(dated('en', '2025-06-11', 'The hearing is set to resume on the 20th.'), [
      ['20th', '2025-06-20'],
    ]);
  });

  it('does not take now, durations or a lowercase weekday abbreviation for dates', () => {
    assert.deepEqual(dated('en', '2025-06-11', 'For now, she has sat on the panel over the past year.'), []);
    assert.deepEqual(dated('fr', '2025-06-11', 'Maintenant, tout le monde attend.'), []);
  });

  it('reads l’an prochain and в этом году as years', () => {
    assert.deepEqual(dated('fr', '2025-06-11', 'Les travaux reprendront l’an prochain.'), [
      ['an prochain', '2026'],
    ]);
    assert.deepEqual(dated('ru', '2025-06-11', 'В этом году цены выросли.'), [['этом году', '2025']]);
  });
});

describe('issue 5, round 2: categories from the second blind set (dev items `*-r2d*`)', () => {
  it('gives the two endpoints of a range', () => {
    assert.deepEqual(
      dates('en', '2025-06-11', 'Voting runs from Dec. 8 to Dec. 10.').map((d) => [d.text, d.iso]),
      [
        ['Dec. 8', '2025-12-08'],
        ['Dec. 10', '2025-12-10'],
      ],
    );
    assert.deepEqual(
      dates('fr', null, 'Les travaux ont duré de 2012 à 2016.').map((d) => d.text),
      ['2012', '2016'],
    );
  });

  it('keeps a range that is no pair of dates whole (the year to March)', () => {
    assert.ok(
      !dates('en', '2025-06-11', 'Profits fell in the year to March.').some((d) => d.text === 'the year'),
    );
  });

  it('counts la veille and le lendemain from the date mentioned before', () => {
    assert.deepEqual(
      dates(
        'fr',
        '2025-06-11',
        'Le match a eu lieu le 7 juin. Le lendemain, l’entraîneur a démissionné.',
      ).map((d) => [d.text, d.iso]),
      [
        ['7 juin', '2025-06-07'],
        ['lendemain', '2025-06-08'],
      ],
    );
  });

  it('keeps a year’s noun in the span (году, roku)', () => {
    assert.deepEqual(
      dates('ru', null, 'Мост построили в 2019 году.').map((d) => d.text),
      ['2019 году'],
    );
  });

  it('anchors a deictic contradiction on the stated day', () => {
    const found = dates('en', '2025-03-31', 'Today, the 29th, the port reopened.');
    assert.deepEqual(
      found.filter((f) => f.label === 'date-contradiction').map((f) => f.text),
      ['29th'],
    );
  });

  it('does not read a duration or an age after de as a date', () => {
    assert.deepEqual(
      dates('fr', '2025-06-11', 'Une aide pour les plus de 80 ans, après plus de deux heures.'),
      [],
    );
  });

  const DEV = new URL('../fixtures/anatomy/dev/', import.meta.url);
  for (const lang of ANATOMY_LANGUAGES) {
    for (const item of loadAnatomyFixture<DateFixture>('dates', lang, DEV).items.filter((i) =>
      i.id.includes('-r2'),
    )) {
      it(`${item.id}: exact dates`, () => {
        const found = dates(lang, item.published, ...item.paragraphs).filter((d) => d.label === 'date');
        assert.deepEqual(
          found.map((d) => [d.text, d.iso]),
          item.dates.map((d) => [d.text, d.iso]),
        );
      });
    }
  }
});
