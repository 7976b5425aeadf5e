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
  const lang = article.language.code;
  const found = new Map<string, Found>();
  const want = (block: number) => new Set(contributions.filter((c) => c.block === block).map((c) => c.index));
  const key = (block: number, index: number) => `${block}:${index}`;
  const scanWords = (block: number, ps: readonly Paragraph[], bigrams: boolean) => {
    const wanted = want(block);
    if (wanted.size === 0) return;
    const stem = stemmerFor(lang);
    const seed = block * 7919 + 1;
    for (const p of ps) {
      let prev = -1;
      let prevStart = 0;
      forEachToken(
        text,
        (start, end) => {
          const h = hashString(stem(foldedToken(text, start, end)), seed);
          const uni = h & HASH_MASK;
          if (wanted.has(uni) && !found.has(key(block, uni))) {
            found.set(key(block, uni), { feature: `${prefix(block)}${text.slice(start, end)}`, start, end });
          }
          if (bigrams && prev !== -1) {
            const bi = hashPair(prev, h, seed) & HASH_MASK;
            if (wanted.has(bi) && !found.has(key(block, bi))) {
              found.set(key(block, bi), {
                feature: `${prefix(block)}${text.slice(prevStart, end)}`,
                start: prevStart,
                end,
              });
            }
          }
          prev = h;
          prevStart = start;
        },
        p.start,
        p.end,
      );
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
    for (const p of own) scanChars(text, p, features, chars, found);
  }
  if (features.style) scanStyle(text, own, lang, want(BLOCK.style), found);
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

/** Mirrors addCharNgrams, remembering where each pushed code unit came from (−1: a space). */
function scanChars(
  text: string,
  p: Paragraph,
  features: FeatureConfig,
  wanted: ReadonlySet<number>,
  found: Map<string, Found>,
): void {
  const { charMin: min, charMax: max } = features;
  const seed = BLOCK.char * 104729 + 17;
  const codes = new Int32Array(max);
  const at = new Int32Array(max);
  let filled = 0;
  const push = (code: number, pos: number): void => {
    for (let k = Math.min(filled, max - 1); k > 0; k--) {
      codes[k] = codes[k - 1]!;
      at[k] = at[k - 1]!;
    }
    codes[0] = code;
    at[0] = pos;
    if (filled < max) filled++;
    let h = fnvStart(seed);
    for (let n = 1; n <= filled; n++) {
      h = fnvStep(h, codes[n - 1]!);
      if (n < min) continue;
      const index = mix(h ^ n) & HASH_MASK;
      const k = `${BLOCK.char}:${index}`;
      if (!wanted.has(index) || found.has(k)) continue;
      let start = Number.POSITIVE_INFINITY;
      let end = -1;
      for (let q = 0; q < n; q++) {
        if (at[q]! < 0) continue;
        start = Math.min(start, at[q]!);
        end = Math.max(end, at[q]! + 1);
      }
      let shown = '';
      for (let q = n - 1; q >= 0; q--) shown += String.fromCharCode(codes[q]!);
      if (end > start) found.set(k, { feature: `char:${JSON.stringify(shown)}`, start, end });
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
}

const PUNCTUATION: Record<string, (c: number) => boolean> = {
  exclamation: (c) => c === 33,
  question: (c) => c === 63,
  quotes: (c) => c === 34 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x201e,
};

/** Style cue names (as hashed by style.ts) → span of the first lexicon hit or punctuation mark. */
function scanStyle(
  text: string,
  own: readonly Paragraph[],
  lang: string,
  wanted: ReadonlySet<number>,
  found: Map<string, Found>,
): void {
  if (wanted.size === 0) return;
  const names = ['exclamation', 'question', 'quotes', 'upper-words', 'digits-per-100-chars'];
  for (let b = 0; b <= 12; b++) names.push(`length-bin-${b}`);
  for (const n of LEXICON_NAMES) names.push(`lex:${n}`, `lex-any:${n}`);
  const lex = lexiconFor(lang);
  for (const name of names) {
    const index = hashString(`style:${name}`, BLOCK.style) & HASH_MASK;
    if (!wanted.has(index)) continue;
    const k = `${BLOCK.style}:${index}`;
    let span: { start: number; end: number } | undefined;
    const lexName = name.replace(/^lex(-any)?:/, '');
    const bit = LEXICON_NAMES.indexOf(lexName as (typeof LEXICON_NAMES)[number]);
    for (const p of own) {
      if (span) break;
      if (bit >= 0) {
        forEachToken(
          text,
          (start, end) => {
            if (!span && ((lex.get(foldedToken(text, start, end)) ?? 0) & (1 << bit)) !== 0)
              span = { start, end };
          },
          p.start,
          p.end,
        );
      } else if (PUNCTUATION[name]) {
        for (let i = p.start; i < p.end && !span; i++)
          if (PUNCTUATION[name](text.charCodeAt(i))) span = { start: i, end: i + 1 };
      }
    }
    found.set(k, { feature: `style:${name}`, start: span?.start ?? 0, end: span?.end ?? 0 });
  }
}
