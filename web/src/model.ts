/**
 * How the page reads a report: which findings are highlighted and how, which go into bars, the
 * opinion strip and panels. Generic over analysers: anything unknown still gets a highlight (when
 * it has a span) and a panel, so analysers added later show without changes here.
 */
import type { Finding } from '../../src/pipeline/finding.ts';
import type { Report } from '../../src/pipeline/report.ts';
import { labelBackground, techniqueCategory } from '../../src/report/labels.ts';

export type { Finding, Report };

/** How a highlighted passage looks: technique colour, quoted speech, repetition, anything else. */
export type HighlightKind = 'technique' | 'quote' | 'repetition' | 'other';

const QUOTE_ANALYSERS = new Set(['quotes']);
/** The store's pseudo-analyser of paragraphs also found in other stored articles (see reuse.ts). */
export const REUSE_ANALYSER = 'reuse';
const REPETITION_ANALYSERS = new Set(['repetition']);
/** Article-level findings shown as bars rather than in panels. */
export const BAR_ANALYSERS = ['genre', 'frames'] as const;
/** The genre analyser's per-paragraph reporting-vs-opinion score. */
const OPINION = { analyser: 'genre', label: 'opinion-score' };

export function isTechnique(finding: Finding): boolean {
  return techniqueCategory(finding.label, finding.attributes) !== undefined;
}

export function highlightKind(finding: Finding): HighlightKind {
  if (isTechnique(finding)) return 'technique';
  if (QUOTE_ANALYSERS.has(finding.analyser)) return 'quote';
  if (REPETITION_ANALYSERS.has(finding.analyser)) return 'repetition';
  return 'other';
}

/** The CSS classes of a passage under these findings, and the technique colour when there is one. */
export function highlightStyle(findings: Finding[]): { classes: string; colour?: string } {
  const kinds = new Set(findings.map(highlightKind));
  const technique = findings.find(isTechnique);
  const classes = ['hl', ...[...kinds].map((k) => `hl-${k}`)];
  if (technique)
    return { classes: classes.join(' '), colour: labelBackground(technique.analyser, technique.label) };
  return { classes: classes.join(' ') };
}

export function isOpinionScore(finding: Finding): boolean {
  return (
    finding.analyser === OPINION.analyser &&
    finding.label === OPINION.label &&
    finding.paragraph !== undefined
  );
}

/** Paragraph index → its opinion score (0 = reporting, 1 = opinion), when the genre analyser gave one. */
export function opinionScores(report: Report): Map<number, number> {
  return new Map(report.findings.filter(isOpinionScore).map((f) => [f.paragraph!, f.score]));
}

export interface Bar {
  label: string;
  score: number;
  predicted: boolean;
}

/** Article-level findings of one analyser, highest score first. */
export function articleBars(report: Report, analyser: string): Bar[] {
  return report.findings
    .filter((f) => f.analyser === analyser && f.paragraph === undefined && f.span === undefined)
    .map((f) => ({ label: f.label, score: f.score, predicted: f.attributes?.predicted === true }))
    .sort((a, b) => b.score - a.score);
}

/** Paragraph-level findings (no span) shown as chips beside a paragraph: techniques and the like. */
export function paragraphChips(report: Report, paragraph: number): Finding[] {
  return report.findings.filter((f) => f.paragraph === paragraph && !f.span && !isOpinionScore(f));
}

/**
 * Findings for the panels, by analyser in run order: everything not already a bar, the strip or
 * a note under its paragraph (reused text, summed up by its own panel).
 */
export function panelGroups(report: Report): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>(report.analysers.map((a) => [a.name, []]));
  for (const f of report.findings) {
    if (isOpinionScore(f) || f.analyser === REUSE_ANALYSER) continue;
    const articleLevel = f.paragraph === undefined && f.span === undefined;
    if (articleLevel && (BAR_ANALYSERS as readonly string[]).includes(f.analyser)) continue;
    const list = groups.get(f.analyser) ?? [];
    list.push(f);
    groups.set(f.analyser, list);
  }
  return [...groups].filter(([, list]) => list.length > 0);
}

/** Findings grouped by one attribute's value (a speaker, a repetition group), in first-seen order. */
export function groupBy(findings: Finding[], attribute: string): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const value = f.attributes?.[attribute];
    const key = value === undefined || value === null ? '' : String(value);
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  return [...groups];
}

/** The text a finding names (its span, else its paragraph), shortened for a list. */
export function excerpt(report: Report, finding: Finding, max = 160): string {
  const { text, paragraphs } = report.article;
  const range = finding.span ?? (finding.paragraph === undefined ? undefined : paragraphs[finding.paragraph]);
  if (!range) return '';
  const quoted = text.slice(range.start, range.end).replace(/\s+/g, ' ').trim();
  return quoted.length > max ? `${quoted.slice(0, max - 1)}…` : quoted;
}
