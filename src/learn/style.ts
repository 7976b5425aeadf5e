/**
 * Style and lexicon cues: punctuation, capitals, quotes, digits, length, and per-language word
 * lists (pronouns, intensifiers, hedges, insults, us-vs-them markers, attribution verbs) loaded
 * from `lexicons/<lang>/*.txt`. Values are rates, added to one block that is L2-normalised.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paragraph } from '../article/article.ts';
import type { FeatureSink } from './features.ts';
import { hashString } from './hash.ts';
import { foldedToken, forEachToken, UPPER } from './tokenize.ts';

export const LEXICON_NAMES = [
  'first-person-singular',
  'first-person-plural',
  'second-person',
  'intensifiers',
  'hedges',
  'insults',
  'us-vs-them',
  'attribution',
] as const;

const LEXICON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lexicons');

/** Folded word → lexicon bitmask, per language (loaded once). */
const lexicons = new Map<string, Map<string, number>>();

export function lexiconFor(lang: string): Map<string, number> {
  let m = lexicons.get(lang);
  if (m) return m;
  m = new Map();
  LEXICON_NAMES.forEach((name, bit) => {
    const path = join(LEXICON_DIR, lang, `${name}.txt`);
    if (!existsSync(path)) return;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const w = line.trim();
      if (w === '' || w.startsWith('#')) continue;
      const key = foldedToken(w, 0, w.length);
      m!.set(key, (m!.get(key) ?? 0) | (1 << bit));
    }
  });
  lexicons.set(lang, m);
  return m;
}

const FEATURE_HASH = new Map<string, number>();
function fh(name: string, block: number): number {
  const key = `${block}:${name}`;
  let h = FEATURE_HASH.get(key);
  if (h === undefined) {
    h = hashString(`style:${name}`, block);
    FEATURE_HASH.set(key, h);
  }
  return h;
}

/**
 * Adds style cues of the given paragraphs of `text`. Punctuation and lexicon cues say where they
 * first occur (the first mark, the first word of the lexicon), for evidence.
 */
export function addStyleFeatures(
  out: FeatureSink,
  block: number,
  text: string,
  paragraphs: readonly Paragraph[],
  lang: string,
): void {
  const lex = lexiconFor(lang);
  let chars = 0;
  let words = 0;
  let exclam = 0;
  let question = 0;
  let quotes = 0;
  let upperWords = 0;
  let digits = 0;
  const lexCounts = new Float64Array(LEXICON_NAMES.length);
  // First place of each lexicon (start, end pairs), then of `!`, `?` and quotes (start only).
  const first = new Int32Array(2 * LEXICON_NAMES.length + 3).fill(-1);
  const marks = 2 * LEXICON_NAMES.length;
  for (const p of paragraphs) {
    chars += p.end - p.start;
    for (let i = p.start; i < p.end; i++) {
      const c = text.charCodeAt(i);
      if (c === 33) {
        if (exclam++ === 0) first[marks] = i;
      } else if (c === 63) {
        if (question++ === 0) first[marks + 1] = i;
      } else if (c === 34 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x201e) {
        if (quotes++ === 0) first[marks + 2] = i;
      } else if (c >= 48 && c <= 57) digits++;
    }
    forEachToken(
      text,
      (s, e) => {
        words++;
        if (e - s >= 3) {
          let upper = true;
          for (let i = s; i < e && upper; i++) upper = UPPER[text.charCodeAt(i)] === 1;
          if (upper) upperWords++;
        }
        const mask = lex.get(foldedToken(text, s, e));
        if (!mask) return;
        for (let b = 0; b < LEXICON_NAMES.length; b++) {
          if ((mask & (1 << b)) === 0) continue;
          if (lexCounts[b] === 0) {
            first[2 * b] = s;
            first[2 * b + 1] = e;
          }
          lexCounts[b]!++;
        }
      },
      p.start,
      p.end,
    );
  }
  const per100 = words > 0 ? 100 / words : 0;
  const add = (name: string, v: number, start = -1, end = -1) => {
    if (v !== 0) out.add(block, fh(name, block), v, start, end);
  };
  const mark = (name: string, count: number, cap: number, at: number) =>
    add(name, Math.min(count, cap), at, at < 0 ? -1 : at + 1);
  mark('exclamation', exclam, 3, first[marks]!);
  mark('question', question, 3, first[marks + 1]!);
  mark('quotes', quotes, 4, first[marks + 2]!);
  add('upper-words', Math.min(upperWords * per100, 10) / 2);
  add('digits-per-100-chars', chars > 0 ? Math.min((digits * 100) / chars, 10) / 2 : 0);
  add(`length-bin-${Math.min(Math.floor(Math.log2(1 + words)), 12)}`, 1);
  LEXICON_NAMES.forEach((name, b) => {
    const start = first[2 * b]!;
    const end = first[2 * b + 1]!;
    add(`lex:${name}`, Math.min(lexCounts[b]! * per100, 10) / 2, start, end);
    if (lexCounts[b]! > 0) add(`lex-any:${name}`, 1, start, end);
  });
}
