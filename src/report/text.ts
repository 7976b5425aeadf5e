/**
 * The terminal report: a header; persuasion at a glance (genre and frame bars, the opinion strip,
 * the techniques found); every paragraph (line number, opinion mark, wrapped text with technique
 * spans highlighted and quotes in italics) with its techniques under it; then the article's
 * anatomy (quotes, sources, entities, timeline, contradictions, repetitions) and a summary.
 */
import pc from 'picocolors';
import type { Finding } from '../pipeline/finding.ts';
import type { Report, ReportParagraph } from '../pipeline/report.ts';
import { type Bar, type Glance, glance } from './glance.ts';
import { analyserDisplayName, labelDisplayName, labelTone, type Tone, techniqueCategory } from './labels.ts';
import {
  attributeSummary,
  coversParagraph,
  evidenceSummary,
  formatScore,
  groupByAnalyser,
  headerFacts,
  layoutFindings,
  segmentText,
} from './layout.ts';
import { describeQuoted, paragraphTechniques, type TechniqueEntry, techniqueCounts } from './persuasion.ts';
import {
  type AnatomySections,
  anatomySections,
  ENTITY_TYPE_NAMES,
  SOURCE_KIND_NAMES,
  shownSections,
  type TimelineEntry,
} from './sections.ts';
import { directQuotes, isCoveredAnalyser, isParagraphNote } from './shown.ts';
export interface TextOptions {
  /** ANSI colours on or off. */
  color: boolean;
  /** Terminal width in columns; text is wrapped to it. */
  width: number;
}

type Colors = ReturnType<typeof pc.createColors>;
type Paint = (text: string) => string;

const MIN_WIDTH = 40;
const EVIDENCE_SHOWN = 3;

export function renderText(report: Report, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const width = Math.max(MIN_WIDTH, options.width);
  const { article, byParagraph } = layoutFindings(report);
  const overview = glance(report);
  const techniques = paragraphTechniques(report);
  const opinion = new Map(overview.opinion.map((p) => [p.paragraph, p.score]));
  const view: View = {
    report,
    c,
    width,
    gutter: String(report.article.paragraphs.at(-1)?.line ?? 1).length,
    opinion,
    quotes: directQuotes(report),
  };
  const out: string[] = [...header(report, c, width), ''];
  const atGlance = glanceLines(view, overview, techniques);
  if (atGlance.length > 0) out.push(c.bold(rule('At a glance', width)), ...atGlance, '');

  out.push(c.bold(rule('Text', width)));
  for (const paragraph of report.article.paragraphs) {
    const findings = (byParagraph.get(paragraph.index) ?? []).filter(isParagraphNote);
    out.push(...paragraphLines(view, paragraph, findings, techniques.get(paragraph.index) ?? []));
  }

  const anatomy = anatomySections(report);
  for (const [title, lines] of anatomyBlocks(view, anatomy)) {
    out.push(c.bold(rule(title, width)), ...lines, '');
  }
  out.push(c.bold(rule('Summary', width)), ...summary(view, article, byParagraph), '');
  return out.join('\n');
}

/** What every part of the terminal report needs. */
interface View {
  report: Report;
  c: Colors;
  width: number;
  /** Width of the widest line number. */
  gutter: number;
  /** Paragraph index → opinion score, for the marks beside the text. */
  opinion: Map<number, number>;
  /** Direct quotes, set in italics in the text. */
  quotes: Finding[];
}

function header(report: Report, c: Colors, width: number): string[] {
  const { article } = report;
  const { facts, more } = headerFacts(report);
  if (article.metadata.url) more.push(article.metadata.url);
  const lines = wrap(article.title || '(untitled)', width).map((line) => c.bold(line));
  lines.push(...wrap(facts.join(' · '), width).map((line) => c.dim(line)));
  if (more.length > 0) lines.push(...wrap(more.join(' · '), width).map((line) => c.dim(line)));
  return lines;
}

// ── At a glance ─────────────────────────────────────────────────────────────────────────────

const BAR_WIDTH = 20;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const GLANCE_LABEL = 14;

function glanceLines(view: View, overview: Glance, techniques: Map<number, TechniqueEntry[]>): string[] {
  const { c, width } = view;
  const lines: string[] = [];
  const name = Math.min(
    24,
    Math.max(0, ...[...overview.genre, ...overview.frames].map((b) => labelDisplayName(b.label).length)),
  );
  const rows = (title: string, bars: Bar[]) => {
    bars.forEach((b, i) => {
      const label = labelDisplayName(b.label).slice(0, name).padEnd(name);
      const mark = b.predicted && title === 'Genre' ? c.bold(' ◂ decided') : '';
      lines.push(
        `${(i === 0 ? title : '').padEnd(GLANCE_LABEL)}${b.predicted ? c.bold(label) : label} ${bar(c, b.score)} ${formatScore(b.score)}${mark}`,
      );
    });
  };
  if (overview.genre.length > 0) rows('Genre', overview.genre);
  if (overview.frames.length > 0) rows('Frames', overview.frames);
  if (overview.opinion.length > 0) {
    const strip = overview.opinion.map((p) => opinionMark(c, p.score)).join('');
    const turn = overview.opinion.find((p) => p.paragraph === overview.turn);
    lines.push(
      `${'Opinion'.padEnd(GLANCE_LABEL)}${strip}  ${c.dim('▁ reads as reporting … █ reads as opinion')}`,
    );
    const first = overview.opinion[0]!.line;
    const last = overview.opinion.at(-1)!.line;
    const note = turn
      ? `turns from reporting to opinion at line ${turn.line}`
      : overview.opinion.every((p) => p.score < 0.5)
        ? 'reads as reporting throughout'
        : overview.opinion.every((p) => p.score >= 0.5)
          ? 'reads as opinion throughout'
          : 'mixed, no clear turn';
    lines.push(
      `${' '.repeat(GLANCE_LABEL)}${c.dim(`lines ${first}–${last}: `)}${turn ? c.bold(note) : note}`,
    );
  }
  const counts = techniqueCounts(techniques);
  if (counts.length > 0) {
    const list = counts.map(([label, n]) => `${labelDisplayName(label)} ×${n}`).join(', ');
    lines.push(
      ...wrapPieces(
        [['Techniques'.padEnd(GLANCE_LABEL - 1)], [list], ['(paragraphs using each)', c.dim]],
        width,
        '',
        ' '.repeat(GLANCE_LABEL),
      ),
    );
  }
  if (overview.lowConfidence && lines.length > 0) {
    lines.push(c.dim('(no model for this language: another language’s model answered, low confidence)'));
  }
  return lines;
}

/** A horizontal bar of BAR_WIDTH cells, to an eighth of a cell. */
function bar(c: Colors, score: number): string {
  const eighths = Math.round(Math.min(1, Math.max(0, score)) * BAR_WIDTH * 8);
  const full = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8]!;
  const rest = BAR_WIDTH - full - (part ? 1 : 0);
  return '█'.repeat(full) + part + c.dim('░'.repeat(rest));
}

/** One block per paragraph, as high as its opinion score; coloured by side of the neutral 0.5. */
function opinionMark(c: Colors, score: number): string {
  const level = LEVELS[Math.min(LEVELS.length - 1, Math.floor(score * LEVELS.length))]!;
  return score >= 0.5 ? c.yellow(level) : c.blue(level);
}

// ── Text ────────────────────────────────────────────────────────────────────────────────────

function paragraphLines(
  view: View,
  paragraph: ReportParagraph,
  findings: Finding[],
  techniques: TechniqueEntry[],
): string[] {
  const { report, c, width, gutter } = view;
  const text = report.article.text;
  const score = view.opinion.get(paragraph.index);
  const mark = view.opinion.size === 0 ? '' : score === undefined ? ' ' : opinionMark(c, score);
  const prefix = `${c.dim(String(paragraph.line).padStart(gutter))} ${mark}${c.dim('│')} `;
  const blank = c.dim(`${' '.repeat(gutter)} ${view.opinion.size === 0 ? '' : ' '}│ `);
  const indent = gutter + 3 + (view.opinion.size === 0 ? 0 : 1);
  const available = width - indent;
  const highlighted = [
    ...techniques.flatMap((t) => t.spans.map((s) => s.finding)),
    ...findings.filter((f) => f.span),
  ];
  const segments = segmentText(paragraph.start, paragraph.end, [...highlighted, ...view.quotes]);
  const emphasis: Paint = paragraph.kind === 'title' ? c.bold : (s) => s;
  const lines = wrapRanges(text.slice(paragraph.start, paragraph.end), available).map(([from, to], i) => {
    const start = paragraph.start + from;
    const end = paragraph.start + to;
    const painted = segments
      .filter((s) => s.end > start && s.start < end)
      .map((s) => {
        const piece = text.slice(Math.max(s.start, start), Math.min(s.end, end));
        const quoted = s.findings.some((f) => f.analyser === 'quotes');
        const marks = s.findings.filter((f) => f.analyser !== 'quotes');
        const innermost = marks.at(-1);
        let paint: Paint = innermost ? tone(c, labelTone(innermost.analyser, innermost.label)) : emphasis;
        if (marks.length > 1) paint = compose(c.underline, paint);
        if (quoted) paint = compose(c.italic, paint);
        return paint(piece);
      })
      .join('');
    return (i === 0 ? prefix : blank) + painted;
  });
  for (const technique of techniques) {
    lines.push(...techniqueLines(view, technique, available).map((l) => blank + l));
  }
  for (const finding of findings) {
    lines.push(...findingLines(report, finding, paragraph, c, width, indent).map((l) => blank + l));
  }
  lines.push('');
  return lines;
}

/**
 * A technique under its paragraph: `▸ Loaded Language · Manipulative wording · 0.81`, then each
 * span's exact words with its score, whose words they are and the key words inside it; without a
 * span, why the paragraph was flagged.
 */
function techniqueLines(view: View, technique: TechniqueEntry, width: number): string[] {
  const { c } = view;
  const paint = tone(c, labelTone('techniques', technique.label));
  const head: Piece[] = [
    ['▸', c.dim],
    [labelDisplayName(technique.label), (w) => c.bold(paint(w))],
  ];
  if (technique.category) head.push([`· ${technique.category}`, c.dim]);
  head.push([`· ${formatScore(technique.score)}`]);
  if (technique.spans.length === 0 && technique.quoted) {
    head.push([`(${describeQuoted(technique.quoted)})`, c.cyan]);
  }
  const lines = wrapPieces(head, width, '', '  ');
  for (const span of technique.spans) {
    const pieces: Piece[] = [
      [`“${span.text}”`, paint],
      [formatScore(span.score), c.dim],
    ];
    if (span.quoted) pieces.push([`(${describeQuoted(span.quoted)})`, c.cyan]);
    if (span.keyWords.length > 0) pieces.push([`· key words: ${span.keyWords.join(', ')}`, c.dim]);
    lines.push(...wrapPieces(pieces, width, '  ', '    '));
  }
  if (technique.reasons.length > 0) {
    lines.push(...wrapPieces([[`why: ${technique.reasons.join(', ')}`, c.dim]], width, '  ', '    '));
  }
  return lines;
}

/** Another finding under its paragraph: `▸ Analyser · label score “span” attributes`, then evidence. */
function findingLines(
  report: Report,
  finding: Finding,
  paragraph: ReportParagraph,
  c: Colors,
  width: number,
  indent: number,
): string[] {
  const paint = tone(c, labelTone(finding.analyser, finding.label));
  const category = techniqueCategory(finding.label, finding.attributes);
  const pieces: Piece[] = [
    ['▸', c.dim],
    [`${analyserDisplayName(finding.analyser)} ·`, c.dim],
    [labelDisplayName(finding.label), (w) => c.bold(paint(w))],
  ];
  if (category) pieces.push([`[${category}]`, c.dim]);
  pieces.push([formatScore(finding.score)]);
  if (finding.span) {
    pieces.push(
      coversParagraph(finding, paragraph)
        ? ['(whole paragraph)', c.dim]
        : [`“${report.article.text.slice(finding.span.start, finding.span.end)}”`, paint],
    );
  }
  pieces.push([attributeSummary(finding), c.dim]);
  const lines = wrapPieces(pieces, width - indent, '', '  ');
  const evidence = (finding.evidence ?? [])
    .slice(0, EVIDENCE_SHOWN)
    .map((e) => evidenceSummary(report, finding, e));
  if (evidence.length > 0) {
    lines.push(...wrapPieces([[`why: ${evidence.join(', ')}`, c.dim]], width - indent, '  ', '    '));
  }
  return lines;
}

// ── Anatomy ─────────────────────────────────────────────────────────────────────────────────

/** Longest quote or passage shown in a list before it is cut with an ellipsis. */
const MAX_QUOTED = 220;

function anatomyBlocks(view: View, anatomy: AnatomySections): [string, string[]][] {
  const lines: Record<keyof AnatomySections, (view: View, anatomy: AnatomySections) => string[]> = {
    quotes: quoteLines,
    sources: sourceLines,
    entities: entityLines,
    timeline: timelineLines,
    contradictions: contradictionLines,
    repetitions: repetitionLines,
  };
  return shownSections(anatomy).map(([name, title]) => [title, lines[name](view, anatomy)]);
}

/** A list entry: the line number in the left column (as beside the text), then wrapped pieces. */
function entry(view: View, line: number | undefined, pieces: Piece[]): string[] {
  const { c, width, gutter } = view;
  const number = c.dim(`${line === undefined ? '' : line}`.padStart(gutter + 2));
  const pad = ' '.repeat(gutter + 3);
  const lines = wrapPieces(pieces, width - pad.length, '', '  ');
  return lines.map((l, i) => (i === 0 ? `${number} ${l}` : pad + l));
}

function quoteLines(view: View, anatomy: AnatomySections): string[] {
  const { c } = view;
  return anatomy.quotes.flatMap((q) => {
    const words = cut(q.text);
    const pieces: Piece[] = [
      q.kind === 'direct' ? [`“${words}”`, c.italic] : [`(reported) ${words}`],
      ['—'],
      q.speaker ? [q.speaker, c.bold] : ['unattributed', c.yellow],
    ];
    if (q.cue) pieces.push([`(${q.cue})`, c.dim]);
    if (q.fragment) pieces.push(['· a few words, not a statement', c.dim]);
    return entry(view, q.line, pieces);
  });
}

function sourceLines(view: View, anatomy: AnatomySections): string[] {
  const { c, width } = view;
  const { cited, photoCredits, unnamed } = anatomy.sources;
  const lines: string[] = [];
  for (const { kind, names } of cited) {
    const pieces: Piece[] = [[`${SOURCE_KIND_NAMES[kind] ?? kind}:`, c.bold]];
    names.forEach((n, i) => {
      pieces.push(
        [`${n.name}${n.count > 1 ? ` ×${n.count}` : ''}`],
        [`${linesOf(n.lines)}${i + 1 < names.length ? ',' : ''}`, c.dim],
      );
    });
    lines.push(...wrapPieces(pieces, width, '  ', '    '));
  }
  for (const p of photoCredits) {
    lines.push(
      ...wrapPieces([['Photo credit:', c.bold], [p.text], [linesOf([p.line]), c.dim]], width, '  ', '    '),
    );
  }
  for (const u of unnamed) {
    const what = u.label === 'empty-source' ? 'Empty source:' : 'Vague source:';
    lines.push(
      ...wrapPieces(
        [[what, (w) => c.bold(c.yellow(w))], [`“${u.text}”`], [linesOf([u.line]), c.dim]],
        width,
        '  ',
        '    ',
      ),
    );
  }
  return lines;
}

function entityLines(view: View, anatomy: AnatomySections): string[] {
  const { c } = view;
  const lines: string[] = [];
  for (const { type, entries } of anatomy.entities) {
    lines.push(`  ${c.bold(ENTITY_TYPE_NAMES[type] ?? type)}`);
    for (const e of entries) {
      const pieces: Piece[] = [
        [`  ${e.name}`, e.variants.length > 0 ? c.yellow : undefined],
        [`×${e.mentions}`],
      ];
      if (e.variants.length > 0)
        pieces.push([`⚠ spelled ${e.variants.length} ways: ${e.variants.join(', ')}`, c.yellow]);
      else {
        const others = e.forms.filter((f) => f.text !== e.name).map((f) => f.text);
        if (others.length > 0) pieces.push([`(also ${others.join(', ')})`, c.dim]);
      }
      pieces.push([linesOf(e.lines), c.dim]);
      lines.push(...wrapPieces(pieces, view.width, '  ', '      '));
    }
  }
  return lines;
}

function timelineLines(view: View, anatomy: AnatomySections): string[] {
  const { c } = view;
  const { resolved, unresolved } = anatomy.timeline;
  const date = (e: TimelineEntry): Piece[] => {
    const pieces: Piece[] = [[`“${e.text}”`], [linesOf([e.line]), c.dim]];
    if (e.relative) pieces.push(['relative', c.dim]);
    if (e.flagged) pieces.push(['⚠ see contradictions', c.red]);
    return pieces;
  };
  const lines = resolved.flatMap((e) =>
    wrapPieces([[(e.iso ?? '').padEnd(10), c.bold], ...date(e)], view.width, '  ', ' '.repeat(14)),
  );
  if (unresolved.length > 0) {
    lines.push(`  ${c.dim('not resolved (no publication date, or no year):')}`);
    for (const e of unresolved)
      lines.push(...wrapPieces([['?'.padEnd(10), c.dim], ...date(e)], view.width, '  ', ' '.repeat(14)));
  }
  return lines;
}

function contradictionLines(view: View, anatomy: AnatomySections): string[] {
  const { c } = view;
  return anatomy.contradictions.flatMap((x) => {
    const head: Piece[] = [
      ['⚠', c.red],
      [labelDisplayName(x.label).replace(/-/g, ' '), (w) => c.bold(c.red(w))],
      [`“${x.text}”`],
      [`${x.rule ? `rule ${x.rule} · ` : ''}${formatScore(x.score)}`, c.dim],
    ];
    const lines = entry(view, x.line, head);
    if (x.summary) lines.push(...entry(view, undefined, [[`  ${x.summary}`]]));
    for (const s of x.spans) {
      if (s.text === x.text && s.line === x.line) continue;
      lines.push(...entry(view, undefined, [[`  also “${s.text}”`], [linesOf([s.line]), c.dim]]));
    }
    return lines;
  });
}

function repetitionLines(view: View, anatomy: AnatomySections): string[] {
  const { c } = view;
  const { groups, boilerplate } = anatomy.repetitions;
  const lines: string[] = [];
  for (const g of groups) {
    const what = g.label === 'repeated-paragraph' ? 'paragraph' : 'sentence';
    lines.push(
      ...wrapPieces(
        [
          [`${what} ×${g.occurrences}`, c.bold],
          [`${g.exact ? 'verbatim' : 'nearly the same'} ${linesOf(g.lines)}:`, c.dim],
          [`“${cut(g.text)}”`],
        ],
        view.width,
        '  ',
        '    ',
      ),
    );
  }
  for (const b of boilerplate) {
    lines.push(
      ...wrapPieces(
        [[`not prose (${b.pattern})`, c.bold], [`${linesOf([b.line])}:`, c.dim], [`“${cut(b.text)}”`]],
        view.width,
        '  ',
        '    ',
      ),
    );
  }
  return lines;
}

/** `(line 3)`, `(lines 3, 9)`, or nothing. */
function linesOf(lines: (number | undefined)[]): string {
  const known = lines.filter((l): l is number => l !== undefined);
  if (known.length === 0) return '';
  return `(${known.length === 1 ? 'line' : 'lines'} ${known.join(', ')})`;
}

function cut(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= MAX_QUOTED ? flat : `${flat.slice(0, MAX_QUOTED - 1).trimEnd()}…`;
}

// ── Summary ─────────────────────────────────────────────────────────────────────────────────

/**
 * What no other part shows: article-level findings and label counts of the analysers without a
 * section or bar (language, and any analyser added later), then the totals.
 */
function summary(view: View, articleFindings: Finding[], byParagraph: Map<number, Finding[]>): string[] {
  const { report, c, width } = view;
  const located = [...byParagraph.values()].flat();
  const articleGroups = new Map(groupByAnalyser(report, articleFindings));
  const locatedGroups = new Map(groupByAnalyser(report, located));
  const lines: string[] = [];
  for (const analyser of report.analysers) {
    if (isCoveredAnalyser(analyser.name)) continue;
    lines.push(c.bold(analyserDisplayName(analyser.name)));
    const own = articleGroups.get(analyser.name) ?? [];
    for (const finding of own) {
      const paint = tone(c, labelTone(finding.analyser, finding.label));
      const pieces: Piece[] = [
        [labelDisplayName(finding.label), (w) => c.bold(paint(w))],
        [formatScore(finding.score)],
        [attributeSummary(finding), c.dim],
      ];
      lines.push(...wrapPieces(pieces, width, '  ', '    '));
    }
    const counts = countLabels(locatedGroups.get(analyser.name) ?? []);
    if (counts.length > 0) {
      const list = counts.map(([label, n]) => `${labelDisplayName(label)} ×${n}`).join(', ');
      lines.push(...wrapPieces([['in paragraphs:', c.dim], [list]], width, '  ', '    '));
    }
    if (own.length === 0 && counts.length === 0) lines.push(c.dim('  nothing found'));
  }
  const total = report.findings.length;
  const ran = report.analysers.map((a) => `${a.name} ${a.version}`).join(', ');
  if (lines.length > 0) lines.push('');
  lines.push(
    ...wrap(
      `${report.article.paragraphs.length} paragraphs · ${total} finding${total === 1 ? '' : 's'} · analysers: ${ran || 'none'}`,
      width,
    ).map((l) => c.dim(l)),
  );
  return lines;
}

function countLabels(findings: Finding[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function tone(c: Colors, name: Tone): Paint {
  return name === 'gray' ? c.gray : c[name];
}

function rule(title: string, width: number): string {
  return `── ${title} ${'─'.repeat(Math.max(0, width - title.length - 4))}`;
}

function wrap(text: string, width: number): string[] {
  return wrapRanges(text, width).map(([from, to]) => text.slice(from, to));
}

/**
 * Line ranges of `text` wrapped at spaces to `width` columns; a word longer than a line is cut.
 * The spaces where a line breaks belong to no line.
 */
export function wrapRanges(text: string, width: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  while (start < text.length) {
    if (text.length - start <= width) {
      ranges.push([start, text.length]);
      break;
    }
    let cut = text.lastIndexOf(' ', start + width);
    if (cut <= start) cut = start + width;
    let end = cut;
    while (end > start && text[end - 1] === ' ') end--;
    ranges.push([start, end]);
    start = cut;
    while (text[start] === ' ') start++;
  }
  return ranges.length > 0 ? ranges : [[0, 0]];
}

/** A run of text painted one way; words are painted one by one so wrapping never splits a colour. */
type Piece = [text: string, paint?: Paint];

/**
 * Wraps pieces of painted text to `width` visible columns: the first line starts with `lead`,
 * the others with `indent`. Runs of spaces inside a piece are kept.
 */
function wrapPieces(pieces: Piece[], width: number, lead: string, indent: string): string[] {
  const lines: string[] = [];
  let line = lead;
  let visible = lead.length;
  let empty = true;
  for (const [text, paint = plain] of pieces) {
    if (!text) continue;
    for (const word of text.split(' ')) {
      if (!empty && word && visible + 1 + word.length > width) {
        lines.push(line);
        line = indent;
        visible = indent.length;
        empty = true;
      }
      const space = empty ? '' : ' ';
      line += space + (word ? paint(word) : '');
      visible += space.length + word.length;
      empty = false;
    }
  }
  lines.push(line);
  return lines;
}

function plain(text: string): string {
  return text;
}

function compose(outer: Paint, inner: Paint): Paint {
  return (text) => outer(inner(text));
}
