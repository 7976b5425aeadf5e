/**
 * The terminal report: a header, every paragraph (line number, wrapped text with its spans
 * highlighted) with its findings under it, and a summary of article-level findings by analyser.
 */
import pc from 'picocolors';
import type { Finding } from '../pipeline/finding.ts';
import type { Report, ReportParagraph } from '../pipeline/report.ts';
import { analyserDisplayName, labelDisplayName, labelTone, type Tone, techniqueCategory } from './labels.ts';
import {
  attributeSummary,
  coversParagraph,
  evidenceSummary,
  formatScore,
  groupByAnalyser,
  layoutFindings,
  segmentText,
} from './layout.ts';

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
  const gutter = String(report.article.paragraphs.at(-1)?.line ?? 1).length;
  const out: string[] = [...header(report, c, width), ''];

  for (const paragraph of report.article.paragraphs) {
    const findings = byParagraph.get(paragraph.index) ?? [];
    out.push(...paragraphLines(report, paragraph, findings, c, width, gutter));
  }

  out.push(c.bold(rule('Summary', width)), ...summary(report, article, byParagraph, c, width), '');
  return out.join('\n');
}

function header(report: Report, c: Colors, width: number): string[] {
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
    meta.url,
  ].filter((x): x is string => Boolean(x));
  const lines = wrap(article.title || '(untitled)', width).map((line) => c.bold(line));
  lines.push(...wrap(facts.join(' · '), width).map((line) => c.dim(line)));
  if (more.length > 0) lines.push(...wrap(more.join(' · '), width).map((line) => c.dim(line)));
  return lines;
}

function paragraphLines(
  report: Report,
  paragraph: ReportParagraph,
  findings: Finding[],
  c: Colors,
  width: number,
  gutter: number,
): string[] {
  const text = report.article.text;
  const prefix = `${String(paragraph.line).padStart(gutter)} │ `;
  const blank = `${' '.repeat(gutter)} │ `;
  const available = width - prefix.length;
  const segments = segmentText(paragraph.start, paragraph.end, findings);
  const emphasis: Paint = paragraph.kind === 'title' ? c.bold : (s) => s;
  const lines = wrapRanges(text.slice(paragraph.start, paragraph.end), available).map(([from, to], i) => {
    const start = paragraph.start + from;
    const end = paragraph.start + to;
    const painted = segments
      .filter((s) => s.end > start && s.start < end)
      .map((s) => {
        const piece = text.slice(Math.max(s.start, start), Math.min(s.end, end));
        const innermost = s.findings.at(-1);
        if (!innermost) return emphasis(piece);
        const paint = tone(c, labelTone(innermost.analyser, innermost.label));
        return s.findings.length > 1 ? c.underline(paint(piece)) : paint(piece);
      })
      .join('');
    return c.dim(i === 0 ? prefix : blank) + painted;
  });
  for (const finding of findings) {
    lines.push(
      ...findingLines(report, finding, paragraph, c, width, blank.length).map((l) => c.dim(blank) + l),
    );
  }
  lines.push('');
  return lines;
}

/** One finding under its paragraph: `▸ Analyser · label score “span” attributes`, then evidence. */
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

function summary(
  report: Report,
  articleFindings: Finding[],
  byParagraph: Map<number, Finding[]>,
  c: Colors,
  width: number,
): string[] {
  const located = [...byParagraph.values()].flat();
  const articleGroups = new Map(groupByAnalyser(report, articleFindings));
  const locatedGroups = new Map(groupByAnalyser(report, located));
  const lines: string[] = [];
  for (const analyser of report.analysers) {
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
  lines.push(
    '',
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
