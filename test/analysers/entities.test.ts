import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entitiesAnalyser } from '../../src/analysers/entities/index.ts';
import {
  ANATOMY_LANGUAGES,
  anatomyArticle,
  type EntityFixture,
  loadAnatomyFixture,
  locateInOrder,
} from '../../src/analysers/entities/score.ts';
import { similar, stem } from '../../src/analysers/entities/skeleton.ts';

function entities(lang: string, ...paragraphs: string[]) {
  const a = anatomyArticle('t', paragraphs, lang);
  return entitiesAnalyser.analyse(a, { findings: [], options: {} }).map(
    (f): Record<string, unknown> => ({
      label: f.label,
      text: a.text.slice(f.span!.start, f.span!.end),
      ...f.attributes,
    }),
  );
}

describe('entities analyser on the annotated fixtures', () => {
  for (const lang of ANATOMY_LANGUAGES) {
    for (const item of loadAnatomyFixture<EntityFixture>('entities', lang).items) {
      it(`${item.id}: finds exactly the labelled mentions, clusters and spelling variants`, {
        todo: item.todo,
      }, () => {
        const a = anatomyArticle(item.id, item.paragraphs, lang);
        const found = entitiesAnalyser.analyse(a, { findings: [], options: {} });
        const mentions = found.filter((f) => f.label !== 'spelling-variant');
        const spans = locateInOrder(
          a.text,
          item.entities.map((e) => e.text),
        );
        assert.deepEqual(
          mentions.map(
            (f) => `${f.label} ${f.span!.start}-${f.span!.end} ${a.text.slice(f.span!.start, f.span!.end)}`,
          ),
          item.entities.map((e, i) => `${e.type} ${spans[i]!.start}-${spans[i]!.end} ${e.text}`),
        );
        // Same gold cluster ⇔ same predicted entity.
        const gold = item.entities.map((e) => e.cluster);
        const predicted = mentions.map((f) => f.attributes?.entity);
        for (let i = 0; i < gold.length; i++) {
          for (let j = i + 1; j < gold.length; j++) {
            assert.equal(
              predicted[i] === predicted[j],
              gold[i] === gold[j],
              `${item.entities[i]!.text} / ${item.entities[j]!.text}`,
            );
          }
        }
        const flagged = found
          .filter((f) => f.label === 'spelling-variant')
          .map((f) => gold[spans.findIndex((s) => s.start === f.span!.start && s.end === f.span!.end)]);
        assert.deepEqual(flagged.sort(), [...item.variants].sort());
      });
    }
  }
});

describe('entities', () => {
  it('clusters transliterations of one surname, Cyrillic included', () => {
    const stems = ['Zelensky', 'Zelenski', 'Selenskyj', 'Zełenski', 'Зеленский', 'Зеленского'].map(stem);
    assert.ok(stems.every((s) => similar(s, stems[0]!)));
    assert.ok(similar(stem('Peskov'), stem('Peskow')));
    assert.ok(similar(stem('Navalnyï'), stem('Nawalny')));
    assert.ok(!similar(stem('Macron'), stem('Martin')));
  });

  it('joins a surname alone to the full name and reports the fullest spelling as canonical', () => {
    const found = entities('fr', 'Le président Emmanuel Macron a parlé. Selon Macron, rien ne change.');
    assert.deepEqual(
      found.map((f) => [f.label, f.text, f.canonical]),
      [
        ['person', 'Emmanuel Macron', 'Emmanuel Macron'],
        ['person', 'Macron', 'Emmanuel Macron'],
      ],
    );
    assert.equal(found[0]!.entity, found[1]!.entity);
  });

  it('flags a first name written with and without its accent', () => {
    const found = entities('fr', 'Hélène Roux vit à Lyon.', 'Pour Helene Roux, tout a changé.');
    const variant = found.find((f) => f.label === 'spelling-variant');
    assert.equal(variant?.text, 'Helene Roux');
    assert.equal(variant?.variants, 'Hélène ×1, Helene ×1');
  });

  it('keeps a declined Polish surname as one spelling', () => {
    const found = entities('pl', 'Prezydent Wołodymyr Zełenski przyjechał.', 'Zełenskiego pytano o front.');
    assert.equal(found.filter((f) => f.label === 'person').length, 2);
    assert.ok(!found.some((f) => f.label === 'spelling-variant'));
  });

  it('needs evidence for a capitalised German noun', () => {
    assert.deepEqual(entities('de', 'Die Regierung in Haft sagte, die Wirtschaft wachse.'), []);
  });

  it('tells a feminine surname from the masculine one', () => {
    const found = entities('fr', 'Ioulia Navalnaïa accuse le pouvoir. Navalnyï est mort en prison.');
    const [wife, husband] = found.filter((f) => f.label === 'person');
    assert.notEqual(wife!.entity, husband!.entity);
  });
});

describe('issue 5: abbreviations and cited outlets', () => {
  const typed = (lang: string, ...paragraphs: string[]) =>
    entities(lang, ...paragraphs)
      .filter((e) => e.label !== 'spelling-variant')
      .map((e) => [e.text, e.label]);

  it('takes a lone abbreviation for an organisation, a capital dateline for a place, a unit for neither', () => {
    assert.deepEqual(typed('en', 'The RSPCA rescued 40 dogs, raising the GDP of kindness.'), [
      ['RSPCA', 'organisation'],
    ]);
    assert.deepEqual(typed('en', 'MADRID, May 4 — The rain stopped.'), [['MADRID', 'place']]);
  });

  it('knows the agencies and outlets the sources analyser cites', () => {
    assert.deepEqual(typed('fr', 'Le Figaro et Reuters ont publié la même photo.'), [
      ['Le Figaro', 'organisation'],
      ['Reuters', 'organisation'],
    ]);
  });
});

describe('issue 5, round 2: categories from the second blind set (dev items `*-r2e*`)', () => {
  const DEV = new URL('../fixtures/anatomy/dev/', import.meta.url);
  for (const lang of ANATOMY_LANGUAGES) {
    for (const item of loadAnatomyFixture<EntityFixture>('entities', lang, DEV).items.filter((i) =>
      i.id.includes('-r2'),
    )) {
      it(`${item.id}: exact mentions and types`, () => {
        const found = entities(lang, ...item.paragraphs).filter((e) => e.label !== 'spelling-variant');
        assert.deepEqual(
          found.map((e) => [e.text, e.label]),
          item.entities.map((e) => [e.text, e.type]),
        );
      });
    }
  }

  it('clusters an abbreviation with the organisation of its initials', () => {
    const found = entities('fr', 'La Caisse régionale de Bretagne (CRB) a relevé ses taux.');
    const full = found.find((e) => e.text === 'Caisse régionale de Bretagne');
    const short = found.find((e) => e.text === 'CRB');
    assert.ok(full && short);
    assert.equal(full.entity, short.entity);
  });

  it('types a run by a place word and takes a capitalised dateline before a dash as a place', () => {
    assert.deepEqual(
      entities('en', 'SEATTLE — Crews cleared Elm Street overnight.').map((e) => [e.text, e.label]),
      [
        ['SEATTLE', 'place'],
        ['Elm Street', 'place'],
      ],
    );
  });
});
