/**
 * Article-level genre cues (taxonomy.md, section 1): agency credits and datelines point to
 * reporting, section words (Opinion, Kommentar, Мнение...) in the title or the first lines to
 * opinion; questions and exclamations in the title, article length and paragraph count help
 * separate short satire pieces. Cue lists live in `lexicons/common/genre-cues.json`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../article/article.ts';
import type { FeatureSink } from './features.ts';
import { hashString } from './hash.ts';
import { foldedToken, forEachToken } from './tokenize.ts';

interface CueLists {
  agencies: string[];
  sections: string[];
}

const LEXICON = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'lexicons',
  'common',
  'genre-cues.json',
);

/** Cue phrases as space-joined folded tokens (so "Agence France-Presse" matches "agence france presse"). */
let cues: { agencies: Set<string>; sections: Set<string> } | undefined;

function foldedWords(text: string, from = 0, to = text.length): string[] {
  const out: string[] = [];
  forEachToken(text, (s, e) => out.push(foldedToken(text, s, e)), from, to);
  return out;
}

function loadCues(): { agencies: Set<string>; sections: Set<string> } {
  if (cues) return cues;
  const lists = JSON.parse(readFileSync(LEXICON, 'utf8')) as CueLists;
  const norm = (xs: string[]) => new Set(xs.map((x) => foldedWords(x).join(' ')));
  cues = { agencies: norm(lists.agencies), sections: norm(lists.sections) };
  return cues;
}

/** Number of cue phrases (1 to 3 words) among `words`. */
export function countCues(words: readonly string[], set: ReadonlySet<string>): number {
  let n = 0;
  for (let i = 0; i < words.length; i++) {
    let phrase = '';
    for (let len = 1; len <= 3 && i + len <= words.length; len++) {
      phrase = len === 1 ? words[i]! : `${phrase} ${words[i + len - 1]}`;
      if (set.has(phrase)) n++;
    }
  }
  return n;
}

// "PARIS (AFP) -", "BERLIN, 3. Mai -", "WASHINGTON —": a capitalised place, then a dash early on.
const DATELINE = /^\s*[\p{Lu}][\p{Lu}\p{L} .'’-]{1,40}(?:,[^–—-]{0,30})?(?:\s*\([^)]{1,30}\))?\s*[–—-]\s/u;

function bin(x: number): number {
  return Math.min(Math.floor(Math.log2(1 + x)), 15);
}

/** Adds the genre cues of an article to the current row of `out`. */
export function addGenreCues(out: FeatureSink, block: number, article: Article): void {
  const { agencies, sections } = loadCues();
  const add = (name: string, v = 1) => out.add(block, hashString(`genre:${name}`, block), v);
  const text = article.text;
  const paragraphs = article.paragraphs;
  const title = paragraphs[0];
  const body = paragraphs.filter((p) => p.kind === 'body');
  const first = body[0];
  const last = body[body.length - 1];
  const head = [title, first].filter((p) => p !== undefined);
  const headWords = head.flatMap((p) => foldedWords(text, p.start, p.end).slice(0, 12));
  if (countCues(headWords, sections) > 0) add('section-word-in-head');
  const edges = [first, last].filter((p) => p !== undefined);
  const edgeWords = edges.flatMap((p) => foldedWords(text, p.start, p.end));
  if (countCues(edgeWords, agencies) > 0) add('agency-at-edges');
  const allWords = foldedWords(text);
  const agencyCount = countCues(allWords, agencies);
  if (agencyCount > 0) add('agency-anywhere');
  if (first && DATELINE.test(text.slice(first.start, Math.min(first.end, first.start + 80)))) add('dateline');
  if (title) {
    const t = text.slice(title.start, title.end);
    if (t.includes('?')) add('title-question');
    if (t.includes('!')) add('title-exclamation');
    if (t.includes(':')) add('title-colon');
    if (/["«»“”„]/.test(t)) add('title-quote');
  }
  let q = 0;
  let e = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 63) q++;
    else if (c === 33) e++;
  }
  if (q > 0) add('has-question');
  if (e > 0) add('has-exclamation');
  add(`paragraphs-${bin(body.length)}`);
  add(`words-${bin(allWords.length)}`);
}
