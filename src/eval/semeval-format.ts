/**
 * SemEval-2023 Task 3 label files: `id<TAB>genre`, `id<TAB>frame,frame`, `id<TAB>line<TAB>tech,tech`
 * and span files `id<TAB>technique<TAB>start<TAB>end`. Parsing is strict about structure (a clear
 * error names the file and line) and tolerant about CRLF and a trailing newline.
 */

export interface ArticleLabels {
  id: string;
  labels: string[];
}

export interface ParagraphLabels {
  id: string;
  line: number;
  labels: string[];
}

export interface SpanLabel {
  id: string;
  technique: string;
  start: number;
  end: number;
}

function rows(text: string): { cols: string[]; lineNo: number }[] {
  const out: { cols: string[]; lineNo: number }[] = [];
  const lines = text.replace(/^\ufeff/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    out.push({ cols: line.split('\t'), lineNo: i + 1 });
  }
  return out;
}

function splitLabels(field: string | undefined): string[] {
  if (field === undefined) return [];
  return field
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function integer(value: string | undefined, where: string): number {
  if (value === undefined || !/^\d+$/.test(value.trim())) {
    throw new Error(`${where}: expected a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return Number(value.trim());
}

/** Subtask 1 (`id<TAB>genre`) or subtask 2 (`id<TAB>frame,frame`, possibly empty) rows. */
export function parseArticleLabels(text: string, source = 'labels'): ArticleLabels[] {
  return rows(text).map(({ cols, lineNo }) => {
    if (cols.length < 1 || cols.length > 2 || cols[0] === '') {
      throw new Error(`${source}:${lineNo}: expected id<TAB>labels`);
    }
    return { id: cols[0]!.trim(), labels: splitLabels(cols[1]) };
  });
}

/** Subtask 3 rows `id<TAB>line<TAB>tech,tech` (third column possibly empty). */
export function parseParagraphLabels(text: string, source = 'labels'): ParagraphLabels[] {
  return rows(text).map(({ cols, lineNo }) => {
    if (cols.length < 2 || cols.length > 3 || cols[0] === '') {
      throw new Error(`${source}:${lineNo}: expected id<TAB>line<TAB>labels`);
    }
    return {
      id: cols[0]!.trim(),
      line: integer(cols[1], `${source}:${lineNo}`),
      labels: splitLabels(cols[2]),
    };
  });
}

/** Span rows `id<TAB>technique<TAB>start<TAB>end`. */
export function parseSpans(text: string, source = 'spans'): SpanLabel[] {
  return rows(text).map(({ cols, lineNo }) => {
    if (cols.length !== 4)
      throw new Error(`${source}:${lineNo}: expected id<TAB>technique<TAB>start<TAB>end`);
    const where = `${source}:${lineNo}`;
    const start = integer(cols[2], where);
    const end = integer(cols[3], where);
    if (end < start) throw new Error(`${where}: span end ${end} before start ${start}`);
    return { id: cols[0]!.trim(), technique: cols[1]!.trim(), start, end };
  });
}

/** Writes subtask 1/2 rows, one per article, labels joined by commas. */
export function formatArticleLabels(rowsIn: readonly ArticleLabels[]): string {
  return rowsIn.map((r) => `${r.id}\t${r.labels.join(',')}\n`).join('');
}

/** Writes subtask 3 rows, one per paragraph line (empty third column when no technique). */
export function formatParagraphLabels(rowsIn: readonly ParagraphLabels[]): string {
  return rowsIn.map((r) => `${r.id}\t${r.line}\t${r.labels.join(',')}\n`).join('');
}
