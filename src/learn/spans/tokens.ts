/**
 * Tokens of one paragraph for span tagging, with the context a tagger needs: sentence
 * boundaries, an open-quote flag, and a fixed number of hashed features per token
 * (`FEATURES_PER_TOKEN`, stored flat in a Uint32Array) so learners index them without objects.
 */
import type { Paragraph } from '../../article/article.ts';
import { hashPair, hashString, mix } from '../hash.ts';
import type { Stemmer } from '../stem.ts';
import { foldedToken, forEachToken, UPPER } from '../tokenize.ts';

export interface ParagraphTokens {
  /** Character offsets of each word token in the article text. */
  starts: Int32Array;
  ends: Int32Array;
  /** `n × FEATURES_PER_TOKEN` feature hashes. */
  features: Uint32Array;
  n: number;
}

export const FEATURES_PER_TOKEN = 26;

const BOUNDARY = hashString('<s>', 99);

const QUOTE_OPEN = new Set([0x22, 0xab, 0x201c, 0x201e, 0x2039, 0x2018]);
const QUOTE_CLOSE = new Set([0xbb, 0x201d, 0x203a, 0x2019]);

function small(template: number, value: number): number {
  return mix(Math.imul(template, 0x01000193) ^ (value + 0x5bd1e995));
}

function bucket(i: number): number {
  return i < 3 ? i : i < 6 ? 3 : i < 11 ? 4 : i < 21 ? 5 : 6;
}

/** Whether the code unit at `i` is a capital (a table lookup: no string per character). */
function isUpper(text: string, i: number): boolean {
  return UPPER[text.charCodeAt(i)] === 1;
}

/** Capitalisation and digit shape with a length bucket. */
function shape(text: string, start: number, end: number): number {
  let upper = 0;
  let digit = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digit++;
    else if (isUpper(text, i)) upper++;
  }
  const len = end - start;
  const kind = digit > 0 ? 0 : upper === 0 ? 1 : upper === len ? 2 : isUpper(text, start) ? 3 : 4;
  return kind * 8 + Math.min(len, 7);
}

/** Non-space characters between two tokens (at most 3), hashed; 0 for plain spacing. */
function gap(text: string, from: number, to: number): { hash: number; sentenceEnd: boolean; quote: number } {
  let h = 0x811c9dc5;
  let kept = 0;
  let sentenceEnd = false;
  let quote = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xa0 || c === 13 || c === 10) continue;
    if (c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 59) sentenceEnd = true;
    if (QUOTE_OPEN.has(c)) quote = c === 0x22 ? 2 : 1;
    else if (QUOTE_CLOSE.has(c)) quote = -1;
    if (kept < 3) {
      h = Math.imul(h ^ c, 0x01000193);
      kept++;
    }
  }
  return { hash: kept === 0 ? 0 : mix(h), sentenceEnd, quote };
}

/** The stem hash of token `i`, or the boundary marker outside the paragraph. */
function stemAt(stems: Uint32Array, n: number, i: number): number {
  return i < 0 || i >= n ? BOUNDARY : stems[i]!;
}

/**
 * Tokens and features of `paragraph`. `lexicon` maps folded words to a lexicon bitmask (see
 * `style.ts`); `title` marks the title line.
 */
export function paragraphTokens(
  text: string,
  paragraph: Paragraph,
  stem: Stemmer,
  lexicon: ReadonlyMap<string, number>,
): ParagraphTokens {
  const starts: number[] = [];
  const ends: number[] = [];
  forEachToken(
    text,
    (s, e) => {
      starts.push(s);
      ends.push(e);
    },
    paragraph.start,
    paragraph.end,
  );
  const n = starts.length;
  const word = new Uint32Array(n);
  const stems = new Uint32Array(n);
  const suffix = new Uint32Array(n);
  const shapes = new Uint32Array(n);
  const lex = new Uint32Array(n);
  const gapHash = new Uint32Array(n + 1);
  const sentStart = new Uint8Array(n + 1);
  const inQuote = new Uint8Array(n);
  const sentence = new Int32Array(n);
  let quoteOpen = 0;
  let sent = 0;
  for (let i = 0; i <= n; i++) {
    const from = i === 0 ? paragraph.start : ends[i - 1]!;
    const to = i === n ? paragraph.end : starts[i]!;
    const g = gap(text, from, to);
    gapHash[i] = g.hash;
    if (i > 0 && g.sentenceEnd) sentStart[i] = 1;
    if (g.quote === 1) quoteOpen = 1;
    else if (g.quote === -1) quoteOpen = 0;
    else if (g.quote === 2) quoteOpen = 1 - quoteOpen; // straight quotes toggle
    if (i === n) break;
    if (sentStart[i]) sent++;
    sentence[i] = sent;
    inQuote[i] = quoteOpen;
    const folded = foldedToken(text, starts[i]!, ends[i]!);
    word[i] = hashString(folded, 1);
    stems[i] = hashString(stem(folded), 2);
    suffix[i] = hashString(folded.slice(-3), 3);
    shapes[i] = shape(text, starts[i]!, ends[i]!);
    lex[i] = lexicon.get(folded) ?? 0;
  }
  sentStart[0] = 1;
  sentStart[n] = 1;
  // Tokens to the sentence's start and end.
  const fromStart = new Int32Array(n);
  const toEnd = new Int32Array(n);
  for (let i = 0; i < n; i++) fromStart[i] = sentStart[i] ? 0 : fromStart[i - 1]! + 1;
  for (let i = n - 1; i >= 0; i--) toEnd[i] = sentStart[i + 1] ? 0 : toEnd[i + 1]! + 1;

  const F = FEATURES_PER_TOKEN;
  const features = new Uint32Array(n * F);
  const title = paragraph.kind === 'title' ? 1 : 0;
  // Plain statements, no closure per token: this runs for every token the tagger reads.
  for (let i = 0; i < n; i++) {
    let o = i * F;
    const prev = stemAt(stems, n, i - 1);
    const here = stems[i]!;
    const next = stemAt(stems, n, i + 1);
    features[o++] = small(0, title);
    features[o++] = small(1, word[i]!);
    features[o++] = small(2, here);
    features[o++] = small(3, prev);
    features[o++] = small(4, next);
    features[o++] = small(5, stemAt(stems, n, i - 2));
    features[o++] = small(6, stemAt(stems, n, i + 2));
    features[o++] = hashPair(prev, here, 7);
    features[o++] = hashPair(here, next, 8);
    features[o++] = small(9, shapes[i]!);
    features[o++] = small(10, suffix[i]!);
    features[o++] = small(11, gapHash[i]!);
    features[o++] = small(12, gapHash[i + 1]!);
    features[o++] = small(13, bucket(fromStart[i]!));
    features[o++] = small(14, bucket(toEnd[i]!));
    features[o++] = small(15, Math.min(sentence[i]!, 4));
    features[o++] = small(16, bucket(i));
    features[o++] = small(17, bucket(n - 1 - i));
    features[o++] = small(18, inQuote[i]!);
    features[o++] = small(19, lex[i]!);
    features[o++] = small(20, i > 0 ? lex[i - 1]! : 255);
    features[o++] = small(21, i + 1 < n ? lex[i + 1]! : 255);
    features[o++] = small(22, bucket(fromStart[i]! + toEnd[i]!));
    features[o++] = hashPair(gapHash[i]!, here, 23);
    features[o++] = hashPair(here, gapHash[i + 1]!, 24);
    features[o++] = small(25, i > 0 ? shapes[i - 1]! : 99);
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends), features, n };
}
