import type { Paragraph } from './article.ts';
import { nonBlankLines, type TextLine } from './lines.ts';

/** Lines longer than this are not hard-wrapped prose: editors and mail clients wrap at 72-100. */
const WRAP_WIDTH = 120;
/** A title is one line of at most this many characters (SemEval titles: median 70, 99th percentile 177). */
const MAX_TITLE_CHARS = 200;
const SENTENCE_END = /[.!?…:;,]["'”’»)]*$/u;
/** Where a line ends a sentence or a quotation, it was not wrapped mid-sentence. */
const LINE_END_STOP = /[.!?…:;"'”’»)]$/u;

export interface PlainTextOptions {
  /** Whether the first paragraph may be taken as the title (off when a corpus gives the title apart). */
  detectTitle?: boolean;
}

/**
 * Paragraphs of plain prose. When the text has blank lines between its lines, paragraphs are the
 * runs of lines between them: a hard-wrapped run (see isHardWrapped) is one paragraph whose
 * offsets span its newlines, any other run is one paragraph per line. Without blank lines every line is a paragraph. `line` is the 1-based line
 * of a paragraph's first line, so a text whose paragraphs are single lines is numbered exactly as
 * SemEval numbers it. The first paragraph becomes the title when it looks like one (see isTitle).
 */
export function plainTextParagraphs(text: string, options: PlainTextOptions = {}): Paragraph[] {
  const blocks = lineBlocks(text);
  const multiBlock = blocks.length > 1;
  const ranges = blocks.flatMap((block) =>
    multiBlock && isHardWrapped(text, block) ? [join(block)] : block,
  );
  const titled = (options.detectTitle ?? true) && ranges.length > 1 && isTitle(text, blocks);
  return ranges.map(({ line, start, end }, index) => ({
    index,
    line,
    kind: titled && index === 0 ? 'title' : 'body',
    start,
    end,
    text: text.slice(start, end),
  }));
}

/**
 * Whether a text is hard-wrapped prose (blank-line-separated runs of short lines broken
 * mid-sentence) rather than one paragraph per line. SemEval article files never are: every one
 * of them has lines over 120 characters.
 */
export function looksHardWrapped(text: string): boolean {
  const blocks = lineBlocks(text);
  return (
    blocks.length > 1 &&
    blocks.some((block) => isHardWrapped(text, block)) &&
    blocks.every((block) => block.every((l) => l.end - l.start <= WRAP_WIDTH))
  );
}

/**
 * The first paragraph is a title when it is one line of at most MAX_TITLE_CHARS characters, and
 * either a blank line follows it (as in SemEval files) or it does not end like a sentence.
 */
function isTitle(text: string, blocks: TextLine[][]): boolean {
  const first = blocks[0]?.[0];
  if (!first || first.end - first.start > MAX_TITLE_CHARS) return false;
  const followedByBlank = blocks.length > 1 && blocks[0]?.length === 1;
  return followedByBlank || !SENTENCE_END.test(text.slice(first.start, first.end));
}

/**
 * A run of lines is one wrapped paragraph when all its lines but the last are at most WRAP_WIDTH
 * characters and at least half of them break mid-sentence (a wrap falls after a full stop only
 * by chance; one-sentence-per-line text ends nearly every line with one).
 */
function isHardWrapped(text: string, block: TextLine[]): boolean {
  const wrapped = block.slice(0, -1);
  if (wrapped.length === 0 || wrapped.some((l) => l.end - l.start > WRAP_WIDTH)) return false;
  const midSentence = wrapped.filter((l) => !LINE_END_STOP.test(text.slice(l.start, l.end))).length;
  return midSentence * 2 >= wrapped.length;
}

function join(block: TextLine[]): TextLine {
  const first = block[0]!;
  return { line: first.line, start: first.start, end: block[block.length - 1]!.end };
}

/** Non-blank lines (trimmed, numbered from 1, '\r' excluded) grouped into runs separated by blank lines. */
function lineBlocks(text: string): TextLine[][] {
  const blocks: TextLine[][] = [];
  for (const line of nonBlankLines(text)) {
    const current = blocks.at(-1);
    // Only blank lines are skipped, so a gap in the numbering is a blank line between blocks.
    if (current && current.at(-1)!.line === line.line - 1) current.push(line);
    else blocks.push([line]);
  }
  return blocks;
}
