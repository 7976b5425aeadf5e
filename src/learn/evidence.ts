/**
 * Evidence: hashed features mapped back to the text. No vocabulary is stored; the feature
 * extractors say where each word n-gram, char n-gram, punctuation and lexicon cue occurs, and
 * prediction keeps the first place per feature of a unit (slots.ts): that place is the feature's
 * span and, with the text, its name. Nothing is scanned twice.
 */
import type { Article } from '../article/article.ts';
import type { Evidence } from '../pipeline/finding.ts';
import { EDGE_LEAD, EDGE_TRAIL } from './features.ts';
import { BLOCK } from './featurize.ts';
import { HASH_MASK, hashString } from './hash.ts';
import type { Contribution } from './predict.ts';
import { LEXICON_NAMES } from './style.ts';
import { FOLD, WORD } from './tokenize.ts';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Where each contribution was found (parallel to the contributions; start −1 = not found). */
let foundStart = new Int32Array(64);
let foundEnd = new Int32Array(64);
const foundName: (string | undefined)[] = [];

/**
 * Evidence entries for contributions of a unit of `article`: spans widened to whole words,
 * features landing on the same words merged (weights summed, named after the strongest), the
 * `limit` strongest kept.
 */
export function evidenceOf(article: Article, contributions: readonly Contribution[], limit = 6): Evidence[] {
  const { text } = article;
  const m = contributions.length;
  if (foundStart.length < m) {
    foundStart = new Int32Array(2 * m);
    foundEnd = new Int32Array(2 * m);
  }
  foundStart.fill(-1, 0, m);
  foundName.length = 0;
  for (let i = 0; i < m; i++) {
    const c = contributions[i]!;
    if (c.block === BLOCK.style) {
      const name = styleCueName(c.index);
      if (name === undefined) continue;
      // A cue without a place (a rate, a length bin) is named without a span.
      foundStart[i] = Math.max(c.start, 0);
      foundEnd[i] = c.start >= 0 ? c.end : 0;
      foundName[i] = `style:${name}`;
    } else if (c.start >= 0) {
      foundStart[i] = c.start;
      foundEnd[i] = c.end;
      foundName[i] =
        c.block === BLOCK.char
          ? `char:${JSON.stringify(shownChars(text, c.start, c.end, c.edges))}`
          : `${blockName(c.block)}:${text.slice(c.start, c.end)}`;
    }
  }
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

let cueNames: Map<number, string> | undefined;

/** The style cue (as style.ts names and hashes it) of a hashed index of the style block. */
function styleCueName(index: number): string | undefined {
  if (!cueNames) {
    const names = ['exclamation', 'question', 'quotes', 'upper-words', 'digits-per-100-chars'];
    for (let b = 0; b <= 12; b++) names.push(`length-bin-${b}`);
    for (const n of LEXICON_NAMES) names.push(`lex:${n}`, `lex-any:${n}`);
    // Two names with one hashed index: the later one names it.
    cueNames = new Map(names.map((name) => [hashString(`style:${name}`, BLOCK.style) & HASH_MASK, name]));
  }
  return cueNames.get(index);
}
