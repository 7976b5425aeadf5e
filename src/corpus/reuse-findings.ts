/**
 * Reused text as findings of a `reuse` pseudo-analyser, added to a report when it is rebuilt from
 * the store or analysed next to one (`analyze --db`): each paragraph that also appears in another
 * stored article gets a finding over the shared words, whose evidence says "also appears in <id>
 * (line N)". Reports and renderers stay findings-only: nothing else needs to know about the store.
 */
import type { Finding } from '../pipeline/finding.ts';
import type { Report } from '../pipeline/report.ts';
import type { ReuseLink } from './reuse/index.ts';
import { sketch } from './reuse/sketch.ts';
import { contentHash, type Store } from './store.ts';

export const REUSE_ANALYSER = { name: 'reuse', version: '1' } as const;

/** Pieces of a passage shorter than this (characters) in one paragraph are not worth a note. */
const MIN_CHARS = 40;

/** The report with a `reuse` finding on every paragraph that shares text with a stored article. */
export function withReuse(store: Store, report: Report): Report {
  if (report.analysers.some((a) => a.name === REUSE_ANALYSER.name)) return report;
  const { article } = report;
  const stored = store.articles(article.id).find((a) => a.contentHash === contentHash(article.text));
  const links = stored
    ? store.reuse.links(stored.row)
    : store.reuse.match(article.text, sketch(article.text));
  const findings = reuseFindings(store, report, links);
  return {
    ...report,
    analysers: [...report.analysers, { ...REUSE_ANALYSER, ms: 0 }],
    findings: inDocumentOrder([...report.findings, ...findings]),
  };
}

export function reuseFindings(store: Store, report: Report, links: readonly ReuseLink[]): Finding[] {
  const lineAt = store.db.prepare(
    'SELECT line FROM paragraphs WHERE article = ? AND start <= ? ORDER BY idx DESC LIMIT 1',
  );
  const findings: Finding[] = [];
  for (const link of links) {
    for (const passage of link.passages) {
      const { here, there } = passage;
      for (const p of report.article.paragraphs) {
        const start = Math.max(here.start, p.start);
        const end = Math.min(here.end, p.end);
        if (end - start < Math.min(MIN_CHARS, p.end - p.start)) continue;
        // The same point on the other side, by proportion: passages are aligned word runs.
        const ratio = (there.end - there.start) / Math.max(1, here.end - here.start);
        const otherAt = Math.round(there.start + (start - here.start) * ratio);
        const line = (lineAt.get(link.other.row, otherAt) as { line: number } | undefined)?.line ?? null;
        const where = line === null ? link.other.articleId : `${link.other.articleId} (line ${line})`;
        findings.push({
          analyser: REUSE_ANALYSER.name,
          label: link.nearDuplicate ? 'near-duplicate' : 'reused-passage',
          score: passage.similarity,
          paragraph: p.index,
          span: { start, end },
          evidence: [
            {
              feature: `reuse:${link.other.articleId}`,
              span: { start, end },
              note: `also appears in ${where}`,
            },
          ],
          attributes: { article: link.other.articleId, line, jaccard: link.jaccard },
        });
      }
    }
  }
  return findings;
}

/** The pipeline's order: by paragraph, then span start, article-level findings first. */
function inDocumentOrder(findings: Finding[]): Finding[] {
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort(
      (a, b) =>
        (a.finding.paragraph ?? -1) - (b.finding.paragraph ?? -1) ||
        (a.finding.span?.start ?? -1) - (b.finding.span?.start ?? -1) ||
        a.order - b.order,
    )
    .map(({ finding }) => finding);
}
