/** Aligned terminal tables and RFC 4180 CSV rows, shared by the corpus commands. */
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

/**
 * Columns padded to their widest cell (numbers right-aligned, text left-aligned), a bold header
 * and a dim rule under it. Widths count code points, so accented names line up.
 */
export function formatTable(headers: string[], rows: (string | number)[][], c: Colors): string {
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  // A column with any fraction shows two decimals throughout, so the points line up.
  const decimals = headers.map((_, i) =>
    rows.some((row) => typeof row[i] === 'number' && !Number.isInteger(row[i])),
  );
  const cells = rows.map((row) =>
    row.map((cell, i) =>
      typeof cell === 'number' ? (decimals[i] ? cell.toFixed(2) : formatNumber(cell)) : cell,
    ),
  );
  const widths = headers.map((h, i) => Math.max(length(h), ...cells.map((row) => length(row[i] ?? ''))));
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - length(text));
    return numeric[i] ? fill + text : text + fill;
  };
  const lines = [
    c.bold(headers.map(pad).join('  ').trimEnd()),
    c.dim(widths.map((w) => '─'.repeat(w)).join('  ')),
    ...cells.map((row) =>
      headers
        .map((_, i) => pad(row[i] ?? '', i))
        .join('  ')
        .trimEnd(),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Integers as they are, other numbers with two decimals. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function length(text: string): number {
  return [...text].length;
}

/** One CSV line: fields with a comma, quote, CR or LF are quoted, quotes doubled. */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
