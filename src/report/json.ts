import type { Report } from '../pipeline/report.ts';

/** The stable machine format (docs/report-schema.md): the Report, indented, with a final newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One report per line, for several articles (JSON Lines). */
export function renderJsonLine(report: Report): string {
  return `${JSON.stringify(report)}\n`;
}
