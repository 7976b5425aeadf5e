/**
 * The HTML report: one self-contained page (inline CSS, no scripts, no external requests, a
 * strict Content-Security-Policy) with the article text, its spans highlighted, a legend, a
 * summary and a findings table. Every character of article text is escaped.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../pipeline/finding.ts';
import type { Report, ReportParagraph } from '../pipeline/report.ts';
import { analyserDisplayName, labelBackground, labelDisplayName, techniqueCategory } from './labels.ts';
import {
  attributeSummary,
  evidenceSummary,
  formatScore,
  groupByAnalyser,
  layoutFindings,
  paragraphOf,
  type Segment,
  segmentText,
} from './layout.ts';

const BASE_CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #6b6b70; --line: #e3e3e6; }
* { box-sizing: border-box; }
body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 .4rem; }
h2 { font-size: 1.1rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
.meta { color: var(--muted); font-size: .9rem; margin: .1rem 0; overflow-wrap: anywhere; }
.para { display: grid; grid-template-columns: 3rem 1fr; gap: .2rem .8rem; margin: .5rem 0; }
.ln { color: var(--muted); text-align: right; font-variant-numeric: tabular-nums; font-size: .85rem; padding-top: .2rem; }
.txt { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.title .txt { font-weight: 600; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; }
mark.multi { border-bottom: 2px solid var(--ink); }
sup.ref { font-size: .65rem; line-height: 0; color: var(--muted); }
sup.ref a { color: inherit; text-decoration: none; }
.badges { grid-column: 2; margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .3rem; }
.badge { font-size: .8rem; border-radius: 3px; padding: 0 .4rem; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
.legend .n { color: var(--muted); font-size: .85rem; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .25rem .4rem; }
td.q { overflow-wrap: anywhere; }
td.num { font-variant-numeric: tabular-nums; text-align: right; }
.muted { color: var(--muted); }
tr:target { outline: 2px solid var(--ink); }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
`;

/** A label as the legend shows it: one CSS class per (analyser, label). */
interface LegendEntry {
  key: string;
  analyser: string;
  label: string;
  className: string;
  count: number;
}

export function renderHtml(report: Report): string {
  const { article } = report;
  const legend = buildLegend(report.findings);
  const numbers = new Map(report.findings.map((f, i) => [f, i + 1]));
  const { article: articleFindings, byParagraph } = layoutFindings(report);
  const combos = new Map<string, string>();

  const paragraphs = article.paragraphs
    .map((p) => paragraphHtml(report, p, byParagraph.get(p.index) ?? [], legend, numbers, combos))
    .join('\n');
  const css = BASE_CSS + legendCss(legend, combos);
  const csp = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'; base-uri 'none'; form-action 'none'`;
  const lang = /^[a-z]{2,3}$/.test(article.language.code) ? article.language.code : 'und';

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`spinlens · ${article.title || article.id}`)}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>${escapeHtml(article.title || '(untitled)')}</h1>
${headerFacts(report)}
</header>
<section aria-labelledby="summary">
<h2 id="summary">Summary</h2>
${summaryHtml(report, articleFindings, [...byParagraph.values()].flat(), legend)}
</section>
<section aria-labelledby="legend">
<h2 id="legend">Legend</h2>
${legendHtml(legend)}
</section>
<section aria-labelledby="text">
<h2 id="text">Text</h2>
${paragraphs}
</section>
<section aria-labelledby="findings">
<h2 id="findings">Findings</h2>
${findingsTable(report, legend)}
</section>
<footer>${escapeHtml(
    `${report.tool.name} ${report.tool.version} · ${report.schema} · analysers: ${
      report.analysers.map((a) => `${a.name} ${a.version}`).join(', ') || 'none'
    }`,
  )}</footer>
</body>
</html>
`;
}

/** Escapes the five characters with a meaning in HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function headerFacts(report: Report): string {
  const { article } = report;
  const lang = article.language;
  const facts = [
    `id ${article.id}`,
    `language ${lang.code} ${formatScore(lang.confidence)} (${lang.method})`,
    article.metadata.format,
    article.metadata.source,
  ];
  const meta = article.metadata;
  const more = [
    meta.outlet,
    meta.author && `by ${meta.author}`,
    meta.published && `published ${meta.published}`,
  ]
    .filter((x): x is string => Boolean(x))
    .map(escapeHtml);
  // The source URL is shown, never linked: opening the report must not lead anywhere unasked.
  if (meta.url) more.push(`<span class="url">${escapeHtml(meta.url)}</span>`);
  const lines = [`<p class="meta">${escapeHtml(facts.join(' · '))}</p>`];
  if (more.length > 0) lines.push(`<p class="meta">${more.join(' · ')}</p>`);
  return lines.join('\n');
}

function buildLegend(findings: Finding[]): Map<string, LegendEntry> {
  const legend = new Map<string, LegendEntry>();
  for (const f of findings) {
    if (!f.span && f.paragraph === undefined) continue;
    const key = legendKey(f);
    const entry = legend.get(key);
    if (entry) entry.count++;
    else
      legend.set(key, { key, analyser: f.analyser, label: f.label, className: `l${legend.size}`, count: 1 });
  }
  return legend;
}

function legendKey(finding: Finding): string {
  return `${finding.analyser}\u0000${finding.label}`;
}

/** One class per label; overlapping labels get a class striped with all their colours. */
function legendCss(legend: Map<string, LegendEntry>, combos: Map<string, string>): string {
  const rules = [...legend.values()].map(
    (e) => `.${e.className} { background: ${labelBackground(e.analyser, e.label)}; }`,
  );
  for (const [key, className] of combos) {
    const colours = key.split(' ').map((k) => {
      const entry = [...legend.values()].find((e) => e.className === k)!;
      return labelBackground(entry.analyser, entry.label);
    });
    const stops = colours.map((colour, i) => {
      const from = ((i * 100) / colours.length).toFixed(1);
      const to = (((i + 1) * 100) / colours.length).toFixed(1);
      return `${colour} ${from}% ${to}%`;
    });
    rules.push(`.${className} { background: linear-gradient(180deg, ${stops.join(', ')}); }`);
  }
  return `${rules.join('\n')}\n`;
}

function legendHtml(legend: Map<string, LegendEntry>): string {
  if (legend.size === 0) return '<p class="muted">No highlighted findings.</p>';
  const items = [...legend.values()].map((e) => {
    const category = techniqueCategory(e.label);
    const what = `${analyserDisplayName(e.analyser)}${category ? ` · ${category}` : ''}`;
    return `<li><mark class="${e.className}">${escapeHtml(labelDisplayName(e.label))}</mark> <span class="n">${escapeHtml(what)} · ${e.count}</span></li>`;
  });
  return `<ul class="legend">\n${items.join('\n')}\n</ul>`;
}

function paragraphHtml(
  report: Report,
  paragraph: ReportParagraph,
  findings: Finding[],
  legend: Map<string, LegendEntry>,
  numbers: Map<Finding, number>,
  combos: Map<string, string>,
): string {
  const text = report.article.text;
  const spans = findings.filter((f) => f.span);
  const body = segmentText(paragraph.start, paragraph.end, spans)
    .map((segment) => segmentHtml(text, segment, legend, numbers, combos))
    .join('');
  const badges = findings
    .filter((f) => !f.span)
    .map(
      (f) =>
        `<li class="badge ${legend.get(legendKey(f))?.className ?? ''}" title="${escapeHtml(`${analyserDisplayName(f.analyser)} · finding ${numbers.get(f)}`)}">${escapeHtml(`${labelDisplayName(f.label)} ${formatScore(f.score)}`)}</li>`,
    );
  const kind = paragraph.kind === 'title' ? ' title' : '';
  return `<div class="para${kind}" id="p${paragraph.index}"><span class="ln">${paragraph.line}</span><p class="txt">${body}</p>${
    badges.length > 0 ? `<ul class="badges">${badges.join('')}</ul>` : ''
  }</div>`;
}

/** A segment: plain text, or one `<mark>` naming every span over it; spans ending here get a reference. */
function segmentHtml(
  text: string,
  segment: Segment,
  legend: Map<string, LegendEntry>,
  numbers: Map<Finding, number>,
  combos: Map<string, string>,
): string {
  const content = escapeHtml(text.slice(segment.start, segment.end));
  const refs = segment.findings
    .filter((f) => f.span!.end === segment.end)
    .map((f) => `<a href="#f${numbers.get(f)}">${numbers.get(f)}</a>`);
  const refHtml = refs.length > 0 ? `<sup class="ref">${refs.join(',')}</sup>` : '';
  if (segment.findings.length === 0) return content;
  const classes = [...new Set(segment.findings.map((f) => legend.get(legendKey(f))!.className))];
  let className = classes[0]!;
  if (classes.length > 1) {
    const key = classes.join(' ');
    if (!combos.has(key)) combos.set(key, `c${combos.size}`);
    className = `${combos.get(key)} multi`;
  }
  const title = segment.findings
    .map((f) => `${labelDisplayName(f.label)} ${formatScore(f.score)} (${analyserDisplayName(f.analyser)})`)
    .join('; ');
  const labels = segment.findings.map((f) => f.label).join(' ');
  return `<mark class="${className}" title="${escapeHtml(title)}" data-labels="${escapeHtml(labels)}">${content}</mark>${refHtml}`;
}

function summaryHtml(
  report: Report,
  articleFindings: Finding[],
  located: Finding[],
  legend: Map<string, LegendEntry>,
): string {
  const own = new Map(groupByAnalyser(report, articleFindings));
  const counts = new Map(groupByAnalyser(report, located));
  const rows = report.analysers.map((analyser) => {
    const parts: string[] = (own.get(analyser.name) ?? []).map((f) => {
      const details = attributeSummary(f);
      return `<strong>${escapeHtml(labelDisplayName(f.label))}</strong> ${formatScore(f.score)}${details ? ` <span class="muted">${escapeHtml(details)}</span>` : ''}`;
    });
    const perLabel = new Map<string, number>();
    for (const f of counts.get(analyser.name) ?? [])
      perLabel.set(legendKey(f), (perLabel.get(legendKey(f)) ?? 0) + 1);
    if (perLabel.size > 0) {
      const list = [...perLabel]
        .sort((a, b) => b[1] - a[1])
        .map(([key, n]) => {
          const entry = legend.get(key)!;
          return `<mark class="${entry.className}">${escapeHtml(labelDisplayName(entry.label))}</mark> ×${n}`;
        });
      parts.push(`<span class="muted">in paragraphs:</span> ${list.join(', ')}`);
    }
    if (parts.length === 0) parts.push('<span class="muted">nothing found</span>');
    return `<dt>${escapeHtml(analyserDisplayName(analyser.name))}</dt><dd>${parts.join('<br>')}</dd>`;
  });
  return `<dl class="summary">\n${rows.join('\n')}\n</dl>`;
}

function findingsTable(report: Report, legend: Map<string, LegendEntry>): string {
  if (report.findings.length === 0) return '<p class="muted">No findings.</p>';
  const text = report.article.text;
  const rows = report.findings.map((f, i) => {
    const paragraph = paragraphOf(report, f);
    const where = f.span
      ? `“${text.slice(f.span.start, f.span.end)}”`
      : paragraph
        ? '(paragraph)'
        : '(article)';
    const evidence = (f.evidence ?? []).map((e) => evidenceSummary(report, f, e));
    const details = [attributeSummary(f, true), evidence.length > 0 ? `why: ${evidence.join(', ')}` : '']
      .filter(Boolean)
      .join(' · ');
    const className = legend.get(legendKey(f))?.className;
    const label = escapeHtml(labelDisplayName(f.label));
    return `<tr id="f${i + 1}"><td class="num">${i + 1}</td><td class="num">${paragraph ? `<a href="#p${paragraph.index}">${paragraph.line}</a>` : ''}</td><td>${escapeHtml(analyserDisplayName(f.analyser))}</td><td>${className ? `<mark class="${className}">${label}</mark>` : label}</td><td class="num">${formatScore(f.score)}</td><td class="q">${escapeHtml(where)}</td><td>${escapeHtml(details)}</td></tr>`;
  });
  return `<table>
<thead><tr><th>#</th><th>Line</th><th>Analyser</th><th>Label</th><th>Score</th><th>Text</th><th>Details</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}
