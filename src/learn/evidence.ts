/**
 * Evidence: hashed features mapped back to the text. No vocabulary is stored; prediction keeps
 * the first place where each word or char n-gram of a unit occurs (slots.ts), which becomes the
 * feature's span and name: word n-grams, character n-grams, title and neighbour words. Style
 * cues are found by scanning the unit for the first lexicon hit or punctuation mark.
 */
import type { Article, Paragraph } from '../article/article.ts';
import type { Evidence } from '../pipeline/finding.ts';
import { EDGE_LEAD, EDGE_TRAIL } from './features.ts';
import { BLOCK, type FeatureConfig } from './featurize.ts';
import { HASH_MASK, hashString } from './hash.ts';
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
  let style = false;
  for (let i = 0; i < m; i++) {
    const c = contributions[i]!;
    if (c.block === BLOCK.style) style = true;
    else if (c.start >= 0 && PLACED[c.block] === 1) {
      foundStart[i] = c.start;
      foundEnd[i] = c.end;
      foundName[i] =
        c.block === BLOCK.char
          ? `char:${JSON.stringify(shownChars(text, c.start, c.end, c.edges))}`
          : `${blockName(c.block)}:${text.slice(c.start, c.end)}`;
    }
  }
  if (features.style && style) scanStyle(article, own, contributions);
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

/** Blocks whose features carry their place in the text (words and char n-grams). */
const PLACED = Uint8Array.from({ length: 16 }, (_, b) =>
  b === BLOCK.word || b === BLOCK.char || b === BLOCK.title || b === BLOCK.neighbours ? 1 : 0,
);

/**
 * A char n-gram as featurize hashed it: the folded code units of its span with whitespace runs
 * collapsed to one space, and the space before or after it when the n-gram includes one.
 */
function shownChars(text: string, start: number, end: number, edges: number): string {
  let shown = (edges & EDGE_LEAD) !== 0 ? ' ' : '';
  let space = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (!space) shown += ' ';
      space = true;
    } else {
      shown += String.fromCharCode(FOLD[c]!);
      space = false;
    }
  }
  return (edges & EDGE_TRAIL) !== 0 ? `${shown} ` : shown;
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
