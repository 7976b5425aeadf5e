/** A non-blank line of a text, with its 1-based line number and trimmed offsets. */
export interface TextLine {
  line: number;
  start: number;
  end: number;
}

const BLANK = /^[\s\u00a0\u200b\ufeff]*$/;
const EDGE_SPACE = /[\s\u00a0\u200b\ufeff]/;

/**
 * Splits on '\n' (a trailing '\r' stays out of the line), numbers lines from 1 like the SemEval
 * label files, skips blank ones and trims whitespace (including a BOM) off both ends of each.
 */
export function nonBlankLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let lineStart = 0;
  let lineNumber = 1;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const trimmed = trimRange(text, lineStart, lineEnd);
    if (trimmed) lines.push({ line: lineNumber, ...trimmed });
    lineStart = lineEnd + 1;
    lineNumber++;
  }
  return lines;
}

/** The range [start, end) without leading and trailing whitespace, or undefined when nothing is left. */
export function trimRange(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } | undefined {
  if (BLANK.test(text.slice(start, end))) return undefined;
  while (start < end && EDGE_SPACE.test(text[start]!)) start++;
  while (end > start && EDGE_SPACE.test(text[end - 1]!)) end--;
  return { start, end };
}
