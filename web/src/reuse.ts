/**
 * "This paragraph also appears in …": the `reuse` findings the server adds to a stored report
 * (`GET /api/articles/:id?reuse=1`, one per paragraph and shared passage) read as one note per
 * paragraph and other article, and as a summary per other article. Findings name the other
 * article by id; its title comes from `/api/articles/:id/reuse` when that answered.
 */
import type { ReuseResult } from './corpus/types.ts';
import { type Finding, REUSE_ANALYSER, type Report } from './model.ts';

export function isReuse(finding: Finding): boolean {
  return finding.analyser === REUSE_ANALYSER;
}

/** Whether the report was checked against the store (a check that found nothing says so too). */
export function reuseChecked(report: Report): boolean {
  return report.analysers.some((a) => a.name === REUSE_ANALYSER);
}

/** One other article sharing text with one paragraph. */
export interface ReuseNote {
  article: string;
  /** The other article's line where the shared text starts, when the store knows it. */
  line: number | null;
  similarity: number;
  nearDuplicate: boolean;
  /** Every word of the paragraph is shared; otherwise `shared` shows which part. */
  whole: boolean;
  shared: Finding;
}

/** Paragraph index → its notes, one per other article, in the order the findings name them. */
export function reuseNotes(report: Report): Map<number, ReuseNote[]> {
  const notes = new Map<number, ReuseNote[]>();
  for (const f of report.findings) {
    if (!isReuse(f) || f.paragraph === undefined || !f.span) continue;
    const article = String(f.attributes?.article ?? '');
    const list = notes.get(f.paragraph) ?? [];
    const whole = !hasWordsOutside(report, f.paragraph, f.span);
    const line = typeof f.attributes?.line === 'number' ? f.attributes.line : null;
    const known = list.find((n) => n.article === article);
    if (known) {
      // Several passages of one article over this paragraph: one note, the best of them.
      known.similarity = Math.max(known.similarity, f.score);
      known.whole ||= whole;
      known.line ??= line;
    } else {
      list.push({
        article,
        line,
        similarity: f.score,
        nearDuplicate: f.label === 'near-duplicate',
        whole,
        shared: f,
      });
    }
    notes.set(f.paragraph, list);
  }
  return notes;
}

/** One other article and every paragraph of this one it shares. */
export interface ReuseSummary {
  article: string;
  /** This article's paragraphs (index and line) found in the other one. */
  paragraphs: { index: number; line: number }[];
  /** Word overlap of the two whole articles. */
  jaccard: number | undefined;
  nearDuplicate: boolean;
}

export function reuseSummary(report: Report): ReuseSummary[] {
  const byArticle = new Map<string, ReuseSummary>();
  for (const [index, notes] of reuseNotes(report)) {
    const line = report.article.paragraphs[index]?.line ?? index;
    for (const note of notes) {
      const jaccard = note.shared.attributes?.jaccard;
      const summary = byArticle.get(note.article) ?? {
        article: note.article,
        paragraphs: [],
        jaccard: typeof jaccard === 'number' ? jaccard : undefined,
        nearDuplicate: note.nearDuplicate,
      };
      summary.paragraphs.push({ index, line });
      byArticle.set(note.article, summary);
    }
  }
  return [...byArticle.values()];
}

/** Other article id → title, from `/api/articles/:id/reuse` (a list when the id has several texts). */
export function reuseTitles(result: ReuseResult | ReuseResult[] | undefined): Map<string, string> {
  const results = result === undefined ? [] : Array.isArray(result) ? result : [result];
  return new Map(
    results.flatMap((r) => r.links.filter((l) => l.other.title).map((l) => [l.other.id, l.other.title])),
  );
}

/** Letters or digits in the paragraph outside the span (a missed full stop or space does not count). */
function hasWordsOutside(report: Report, index: number, span: { start: number; end: number }): boolean {
  const p = report.article.paragraphs[index];
  if (!p) return false;
  const { text } = report.article;
  const outside =
    text.slice(p.start, Math.max(p.start, span.start)) + text.slice(Math.min(p.end, span.end), p.end);
  return /[\p{L}\p{N}]/u.test(outside);
}
