import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isQuoted, quotesAnalyser } from '../../src/analysers/quotes/index.ts';
import {
  FIXTURE_LANGUAGES,
  fixtureArticle,
  loadFixture,
  locate,
  precision,
  sameSpeaker,
  scoreLanguage,
} from '../../src/analysers/quotes/score.ts';
import { buildArticle } from '../../src/article/build.ts';
import { semevalParagraphs } from '../../src/article/semeval.ts';
import type { Finding } from '../../src/pipeline/finding.ts';

function article(lang: string, ...paragraphs: string[]) {
  const text = ['Title', ...paragraphs].join('\n');
  return buildArticle({
    id: 't',
    text,
    paragraphs: semevalParagraphs(text),
    metadata: { format: 'semeval', source: 't' },
    languageOverride: lang,
  });
}

function quotes(lang: string, ...paragraphs: string[]) {
  const a = article(lang, ...paragraphs);
  const findings = quotesAnalyser.analyse(a, { findings: [], options: {} });
  return findings.map((f) => ({ finding: f, text: a.text.slice(f.span!.start, f.span!.end) }));
}

describe('quotes analyser on the annotated fixtures', () => {
  for (const lang of FIXTURE_LANGUAGES) {
    const fixture = loadFixture(lang);
    for (const item of fixture.items) {
      const a = fixtureArticle(item, lang);
      const found = quotesAnalyser.analyse(a, { findings: [], options: {} });
      it(`${item.id}: finds exactly the labelled quotes`, () => {
        const got = found.map((f) => `${f.label} ${a.text.slice(f.span!.start, f.span!.end)}`).sort();
        const want = item.quotes.map((q) => `${q.label} ${q.text}`).sort();
        assert.deepEqual(got, want);
        for (const q of item.quotes) {
          const at = locate(a.text, q.text, q.label);
          assert.ok(
            found.some((f) => f.span!.start === at.start && f.span!.end === at.end),
            `exact span of ${q.text}`,
          );
        }
      });
      for (const q of item.quotes) {
        it(`${item.id}: speaker of “${q.text.slice(0, 30)}”`, { todo: q.todo }, () => {
          const at = locate(a.text, q.text, q.label);
          const f = found.find((x) => x.span!.start === at.start && x.span!.end === at.end);
          const speaker = f?.attributes?.speaker ?? null;
          if (q.speaker === null) assert.equal(speaker, null);
          else
            assert.ok(
              typeof speaker === 'string' && sameSpeaker(speaker, q.speaker),
              `${speaker} ≠ ${q.speaker}`,
            );
        });
      }
    }
  }

  it('keeps quote precision at 0.90 or more in French and English', () => {
    for (const lang of ['fr', 'en']) {
      assert.ok(precision(scoreLanguage(loadFixture(lang)).exact) >= 0.9, lang);
    }
  });
});

describe('quotation marks', () => {
  it('reads « » with narrow no-break spaces and records the marks', () => {
    const [q] = quotes('fr', 'Il a lancé\u202f:\u00a0«\u202fNous partons\u202f», puis il est sorti.');
    assert.equal(q!.text, 'Nous partons');
    assert.equal(q!.finding.attributes!.openMark, '«');
    assert.equal(q!.finding.attributes!.closeMark, '»');
  });

  it('reads German reversed guillemets and „ “, Polish „ ”, English ‘ ’', () => {
    assert.deepEqual(
      quotes('de', 'Sie rief »Halt!« und lief weg.').map((q) => q.text),
      ['Halt!'],
    );
    assert.deepEqual(
      quotes('pl', 'Napisał „koniec” na kartce.').map((q) => q.text),
      ['koniec'],
    );
    assert.deepEqual(
      quotes('en', 'The sign said ‘closed’ all week.').map((q) => q.text),
      ['closed'],
    );
  });

  it('does not take apostrophes, elisions or inch marks for quotes', () => {
    assert.deepEqual(quotes('en', "Don't touch the students' union's 12\" screen, it's Tom's."), []);
    assert.deepEqual(quotes('fr', "L'homme qu'on voit là n'est pas d'ici."), []);
  });

  it('reports a nested quote with its depth, unattributed', () => {
    const found = quotes('en', '“He told me, ‘Never again,’ and left,” she said.');
    const inner = found.find((q) => q.text === 'Never again,');
    assert.ok(inner);
    assert.equal(inner.finding.attributes!.depth, 1);
    assert.equal(inner.finding.attributes!.attributed, false);
  });

  it('spans a quote continued over paragraphs and notes its last paragraph', () => {
    const [q] = quotes('en', '“First part of it.', '“Second part,” said Ann Lee.');
    assert.equal(q!.text, 'First part of it.\n“Second part,');
    assert.equal(q!.finding.paragraph, 1);
    assert.equal(q!.finding.attributes!.lastParagraph, 2);
    assert.equal(q!.finding.attributes!.speaker, 'Ann Lee');
  });

  it('keeps an unclosed quote that follows a colon, and drops a stray mark', () => {
    assert.deepEqual(
      quotes('en', 'The mayor said: “We need help right now').map((q) => q.text),
      ['We need help right now'],
    );
    assert.deepEqual(quotes('en', 'The 1990s were “different in many ways'), []);
  });
});

describe('speakers', () => {
  it('resolves a pronoun to the last named speaker', () => {
    const found = quotes('fr', '« Non », a déclaré Anne Roy.', '« Jamais », a-t-elle ajouté.');
    assert.equal(found[1]!.finding.attributes!.speaker, 'Anne Roy');
    assert.equal(found[1]!.finding.attributes!.pronoun, 'elle');
  });

  it('leaves a quote without any attribution unattributed', () => {
    const [q] = quotes('en', '“Take back control.” The slogan was everywhere.');
    assert.equal(q!.finding.attributes!.attributed, false);
    assert.equal(q!.finding.attributes!.speaker, null);
  });

  it('points the speaker offsets at the words of the text', () => {
    const a = article('it', '«Basta così», ha detto il sindaco Paolo Neri.');
    const [f] = quotesAnalyser.analyse(a, { findings: [], options: {} });
    const { speakerStart, speakerEnd } = f!.attributes as { speakerStart: number; speakerEnd: number };
    assert.equal(a.text.slice(speakerStart, speakerEnd), 'il sindaco Paolo Neri');
  });

  it('does not treat the author’s own opinion or an impersonal subject as a quote', () => {
    assert.deepEqual(quotes('fr', 'Selon moi, ce projet est une erreur coûteuse.'), []);
    assert.deepEqual(quotes('de', 'Man sagt, dass die Brücke bald gesperrt wird.'), []);
  });
});

describe('isQuoted', () => {
  const findings: Finding[] = [
    { analyser: 'quotes', label: 'direct-quote', score: 0.9, span: { start: 10, end: 40 } },
    { analyser: 'quotes', label: 'indirect-quote', score: 0.7, span: { start: 50, end: 80 } },
    { analyser: 'other', label: 'direct-quote', score: 0.9, span: { start: 100, end: 200 } },
  ];

  it('is true for a span inside a quote and false across its edge', () => {
    assert.equal(isQuoted(findings, { start: 12, end: 20 }), true);
    assert.equal(isQuoted(findings, { start: 5, end: 20 }), false);
    assert.equal(isQuoted(findings, { start: 120, end: 130 }), false);
  });

  it('counts indirect quotes unless asked for direct quotes only', () => {
    assert.equal(isQuoted(findings, { start: 55, end: 60 }), true);
    assert.equal(isQuoted(findings, { start: 55, end: 60 }, true), false);
  });
});

describe('speed', () => {
  it('stays linear on a long article', () => {
    const paragraph =
      '« Nous ne céderons rien », a déclaré le ministre. Selon la préfecture, 300 personnes étaient là. Le maire a estimé que la situation était « sous contrôle ».';
    const a = article('fr', ...Array.from({ length: 400 }, () => paragraph));
    const started = performance.now();
    const found = quotesAnalyser.analyse(a, { findings: [], options: {} });
    // Per paragraph: two direct quotes, the clause after `Selon`, and the clause embedding « sous contrôle ».
    assert.equal(found.length, 1600);
    assert.ok(performance.now() - started < 1500);
  });
});

describe('issue 5: scare quotes, appositions, indirect speech', () => {
  const speakerOf = (lang: string, ...paragraphs: string[]) =>
    quotes(lang, ...paragraphs).map((q) => [q.finding.label, q.text, q.finding.attributes!.speaker]);

  it('does not report a scare quote, a title or a name in marks after a determiner or marker', () => {
    assert.deepEqual(quotes('en', 'The so-called “smart meters” keep failing in cold weather.'), []);
    assert.deepEqual(quotes('fr', 'La série « Les Voisins » revient en septembre sur la chaîne.'), []);
    assert.deepEqual(quotes('ru', 'Об этом сообщила газета «Вечерний город».'), []);
  });

  it('keeps a short quoted phrase that a verb of saying attributes', () => {
    assert.deepEqual(speakerOf('en', 'The senator called the bill “a disgrace” on Monday.'), [
      ['direct-quote', 'a disgrace', 'The senator'],
    ]);
  });

  it('gives the name in apposition, not the title, as the speaker', () => {
    assert.deepEqual(speakerOf('en', '“We expected more,” said the team captain, Lisa Grant.'), [
      ['direct-quote', 'We expected more,', 'Lisa Grant'],
    ]);
    assert.deepEqual(
      speakerOf('fr', 'Hugo Martel, le président de la fédération, a annoncé que la saison reprendrait.'),
      [['indirect-quote', 'la saison reprendrait', 'Hugo Martel']],
    );
  });

  it('finds an inverted speaker behind a few lowercase words', () => {
    assert.deepEqual(speakerOf('fr', '« Rien ne change », a lancé à la tribune Paul Mercier.'), [
      ['direct-quote', 'Rien ne change', 'Paul Mercier'],
    ]);
  });

  it('reads indirect speech without “that”, after a dateline or an opening phrase', () => {
    assert.deepEqual(
      speakerOf(
        'en',
        'BERLIN, March 2 (AFP) — Minister Karl Weiss said on Monday that the border would stay open.',
      ),
      [['indirect-quote', 'the border would stay open', 'Minister Karl Weiss']],
    );
    assert.deepEqual(speakerOf('en', 'Pressed on the costs, Weiss insisted the budget was sound.'), [
      ['indirect-quote', 'the budget was sound', 'Weiss'],
    ]);
    assert.deepEqual(speakerOf('en', 'Weiss said on Monday.'), []);
  });

  it('reports the subject’s words after a participle of saying', () => {
    assert.deepEqual(speakerOf('en', 'The coach thanked the fans, adding that the team would fight on.'), [
      ['indirect-quote', 'the team would fight on', 'The coach'],
    ]);
  });

  it('gives no indirect quote for a line of dialogue', () => {
    assert.deepEqual(quotes('fr', '— Nous verrons bien demain, a-t-il répondu.'), []);
  });
});

describe('issue 5, round 2: categories from the second blind set (dev items `*-r2q*`)', () => {
  const DEV = new URL('../fixtures/anatomy/dev/', import.meta.url);
  for (const lang of FIXTURE_LANGUAGES) {
    for (const item of loadFixture(lang, DEV).items.filter((i) => i.id.includes('-r2'))) {
      it(`${item.id}: exact quotes and speakers`, () => {
        const a = fixtureArticle(item, lang);
        const found = quotesAnalyser.analyse(a, { findings: [], options: {} });
        const got = found.map((f) => [f.label, a.text.slice(f.span!.start, f.span!.end)]);
        assert.deepEqual(
          got,
          item.quotes.map((q) => [q.label, q.text]),
        );
        item.quotes.forEach((q, i) => {
          const speaker = found[i]!.attributes?.speaker;
          if (q.speaker === null) assert.equal(speaker ?? null, null, q.text);
          else
            assert.ok(
              typeof speaker === 'string' && sameSpeaker(speaker, q.speaker),
              `${q.text}: ${speaker}`,
            );
        });
      });
    }
  }

  it('reports a clause that embeds quoted words, and gives the words its speaker', () => {
    assert.deepEqual(
      quotes('en', 'The mayor said the new line would open “well before the summer” next year.').map((q) => [
        q.finding.label,
        q.text,
        q.finding.attributes!.speaker,
      ]),
      [
        ['indirect-quote', 'the new line would open “well before the summer” next year', 'The mayor'],
        ['direct-quote', 'well before the summer', 'The mayor'],
      ],
    );
  });

  it('leaves an adjunct after the embedded quote out of the clause, but not a contrast', () => {
    assert.deepEqual(
      quotes('en', 'He said talks would resume “within days”, after a call with the envoy.').map(
        (q) => q.text,
      ),
      ['talks would resume “within days”', 'within days'],
    );
    assert.deepEqual(
      quotes('de', 'Er sagte, man sei „zu Kompromissen bereit“, aber nicht um jeden Preis.').map(
        (q) => q.text,
      ),
      ['man sei „zu Kompromissen bereit“, aber nicht um jeden Preis', 'zu Kompromissen bereit'],
    );
  });

  it('reads a name or a title in marks inside a sentence as no speech', () => {
    assert.deepEqual(quotes('ru', 'Клуб «Сокол» подписал нового вратаря.'), []);
  });

  it('does not read a noun that doubles as a participle (the ruling) as a verb of saying', () => {
    assert.deepEqual(
      quotes('en', 'The governor called the ruling “a disgrace” on Monday.').map(
        (q) => q.finding.attributes!.speaker,
      ),
      ['The governor'],
    );
  });
});
