import type { Paragraph } from '../../article/article.ts';

/** A pair of quotation marks found in the text, with the quoted words between them. */
export interface MarkedQuote {
  /** Offsets of the opening mark. */
  openStart: number;
  openEnd: number;
  /** Offsets of the closing mark, or null when the quote runs to the end of its paragraph unclosed. */
  closeStart: number | null;
  closeEnd: number | null;
  /** The quoted words: inside the marks, surrounding spaces trimmed. */
  start: number;
  end: number;
  /** 0 for an outermost quote, 1 for a quote inside it, and so on. */
  depth: number;
  /** Paragraph indexes where the quote opens and closes (they differ for a quote spanning paragraphs). */
  paragraph: number;
  lastParagraph: number;
}

interface Opener {
  char: string;
  start: number;
  paragraph: number;
}

const MARKS = /[«»“”„‚‘’‹›"']/g;
const SPACE = /[\s\u00a0\u202f\u2009\u200b]/;
const OPENING_PUNCT = '([{<—–-/:;';
const CLOSING_PUNCT = '.,;:!?)]}>…—–-';
const QUOTE_CHARS = '«»“”„‚‘’‹›"\'';

/** For each opening mark, the marks that may close it (sloppy pairings included). */
const CLOSERS: Record<string, string> = {
  '«': '»',
  '»': '«',
  '“': '”“',
  '„': '“”"',
  '‚': '‘’',
  '‘': '’',
  '‹': '›',
  '›': '‹',
  '"': '"”“',
  "'": "'",
  '”': '”',
};

/** Marks that open a continued paragraph of the same quote, per outer opening mark. */
const CONTINUATIONS: Record<string, string> = {
  '«': '«»',
  '“': '“',
  '„': '„',
  '"': '"',
  '»': '»',
  '‹': '‹',
  '”': '”',
};

/** Styles weak enough (apostrophes, single marks) that an unclosed one is dropped, never reported. */
const WEAK = "'‘‚’›‹";

/** Paragraphs a quote may run on for before its closing mark. */
const MAX_CONTINUED = 6;

/**
 * Finds quoted passages in all common styles («», “”, „“, „”, ‚‘, ‘’, ‹›, »«, straight quotes),
 * nested ones included, and quotes running over several paragraphs (continuation marks at the
 * start of each paragraph, or a single closing mark at the very end). One pass over the marks.
 */
export function findMarkedQuotes(text: string, paragraphs: readonly Paragraph[]): MarkedQuote[] {
  const quotes: MarkedQuote[] = [];
  let stack: Opener[] = [];
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p]!;
    let from = para.start;
    if (stack.length > 0) {
      // A carried quote: skip the continuation mark that opens this paragraph, if any.
      const first = firstNonSpace(text, para.start, para.end);
      if (first < para.end && CONTINUATIONS[stack[0]!.char]?.includes(text[first]!)) from = first + 1;
    }
    MARKS.lastIndex = from;
    for (let m = MARKS.exec(text); m && m.index < para.end; m = MARKS.exec(text)) {
      const at = m.index;
      const char = m[0];
      const prev = at > para.start ? text[at - 1]! : '';
      const next = at + 1 < para.end ? text[at + 1]! : '';
      const role = roleOf(char, prev, next, stack);
      if (role === 'close' || role === 'either') {
        const k = findOpener(stack, char);
        if (k >= 0) {
          const opener = stack[k]!;
          stack = stack.slice(0, k);
          const quote = makeQuote(text, opener, at, at + 1, k, p);
          // `rock ‘n’ roll`: a single letter between single marks is an elision, not a quote.
          const tooShort = quote.end - quote.start < (WEAK.includes(opener.char) ? 2 : 1);
          if (!tooShort) quotes.push(quote);
          continue;
        }
      }
      if (role === 'open' || role === 'either') stack.push({ char, start: at, paragraph: p });
    }
    if (stack.length === 0) continue;
    const outer = stack[0]!;
    if (!WEAK.includes(outer.char) && p + 1 < paragraphs.length && para.kind === 'body') {
      if (continues(text, paragraphs, p + 1, outer) && p + 1 - outer.paragraph < MAX_CONTINUED) {
        stack = [outer];
        continue;
      }
    }
    const unclosed = unclosedQuote(text, para, outer, p);
    if (unclosed) quotes.push(unclosed);
    stack = [];
  }
  return quotes.sort((a, b) => a.openStart - b.openStart);
}

/** Whether the mark opens, closes, may do either, or is not a quotation mark here (an apostrophe). */
function roleOf(
  char: string,
  prev: string,
  next: string,
  stack: readonly Opener[],
): 'open' | 'close' | 'either' | 'none' {
  const openCtx = isOpenContext(prev, next, char);
  const closeCtx = isCloseContext(prev, next, char);
  const canClose = findOpener(stack, char) >= 0;
  switch (char) {
    case '«':
    case '‹':
      return canClose && !openCtx ? 'close' : canClose ? 'either' : 'open';
    case '»':
    case '›':
      if (canClose) return 'close';
      return openCtx && !closeCtx ? 'open' : 'none';
    case '„':
      return 'open';
    case '“':
    case '‘':
      if (canClose && (closeCtx || !openCtx)) return 'close';
      return openCtx ? 'open' : 'none';
    case '”':
      if (canClose) return 'close';
      return openCtx && !closeCtx ? 'open' : 'none';
    case '‚':
      return openCtx && prev !== '' && SPACE.test(prev) ? 'open' : 'none';
    case '’':
      return canClose && closeCtx && !isLetter(next) ? 'close' : 'none';
    case '"':
      if (openCtx && closeCtx) return canClose ? 'close' : 'open';
      if (closeCtx) return canClose ? 'close' : 'none';
      return openCtx ? 'open' : 'none';
    case "'":
      if (closeCtx && canClose && !isLetter(next)) return 'close';
      return openCtx && isLetter(next) && !isLetter(prev) ? 'open' : 'none';
    default:
      return 'none';
  }
}

function isOpenContext(prev: string, next: string, char: string): boolean {
  const before =
    prev === '' || SPACE.test(prev) || OPENING_PUNCT.includes(prev) || QUOTE_CHARS.includes(prev);
  const spacedOk = char === '«' || char === '‹' || char === '»';
  const after = next !== '' && (spacedOk || !SPACE.test(next));
  return before && after;
}

function isCloseContext(prev: string, next: string, char: string): boolean {
  const spacedOk = char === '»' || char === '›' || char === '«';
  const before = prev !== '' && (spacedOk || !SPACE.test(prev));
  const after = next === '' || SPACE.test(next) || CLOSING_PUNCT.includes(next) || QUOTE_CHARS.includes(next);
  return before && after;
}

function isLetter(c: string): boolean {
  return c !== '' && /[\p{L}\p{N}]/u.test(c);
}

/** Index in the stack of the innermost opener this mark closes, or -1. */
function findOpener(stack: readonly Opener[], char: string): number {
  for (let k = stack.length - 1; k >= 0; k--) {
    if (CLOSERS[stack[k]!.char]?.includes(char)) return k;
  }
  return -1;
}

/**
 * Whether a quote left open at the end of a paragraph goes on into paragraph `p`: that paragraph
 * opens with a continuation mark, or (French style, » only at the very end) the first mark of
 * the quote's style met in the next paragraphs closes it.
 */
function continues(text: string, paragraphs: readonly Paragraph[], p: number, outer: Opener): boolean {
  const first = firstNonSpace(text, paragraphs[p]!.start, paragraphs[p]!.end);
  if (CONTINUATIONS[outer.char]?.includes(text[first] ?? '')) return true;
  const closers = CLOSERS[outer.char] ?? '';
  for (let q = p; q < paragraphs.length && q - outer.paragraph < MAX_CONTINUED; q++) {
    const para = paragraphs[q]!;
    for (let i = para.start; i < para.end; i++) {
      const c = text[i]!;
      if (c === outer.char && !closers.includes(c)) return false;
      if (closers.includes(c)) {
        const prev = i > para.start ? text[i - 1]! : '';
        const next = i + 1 < para.end ? text[i + 1]! : '';
        return isCloseContext(prev, next, c);
      }
    }
  }
  return false;
}

/**
 * A mark left open at the end of its paragraph is still a quote when it clearly introduces speech
 * (it opens the paragraph or follows a colon) and says enough; otherwise it was a stray mark.
 */
function unclosedQuote(text: string, para: Paragraph, outer: Opener, p: number): MarkedQuote | null {
  if (WEAK.includes(outer.char) || outer.paragraph !== p) return null;
  const before = text.slice(para.start, outer.start).trimEnd();
  if (before !== '' && !before.endsWith(':')) return null;
  const quote = makeQuote(text, outer, para.end, para.end, 0, p);
  if (text.slice(quote.start, quote.end).split(/\s+/).length < 3) return null;
  return { ...quote, closeStart: null, closeEnd: null };
}

function makeQuote(
  text: string,
  opener: Opener,
  closeStart: number,
  closeEnd: number,
  depth: number,
  paragraph: number,
): MarkedQuote {
  let start = opener.start + 1;
  let end = closeStart;
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  return {
    openStart: opener.start,
    openEnd: opener.start + 1,
    closeStart,
    closeEnd,
    start,
    end,
    depth,
    paragraph: opener.paragraph,
    lastParagraph: paragraph,
  };
}

function firstNonSpace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && SPACE.test(text[i]!)) i++;
  return i;
}
