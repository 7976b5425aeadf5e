import { eld } from 'eld/small';
import type { LanguageGuess } from './article.ts';
import { eldLanguage } from './eld-language.ts';

/**
 * Language identification with eld's small n-gram database. Measured on SemEval sentences in six
 * languages and our own es/el/ka samples: small, medium and large are equally right on sentences
 * (99.6-99.8%) and long texts (100%), large gains ~1 point on 3-word snippets; small loads in
 * ~0.4 s with ~150 MB RSS, medium ~1 s / ~195 MB, large ~2 s / ~395 MB. Extra-small (~87 MB) loses
 * up to 5 points on 3-word snippets.
 *
 * eld reads only the first ~350 bytes of its input, so a long text is judged on several chunks
 * spread over it; their votes give the language and how much the text agrees with itself.
 */

/** Characters per chunk: about what eld reads of a Latin-script text. */
const CHUNK = 300;
/**
 * At most this many chunks per text, spread evenly: bounded time on long articles. Four chunks
 * (about 1,200 characters) give the same code as eight on all 1,251 SemEval training articles
 * of the six languages (confidence within 0.1 on all but 2) and take half the time (each eld call is ~0.1 ms, and the article's language is decided on every
 * request the server gets).
 */
const MAX_CHUNKS = 4;
/** Letters at and above which the amount of text no longer caps the confidence. */
const FULL_LETTERS = 40;

const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\w{2,}/giu;
/** Tokens with digits (dates, codes, amounts) carry no language. */
const WITH_DIGITS = /\S*\d\S*/gu;
const LETTERS = /\p{L}+/gu;
const DIGIT = /\d/;

/**
 * Chance that eld is right on one chunk, a logistic fit on (log letters, margin between the two
 * best scores, eld's own reliability flag) over 98,000 snippets of 1 to 100 words in six languages.
 */
function chunkProbability(letters: number, margin: number, reliable: boolean): number {
  const logit = -1.28 + 0.82 * Math.log(letters) + 15.1 * Math.min(margin, 0.4) + (reliable ? 0.19 : 0);
  return 1 / (1 + Math.exp(-logit));
}

export interface DetectOptions {
  /** Judge at most this many chunks of the text (default 8): fewer is faster, less robust. */
  maxChunks?: number;
}

interface ChunkVote {
  code: string;
  letters: number;
  probability: number;
  scores: Record<string, number>;
}

/**
 * Identifies the language of a text (ISO 639-1) with a confidence in 0..1: about the chance the
 * code is right, lowered when the text is short (one word stays well under 0.5) or mixes languages.
 * A text without letters is `und` with confidence 0.
 */
export function detectLanguage(text: string, options: DetectOptions = {}): LanguageGuess {
  const votes: ChunkVote[] = [];
  for (const raw of chunksOf(text, options.maxChunks ?? MAX_CHUNKS)) {
    const chunk = withoutNonWords(raw);
    const letters = countLetters(chunk);
    if (letters === 0) continue;
    const result = eld.detect(chunk);
    if (!result.language) continue;
    const scores = result.getScores();
    const ranked = Object.values(scores);
    const best = ranked[0] ?? 0;
    const margin = best > 0 ? (best - (ranked[1] ?? 0)) / best : 0;
    const probability = chunkProbability(letters, margin, result.isReliable());
    votes.push({ code: result.language, letters, probability, scores });
  }
  if (votes.length === 0) return { code: 'und', confidence: 0, method: 'detected' };

  const totals = new Map<string, number>();
  let letters = 0;
  for (const vote of votes) {
    letters += vote.letters;
    for (const [code, score] of Object.entries(vote.scores)) {
      totals.set(code, (totals.get(code) ?? 0) + score * vote.letters);
    }
  }
  const ranked = [...totals].map(([code, total]) => ({ code, score: total / letters }));
  ranked.sort((a, b) => b.score - a.score);
  const code = ranked[0]!.code;

  let agreeing = 0;
  let allWrong = 1;
  for (const vote of votes) {
    if (vote.code !== code) continue;
    agreeing += vote.letters;
    allWrong *= 1 - vote.probability;
  }
  const agreement = agreeing / letters;
  const amount = Math.min(1, letters / FULL_LETTERS) ** 0.75;
  const confidence = agreement * (1 - allWrong) * amount;
  return {
    code,
    confidence: round(confidence),
    method: 'detected',
    alternatives: ranked.slice(1, 4).map((alternative) => ({
      code: alternative.code,
      score: round(alternative.score),
    })),
  };
}

/**
 * The language eld reads in the opening `chars` characters of a text (cut at whitespace), or
 * `und`: a cheap screen (one short eld call, no scores, no confidence) for callers that only
 * need to know whether a text plainly is in an expected language.
 */
export function screenLanguage(text: string, chars = 160): string {
  let end = Math.min(text.length, chars);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > chars / 2) end = space;
  }
  const chunk = withoutNonWords(text.slice(0, end));
  return eldLanguage(chunk) || 'und';
}

/** URLs, e-mail addresses and tokens with digits removed; the regexes run only when they can match. */
function withoutNonWords(text: string): string {
  let out = text;
  if (out.includes('://') || out.includes('www.') || out.includes('@')) out = out.replace(URL_OR_EMAIL, ' ');
  if (DIGIT.test(out)) out = out.replace(WITH_DIGITS, ' ');
  return out;
}

/** Up to `maxChunks` pieces of about CHUNK characters, spread evenly, cut at whitespace. */
function chunksOf(text: string, maxChunks: number): string[] {
  const trimmed = text.trim();
  if (trimmed.length <= CHUNK * 1.5 || maxChunks <= 1) return [trimmed.slice(0, CHUNK * 2)];
  const count = Math.min(maxChunks, Math.ceil(trimmed.length / CHUNK));
  const stride = (trimmed.length - CHUNK) / (count - 1);
  const chunks: string[] = [];
  for (let i = 0; i < count; i++) {
    let start = Math.round(i * stride);
    if (start > 0) {
      const space = trimmed.indexOf(' ', start);
      start = space === -1 ? start : space + 1;
    }
    let end = Math.min(trimmed.length, start + CHUNK);
    const space = end < trimmed.length ? trimmed.lastIndexOf(' ', end) : -1;
    if (space > start) end = space;
    chunks.push(trimmed.slice(start, end));
  }
  return chunks;
}

/** Letters (code points) of `text`, counted by runs so that no array of single letters is built. */
function countLetters(text: string): number {
  let count = 0;
  LETTERS.lastIndex = 0;
  for (let m = LETTERS.exec(text); m !== null; m = LETTERS.exec(text)) {
    const run = m[0];
    count += run.length;
    // An astral letter is two UTF-16 units but one letter.
    for (let i = 0; i < run.length; i++) if ((run.charCodeAt(i) & 0xfc00) === 0xdc00) count--;
  }
  return count;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
