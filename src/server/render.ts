import { formatParagraphLabels } from '../eval/semeval-format.ts';
import type { Report } from '../pipeline/report.ts';
import { renderHtml } from '../report/html.ts';
import { renderText } from '../report/text.ts';
import { ApiError } from './errors.ts';
import type { ResponseFormat } from './schemas.ts';

export interface Rendered {
  contentType: string;
  body: string | Report;
  /** A Content-Security-Policy replacing the server's default for this response. */
  csp?: string;
}

/** Text reports are wrapped as `spinlens analyze` wraps them for a file. */
const TEXT_WIDTH = 100;
/** The HTML report carries its own hashed-style policy in a meta tag; the header adds no more. */
const HTML_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** The report in the asked format; `semeval` needs the techniques analyser in the pipeline. */
export function renderReport(report: Report, format: ResponseFormat): Rendered {
  switch (format) {
    case 'json':
      return { contentType: 'application/json; charset=utf-8', body: report };
    case 'text':
      return {
        contentType: 'text/plain; charset=utf-8',
        body: renderText(report, { color: false, width: TEXT_WIDTH }),
      };
    case 'html':
      return { contentType: 'text/html; charset=utf-8', body: renderHtml(report), csp: HTML_REPORT_CSP };
    case 'semeval':
      return { contentType: 'text/tab-separated-values; charset=utf-8', body: semevalRows(report) };
  }
}

/** Subtask-3 rows `id<TAB>line<TAB>tech,tech`, one per paragraph, empty when it has no technique. */
function semevalRows(report: Report): string {
  if (!report.analysers.some((a) => a.name === 'techniques')) {
    throw new ApiError(
      422,
      'analyser_unavailable',
      'format semeval needs the techniques analyser, which this server does not run',
    );
  }
  const byParagraph = new Map<number, string[]>();
  for (const f of report.findings) {
    if (f.analyser !== 'techniques' || f.paragraph === undefined) continue;
    const labels = byParagraph.get(f.paragraph) ?? [];
    if (!labels.includes(f.label)) labels.push(f.label);
    byParagraph.set(f.paragraph, labels);
  }
  return formatParagraphLabels(
    report.article.paragraphs.map((p) => ({
      id: report.article.id,
      line: p.line,
      labels: byParagraph.get(p.index) ?? [],
    })),
  );
}
