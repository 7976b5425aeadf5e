/**
 * "This paragraph also appears in …": the passages of `/api/articles/:id/reuse` mapped onto the
 * paragraphs of the stored report, one entry per paragraph with every other article it shares.
 */
import type { Report } from '../model.ts';
import type { ReuseResult } from './types.ts';

/** Pieces of a passage shorter than this (characters) in a paragraph are not worth a note (as the CLI). */
const MIN_CHARS = 40;

export interface ParagraphReuse {
  paragraph: number;
  line: number;
  others: { id: string; title: string; similarity: number; nearDuplicate: boolean }[];
}

/** An id with several stored texts gives a list, oldest first; the report shown is the newest. */
export function newestReuse(result: ReuseResult | ReuseResult[] | undefined): ReuseResult | undefined {
  return Array.isArray(result) ? result.at(-1) : result;
}

export function paragraphReuse(report: Report, result: ReuseResult | undefined): ParagraphReuse[] {
  if (!result) return [];
  const byParagraph = new Map<number, ParagraphReuse>();
  for (const link of result.links) {
    for (const passage of link.passages) {
      for (const p of report.article.paragraphs) {
        const overlap = Math.min(passage.here.end, p.end) - Math.max(passage.here.start, p.start);
        if (overlap <= 0 || overlap < Math.min(MIN_CHARS, p.end - p.start)) continue;
        const entry = byParagraph.get(p.index) ?? { paragraph: p.index, line: p.line, others: [] };
        if (!entry.others.some((o) => o.id === link.other.id)) {
          entry.others.push({
            id: link.other.id,
            title: link.other.title,
            similarity: passage.similarity,
            nearDuplicate: link.nearDuplicate,
          });
        }
        byParagraph.set(p.index, entry);
      }
    }
  }
  return [...byParagraph.values()].sort((a, b) => a.paragraph - b.paragraph);
}
