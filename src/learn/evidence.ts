/**
 * Evidence: hashed features mapped back to the text. No vocabulary is stored; the unit's text is
 * re-scanned with the hashing of featurize/features/style, and the first place where a wanted
 * hashed index occurs becomes the feature's span: word n-grams, character n-grams, title and
 * neighbour words, lexicon hits and punctuation cues.
 */
import type { Article, Paragraph } from '../article/article.ts';
import type { Evidence } from '../pipeline/finding.ts';
import { BLOCK, type FeatureConfig, paragraphTokens } from './featurize.ts';
import { fnvStart, fnvStep, HASH_MASK, hashPair, hashString, mix } from './hash.ts';
import type { Contribution } from './predict.ts';
import { RecentCache } from './recent.ts';
import { LEXICON_NAMES, lexiconFor } from './style.ts';
import { FOLD, foldedToken, forEachToken, WORD } from './tokenize.ts';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Where each contribution was found (parallel to the contributions; start −1 = not found). */
let foundStart = new Int32Array(64);
let foundEnd = new Int32Array(64);
const foundName: (string | undefined)[] = [];

/**
 * Evidence entries for contributions of a unit (an article, or paragraph `paragraph` of it):
 * spans widened to whole words, features landing on the same words merged (weights summed,
 * named after the strongest), the `limit` strongest kept.
 */
export function evidenceOf(
  article: Article,
  paragraph: number | undefined,
  features: FeatureConfig,
  contributions: readonly Contribution[],
  limit = 6,
): Evidence[] {
  const { text, paragraphs } = article;
  const own = paragraph === undefined ? paragraphs : paragraphs.slice(paragraph, paragraph + 1);
  const m = contributions.length;
  if (foundStart.length < m) {
    foundStart = new Int32Array(2 * m);
    foundEnd = new Int32Array(2 * m);
  }
  foundStart.fill(-1, 0, m);
  foundName.length = 0;
  const cache = cacheOf(article);
  let blocks = 0;
  for (const c of contributions) blocks |= 1 << c.block;
  const has = (block: number) => (blocks & (1 << block)) !== 0;
  if (has(BLOCK.word)) {
    for (const p of own) scanWords(cache, BLOCK.word, p, true, contributions);
  }
  if (features.title && paragraphs[0] && has(BLOCK.title)) {
    scanWords(cache, BLOCK.title, paragraphs[0], false, contributions);
  }
  if (features.neighbours && paragraph !== undefined && has(BLOCK.neighbours)) {
    for (const q of [paragraphs[paragraph - 1], paragraphs[paragraph + 1]]) {
      if (q !== undefined && q.kind === 'body') scanWords(cache, BLOCK.neighbours, q, false, contributions);
    }
  }
  if (has(BLOCK.char)) {
    for (const p of own) scanChars(cache, p, features.charMin, features.charMax, contributions);
  }
  if (features.style && has(BLOCK.style)) scanStyle(article, own, contributions);
  const isTitle = hashString('is-title', BLOCK.title) & HASH_MASK;
  // Merged entries in first-seen order (a short list: a linear search beats keyed maps here).
  const merged: (Evidence & { weight: number })[] = [];
  const keys: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const order = sortedByWeight(contributions);
  for (const i of order) {
    const c = contributions[i]!;
    const name = foundName[i];
    if (name === undefined || foundEnd[i]! <= foundStart[i]!) {
      const feature =
        name ??
        (c.block === BLOCK.title && c.index === isTitle
          ? 'title:is-title'
          : `${blockName(c.block)}#${c.index}`);
      // A repeated name takes the later (weaker) weight but keeps its place, as a Map.set would.
      const at = keys.indexOf(feature);
      if (at >= 0) merged[at] = { feature, weight: c.weight };
      else {
        keys.push(feature);
        starts.push(-1);
        ends.push(-1);
        merged.push({ feature, weight: c.weight });
      }
      continue;
    }
    let start = foundStart[i]!;
    let end = foundEnd[i]!;
    while (start > 0 && WORD[text.charCodeAt(start - 1)] === 1) start--;
    while (end < text.length && WORD[text.charCodeAt(end)] === 1) end++;
    let at = -1;
    for (let e = 0; e < merged.length; e++) {
      if (starts[e] === start && ends[e] === end) {
        at = e;
        break;
      }
    }
    if (at >= 0) merged[at]!.weight += c.weight;
    else {
      keys.push('');
      starts.push(start);
      ends.push(end);
      merged.push({ feature: name, weight: c.weight, span: { start, end } });
    }
  }
  return merged
    .sort((a, b) => b.weight - a.weight)
    .slice(0, limit)
    .map((e) => ({ ...e, weight: round(e.weight) }));
}

/** Indexes of the contributions by weight, strongest first (stable). */
function sortedByWeight(contributions: readonly Contribution[]): number[] {
  const order = contributions.map((_, i) => i);
  let sorted = true;
  for (let i = 1; i < contributions.length && sorted; i++) {
    sorted = contributions[i - 1]!.weight >= contributions[i]!.weight;
  }
  return sorted ? order : order.sort((a, b) => contributions[b]!.weight - contributions[a]!.weight);
}

const BLOCK_NAMES = ['word', 'char', 'title', 'neighbour', 'style'];

function blockName(block: number): string {
  return BLOCK_NAMES[block] ?? `block${block}`;
}

const isSpace = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0xfeff || c === 0x200b;

/** A 1024-bit filter of the wanted hashed indexes of one scan: most occurrences fail it at once. */
const filter = new Uint32Array(32);
/** Contributions still wanted in the current scan. */
let wanted = new Int32Array(64);

/** Fills `wanted` and the filter with the unfound contributions of a block; returns how many. */
function want(contributions: readonly Contribution[], block: number): number {
  if (wanted.length < contributions.length) wanted = new Int32Array(2 * contributions.length);
  filter.fill(0);
  let w = 0;
  for (let i = 0; i < contributions.length; i++) {
    const c = contributions[i]!;
    if (c.block !== block || foundStart[i]! >= 0) continue;
    wanted[w++] = i;
    filter[(c.index >>> 5) & 31]! |= 1 << (c.index & 31);
  }
  return w;
}

/**
 * Marks the first occurrence of each wanted contribution among `count` occurrences; calls
 * `found(i, t)` for contribution i at occurrence t. Stops once every one is found.
 */
function firstOf(
  contributions: readonly Contribution[],
  w: number,
  index: Int32Array,
  count: number,
  found: (i: number, t: number) => void,
): void {
  let left = w;
  for (let t = 0; t < count && left > 0; t++) {
    const h = index[t]!;
    if ((filter[(h >>> 5) & 31]! & (1 << (h & 31))) === 0) continue;
    for (let q = 0; q < w; q++) {
      const i = wanted[q]!;
      if (i < 0 || contributions[i]!.index !== h) continue;
      found(i, t);
      wanted[q] = -1;
      left--;
    }
  }
}

function scanWords(
  cache: ArticleCache,
  block: number,
  p: Paragraph,
  bigrams: boolean,
  contributions: readonly Contribution[],
): void {
  const w = want(contributions, block);
  if (w === 0) return;
  const occ = wordOccurrences(cache, block, p, bigrams);
  const { text } = cache.article;
  const prefix = `${blockName(block)}:`;
  firstOf(contributions, w, occ.index, occ.count, (i, t) => {
    const start = occ.start[t]!;
    const end = occ.end[t]!;
    foundStart[i] = start;
    foundEnd[i] = end;
    foundName[i] = `${prefix}${text.slice(start, end)}`;
  });
}

/** Wanted char n-grams of a paragraph, first occurrence each, from its cached occurrences. */
function scanChars(
  cache: ArticleCache,
  p: Paragraph,
  min: number,
  max: number,
  contributions: readonly Contribution[],
): void {
  const w = want(contributions, BLOCK.char);
  if (w === 0) return;
  const occ = charOccurrences(cache, p, min, max);
  firstOf(contributions, w, occ.index, occ.count, (i, t) => {
    // The n-gram's code units: pushed codes [last − n + 1, last].
    const last = occ.last[t]!;
    let shown = '';
    for (let q = last - occ.n[t]! + 1; q <= last; q++) shown += String.fromCharCode(occ.codes[q]!);
    foundStart[i] = occ.start[t]!;
    foundEnd[i] = occ.end[t]!;
    foundName[i] = `char:${JSON.stringify(shown)}`;
  });
}

/**
 * Where the hashed features of a paragraph occur, in the order featurize produces them (so the
 * first match is the first occurrence): built once per article, block and paragraph, then shared
 * by every finding whose evidence needs them.
 */
interface Occurrences {
  count: number;
  index: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

interface CharOccurrences extends Occurrences {
  /** Pushed (folded) code units of the paragraph, spaces included, and per occurrence its last one and length. */
  codes: Int32Array;
  last: Int32Array;
  n: Uint8Array;
}

interface ArticleCache {
  article: Article;
  /** By block × 2 + bigrams, then paragraph. */
  words: (Occurrences | undefined)[][];
  /** By `min-max`, then paragraph. */
  chars: Map<number, (CharOccurrences | undefined)[]>;
}

const articleCaches = new RecentCache<Article, ArticleCache>();

function cacheOf(article: Article): ArticleCache {
  let c = articleCaches.get(article);
  if (!c) {
    c = { article, words: [], chars: new Map() };
    articleCaches.set(article, c);
  }
  return c;
}

/** Word unigrams (and bigrams) of block `block` in a paragraph, as featurize hashes them. */
function wordOccurrences(cache: ArticleCache, block: number, p: Paragraph, bigrams: boolean): Occurrences {
  const key = 2 * block + (bigrams ? 1 : 0);
  let byParagraph = cache.words[key];
  if (!byParagraph) {
    byParagraph = [];
    cache.words[key] = byParagraph;
  }
  let occ = byParagraph[p.index];
  if (occ) return occ;
  const tk = paragraphTokens(cache.article, p.index);
  const seed = block * 7919 + 1;
  const size = bigrams ? Math.max(0, 2 * tk.count - 1) : tk.count;
  const index = new Int32Array(size);
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  let n = 0;
  let prev = -1;
  for (let t = 0; t < tk.count; t++) {
    const s = tk.start[t]!;
    const e = tk.end[t]!;
    const h = hashString(tk.stems[t]!, seed);
    index[n] = h & HASH_MASK;
    start[n] = s;
    end[n] = e;
    n++;
    if (bigrams && prev !== -1) {
      index[n] = hashPair(prev, h, seed) & HASH_MASK;
      start[n] = tk.start[t - 1]!;
      end[n] = e;
      n++;
    }
    prev = h;
  }
  occ = { count: n, index, start, end };
  byParagraph[p.index] = occ;
  return occ;
}

/**
 * Char n-grams of a paragraph (mirrors addCharNgrams), with the span of their non-space code
 * units; n-grams made of spaces only are left out.
 */
function charOccurrences(cache: ArticleCache, p: Paragraph, min: number, max: number): CharOccurrences {
  const key = min * 256 + max;
  let byParagraph = cache.chars.get(key);
  if (!byParagraph) {
    byParagraph = [];
    cache.chars.set(key, byParagraph);
  }
  let occ = byParagraph[p.index];
  if (occ) return occ;
  const { text } = cache.article;
  const seed = BLOCK.char * 104729 + 17;
  // At most one pushed code per code unit, plus the two boundary spaces.
  const capacity = p.end - p.start + 2;
  const codes = new Int32Array(capacity);
  const at = new Int32Array(capacity);
  const size = capacity * Math.max(0, max - min + 1);
  const index = new Int32Array(size);
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  const last = new Int32Array(size);
  const ns = new Uint8Array(size);
  // The pushed code units first (mirrors addCharNgrams: whitespace runs collapsed to one space,
  // a space at both ends), then the n-grams ending at each.
  let pushed = 0;
  codes[pushed] = 32;
  at[pushed++] = -1;
  let lastSpace = true;
  for (let i = p.start; i < p.end; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      // Spaces stay out of spans: they are word boundaries.
      if (!lastSpace) {
        codes[pushed] = 32;
        at[pushed++] = -1;
      }
      lastSpace = true;
    } else {
      codes[pushed] = FOLD[c]!;
      at[pushed++] = i;
      lastSpace = false;
    }
  }
  if (!lastSpace) {
    codes[pushed] = 32;
    at[pushed++] = -1;
  }
  const h0 = fnvStart(seed);
  let count = 0;
  for (let k = 0; k < pushed; k++) {
    const filled = Math.min(k + 1, max);
    let h = h0;
    // Span of the n-gram's non-space units: the first and last pushed unit with a position.
    let s = -1;
    let e = -1;
    for (let n = 1; n <= filled; n++) {
      const q = k - n + 1;
      h = fnvStep(h, codes[q]!);
      const pos = at[q]!;
      if (pos >= 0) {
        s = pos;
        if (e < 0) e = pos + 1;
      }
      if (n < min || e < 0) continue;
      index[count] = mix(h ^ n) & HASH_MASK;
      start[count] = s;
      end[count] = e;
      last[count] = k;
      ns[count] = n;
      count++;
    }
  }
  occ = { count, index, start, end, codes, last, n: ns };
  byParagraph[p.index] = occ;
  return occ;
}

const PUNCTUATION: Record<string, (c: number) => boolean> = {
  exclamation: (c) => c === 33,
  question: (c) => c === 63,
  quotes: (c) => c === 34 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x201e,
};

const PUNCTUATION_NAMES = Object.keys(PUNCTUATION);

/** A style cue: its name, hashed index (as style.ts hashes it) and slot in styleSpans (−1: none). */
interface Cue {
  name: string;
  index: number;
  cue: number;
}

let cues: Cue[] | undefined;

function styleCues(): Cue[] {
  if (!cues) {
    const names = ['exclamation', 'question', 'quotes', 'upper-words', 'digits-per-100-chars'];
    for (let b = 0; b <= 12; b++) names.push(`length-bin-${b}`);
    for (const n of LEXICON_NAMES) names.push(`lex:${n}`, `lex-any:${n}`);
    cues = names.map((name) => {
      const lexName = name.replace(/^lex(-any)?:/, '');
      const bit = LEXICON_NAMES.indexOf(lexName as (typeof LEXICON_NAMES)[number]);
      const mark = PUNCTUATION_NAMES.indexOf(name);
      return {
        name,
        index: hashString(`style:${name}`, BLOCK.style) & HASH_MASK,
        cue: bit >= 0 ? bit : mark >= 0 ? LEXICON_NAMES.length + mark : -1,
      };
    });
  }
  return cues;
}

let cueByIndex: Map<number, Cue> | undefined;

/** Style cue names (as hashed by style.ts) → span of the first lexicon hit or punctuation mark. */
function scanStyle(
  article: Article,
  own: readonly Paragraph[],
  contributions: readonly Contribution[],
): void {
  if (!cueByIndex) {
    // Two names with one hashed index: the later one names it.
    cueByIndex = new Map();
    for (const c of styleCues()) cueByIndex.set(c.index, c);
  }
  for (let i = 0; i < contributions.length; i++) {
    const c = contributions[i]!;
    if (c.block !== BLOCK.style) continue;
    const found = cueByIndex.get(c.index);
    if (!found) continue;
    const { name, cue } = found;
    let start = 0;
    let end = 0;
    if (cue >= 0) {
      for (const p of own) {
        const at = styleSpans(article, p);
        if (at[2 * cue]! >= 0) {
          start = at[2 * cue]!;
          end = at[2 * cue + 1]!;
          break;
        }
      }
    }
    foundStart[i] = start;
    foundEnd[i] = end;
    foundName[i] = `style:${name}`;
  }
}

/**
 * First span of each style cue in a paragraph (start, end pairs; −1 when absent): the lexicons
 * in LEXICON_NAMES order, then the punctuation marks. One scan per paragraph, cached.
 */
function styleSpans(article: Article, p: Paragraph): Int32Array {
  let m = styleCache.get(article);
  if (!m) {
    m = new Map();
    styleCache.set(article, m);
  }
  let at = m.get(p.index);
  if (at) return at;
  const { text } = article;
  const lex = lexiconFor(article.language.code);
  const spans = new Int32Array(2 * (LEXICON_NAMES.length + PUNCTUATION_NAMES.length)).fill(-1);
  forEachToken(
    text,
    (start, end) => {
      const mask = lex.get(foldedToken(text, start, end)) ?? 0;
      if (mask === 0) return;
      for (let bit = 0; bit < LEXICON_NAMES.length; bit++) {
        if ((mask & (1 << bit)) !== 0 && spans[2 * bit]! < 0) {
          spans[2 * bit] = start;
          spans[2 * bit + 1] = end;
        }
      }
    },
    p.start,
    p.end,
  );
  PUNCTUATION_NAMES.forEach((name, k) => {
    const cue = LEXICON_NAMES.length + k;
    for (let i = p.start; i < p.end; i++) {
      if (PUNCTUATION[name]!(text.charCodeAt(i))) {
        spans[2 * cue] = i;
        spans[2 * cue + 1] = i + 1;
        break;
      }
    }
  });
  at = spans;
  m.set(p.index, at);
  return at;
}

const styleCache = new RecentCache<Article, Map<number, Int32Array>>();
