/**
 * Persuasion techniques per paragraph, from findings only: each technique with its category and
 * score, the exact words of its spans (`spans` analyser, or any technique finding with a span),
 * the evidence lying inside each span, and whether those words are quoted speech rather than the
 * author's own. Pure, shared by the terminal, HTML and web reports.
 */
import { QUOTES_ANALYSER } from '../analysers/quotes/index.ts';
import type { Evidence, Finding, Span } from '../pipeline/finding.ts';
import type { Report } from '../pipeline/report.ts';
import { techniqueCategory } from './labels.ts';
import { evidenceSummary } from './layout.ts';

/** Analysers whose findings are persuasion techniques. */
export const TECHNIQUE_ANALYSERS: ReadonlySet<string> = new Set(['techniques', 'spans']);

/** Key words shown per span, and reasons shown per paragraph-level technique. */
const KEY_WORDS_SHOWN = 4;
const REASONS_SHOWN = 3;
/** A paragraph this much inside quotes is someone else's words as a whole. */
const MOSTLY_QUOTED = 0.8;

/** Someone else's words: inside quotation marks (`direct`) or reported speech (`indirect`). */
export interface Quoted {
  kind: 'direct' | 'indirect';
  speaker: string | null;
}

export interface TechniqueSpan {
  finding: Finding;
  span: Span;
  /** The exact words. */
  text: string;
  score: number;
  quoted: Quoted | null;
  /** Evidence inside the span, as the words it points at (`“hold-up”`) or its feature name. */
  keyWords: string[];
}

export interface TechniqueEntry {
  label: string;
  category?: string;
  /** The paragraph-level score when the technique was predicted for the paragraph, else its best span's. */
  score: number;
  /** The paragraph-level finding (`techniques`), when there is one. */
  finding?: Finding;
  spans: TechniqueSpan[];
  /** Why the paragraph-level prediction fired, when the technique has no span to show it. */
  reasons: string[];
  /** Every span quoted, or (without spans) the paragraph mostly quoted. */
  quoted: Quoted | null;
}

/** Paragraph index → its techniques, strongest first. */
/** Technique label → paragraphs using it, most used first (ties by label). */
export function techniqueCounts(techniques: Map<number, TechniqueEntry[]>): [string, number][] {
  const counts = new Map<string, number>();
  for (const list of techniques.values())
    for (const t of list) counts.set(t.label, (counts.get(t.label) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function paragraphTechniques(report: Report): Map<number, TechniqueEntry[]> {
  const quotes = report.findings.filter((f) => f.analyser === QUOTES_ANALYSER && f.span);
  const groups = new Map<string, { paragraph: number; label: string; whole: Finding[]; spans: Finding[] }>();
  for (const f of report.findings) {
    if (!TECHNIQUE_ANALYSERS.has(f.analyser)) continue;
    const paragraph = f.paragraph ?? paragraphIndexAt(report, f.span);
    if (paragraph === undefined) continue;
    const key = `${paragraph}\u0000${f.label}`;
    const group = groups.get(key) ?? { paragraph, label: f.label, whole: [], spans: [] };
    (f.span ? group.spans : group.whole).push(f);
    groups.set(key, group);
  }
  const out = new Map<number, TechniqueEntry[]>();
  for (const { paragraph, label, whole, spans } of groups.values()) {
    const finding = whole.sort((a, b) => b.score - a.score)[0];
    const paragraphEvidence = finding?.evidence ?? [];
    const shown = spans
      .sort((a, b) => a.span!.start - b.span!.start || b.span!.end - a.span!.end)
      .map((f) => techniqueSpan(report, quotes, f, paragraphEvidence));
    const category = techniqueCategory(label, (finding ?? spans[0])?.attributes);
    const entry: TechniqueEntry = {
      label,
      ...(category ? { category } : {}),
      score: finding?.score ?? Math.max(...shown.map((s) => s.score)),
      ...(finding ? { finding } : {}),
      spans: shown,
      reasons:
        finding && shown.length === 0
          ? paragraphEvidence.slice(0, REASONS_SHOWN).map((e) => evidenceSummary(report, finding, e))
          : [],
      quoted:
        shown.length > 0
          ? shown.every((s) => s.quoted)
            ? shown[0]!.quoted
            : null
          : paragraphQuoted(report, quotes, paragraph),
    };
    const list = out.get(paragraph) ?? [];
    list.push(entry);
    out.set(paragraph, list);
  }
  for (const list of out.values()) list.sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
  return out;
}

/** The quote holding a span: a direct quote first (its words are verbatim someone else's), else reported speech. */
export function quoteOf(quotes: readonly Finding[], span: Span): Quoted | null {
  const holding = (label: string) =>
    quotes.find(
      (q) =>
        q.analyser === QUOTES_ANALYSER &&
        q.label === label &&
        q.span !== undefined &&
        q.span.start <= span.start &&
        span.end <= q.span.end,
    );
  const quote = holding('direct-quote') ?? holding('indirect-quote');
  if (!quote) return null;
  const speaker = quote.attributes?.speaker;
  return {
    kind: quote.label === 'direct-quote' ? 'direct' : 'indirect',
    speaker: typeof speaker === 'string' && speaker ? speaker : null,
  };
}

function techniqueSpan(
  report: Report,
  quotes: readonly Finding[],
  finding: Finding,
  paragraphEvidence: readonly Evidence[],
): TechniqueSpan {
  const span = finding.span!;
  const text = report.article.text;
  const inside = (e: Evidence) => !e.span || (e.span.start >= span.start && e.span.end <= span.end);
  const keyWords: string[] = [];
  for (const e of [...paragraphEvidence.filter((e) => e.span && inside(e)), ...(finding.evidence ?? [])]) {
    if (!inside(e)) continue;
    const word = e.span ? `“${text.slice(e.span.start, e.span.end)}”` : e.feature;
    if (!keyWords.some((w) => w.toLocaleLowerCase() === word.toLocaleLowerCase())) keyWords.push(word);
  }
  return {
    finding,
    span,
    text: text.slice(span.start, span.end),
    score: finding.score,
    quoted: quoteOf(quotes, span),
    keyWords: keyWords.slice(0, KEY_WORDS_SHOWN),
  };
}

/** The quote covering most of a paragraph, when quotes cover at least MOSTLY_QUOTED of it. */
function paragraphQuoted(report: Report, quotes: readonly Finding[], index: number): Quoted | null {
  const paragraph = report.article.paragraphs[index];
  if (!paragraph || paragraph.end <= paragraph.start) return null;
  const pieces = quotes
    .map((q) => ({
      finding: q,
      start: Math.max(q.span!.start, paragraph.start),
      end: Math.min(q.span!.end, paragraph.end),
    }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start);
  // Characters covered by any quote (nested quotes counted once).
  let covered = 0;
  let reach = paragraph.start;
  for (const p of pieces) {
    covered += Math.max(0, p.end - Math.max(p.start, reach));
    reach = Math.max(reach, p.end);
  }
  if (covered < MOSTLY_QUOTED * (paragraph.end - paragraph.start)) return null;
  const widest = pieces.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  return quoteOf([widest.finding], widest);
}

function paragraphIndexAt(report: Report, span: Span | undefined): number | undefined {
  if (!span) return undefined;
  return report.article.paragraphs.find((p) => span.start >= p.start && span.start < p.end)?.index;
}

/** `quoted · Jeanne Morel`, `quoted · unattributed`, `reported speech · la préfecture`. */
export function describeQuoted(quoted: Quoted): string {
  return `${quoted.kind === 'direct' ? 'quoted' : 'reported speech'} · ${quoted.speaker ?? 'unattributed'}`;
}
