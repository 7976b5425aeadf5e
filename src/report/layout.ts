import type { AttributeValue, Evidence, Finding } from '../pipeline/finding.ts';
import type { Report, ReportParagraph } from '../pipeline/report.ts';
import { shownAttributes } from './labels.ts';

/** Where each finding of a report is shown: under a paragraph, or in the article summary. */
export interface FindingLayout {
  /** Findings about the whole article (no paragraph, no span), in report order. */
  article: Finding[];
  /** Paragraph index → its findings (paragraph-level first, then spans in text order). */
  byParagraph: Map<number, Finding[]>;
}

export function layoutFindings(report: Report): FindingLayout {
  const article: Finding[] = [];
  const byParagraph = new Map<number, Finding[]>();
  for (const finding of report.findings) {
    const paragraph = paragraphOf(report, finding);
    if (paragraph === undefined) {
      article.push(finding);
      continue;
    }
    const list = byParagraph.get(paragraph.index) ?? [];
    list.push(finding);
    byParagraph.set(paragraph.index, list);
  }
  for (const list of byParagraph.values()) {
    list.sort((a, b) => (a.span?.start ?? -1) - (b.span?.start ?? -1));
  }
  return { article, byParagraph };
}

/** The paragraph a finding belongs to: its own `paragraph`, else the one holding its span. */
export function paragraphOf(report: Report, finding: Finding): ReportParagraph | undefined {
  const paragraphs = report.article.paragraphs;
  if (finding.paragraph !== undefined) return paragraphs[finding.paragraph];
  const span = finding.span;
  if (!span) return undefined;
  return paragraphs.find((p) => span.start >= p.start && span.start < p.end);
}

/** Groups findings by analyser, keeping the order analysers ran in. */
export function groupByAnalyser(report: Report, findings: Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>(report.analysers.map((a) => [a.name, []]));
  for (const finding of findings) {
    const list = groups.get(finding.analyser) ?? [];
    list.push(finding);
    groups.set(finding.analyser, list);
  }
  return [...groups].filter(([, list]) => list.length > 0);
}

/** True when a span covers its whole paragraph (then quoting it again adds nothing). */
export function coversParagraph(finding: Finding, paragraph: ReportParagraph | undefined): boolean {
  return (
    paragraph !== undefined &&
    finding.span !== undefined &&
    finding.span.start <= paragraph.start &&
    finding.span.end >= paragraph.end
  );
}

/**
 * The header lines under the title: `facts` (id, language, format, source) and `more` (outlet,
 * author, publication date), without the URL, which each report shows its own way.
 */
export function headerFacts(report: Report): { facts: string[]; more: string[] } {
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
  ].filter((x): x is string => Boolean(x));
  return { facts, more };
}

export function formatScore(score: number): string {
  return score.toFixed(2);
}

export function formatAttribute(value: AttributeValue): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

/**
 * `key=value` pairs of a finding's non-null attributes for one-line display: those worth
 * showing (see `shownAttributes`), or all of them with `all`.
 */
export function attributeSummary(finding: Finding, all = false): string {
  const attributes = Object.entries(finding.attributes ?? {}).filter(([, value]) => value !== null);
  const names = all
    ? undefined
    : new Set(
        shownAttributes(
          finding.analyser,
          attributes.map(([key]) => key),
        ),
      );
  return attributes
    .filter(([key]) => !names || names.has(key))
    .map(([key, value]) => `${key}=${formatAttribute(value)}`)
    .join(', ');
}

/** A run of text under the same set of spans. */
export interface Segment {
  start: number;
  end: number;
  /** The span findings covering the whole segment, outermost (earliest, longest) first. */
  findings: Finding[];
}

/**
 * Cuts [start, end) at every span boundary, so overlapping spans become segments that each
 * list every finding covering them. Spans are clipped to the range; segments cover it exactly.
 */
export function segmentText(start: number, end: number, findings: Finding[]): Segment[] {
  const spans = findings
    .filter((f) => f.span && f.span.end > start && f.span.start < end && f.span.end > f.span.start)
    .sort((a, b) => a.span!.start - b.span!.start || b.span!.end - a.span!.end);
  const cuts = new Set([start, end]);
  for (const f of spans) {
    cuts.add(Math.max(start, f.span!.start));
    cuts.add(Math.min(end, f.span!.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    segments.push({
      start: from,
      end: to,
      findings: spans.filter((f) => f.span!.start <= from && f.span!.end >= to),
    });
  }
  return segments;
}

/**
 * One piece of evidence in a few words: the quoted text it points at and its note; when that
 * text is the finding's own again, just the note; without a span, its feature and note. Then
 * its weight.
 */
export function evidenceSummary(report: Report, finding: Finding, evidence: Evidence): string {
  const text = report.article.text;
  const quoted = evidence.span && text.slice(evidence.span.start, evidence.span.end);
  const own = finding.span && text.slice(finding.span.start, finding.span.end);
  const note = evidence.note ? ` — ${evidence.note}` : '';
  let summary: string;
  if (quoted === undefined) summary = evidence.feature + note;
  else if (quoted !== own) summary = `“${quoted}”${note}`;
  else summary = evidence.note ?? evidence.feature;
  if (evidence.weight !== undefined) {
    summary += ` (${evidence.weight >= 0 ? '+' : ''}${evidence.weight.toFixed(2)})`;
  }
  return summary;
}
