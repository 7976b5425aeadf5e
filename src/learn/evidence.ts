/**
 * Evidence: hashed features mapped back to the text. No vocabulary is stored; the unit's text is
 * re-scanned with the hashing of featurize/features/style, and the first place where a wanted
 * hashed index occurs becomes the feature's span: word n-grams, character n-grams, title and
 * neighbour words, lexicon hits and punctuation cues.
 */
import type { Article, Paragraph } from '../article/article.ts';
import type { Evidence } from '../pipeline/finding.ts';
import { BLOCK, type FeatureConfig } from './featurize.ts';
import { fnvStart, fnvStep, HASH_MASK, hashPair, hashString, mix } from './hash.ts';
import type { Contribution } from './predict.ts';
import { stemmerFor } from './stem.ts';
import { LEXICON_NAMES, lexiconFor } from './style.ts';
import { FOLD, foldedToken, forEachToken, WORD } from './tokenize.ts';

interface Found {
  feature: string;
  start: number;
  end: number;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

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
  const found = new Map<string, Found>();
  const want = (block: number) => new Set(contributions.filter((c) => c.block === block).map((c) => c.index));
  const key = (block: number, index: number) => `${block}:${index}`;
  const scanWords = (block: number, ps: readonly Paragraph[], bigrams: boolean) => {
    const wanted = want(block);
    if (wanted.size === 0) return;
    for (const p of ps) {
      const occ = wordOccurrences(article, block, p, bigrams);
      for (const index of wanted) {
        const t = occ.first.get(index);
        const k = key(block, index);
        if (t === undefined || found.has(k)) continue;
        const start = occ.start[t]!;
        const end = occ.end[t]!;
        found.set(k, { feature: `${prefix(block)}${text.slice(start, end)}`, start, end });
      }
    }
  };
  scanWords(BLOCK.word, own, true);
  if (features.title && paragraphs[0]) scanWords(BLOCK.title, [paragraphs[0]], false);
  if (features.neighbours && paragraph !== undefined) {
    const near = [paragraphs[paragraph - 1], paragraphs[paragraph + 1]].filter(
      (q): q is Paragraph => q !== undefined && q.kind === 'body',
    );
    scanWords(BLOCK.neighbours, near, false);
  }
  const chars = want(BLOCK.char);
  if (chars.size > 0) {
    for (const p of own) scanChars(article, p, features, chars, found);
  }
  if (features.style) scanStyle(article, own, want(BLOCK.style), found);
  const isTitle = hashString('is-title', BLOCK.title) & HASH_MASK;
  const merged = new Map<string, Evidence & { weight: number }>();
  for (const c of [...contributions].sort((a, b) => b.weight - a.weight)) {
    const f = found.get(key(c.block, c.index));
    if (!f || f.end <= f.start) {
      const feature =
        f?.feature ??
        (c.block === BLOCK.title && c.index === isTitle
          ? 'title:is-title'
          : `${blockName(c.block)}#${c.index}`);
      merged.set(`f:${feature}`, { feature, weight: c.weight });
      continue;
    }
    let { start, end } = f;
    while (start > 0 && WORD[text.charCodeAt(start - 1)] === 1) start--;
    while (end < text.length && WORD[text.charCodeAt(end)] === 1) end++;
    const k = `s:${start}:${end}`;
    const seen = merged.get(k);
    if (seen) seen.weight += c.weight;
    else merged.set(k, { feature: f.feature, weight: c.weight, span: { start, end } });
  }
  return [...merged.values()]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, limit)
    .map((e) => ({ ...e, weight: round(e.weight) }));
}

function blockName(block: number): string {
  const names: Record<number, string> = { 0: 'word', 1: 'char', 2: 'title', 3: 'neighbour', 4: 'style' };
  return names[block] ?? `block${block}`;
}

function prefix(block: number): string {
  return `${blockName(block)}:`;
}

const isSpace = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0xfeff || c === 0x200b;

/** Wanted char n-grams of a paragraph, first occurrence each, from its cached occurrences. */
function scanChars(
  article: Article,
  p: Paragraph,
  features: FeatureConfig,
  wanted: ReadonlySet<number>,
  found: Map<string, Found>,
): void {
  const occ = charOccurrences(article, p, features.charMin, features.charMax);
  for (const index of wanted) {
    const t = occ.first.get(index);
    const k = `${BLOCK.char}:${index}`;
    if (t === undefined || found.has(k)) continue;
    // The n-gram's code units: pushed codes [last − n + 1, last].
    const last = occ.last[t]!;
    let shown = '';
    for (let q = last - occ.n[t]! + 1; q <= last; q++) shown += String.fromCharCode(occ.codes[q]!);
    found.set(k, { feature: `char:${JSON.stringify(shown)}`, start: occ.start[t]!, end: occ.end[t]! });
  }
}

/**
 * Where the hashed features of a paragraph occur, in the order featurize produces them: built
 * once per article, block and paragraph, then shared by every finding whose evidence needs them.
 */
interface Occurrences {
  /** Hashed index → its first occurrence. */
  first: Map<number, number>;
  start: Int32Array;
  end: Int32Array;
}

function firstOccurrences(index: readonly number[]): Map<number, number> {
  const first = new Map<number, number>();
  index.forEach((h, t) => {
    if (!first.has(h)) first.set(h, t);
  });
  return first;
}

interface CharOccurrences extends Occurrences {
  /** Pushed (folded) code units of the paragraph, spaces included, and per occurrence its last one and length. */
  codes: Int32Array;
  last: Int32Array;
  n: Uint8Array;
}

const occurrenceCache = new WeakMap<Article, Map<string, Occurrences>>();

function cached<T extends Occurrences>(article: Article, key: string, build: () => T): T {
  let m = occurrenceCache.get(article);
  if (!m) {
    m = new Map();
    occurrenceCache.set(article, m);
  }
  let o = m.get(key);
  if (!o) {
    o = build();
    m.set(key, o);
  }
  return o as T;
}

/** Word unigrams (and bigrams) of block `block` in a paragraph, as featurize hashes them. */
function wordOccurrences(article: Article, block: number, p: Paragraph, bigrams: boolean): Occurrences {
  return cached(article, `w:${block}:${p.index}:${bigrams}`, () => {
    const { text } = article;
    const stem = stemmerFor(article.language.code);
    const seed = block * 7919 + 1;
    const index: number[] = [];
    const start: number[] = [];
    const end: number[] = [];
    let prev = -1;
    let prevStart = 0;
    forEachToken(
      text,
      (s, e) => {
        const h = hashString(stem(foldedToken(text, s, e)), seed);
        index.push(h & HASH_MASK);
        start.push(s);
        end.push(e);
        if (bigrams && prev !== -1) {
          index.push(hashPair(prev, h, seed) & HASH_MASK);
          start.push(prevStart);
          end.push(e);
        }
        prev = h;
        prevStart = s;
      },
      p.start,
      p.end,
    );
    return { first: firstOccurrences(index), start: Int32Array.from(start), end: Int32Array.from(end) };
  });
}

/**
 * Char n-grams of a paragraph (mirrors addCharNgrams), with the span of their non-space code
 * units; n-grams made of spaces only are left out.
 */
function charOccurrences(article: Article, p: Paragraph, min: number, max: number): CharOccurrences {
  return cached(article, `c:${min}-${max}:${p.index}`, () => {
    const { text } = article;
    const seed = BLOCK.char * 104729 + 17;
    const codes: number[] = [];
    const at: number[] = [];
    const index: number[] = [];
    const start: number[] = [];
    const end: number[] = [];
    const last: number[] = [];
    const ns: number[] = [];
    const push = (code: number, pos: number): void => {
      codes.push(code);
      at.push(pos);
      const k = codes.length - 1;
      const filled = Math.min(codes.length, max);
      let h = fnvStart(seed);
      for (let n = 1; n <= filled; n++) {
        h = fnvStep(h, codes[k - n + 1]!);
        if (n < min) continue;
        let s = Number.POSITIVE_INFINITY;
        let e = -1;
        for (let q = k - n + 1; q <= k; q++) {
          if (at[q]! < 0) continue;
          s = Math.min(s, at[q]!);
          e = Math.max(e, at[q]! + 1);
        }
        if (e <= s) continue;
        index.push(mix(h ^ n) & HASH_MASK);
        start.push(s);
        end.push(e);
        last.push(k);
        ns.push(n);
      }
    };
    push(32, -1);
    let lastSpace = true;
    for (let i = p.start; i < p.end; i++) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        if (!lastSpace) push(32, -1); // spaces stay out of spans: they are word boundaries
        lastSpace = true;
      } else {
        push(FOLD[c]!, i);
        lastSpace = false;
      }
    }
    if (!lastSpace) push(32, -1);
    return {
      first: firstOccurrences(index),
      start: Int32Array.from(start),
      end: Int32Array.from(end),
      codes: Int32Array.from(codes),
      last: Int32Array.from(last),
      n: Uint8Array.from(ns),
    };
  });
}

const PUNCTUATION: Record<string, (c: number) => boolean> = {
  exclamation: (c) => c === 33,
  question: (c) => c === 63,
  quotes: (c) => c === 34 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x201e,
};

let cues: { name: string; index: number }[] | undefined;

/** Every style cue name with its hashed index (as style.ts hashes them). */
function styleCues(): { name: string; index: number }[] {
  if (!cues) {
    const names = ['exclamation', 'question', 'quotes', 'upper-words', 'digits-per-100-chars'];
    for (let b = 0; b <= 12; b++) names.push(`length-bin-${b}`);
    for (const n of LEXICON_NAMES) names.push(`lex:${n}`, `lex-any:${n}`);
    cues = names.map((name) => ({ name, index: hashString(`style:${name}`, BLOCK.style) & HASH_MASK }));
  }
  return cues;
}

/** Style cue names (as hashed by style.ts) → span of the first lexicon hit or punctuation mark. */
function scanStyle(
  article: Article,
  own: readonly Paragraph[],
  wanted: ReadonlySet<number>,
  found: Map<string, Found>,
): void {
  if (wanted.size === 0) return;
  for (const { name, index } of styleCues()) {
    if (!wanted.has(index)) continue;
    let span: { start: number; end: number } | undefined;
    const lexName = name.replace(/^lex(-any)?:/, '');
    const bit = LEXICON_NAMES.indexOf(lexName as (typeof LEXICON_NAMES)[number]);
    const mark = PUNCTUATION_NAMES.indexOf(name);
    const cue = bit >= 0 ? bit : mark >= 0 ? LEXICON_NAMES.length + mark : -1;
    if (cue >= 0) {
      for (const p of own) {
        const at = styleSpans(article, p);
        if (at[2 * cue]! >= 0) {
          span = { start: at[2 * cue]!, end: at[2 * cue + 1]! };
          break;
        }
      }
    }
    found.set(`${BLOCK.style}:${index}`, {
      feature: `style:${name}`,
      start: span?.start ?? 0,
      end: span?.end ?? 0,
    });
  }
}

const PUNCTUATION_NAMES = Object.keys(PUNCTUATION);

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

const styleCache = new WeakMap<Article, Map<number, Int32Array>>();
