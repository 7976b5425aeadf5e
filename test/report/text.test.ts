import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderText, wrapRanges } from '../../src/report/text.ts';
import { assertInOrder } from './in-order.ts';
import { anatomyReport, reportOf, SAMPLE_TEXT, sampleArticle, sampleReport, spanOf } from './sample.ts';

const ESC = '\u001b';

describe('renderText', () => {
  const plain = renderText(sampleReport(), { color: false, width: 120 });

  it('starts with the title and the article facts', () => {
    const [title, facts] = plain.split('\n');
    assert.equal(title, 'Council approves the new bridge');
    assert.equal(facts, 'id sample · language en 0.97 (detected) · semeval · test/sample.txt');
  });

  it('shows every paragraph with its SemEval line number', () => {
    for (const [line, text] of [
      [1, 'Council approves the new bridge'],
      [3, 'The city council approved the bridge on Monday by 31 votes to 12.'],
      [6, 'The bridge will open in 2027, the mayor said.'],
    ] as const) {
      assert.ok(plain.includes(`${line} │ ${text}\n`), `line ${line}`);
    }
  });

  it('lists techniques under their paragraph with category, score and the exact span text', () => {
    const paragraph = plain.slice(plain.indexOf('4 │ Critics'), plain.indexOf('5 │ Photo'));
    assert.match(
      paragraph,
      /▸ Loaded Language · Manipulative wording · 0\.74\n.*“monument to vanity” 0\.74 · key words: “vanity”/,
    );
    assert.match(
      paragraph,
      /▸ Name Calling-Labeling · Attack on reputation · 0\.55\n.*“a "monument to vanity"” 0\.55\n/,
    );
    assert.match(paragraph, /▸ Doubt · Attack on reputation · 0\.42\n/);
  });

  it('leaves anatomy findings to their sections, not under the paragraph', () => {
    const paragraph = plain.slice(plain.indexOf('5 │ Photo'), plain.indexOf('6 │ The bridge'));
    assert.doesNotMatch(paragraph, /▸/);
    assert.match(
      plain,
      /── Repetitions ─+\n {2}paragraph ×2 verbatim \(line 7\): “Council approves the new bridge”\n/,
    );
    assert.match(plain, /not prose \(photo-credit\) \(line 5\): “Photo: J\. Doe \/ City Press”/);
  });

  it('shows genre bars at a glance and the totals in the summary', () => {
    const glance = plain.slice(plain.indexOf('── At a glance'), plain.indexOf('── Text'));
    assert.match(glance, /^Genre {9}reporting █{16}▎░{3} 0\.81$/m);
    assert.match(glance, /Techniques {4}Doubt ×1, Loaded Language ×1, Name Calling-Labeling ×1/);
    const summary = plain.slice(plain.indexOf('── Summary'));
    assert.match(summary, /Language\n {2}en 0\.97\n/);
    assert.doesNotMatch(summary, /Genre|Repetition/);
    assert.match(summary, /6 paragraphs · 7 findings/);
  });

  it('has no escape codes without colour, and colours spans with them', () => {
    assert.ok(!plain.includes(ESC), 'no escape codes');
    const coloured = renderText(sampleReport(), { color: true, width: 80 });
    assert.ok(coloured.includes(`${ESC}[35mmonument to vanity${ESC}[39m`));
  });

  it('wraps long paragraphs to the width, under the line number', () => {
    const text = `Title\n\n${'word '.repeat(40).trim()}`;
    const narrow = renderText(reportOf(sampleArticle(text), []), { color: false, width: 40 });
    const lines = narrow.split('\n').filter((l) => l.includes('│'));
    assert.ok(lines.length > 3);
    for (const line of lines) assert.ok(line.length <= 40, line);
    assert.equal(
      lines
        .map((l) => l.slice(4))
        .join(' ')
        .replace('Title ', ''),
      text.slice(7),
    );
  });

  it('shows an article without findings', () => {
    const out = renderText(reportOf(sampleArticle(SAMPLE_TEXT), []), { color: false, width: 80 });
    assert.match(out, /0 findings · analysers: none/);
  });

  it('quotes overlapping spans each in full', () => {
    const article = sampleArticle(SAMPLE_TEXT);
    const out = renderText(
      reportOf(article, [
        { analyser: 'x', label: 'outer', score: 0.5, ...spanOf(article, 'approved the bridge on Monday') },
        { analyser: 'x', label: 'inner', score: 0.5, ...spanOf(article, 'bridge on') },
      ]),
      { color: false, width: 100 },
    );
    assert.match(out, /outer 0\.50 “approved the bridge on Monday”/);
    assert.match(out, /inner 0\.50 “bridge on”/);
  });
});

describe('renderText: anatomy and persuasion', () => {
  const plain = renderText(anatomyReport(), { color: false, width: 120 });
  const section = (title: string) => {
    const start = plain.indexOf(`── ${title}`);
    assert.ok(start >= 0, `section ${title}`);
    return plain.slice(start, plain.indexOf('\n\n', start));
  };

  it('shows the sections in reading order after the text', () => {
    const order = [
      'At a glance',
      'Text',
      'Quotes (3)',
      'Sources',
      'People, organisations and places',
      'Timeline',
      'Contradictions (1)',
      'Repetitions',
      'Summary',
    ];
    assertInOrder(
      plain,
      order.map((title) => `── ${title} `),
    );
  });

  it('lists quotes with their line, speaker or "unattributed", direct or reported', () => {
    assert.equal(
      section('Quotes'),
      [
        `── Quotes (3) ${'─'.repeat(106)}`,
        '  4 “We will build it within two years,” — Anna Kowalczyk (said)',
        '  5 (reported) the costs are hidden — Experts (say)',
        '  8 “It is a shameful betrayal of every family here,” — unattributed',
      ].join('\n'),
    );
  });

  it('lists sources by kind, photo credits and vague references', () => {
    const sources = section('Sources');
    assert.match(
      sources,
      /News agencies: Reuters \(line 3\)\n {2}Institutions: The port authority \(line 3\)/,
    );
    assert.match(sources, /Photo credit: Photo: Jan Nowak \/ Coast Images \(line 6\)/);
    assert.match(sources, /Vague source: “Experts say” \(line 5\)/);
  });

  it('shows entities with mention counts and their inconsistent spellings', () => {
    assert.match(
      section('People'),
      /People\n {4}Anna Kowalczyk ×2 ⚠ spelled 2 ways: Anna Kowalczyk ×1, Anna Kowalczik ×1 \(lines 4, 7\)\n {2}Organisations\n {4}Reuters ×1 \(line 3\)/,
    );
  });

  it('orders the timeline by date, then the unresolved dates', () => {
    const lines = section('Timeline').split('\n').slice(1);
    assert.match(lines[0]!, /^ {2}2025-03-02 “2 March 2025” \(line 7\)$/);
    assert.match(lines[1]!, /^ {2}2025-03-04 “Tuesday 4 March 2025” \(line 3\) ⚠ see contradictions$/);
    assert.match(lines[2]!, /not resolved/);
    assert.match(lines[3]!, /“Next week” \(line 9\) relative/);
  });

  it('explains contradictions with their rule and line', () => {
    assert.match(
      section('Contradictions'),
      /3 ⚠ weekday mismatch “Tuesday 4 March 2025” rule weekday-date · 0\.95\n {6}2025-03-04 is a Tuesday, not a Monday/,
    );
  });

  it('marks each paragraph with its opinion score and says where the article turns', () => {
    assert.match(plain, /Opinion {7}▁▂▃▇█▆ /);
    assert.match(plain, /lines 3–9: turns from reporting to opinion at line 7/);
    assert.match(plain, /\n7 ▇│ This reckless scheme/);
    assert.match(plain, /\n1 {2}│ Harbour plan/);
    assert.match(plain, /\n6 {2}│ Photo: Jan Nowak/, 'no opinion mark on a line that is not prose');
  });

  it('shows overlapping techniques on the same words each with its span and evidence', () => {
    const paragraph = plain.slice(plain.indexOf('7 ▇│'), plain.indexOf('8 █│'));
    assert.match(
      paragraph,
      /▸ Loaded Language · Manipulative wording · 0\.81\n.*“This reckless scheme” 0\.66 · key words: “reckless”, “scheme”\n/,
    );
    assert.match(
      paragraph,
      /▸ Appeal to Fear-Prejudice · Justification · 0\.58\n.*“reckless scheme will ruin the bay” 0\.58\n/,
    );
    assert.doesNotMatch(paragraph, /“knew”/);
  });

  it('marks a technique inside a quote as quoted', () => {
    const paragraph = plain.slice(plain.indexOf('8 █│'), plain.indexOf('9 ▆│'));
    assert.match(paragraph, /“shameful betrayal” 0\.61 \(quoted · unattributed\)/);
    assert.doesNotMatch(plain.slice(plain.indexOf('7 ▇│'), plain.indexOf('8 █│')), /quoted/);
  });

  it('marks a paragraph-level technique in a paragraph that is all quote as quoted', () => {
    const text = 'Title\n\n"We will never give up, we will never surrender, never," he said.';
    const article = sampleArticle(text);
    const out = renderText(
      reportOf(article, [
        {
          analyser: 'quotes',
          label: 'direct-quote',
          score: 0.95,
          ...spanOf(article, 'We will never give up, we will never surrender, never,'),
          attributes: { speaker: 'he' },
        },
        { analyser: 'techniques', label: 'Slogans', score: 0.5, paragraph: 1 },
      ]),
      { color: false, width: 100 },
    );
    assert.match(out, /▸ Slogans · Call · 0\.50 \(quoted · he\)/);
  });

  it('sets quotes in italics and technique spans in their category colour', () => {
    const coloured = renderText(anatomyReport(), { color: true, width: 120 });
    assert.ok(coloured.includes(`${ESC}[3mWe will build it within two years,${ESC}[23m`));
    assert.ok(coloured.includes(`${ESC}[3m${ESC}[31mshameful betrayal${ESC}[39m${ESC}[23m`));
  });

  it('omits sections with nothing in them', () => {
    const out = renderText(reportOf(sampleArticle(SAMPLE_TEXT), []), { color: false, width: 80 });
    for (const title of ['At a glance', 'Quotes', 'Sources', 'Timeline', 'Contradictions', 'Repetitions']) {
      assert.ok(!out.includes(`── ${title}`), title);
    }
  });
});

describe('wrapRanges', () => {
  it('breaks at spaces and never loses a character but the breaking spaces', () => {
    const text = 'one two  three four';
    const ranges = wrapRanges(text, 8);
    assert.deepEqual(
      ranges.map(([a, b]) => text.slice(a, b)),
      ['one two', 'three', 'four'],
    );
  });

  it('cuts a word longer than the line', () => {
    assert.deepEqual(wrapRanges('abcdefghij', 4), [
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
  });
});
