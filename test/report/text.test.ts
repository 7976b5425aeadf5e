import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderText, wrapRanges } from '../../src/report/text.ts';
import { reportOf, SAMPLE_TEXT, sampleArticle, sampleReport, spanOf } from './sample.ts';

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

  it('lists findings under their paragraph with label, score and the exact span text', () => {
    const paragraph = plain.slice(plain.indexOf('4 │ Critics'), plain.indexOf('5 │ Photo'));
    assert.match(
      paragraph,
      /▸ Persuasion techniques · Loaded Language \[Manipulative wording\] 0\.74 “monument to vanity”/,
    );
    assert.match(paragraph, /▸ Persuasion techniques · Doubt \[Attack on reputation\] 0\.42\n/);
    assert.match(paragraph, /why: “vanity” \(\+0\.62\)/);
  });

  it('does not quote a span that is the whole paragraph again', () => {
    assert.match(plain, /▸ Repetition · boilerplate 0\.90 \(whole paragraph\) pattern=photo-credit/);
  });

  it('summarises article-level findings by analyser at the end', () => {
    const summary = plain.slice(plain.indexOf('── Summary'));
    assert.match(summary, /Language\n {2}en 0\.97\n/);
    assert.match(summary, /Genre\n {2}reporting 0\.81 opinion=0\.15, satire=0\.04\n/);
    assert.match(summary, /Repetition\n {2}in paragraphs: boilerplate ×1, repeated-paragraph ×1\n/);
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
