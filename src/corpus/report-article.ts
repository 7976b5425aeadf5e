import type { Article } from '../article/article.ts';
import type { Report } from '../pipeline/report.ts';

/** The Article a Report describes (paragraph texts are slices of its text). */
export function articleOfReport(report: Report): Article {
  const { article } = report;
  return {
    ...article,
    paragraphs: article.paragraphs.map((p) => ({ ...p, text: article.text.slice(p.start, p.end) })),
  };
}
