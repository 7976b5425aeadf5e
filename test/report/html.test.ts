import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { escapeHtml, renderHtml } from '../../src/report/html.ts';
import { assertInOrder } from './in-order.ts';
import { anatomyReport, reportOf, SAMPLE_TEXT, sampleArticle, sampleReport, spanOf } from './sample.ts';

/** The text content of an HTML fragment: tags dropped, character references decoded. */
function textOf(html: string): string {
  return html
    .replace(/<sup class="ref">.*?<\/sup>/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

const HOSTILE = [
  'Title with <script>alert(1)</script>',
  '',
  "He wrote \"><img src=x onerror=alert(2)> and 'quotes' & ampersands.",
  '<style>body{display:none}</style> closing </p></div> tags',
].join('\n');

describe('renderHtml', () => {
  it('is one self-contained page: no scripts, no external requests, a strict CSP', () => {
    const html = renderHtml(sampleReport());
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i);
    assert.doesNotMatch(html, /<link/i);
    assert.doesNotMatch(html, /\sstyle="/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp);
    assert.match(csp, /^default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;/);
  });

  it('hashes exactly its inline stylesheet in the CSP', () => {
    const html = renderHtml(sampleReport());
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    assert.ok(html.includes(`sha256-${hash}`));
  });

  it('escapes every character of the article text, tags and attribute injection included', () => {
    const report = reportOf(sampleArticle(HOSTILE), [
      {
        analyser: 'x',
        label: '"><script>alert(3)</script>',
        score: 0.5,
        ...spanOf(sampleArticle(HOSTILE), 'onerror'),
      },
    ]);
    const html = renderHtml(report);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<style>body/);
    assert.doesNotMatch(html, /<\/p><\/div> tags/);
    assert.ok(html.includes('He wrote &#34;&#62;&#60;img src=x '));
    assert.ok(html.includes('&#39;quotes&#39; &#38; ampersands.'));
    assert.ok(html.includes('title="&#34;&#62;&#60;script&#62;alert(3)&#60;/script&#62; 0.50 (x)"'));
  });

  it('renders every paragraph so its text reads exactly as in the article', () => {
    const report = sampleReport();
    const html = renderHtml(report);
    for (const p of report.article.paragraphs) {
      const block = new RegExp(
        `<div class="para[^"]*" id="p${p.index}"><span class="ln">${p.line}</span><p class="txt">(.*?)</p>`,
      ).exec(html);
      assert.ok(block, `paragraph ${p.index}`);
      assert.equal(textOf(block[1]!), report.article.text.slice(p.start, p.end));
    }
  });

  it('splits overlapping spans into segments that list all their labels', () => {
    const html = renderHtml(sampleReport());
    const marks = [
      ...html.matchAll(/<mark class="([^"]+)" title="[^"]*" data-labels="([^"]*)">(.*?)<\/mark>/g),
    ].map((m) => [textOf(m[3]!), m[2], m[1]]);
    assert.deepEqual(
      marks.filter(([text]) => /monument|a &|"/.test(text!)),
      [
        ['a "', 'Name_Calling-Labeling', 'l1'],
        ['monument to vanity', 'Name_Calling-Labeling Loaded_Language', 'c0 multi'],
        ['"', 'Name_Calling-Labeling', 'l1'],
      ],
    );
    assert.match(html, /\.c0 \{ background: linear-gradient\(180deg, hsl/);
  });

  it('has a legend with a colour per technique and a findings table with every finding', () => {
    const report = sampleReport();
    const html = renderHtml(report);
    const legend = html.slice(
      html.indexOf('<ul class="legend">'),
      html.indexOf('</ul>', html.indexOf('<ul class="legend">')),
    );
    for (const label of ['Doubt', 'Name Calling-Labeling', 'Loaded Language']) {
      assert.match(legend, new RegExp(`<mark class="l\\d+">${label}</mark>`));
    }
    assert.match(
      legend,
      /Loaded Language<\/mark> <span class="n">Manipulative wording · 1 paragraph<\/span>/,
    );
    const rows = html.match(/<tr id="f\d+">/g) ?? [];
    assert.equal(rows.length, report.findings.length);
    assert.match(html, /<td class="q">“monument to vanity”<\/td><td>why: “vanity” \(\+0\.62\)<\/td>/);
  });

  it('lists the techniques under their paragraph with category and score', () => {
    const html = renderHtml(sampleReport());
    const paragraph = /<div class="para" id="p2">.*?<\/div>/.exec(html)?.[0] ?? '';
    assert.match(
      paragraph,
      /<ul class="techs"><li><mark class="l\d">Loaded Language<\/mark> · <span class="muted">Manipulative wording<\/span> · 0\.74<ul><li><span class="words">“monument to vanity”<\/span> <span class="muted">0\.74<\/span> <span class="muted">key words: “vanity”<\/span><\/li><\/ul><\/li>/,
    );
    assert.match(
      paragraph,
      /<li><mark class="l\d">Doubt<\/mark> · <span class="muted">Attack on reputation<\/span> · 0\.42<\/li>/,
    );
  });
});

describe('renderHtml: anatomy and persuasion', () => {
  const html = renderHtml(anatomyReport());
  const sectionOf = (id: string) => {
    const start = html.indexOf(`<section aria-labelledby="${id}">`);
    assert.ok(start >= 0, `section ${id}`);
    return html.slice(start, html.indexOf('</section>', start));
  };

  it('has a section for each part of the anatomy, in order', () => {
    const ids = [
      'glance',
      'legend',
      'text',
      'quotes',
      'sources',
      'entities',
      'timeline',
      'contradictions',
      'repetitions',
    ];
    assertInOrder(
      html,
      ids.map((id) => `<section aria-labelledby="${id}">`),
    );
  });

  it('lists quotes with speaker or unattributed, linked to their paragraph', () => {
    const quotes = sectionOf('quotes');
    assert.match(
      quotes,
      /<td class="num"><a href="#p2">4<\/a><\/td><td class="q"><span class="said">“We will build it within two years,”<\/span><\/td><td><strong>Anna Kowalczyk<\/strong> <span class="muted">said<\/span><\/td><td>direct<\/td>/,
    );
    assert.match(
      quotes,
      /<td class="q">the costs are hidden<\/td><td><strong>Experts<\/strong>.*?<td>reported<\/td>/,
    );
    assert.match(quotes, /<span class="warn">unattributed<\/span>/);
  });

  it('shows sources, entities with flagged spellings, the timeline in date order and contradictions', () => {
    assert.match(
      sectionOf('sources'),
      /<strong>News agencies:<\/strong> Reuters <span class="muted">line <a href="#p1">3<\/a><\/span>/,
    );
    assert.match(sectionOf('sources'), /<span class="warn">Vague source:<\/span> “Experts say”/);
    assert.match(
      sectionOf('entities'),
      /<td><span class="warn">Anna Kowalczyk<\/span><\/td><td class="num">2<\/td><td><span class="warn">spelled 2 ways: Anna Kowalczyk ×1, Anna Kowalczik ×1<\/span><\/td>/,
    );
    const dates = [...sectionOf('timeline').matchAll(/<tr><td>(.*?)<\/td><td class="q">“(.*?)”/g)].map(
      (m) => [m[1], m[2]],
    );
    assert.deepEqual(dates, [
      ['2025-03-02', '2 March 2025'],
      ['2025-03-04', 'Tuesday 4 March 2025'],
      ['<span class="muted">?</span>', 'Next week'],
    ]);
    assert.match(
      sectionOf('contradictions'),
      /weekday mismatch<\/span> “Tuesday 4 March 2025” .*rule weekday-date.*<br>2025-03-04 is a Tuesday, not a Monday/,
    );
    assert.match(
      sectionOf('repetitions'),
      /Sentence ×2<\/strong> <span class="muted">verbatim<\/span> <span class="muted">lines <a href="#p5">7<\/a>, <a href="#p6">8<\/a><\/span>/,
    );
  });

  it('draws genre and frame bars and the opinion strip with stylesheet classes, not inline styles', () => {
    const glance = sectionOf('glance');
    assert.match(
      glance,
      /<span class="decided">opinion<\/span><span class="bar"><span class="w65"><\/span><\/span>/,
    );
    assert.match(glance, /<span>Quality of life<\/span><span class="bar"><span class="w72"><\/span><\/span>/);
    assert.match(html, /\.w65 \{ width: 65%; \}/);
    assert.equal((glance.match(/<a class="o\d+( turn)?" href="#p\d+"/g) ?? []).length, 6);
    assert.match(glance, /<a class="o8 turn" href="#p5"/);
    assert.match(glance, /turns from reporting to opinion at <a href="#p5">line 7<\/a>/);
    assert.match(html, /<div class="para" id="p5"><span class="ln o8" title="opinion 0\.80">7<\/span>/);
    assert.doesNotMatch(html, /\sstyle="/i);
  });

  it('highlights overlapping technique spans with both labels', () => {
    const marks = [
      ...html.matchAll(/<mark class="([^"]+)" title="([^"]*)" data-labels="([^"]*)">(.*?)<\/mark>/g),
    ].map((m) => [textOf(m[4]!), m[3]]);
    assert.deepEqual(
      marks.filter(([, labels]) => labels !== 'Name_Calling-Labeling'),
      [
        ['This ', 'Loaded_Language'],
        ['reckless scheme', 'Loaded_Language Appeal_to_Fear-Prejudice'],
        [' will ruin the bay', 'Appeal_to_Fear-Prejudice'],
      ],
    );
  });

  it('marks a technique inside a quote as quoted, in the text and under the paragraph', () => {
    assert.match(
      html,
      /<mark class="l\d+ said quoted" title="Name Calling-Labeling 0\.61 \(Technique spans, quoted\)"[^>]*>shameful betrayal<\/mark>/,
    );
    assert.match(
      html,
      /“shameful betrayal”<\/span> <span class="muted">0\.61<\/span> <span class="tag">quoted · unattributed<\/span>/,
    );
    assert.doesNotMatch(
      html,
      /reckless scheme”<\/span> <span class="muted">0\.\d+<\/span> <span class="tag">/,
    );
  });

  it('sets direct quotes in italics in the text', () => {
    assert.ok(html.includes('&#34;<span class="said">We will build it within two years,</span>&#34;'));
  });

  it('omits sections with nothing in them', () => {
    const empty = renderHtml(reportOf(sampleArticle(SAMPLE_TEXT), []));
    for (const id of [
      'glance',
      'legend',
      'quotes',
      'sources',
      'entities',
      'timeline',
      'contradictions',
      'repetitions',
    ]) {
      assert.ok(!empty.includes(`aria-labelledby="${id}"`), id);
    }
    assert.match(empty, /<section aria-labelledby="text">/);
  });

  it('escapes speaker names, entity spellings, sources and evidence notes', () => {
    const article = sampleArticle(SAMPLE_TEXT);
    const evil = '<img src=x onerror=alert(1)>';
    const report = reportOf(article, [
      {
        analyser: 'quotes',
        label: 'direct-quote',
        score: 0.9,
        ...spanOf(article, 'monument to vanity'),
        attributes: { speaker: `${evil}"'&`, cue: '<b>said</b>' },
      },
      {
        analyser: 'entities',
        label: 'person',
        score: 0.8,
        ...spanOf(article, 'J. Doe'),
        attributes: { entity: 'e1', canonical: `<script>x</script>` },
      },
      {
        analyser: 'entities',
        label: 'spelling-variant',
        score: 0.8,
        ...spanOf(article, 'J. Doe'),
        attributes: { entity: 'e1', variants: `${evil} ×1, </td></tr> ×2` },
      },
      {
        analyser: 'sources',
        label: 'cited-source',
        score: 0.9,
        ...spanOf(article, 'City Press'),
        attributes: { kind: '<i>agency</i>', name: `${evil}` },
      },
      {
        analyser: 'dates',
        label: 'weekday-mismatch',
        score: 0.9,
        ...spanOf(article, 'Monday'),
        attributes: { rule: '<u>r</u>' },
        evidence: [{ feature: 'rule', span: spanOf(article, 'Monday').span, note: `</li>${evil}` }],
      },
      {
        analyser: 'spans',
        label: 'Loaded_Language',
        score: 0.7,
        ...spanOf(article, 'nobody asked'),
        evidence: [{ feature: `<svg onload=alert(2)>` }],
      },
    ]);
    const page = renderHtml(report);
    assert.doesNotMatch(page, /<img|<script|<svg|<b>|<i>|<u>/i);
    assert.doesNotMatch(page, /<\/td><\/tr> ×2/);
    assert.ok(page.includes('&#60;img src=x onerror=alert(1)&#62;&#34;&#39;&#38;'));
    assert.ok(page.includes('&#60;script&#62;x&#60;/script&#62;'));
    assert.ok(page.includes('key words: &#60;svg onload=alert(2)&#62;'));
    assert.ok(page.includes('&#60;/li&#62;&#60;img'));
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that mean something in HTML', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>`),
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
  });
});
