import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { glance, turningPoint } from '../../src/report/glance.ts';
import { paragraphTechniques } from '../../src/report/persuasion.ts';
import { anatomySections, isEmptySection } from '../../src/report/sections.ts';
import { anatomyReport, reportOf, SAMPLE_TEXT, sampleArticle } from './sample.ts';

describe('anatomySections', () => {
  const report = anatomyReport();
  const sections = anatomySections(report);

  it('lists quotes in text order with speaker, kind and line', () => {
    assert.deepEqual(
      sections.quotes.map((q) => [q.line, q.kind, q.speaker, q.text]),
      [
        [4, 'direct', 'Anna Kowalczyk', 'We will build it within two years,'],
        [5, 'indirect', 'Experts', 'the costs are hidden'],
        [8, 'direct', null, 'It is a shameful betrayal of every family here,'],
      ],
    );
  });

  it('groups cited sources by kind, agencies first, and keeps credits and vague references apart', () => {
    assert.deepEqual(
      sections.sources.cited.map((g) => [g.kind, g.names.map((n) => [n.name, n.count, n.lines])]),
      [
        ['agency', [['Reuters', 1, [3]]]],
        ['institution', [['The port authority', 1, [3]]]],
      ],
    );
    assert.deepEqual(sections.sources.photoCredits, [
      { text: 'Photo: Jan Nowak / Coast Images', line: 6, paragraph: 4 },
    ]);
    assert.deepEqual(sections.sources.unnamed, [
      { label: 'vague-source', text: 'Experts say', line: 5, paragraph: 3 },
    ]);
  });

  it('clusters entity mentions with their forms, lines and flagged spellings', () => {
    assert.deepEqual(
      sections.entities.map((g) => g.type),
      ['person', 'organisation'],
    );
    const anna = sections.entities[0]!.entries[0]!;
    assert.equal(anna.name, 'Anna Kowalczyk');
    assert.equal(anna.mentions, 2);
    assert.deepEqual(anna.lines, [4, 7]);
    assert.deepEqual(anna.forms, [
      { text: 'Anna Kowalczyk', count: 1 },
      { text: 'Anna Kowalczik', count: 1 },
    ]);
    assert.deepEqual(anna.variants, ['Anna Kowalczyk ×1', 'Anna Kowalczik ×1']);
    assert.deepEqual(sections.entities[1]!.entries[0]!.variants, []);
  });

  it('orders the timeline by resolved date, unresolved dates after, and flags contradicted ones', () => {
    assert.deepEqual(
      sections.timeline.resolved.map((d) => [d.iso, d.text, d.line, d.flagged]),
      [
        ['2025-03-02', '2 March 2025', 7, false],
        ['2025-03-04', 'Tuesday 4 March 2025', 3, true],
      ],
    );
    assert.deepEqual(
      sections.timeline.unresolved.map((d) => [d.text, d.relative]),
      [['Next week', true]],
    );
  });

  it('sorts coarser dates before finer ones of the same period', () => {
    const article = sampleArticle(SAMPLE_TEXT);
    const date = (iso: string, start: number) => ({
      analyser: 'dates',
      label: 'date',
      score: 0.9,
      paragraph: 1,
      span: { start: article.paragraphs[1]!.start + start, end: article.paragraphs[1]!.start + start + 3 },
      attributes: { iso },
    });
    const { timeline } = anatomySections(
      reportOf(article, [date('2025-03-04', 0), date('2025', 4), date('2024-12', 8), date('2025-03', 12)]),
    );
    assert.deepEqual(
      timeline.resolved.map((d) => d.iso),
      ['2024-12', '2025', '2025-03', '2025-03-04'],
    );
  });

  it('explains contradictions with the rule, the note and the words involved', () => {
    assert.deepEqual(sections.contradictions, [
      {
        label: 'weekday-mismatch',
        text: 'Tuesday 4 March 2025',
        rule: 'weekday-date',
        score: 0.95,
        summary: '2025-03-04 is a Tuesday, not a Monday',
        spans: [
          {
            text: 'Tuesday 4 March 2025',
            note: '2025-03-04 is a Tuesday, not a Monday',
            line: 3,
            paragraph: 1,
          },
        ],
        line: 3,
        paragraph: 1,
      },
    ]);
  });

  it('groups repetitions by group with their lines, and lists boilerplate', () => {
    assert.deepEqual(sections.repetitions.groups, [
      { label: 'repeated-sentence', text: 'ruin the bay', occurrences: 2, lines: [7, 8], exact: true },
    ]);
    assert.deepEqual(
      sections.repetitions.boilerplate.map((b) => [b.pattern, b.line]),
      [['photo-credit', 6]],
    );
  });

  it('has every section empty for a report without anatomy findings', () => {
    const empty = anatomySections(reportOf(sampleArticle(SAMPLE_TEXT), []));
    for (const name of [
      'quotes',
      'sources',
      'entities',
      'timeline',
      'contradictions',
      'repetitions',
    ] as const) {
      assert.ok(isEmptySection(empty, name), name);
      assert.ok(!isEmptySection(sections, name), name);
    }
  });
});

describe('glance', () => {
  it('sorts genre and frame bars by score and keeps the decided genre', () => {
    const g = glance(anatomyReport());
    assert.deepEqual(
      g.genre.map((b) => [b.label, b.predicted]),
      [
        ['opinion', true],
        ['reporting', false],
        ['satire', false],
      ],
    );
    assert.deepEqual(
      g.frames.map((b) => b.label),
      ['Quality_of_life', 'Economic'],
    );
    assert.equal(g.opinion.length, 6, 'the photo credit line has no opinion score');
    assert.equal(g.turn, 5);
  });

  it('finds the turn to opinion only when the article turns', () => {
    const points = (scores: number[]) => scores.map((score, i) => ({ paragraph: i, line: i + 1, score }));
    assert.equal(turningPoint(points([0.1, 0.2, 0.1, 0.7, 0.9, 0.8])), 3);
    assert.equal(turningPoint(points([0.1, 0.2, 0.1, 0.3])), undefined);
    assert.equal(turningPoint(points([0.8, 0.9, 0.7])), undefined);
    assert.equal(turningPoint(points([0.9, 0.8, 0.1, 0.2])), undefined);
  });
});

describe('paragraphTechniques', () => {
  const techniques = paragraphTechniques(anatomyReport());

  it('joins a paragraph prediction with its spans and keeps overlapping techniques apart', () => {
    const seventh = techniques.get(5)!;
    assert.deepEqual(
      seventh.map((t) => [t.label, t.category, t.score, t.spans.map((s) => s.text)]),
      [
        ['Loaded_Language', 'Manipulative wording', 0.81, ['This reckless scheme']],
        ['Appeal_to_Fear-Prejudice', 'Justification', 0.58, ['reckless scheme will ruin the bay']],
      ],
    );
  });

  it('lists with a span only the evidence inside it', () => {
    const loaded = techniques.get(5)![0]!;
    assert.deepEqual(loaded.spans[0]!.keyWords, ['“reckless”', '“scheme”']);
    assert.deepEqual(loaded.reasons, []);
  });

  it('marks a technique inside a quote as quoted, with the speaker when known', () => {
    const [name] = techniques.get(6)!;
    assert.deepEqual(name!.spans[0]!.quoted, { kind: 'direct', speaker: null });
    assert.equal(techniques.get(5)![0]!.spans[0]!.quoted, null);
  });

  it('gives a paragraph-level technique without a span its reasons', () => {
    const [doubt] = techniques.get(3)!;
    assert.equal(doubt!.label, 'Doubt');
    assert.deepEqual(doubt!.spans, []);
    assert.deepEqual(doubt!.reasons, ['“hidden” (+0.30)']);
    // Paragraph 5 is `Experts say the costs are hidden.`: the reported clause is most of it, not 80%.
    assert.equal(doubt!.quoted, null);
  });
});
