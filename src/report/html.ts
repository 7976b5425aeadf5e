/**
 * The HTML report: one self-contained page (inline CSS, no scripts, no external requests, a
 * strict Content-Security-Policy). Persuasion at a glance (genre and frame bars, the opinion
 * strip), the article text with technique spans highlighted in their category colour, quotes in
 * italics and an opinion gutter, the techniques under each paragraph, the article's anatomy
 * (quotes, sources, entities, timeline, contradictions, repetitions) and every finding in a table.
 * Every character of article text and of every finding is escaped.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../pipeline/finding.ts';
import type { Report, ReportParagraph } from '../pipeline/report.ts';
import { type Bar, type Glance, glance } from './glance.ts';
import { analyserDisplayName, labelBackground, labelDisplayName, techniqueCategory } from './labels.ts';
import {
  attributeSummary,
  evidenceSummary,
  formatScore,
  groupByAnalyser,
  headerFacts,
  layoutFindings,
  paragraphOf,
  type Segment,
  segmentText,
} from './layout.ts';
import {
  describeQuoted,
  paragraphTechniques,
  TECHNIQUE_ANALYSERS,
  type TechniqueEntry,
  techniqueCounts,
} from './persuasion.ts';
import {
  type AnatomySections,
  anatomySections,
  ENTITY_TYPE_NAMES,
  type Place,
  SOURCE_KIND_NAMES,
  shownSections,
  type TimelineEntry,
} from './sections.ts';
import { directQuotes, isCoveredAnalyser, isParagraphNote } from './shown.ts';

const BASE_CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #6b6b70; --line: #e3e3e6; --warn: #b3261e; }
* { box-sizing: border-box; }
body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 .4rem; }
h2 { font-size: 1.1rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: .95rem; margin: 1rem 0 .3rem; }
a { color: inherit; }
.meta { color: var(--muted); font-size: .9rem; margin: .1rem 0; overflow-wrap: anywhere; }
.para { display: grid; grid-template-columns: 3rem 1fr; gap: .2rem .8rem; margin: .5rem 0; }
.ln { color: var(--muted); text-align: right; font-variant-numeric: tabular-nums; font-size: .85rem; padding: .2rem .4rem 0 0; border-right: 4px solid transparent; }
.txt { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.title .txt { font-weight: 600; }
.said { font-style: italic; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; }
mark.multi { border-bottom: 2px solid var(--ink); }
mark.quoted { outline: 1px dashed var(--muted); }
sup.ref { font-size: .65rem; line-height: 0; color: var(--muted); }
sup.ref a { text-decoration: none; }
.badges { grid-column: 2; margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .3rem; }
.badge { font-size: .8rem; border-radius: 3px; padding: 0 .4rem; }
.techs { grid-column: 2; margin: 0; padding: 0; list-style: none; font-size: .88rem; }
.techs > li { margin: .15rem 0; }
.techs ul { margin: 0; padding-left: 1.2rem; list-style: none; }
.techs .words { overflow-wrap: anywhere; }
.tag { font-size: .78rem; border-radius: 3px; padding: 0 .35rem; background: #e8f0fb; color: #1f4e8c; white-space: nowrap; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
.legend .n { color: var(--muted); font-size: .85rem; }
.glance { display: grid; grid-template-columns: max-content max-content 10rem max-content; gap: .15rem .8rem; align-items: center; font-size: .92rem; }
.glance .k { font-weight: 600; }
.glance .decided { font-weight: 600; }
.bar { display: block; height: .65rem; background: var(--line); border-radius: 2px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: #4a6fa5; }
.strip { display: flex; gap: 2px; align-items: flex-end; margin: .6rem 0 .2rem; }
.strip a { display: block; width: 1.1rem; height: 1.6rem; border-radius: 2px; }
.strip a.turn { outline: 2px solid var(--ink); outline-offset: 1px; }
.note { color: var(--muted); font-size: .88rem; margin: .2rem 0; }
.note strong { color: var(--ink); }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th[scope=rowgroup] { padding-top: .8rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .25rem .4rem; }
td.q { overflow-wrap: anywhere; }
td.num { font-variant-numeric: tabular-nums; text-align: right; }
.muted { color: var(--muted); }
.warn { color: var(--warn); font-weight: 600; }
ul.plain { list-style: none; padding: 0; margin: .2rem 0; }
ul.plain li { margin: .2rem 0; overflow-wrap: anywhere; }
details > summary { cursor: pointer; font-weight: 600; margin-top: 2rem; }
tr:target { outline: 2px solid var(--ink); }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
`;

/** Opinion colours from reporting (blue, 0) through neutral grey (0.5) to opinion (orange, 1). */
const OPINION_STEPS = 10;

function opinionCss(): string {
  const rules: string[] = [];
  for (let i = 0; i <= OPINION_STEPS; i++) {
    const x = i / OPINION_STEPS;
    const colour =
      x < 0.5
        ? `hsl(215 60% ${Math.round(45 + x * 2 * 40)}%)`
        : `hsl(28 90% ${Math.round(85 - (x - 0.5) * 2 * 35)}%)`;
    rules.push(
      `.o${i} { background: ${colour}; } .ln.o${i} { background: none; border-right-color: ${colour}; }`,
    );
  }
  return `${rules.join('\n')}\n`;
}

function opinionClass(score: number): string {
  return `o${Math.round(Math.min(1, Math.max(0, score)) * OPINION_STEPS)}`;
}

/** A label as the legend shows it: one CSS class per (analyser, label). */
interface LegendEntry {
  key: string;
  analyser: string;
  label: string;
  className: string;
  count: number;
}

/** What every part of the page needs while it is built. */
interface Page {
  report: Report;
  legend: Map<string, LegendEntry>;
  /** Finding → its 1-based number in the findings table. */
  numbers: Map<Finding, number>;
  /** Classes of striped backgrounds for overlapping labels, by the classes they combine. */
  combos: Map<string, string>;
  /** Bar widths in percent, each one a CSS class `wN`. */
  widths: Set<number>;
  /** Direct quotes, set in italics in the text. */
  quotes: Finding[];
}

export function renderHtml(report: Report): string {
  const { article } = report;
  const techniques = paragraphTechniques(report);
  const { article: articleFindings, byParagraph } = layoutFindings(report);
  const notes = new Map(
    [...byParagraph].map(([index, list]) => [index, list.filter(isParagraphNote)] as [number, Finding[]]),
  );
  const highlighted = [
    ...[...techniques.values()]
      .flat()
      .flatMap((t) => [...(t.finding ? [t.finding] : []), ...t.spans.map((s) => s.finding)]),
    ...[...notes.values()].flat(),
  ];
  const page: Page = {
    report,
    legend: buildLegend(report.findings.filter((f) => highlighted.includes(f))),
    numbers: new Map(report.findings.map((f, i) => [f, i + 1])),
    combos: new Map(),
    widths: new Set(),
    quotes: directQuotes(report),
  };
  const overview = glance(report);
  const opinion = new Map(overview.opinion.map((p) => [p.paragraph, p.score]));

  const atGlance = glanceHtml(page, overview, techniques);
  const paragraphs = article.paragraphs
    .map((p) =>
      paragraphHtml(page, p, notes.get(p.index) ?? [], techniques.get(p.index) ?? [], opinion.get(p.index)),
    )
    .join('\n');
  const anatomy = anatomyHtml(page, anatomySections(report));
  const others = summaryHtml(page, articleFindings, [...byParagraph.values()].flat());
  const css =
    BASE_CSS +
    opinionCss() +
    [...page.widths].map((w) => `.w${w} { width: ${w}%; }\n`).join('') +
    legendCss(page.legend, page.combos);
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
${headerHtml(report)}
</header>
${atGlance ? section('glance', 'At a glance', atGlance) : ''}
${page.legend.size > 0 ? section('legend', 'Legend', legendHtml(page.legend)) : ''}
${section('text', 'Text', paragraphs)}
${anatomy}
${others ? section('summary', 'Other findings', others) : ''}
<details id="findings">
<summary>All findings (${report.findings.length})</summary>
${findingsTable(report, page.legend)}
</details>
<footer>${escapeHtml(
    `${report.tool.name} ${report.tool.version} · ${report.schema} · analysers: ${
      report.analysers.map((a) => `${a.name} ${a.version}`).join(', ') || 'none'
    }`,
  )}</footer>
</body>
</html>
`;
}

function section(id: string, title: string, body: string): string {
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${escapeHtml(title)}</h2>
${body}
</section>`;
}

/** Escapes the five characters with a meaning in HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function headerHtml(report: Report): string {
  const { facts, more: plain } = headerFacts(report);
  const meta = report.article.metadata;
  const more = plain.map(escapeHtml);
  // The source URL is shown, never linked: opening the report must not lead anywhere unasked.
  if (meta.url) more.push(`<span class="url">${escapeHtml(meta.url)}</span>`);
  const lines = [`<p class="meta">${escapeHtml(facts.join(' · '))}</p>`];
  if (more.length > 0) lines.push(`<p class="meta">${more.join(' · ')}</p>`);
  return lines.join('\n');
}

/** One entry per highlighted label, in order of appearance, counting the paragraphs it is in. */
function buildLegend(findings: Finding[]): Map<string, LegendEntry> {
  const legend = new Map<string, LegendEntry>();
  const seen = new Map<string, Set<number | undefined>>();
  for (const f of findings) {
    if (!f.span && f.paragraph === undefined) continue;
    const key = legendKey(f);
    if (!legend.has(key)) {
      const [analyser, label] = key.split('\u0000') as [string, string];
      legend.set(key, { key, analyser, label, className: `l${legend.size}`, count: 0 });
      seen.set(key, new Set());
    }
    const paragraphs = seen.get(key)!;
    const paragraph = f.paragraph ?? f.span?.start;
    if (!paragraphs.has(paragraph)) {
      paragraphs.add(paragraph);
      legend.get(key)!.count++;
    }
  }
  return legend;
}

/** Technique findings share one colour per technique whichever analyser found them. */
function legendKey(finding: Finding): string {
  const analyser = TECHNIQUE_ANALYSERS.has(finding.analyser) ? 'techniques' : finding.analyser;
  return `${analyser}\u0000${finding.label}`;
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
  const items = [...legend.values()].map((e) => {
    const what = techniqueCategory(e.label) ?? analyserDisplayName(e.analyser);
    const where = `${e.count} paragraph${e.count === 1 ? '' : 's'}`;
    return `<li><mark class="${e.className}">${escapeHtml(labelDisplayName(e.label))}</mark> <span class="n">${escapeHtml(`${what} · ${where}`)}</span></li>`;
  });
  return `<ul class="legend">\n${items.join('\n')}\n</ul>`;
}

// ── At a glance ─────────────────────────────────────────────────────────────────────────────

function glanceHtml(page: Page, overview: Glance, techniques: Map<number, TechniqueEntry[]>): string {
  const parts: string[] = [];
  const rows = (title: string, bars: Bar[], decided: boolean) =>
    bars.map((b, i) => {
      const label = escapeHtml(labelDisplayName(b.label));
      return `<span class="k">${i === 0 ? escapeHtml(title) : ''}</span><span${decided && b.predicted ? ' class="decided"' : ''}>${label}</span>${barHtml(page, b.score)}<span>${formatScore(b.score)}${decided && b.predicted ? ' <span class="muted">decided</span>' : ''}</span>`;
    });
  const bars = [...rows('Genre', overview.genre, true), ...rows('Frames', overview.frames, false)];
  if (bars.length > 0) parts.push(`<div class="glance">\n${bars.join('\n')}\n</div>`);
  if (overview.opinion.length > 0) {
    const cells = overview.opinion.map((p) => {
      const what = `line ${p.line}: ${p.score >= 0.5 ? 'reads as opinion' : 'reads as reporting'} (${formatScore(p.score)})`;
      const turn = p.paragraph === overview.turn ? ' turn' : '';
      return `<a class="${opinionClass(p.score)}${turn}" href="#p${p.paragraph}" title="${escapeHtml(what)}" aria-label="${escapeHtml(what)}"></a>`;
    });
    const turn = overview.opinion.find((p) => p.paragraph === overview.turn);
    const verdict = turn
      ? `<strong>turns from reporting to opinion at <a href="#p${turn.paragraph}">line ${turn.line}</a></strong>`
      : overview.opinion.every((p) => p.score < 0.5)
        ? 'reads as reporting throughout'
        : overview.opinion.every((p) => p.score >= 0.5)
          ? 'reads as opinion throughout'
          : 'mixed, no clear turn';
    parts.push(
      `<div class="strip" aria-label="opinion score per paragraph">${cells.join('')}</div>`,
      `<p class="note">Paragraph by paragraph, blue reads as reporting and orange as opinion: the article ${verdict}.</p>`,
    );
  }
  const counts = techniqueCounts(techniques);
  if (counts.length > 0) {
    const list = counts.map(([label, n]) => {
      const entry = page.legend.get(`techniques\u0000${label}`);
      const name = escapeHtml(labelDisplayName(label));
      return `${entry ? `<mark class="${entry.className}">${name}</mark>` : name} ×${n}`;
    });
    parts.push(`<p class="note">Techniques (paragraphs using each): ${list.join(', ')}</p>`);
  }
  if (overview.lowConfidence && parts.length > 0) {
    parts.push(
      '<p class="note">No model for this language: another language’s model answered, low confidence.</p>',
    );
  }
  return parts.join('\n');
}

function barHtml(page: Page, score: number): string {
  const width = Math.round(Math.min(1, Math.max(0, score)) * 100);
  page.widths.add(width);
  return `<span class="bar"><span class="w${width}"></span></span>`;
}

// ── Text ────────────────────────────────────────────────────────────────────────────────────

function paragraphHtml(
  page: Page,
  paragraph: ReportParagraph,
  notes: Finding[],
  techniques: TechniqueEntry[],
  opinion: number | undefined,
): string {
  const { report } = page;
  const text = report.article.text;
  const spans = [...techniques.flatMap((t) => t.spans.map((s) => s.finding)), ...notes.filter((f) => f.span)];
  const quoted = new Set(techniques.flatMap((t) => t.spans.filter((s) => s.quoted).map((s) => s.finding)));
  const body = segmentText(paragraph.start, paragraph.end, [...spans, ...page.quotes])
    .map((segment) => segmentHtml(page, text, segment, quoted))
    .join('');
  const list = techniques.map((t) => techniqueHtml(page, t));
  const badges = notes
    .filter((f) => !f.span)
    .map(
      (f) =>
        `<li class="badge ${page.legend.get(legendKey(f))?.className ?? ''}" title="${escapeHtml(`${analyserDisplayName(f.analyser)} · finding ${page.numbers.get(f)}`)}">${escapeHtml(`${labelDisplayName(f.label)} ${formatScore(f.score)}`)}</li>`,
    );
  const kind = paragraph.kind === 'title' ? ' title' : '';
  const gutter =
    opinion === undefined
      ? '<span class="ln">'
      : `<span class="ln ${opinionClass(opinion)}" title="${escapeHtml(`opinion ${formatScore(opinion)}`)}">`;
  return `<div class="para${kind}" id="p${paragraph.index}">${gutter}${paragraph.line}</span><p class="txt">${body}</p>${
    list.length > 0 ? `<ul class="techs">${list.join('')}</ul>` : ''
  }${badges.length > 0 ? `<ul class="badges">${badges.join('')}</ul>` : ''}</div>`;
}

/**
 * A segment: plain text, or one `<mark>` naming every span over it; quoted words in italics;
 * spans ending here get a reference to their row in the findings table.
 */
function segmentHtml(page: Page, text: string, segment: Segment, quoted: Set<Finding>): string {
  const content = escapeHtml(text.slice(segment.start, segment.end));
  const said = segment.findings.some((f) => f.analyser === 'quotes');
  const marks = segment.findings.filter((f) => f.analyser !== 'quotes');
  const refs = marks
    .filter((f) => f.span!.end === segment.end)
    .map((f) => `<a href="#f${page.numbers.get(f)}">${page.numbers.get(f)}</a>`);
  const refHtml = refs.length > 0 ? `<sup class="ref">${refs.join(',')}</sup>` : '';
  if (marks.length === 0) return said ? `<span class="said">${content}</span>` : content;
  const classes = [...new Set(marks.map((f) => page.legend.get(legendKey(f))!.className))];
  let className = classes[0]!;
  if (classes.length > 1) {
    const key = classes.join(' ');
    if (!page.combos.has(key)) page.combos.set(key, `c${page.combos.size}`);
    className = `${page.combos.get(key)} multi`;
  }
  if (said) className += ' said';
  if (marks.some((f) => quoted.has(f))) className += ' quoted';
  const title = marks
    .map(
      (f) =>
        `${labelDisplayName(f.label)} ${formatScore(f.score)} (${analyserDisplayName(f.analyser)}${quoted.has(f) ? ', quoted' : ''})`,
    )
    .join('; ');
  const labels = marks.map((f) => f.label).join(' ');
  return `<mark class="${className}" title="${escapeHtml(title)}" data-labels="${escapeHtml(labels)}">${content}</mark>${refHtml}`;
}

/** A technique under its paragraph: name, category, score; its spans' words, who says them, key words. */
function techniqueHtml(page: Page, t: TechniqueEntry): string {
  const entry = page.legend.get(`techniques\u0000${t.label}`);
  const name = escapeHtml(labelDisplayName(t.label));
  const head = [
    entry ? `<mark class="${entry.className}">${name}</mark>` : name,
    t.category ? `<span class="muted">${escapeHtml(t.category)}</span>` : '',
    formatScore(t.score),
    t.spans.length === 0 && t.quoted ? quotedTag(describeQuoted(t.quoted)) : '',
  ].filter(Boolean);
  const items = t.spans.map((s) => {
    const parts = [
      `<span class="words">“${escapeHtml(s.text)}”</span>`,
      `<span class="muted">${formatScore(s.score)}</span>`,
      s.quoted ? quotedTag(describeQuoted(s.quoted)) : '',
      s.keyWords.length > 0
        ? `<span class="muted">key words: ${escapeHtml(s.keyWords.join(', '))}</span>`
        : '',
    ].filter(Boolean);
    return `<li>${parts.join(' ')}</li>`;
  });
  if (t.reasons.length > 0) items.push(`<li class="muted">why: ${escapeHtml(t.reasons.join(', '))}</li>`);
  return `<li>${head.join(' · ')}${items.length > 0 ? `<ul>${items.join('')}</ul>` : ''}</li>`;
}

function quotedTag(text: string): string {
  return `<span class="tag">${escapeHtml(text)}</span>`;
}

// ── Anatomy ─────────────────────────────────────────────────────────────────────────────────

function anatomyHtml(page: Page, anatomy: AnatomySections): string {
  const body: Record<keyof AnatomySections, (page: Page, anatomy: AnatomySections) => string> = {
    quotes: quotesHtml,
    sources: sourcesHtml,
    entities: entitiesHtml,
    timeline: timelineHtml,
    contradictions: contradictionsHtml,
    repetitions: repetitionsHtml,
  };
  return shownSections(anatomy)
    .map(([name, title]) => section(name, title, body[name](page, anatomy)))
    .join('\n');
}

/** A link to a paragraph by its line number. */
function lineLink(place: Place): string {
  return place.paragraph === undefined ? '' : `<a href="#p${place.paragraph}">${place.line}</a>`;
}

function lineLinks(page: Page, lines: number[]): string {
  const byLine = new Map(page.report.article.paragraphs.map((p) => [p.line, p.index]));
  const links = lines.map((line) => lineLink({ line, paragraph: byLine.get(line) }));
  return links.length === 0
    ? ''
    : `<span class="muted">line${lines.length > 1 ? 's' : ''} ${links.join(', ')}</span>`;
}

function table(head: string[], rows: string[][]): string {
  return `<table>
<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((cells) => `<tr>${cells.join('')}</tr>`).join('\n')}
</tbody>
</table>`;
}

function quotesHtml(_page: Page, anatomy: AnatomySections): string {
  const rows = anatomy.quotes.map((q) => [
    `<td class="num">${lineLink(q)}</td>`,
    `<td class="q">${q.kind === 'direct' ? `<span class="said">“${escapeHtml(q.text)}”</span>` : escapeHtml(q.text)}${q.fragment ? ' <span class="muted">(a few words, not a statement)</span>' : ''}</td>`,
    `<td>${q.speaker ? `<strong>${escapeHtml(q.speaker)}</strong>` : '<span class="warn">unattributed</span>'}${q.cue ? ` <span class="muted">${escapeHtml(q.cue)}</span>` : ''}</td>`,
    `<td>${q.kind === 'direct' ? 'direct' : 'reported'}</td>`,
  ]);
  return table(['Line', 'Words', 'Speaker', 'Kind'], rows);
}

function sourcesHtml(page: Page, anatomy: AnatomySections): string {
  const { cited, photoCredits, unnamed } = anatomy.sources;
  const items: string[] = [];
  for (const { kind, names } of cited) {
    const list = names.map(
      (n) => `${escapeHtml(n.name)}${n.count > 1 ? ` ×${n.count}` : ''} ${lineLinks(page, n.lines)}`,
    );
    items.push(
      `<li><strong>${escapeHtml(SOURCE_KIND_NAMES[kind] ?? kind)}:</strong> ${list.join('; ')}</li>`,
    );
  }
  for (const p of photoCredits) {
    items.push(
      `<li><strong>Photo credit:</strong> ${escapeHtml(p.text)} <span class="muted">line ${lineLink(p)}</span></li>`,
    );
  }
  for (const u of unnamed) {
    const what = u.label === 'empty-source' ? 'Empty source' : 'Vague source';
    items.push(
      `<li><span class="warn">${what}:</span> “${escapeHtml(u.text)}” <span class="muted">line ${lineLink(u)}</span></li>`,
    );
  }
  return `<ul class="plain">\n${items.join('\n')}\n</ul>`;
}

function entitiesHtml(page: Page, anatomy: AnatomySections): string {
  const rows = anatomy.entities.flatMap(({ type, entries }) => [
    [`<th colspan="4" scope="rowgroup">${escapeHtml(ENTITY_TYPE_NAMES[type] ?? type)}</th>`],
    ...entries.map((e) => {
      const others = e.forms.filter((f) => f.text !== e.name).map((f) => f.text);
      const spelling =
        e.variants.length > 0
          ? `<span class="warn">spelled ${e.variants.length} ways: ${escapeHtml(e.variants.join(', '))}</span>`
          : others.length > 0
            ? `<span class="muted">also ${escapeHtml(others.join(', '))}</span>`
            : '';
      return [
        `<td>${e.variants.length > 0 ? `<span class="warn">${escapeHtml(e.name)}</span>` : escapeHtml(e.name)}</td>`,
        `<td class="num">${e.mentions}</td>`,
        `<td>${spelling}</td>`,
        `<td>${lineLinks(page, e.lines)}</td>`,
      ];
    }),
  ]);
  return table(['Name', 'Mentions', 'Spellings', 'Where'], rows);
}

function timelineHtml(_page: Page, anatomy: AnatomySections): string {
  const row = (e: TimelineEntry) => [
    `<td>${e.iso ? escapeHtml(e.iso) : '<span class="muted">?</span>'}</td>`,
    `<td class="q">“${escapeHtml(e.text)}”${e.relative ? ' <span class="muted">relative</span>' : ''}${e.flagged ? ' <a class="warn" href="#contradictions">see contradictions</a>' : ''}</td>`,
    `<td class="num">${lineLink(e)}</td>`,
  ];
  const { resolved, unresolved } = anatomy.timeline;
  const rows = resolved.map(row);
  if (unresolved.length > 0) {
    rows.push(
      [
        '<th colspan="3" scope="rowgroup">Not resolved <span class="muted">(no publication date, or no year)</span></th>',
      ],
      ...unresolved.map(row),
    );
  }
  return table(['Date', 'Words', 'Line'], rows);
}

function contradictionsHtml(_page: Page, anatomy: AnatomySections): string {
  const items = anatomy.contradictions.map((x) => {
    const others = x.spans
      .filter((s) => !(s.text === x.text && s.line === x.line))
      .map((s) => `<li>also “${escapeHtml(s.text)}” <span class="muted">line ${lineLink(s)}</span></li>`);
    return `<li><span class="warn">${escapeHtml(labelDisplayName(x.label).replace(/-/g, ' '))}</span> “${escapeHtml(x.text)}” <span class="muted">line ${lineLink(x)}${x.rule ? ` · rule ${escapeHtml(x.rule)}` : ''} · ${formatScore(x.score)}</span>${
      x.summary ? `<br>${escapeHtml(x.summary)}` : ''
    }${others.length > 0 ? `<ul class="plain">${others.join('')}</ul>` : ''}</li>`;
  });
  return `<ul class="plain">\n${items.join('\n')}\n</ul>`;
}

function repetitionsHtml(page: Page, anatomy: AnatomySections): string {
  const { groups, boilerplate } = anatomy.repetitions;
  const items = groups.map((g) => {
    const what = g.label === 'repeated-paragraph' ? 'Paragraph' : 'Sentence';
    return `<li><strong>${what} ×${g.occurrences}</strong> <span class="muted">${g.exact ? 'verbatim' : 'nearly the same'}</span> ${lineLinks(page, g.lines)}: “${escapeHtml(g.text)}”</li>`;
  });
  for (const b of boilerplate) {
    items.push(
      `<li><strong>Not prose</strong> <span class="muted">(${escapeHtml(b.pattern)}) line ${lineLink(b)}</span>: “${escapeHtml(b.text)}”</li>`,
    );
  }
  return `<ul class="plain">\n${items.join('\n')}\n</ul>`;
}

// ── Other findings ──────────────────────────────────────────────────────────────────────────

/**
 * What no other part shows: article-level findings and label counts of analysers without a
 * section or bar (language, and any analyser added later); empty when there are none.
 */
function summaryHtml(page: Page, articleFindings: Finding[], located: Finding[]): string {
  const { report, legend } = page;
  const own = new Map(groupByAnalyser(report, articleFindings));
  const counts = new Map(groupByAnalyser(report, located));
  const rows = report.analysers
    .filter((analyser) => !isCoveredAnalyser(analyser.name))
    .map((analyser) => {
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
            const entry = legend.get(key);
            const name = escapeHtml(labelDisplayName(entry?.label ?? key.split('\u0000')[1]!));
            return `${entry ? `<mark class="${entry.className}">${name}</mark>` : name} ×${n}`;
          });
        parts.push(`<span class="muted">in paragraphs:</span> ${list.join(', ')}`);
      }
      if (parts.length === 0) parts.push('<span class="muted">nothing found</span>');
      return `<dt>${escapeHtml(analyserDisplayName(analyser.name))}</dt><dd>${parts.join('<br>')}</dd>`;
    });
  return rows.length === 0 ? '' : `<dl class="summary">\n${rows.join('\n')}\n</dl>`;
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
