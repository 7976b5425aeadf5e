import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { escapeHtml, renderHtml } from '../../src/report/html.ts';
import { reportOf, sampleArticle, sampleReport, spanOf } from './sample.ts';

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

  it('has a legend with a colour per label and a findings table with every finding', () => {
    const report = sampleReport();
    const html = renderHtml(report);
    const legend = html.slice(
      html.indexOf('<ul class="legend">'),
      html.indexOf('</ul>', html.indexOf('<ul class="legend">')),
    );
    for (const label of [
      'Doubt',
      'Name Calling-Labeling',
      'Loaded Language',
      'boilerplate',
      'repeated-paragraph',
    ]) {
      assert.match(legend, new RegExp(`<mark class="l\\d+">${label}</mark>`));
    }
    const rows = html.match(/<tr id="f\d+">/g) ?? [];
    assert.equal(rows.length, report.findings.length);
    assert.match(html, /<td class="q">“monument to vanity”<\/td><td>why: “vanity” \(\+0\.62\)<\/td>/);
  });

  it('shows paragraph-level findings as badges under their paragraph', () => {
    const html = renderHtml(sampleReport());
    assert.match(
      html,
      /<ul class="badges"><li class="badge l0" title="[^"]*">Doubt 0\.42<\/li><\/ul><\/div>/,
    );
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
