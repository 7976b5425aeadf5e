import type { Article, ArticleMetadata, LanguageGuess, ParagraphKind } from '../article/article.ts';
import { TOOL_VERSION } from '../version.ts';
import type { Analyser } from './analyser.ts';
import type { Finding } from './finding.ts';

/** Bumped on any incompatible change of the report's JSON shape. */
export const REPORT_SCHEMA = 'spinlens.report/1';

export interface ReportParagraph {
  index: number;
  line: number;
  kind: ParagraphKind;
  start: number;
  end: number;
}

/** The stable machine format: `spinlens analyze --format json` prints exactly this. */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  tool: { name: 'spinlens'; version: string };
  article: {
    id: string;
    title: string;
    language: LanguageGuess;
    metadata: ArticleMetadata;
    paragraphs: ReportParagraph[];
    text: string;
  };
  analysers: { name: string; version: string; ms: number }[];
  findings: Finding[];
}

export function buildReport(
  article: Article,
  findings: Finding[],
  analysers: readonly Analyser[],
  timings: Record<string, number>,
): Report {
  return {
    schema: REPORT_SCHEMA,
    tool: { name: 'spinlens', version: TOOL_VERSION },
    article: {
      id: article.id,
      title: article.title,
      language: article.language,
      metadata: article.metadata,
      paragraphs: article.paragraphs.map(({ index, line, kind, start, end }) => ({
        index,
        line,
        kind,
        start,
        end,
      })),
      text: article.text,
    },
    analysers: analysers.map((a) => ({
      name: a.name,
      version: a.version,
      ms: Math.round((timings[a.name] ?? 0) * 1000) / 1000,
    })),
    findings: sortFindings(findings),
  };
}

/** Document order: by paragraph, then span start, then article-level findings first. */
function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => {
      const pa = a.finding.paragraph ?? -1;
      const pb = b.finding.paragraph ?? -1;
      if (pa !== pb) return pa - pb;
      const sa = a.finding.span?.start ?? -1;
      const sb = b.finding.span?.start ?? -1;
      if (sa !== sb) return sa - sb;
      return a.order - b.order;
    })
    .map(({ finding }) => finding);
}
