/**
 * Turns article units (a whole article, or one paragraph with its context) into raw hashed
 * features. Blocks: word n-grams and char n-grams of the unit itself, words of the title,
 * words of the neighbouring paragraphs, style/lexicon cues, and language-tagged copies for
 * multilingual models.
 */
import type { Article } from '../article/article.ts';
import {
  addTextFeatures,
  type BlockWeighting,
  type RawRows,
  RawRowsBuilder,
  type TextFeatureOptions,
} from './features.ts';
import { addGenreCues } from './genre-cues.ts';
import { hashString } from './hash.ts';
import { stemmerFor } from './stem.ts';
import { addStyleFeatures } from './style.ts';
import { foldedToken, forEachToken } from './tokenize.ts';

export const BLOCK = {
  word: 0,
  char: 1,
  title: 2,
  neighbours: 3,
  style: 4,
  language: 5,
  langWords: 6,
  genre: 7,
  article: 8,
} as const;

export interface FeatureConfig {
  charMin: number;
  charMax: number;
  /** Words of the title (paragraph units) as their own block. */
  title: boolean;
  /** Words of the previous and next paragraphs (paragraph units). */
  neighbours: boolean;
  style: boolean;
  /** A language indicator feature (multilingual models: a per-language bias). */
  language?: boolean;
  /** Word unigrams tagged with the language, beside the shared word block (multilingual models). */
  langWords?: boolean;
  /** Article-level genre cues (article units only): agencies, datelines, section words, length. */
  genre?: boolean;
  /** Words of the whole article (paragraph units): the topic and tone the paragraph sits in. */
  articleWords?: boolean;
  weights: {
    word: number;
    char: number;
    title: number;
    neighbours: number;
    style: number;
    language?: number;
    langWords?: number;
    genre?: number;
    article?: number;
  };
}

export const BASELINE_FEATURES: FeatureConfig = {
  charMin: 2,
  charMax: 5,
  title: false,
  neighbours: false,
  style: false,
  weights: { word: 1, char: 1, title: 0.3, neighbours: 0.3, style: 0.5 },
};

/** Block weighting for a feature configuration (index = block id). */
export function blockWeighting(c: FeatureConfig): BlockWeighting[] {
  const tfidf = (weight: number): BlockWeighting => ({ sublinear: true, idf: true, normalize: true, weight });
  return [
    tfidf(c.weights.word),
    tfidf(c.weights.char),
    tfidf(c.weights.title),
    tfidf(c.weights.neighbours),
    { sublinear: false, idf: false, normalize: true, weight: c.weights.style },
    { sublinear: false, idf: false, normalize: false, weight: c.weights.language ?? 0.5 },
    tfidf(c.weights.langWords ?? 0.5),
    { sublinear: false, idf: false, normalize: true, weight: c.weights.genre ?? 0.5 },
    tfidf(c.weights.article ?? 0.3),
  ];
}

/** A unit: an article (paragraph undefined) or one paragraph of it (index into `paragraphs`). */
export interface Unit {
  article: Article;
  paragraph?: number;
}

/** Raw features of units, in order. */
export function featurize(units: readonly Unit[], config: FeatureConfig): RawRows {
  const out = new RawRowsBuilder();
  for (const u of units) {
    addUnit(out, u, config);
    out.endRow();
  }
  return out.build();
}

function addUnit(out: RawRowsBuilder, u: Unit, c: FeatureConfig): void {
  const lang = u.article.language.code;
  if (c.language) out.add(BLOCK.language, hashString(`lang:${lang}`, BLOCK.language));
  const tagged = {
    stem: stemmerFor(lang),
    wordBlock: BLOCK.langWords,
    charBlock: -1,
    charMin: 0,
    charMax: 0,
    bigrams: false,
  };
  const stem = stemmerFor(lang);
  const text = u.article.text;
  const paragraphs = u.article.paragraphs;
  const main = {
    stem,
    wordBlock: BLOCK.word,
    charBlock: BLOCK.char,
    charMin: c.charMin,
    charMax: c.charMax,
    bigrams: true,
  };
  const wordsOnly = (block: number) => ({
    stem,
    wordBlock: block,
    charBlock: -1,
    charMin: 0,
    charMax: 0,
    bigrams: false,
  });
  if (u.paragraph === undefined) {
    for (const p of paragraphs) addTextFeatures(out, text, main, p.start, p.end);
    if (c.langWords) for (const p of paragraphs) addTaggedWords(out, text, tagged, lang, p.start, p.end);
    if (c.title && paragraphs[0])
      addTextFeatures(out, text, wordsOnly(BLOCK.title), paragraphs[0].start, paragraphs[0].end);
    if (c.style) addStyleFeatures(out, BLOCK.style, text, paragraphs, lang);
    if (c.genre) addGenreCues(out, BLOCK.genre, u.article);
    return;
  }
  const p = paragraphs[u.paragraph];
  if (!p) return;
  addTextFeatures(out, text, main, p.start, p.end);
  if (c.langWords) addTaggedWords(out, text, tagged, lang, p.start, p.end);
  if (c.title && u.paragraph > 0 && paragraphs[0]) {
    addTextFeatures(out, text, wordsOnly(BLOCK.title), paragraphs[0].start, paragraphs[0].end);
  }
  if (c.title && u.paragraph === 0) out.add(BLOCK.title, hashString('is-title', BLOCK.title));
  if (c.neighbours) {
    for (const q of [paragraphs[u.paragraph - 1], paragraphs[u.paragraph + 1]]) {
      if (q && q.kind === 'body') addTextFeatures(out, text, wordsOnly(BLOCK.neighbours), q.start, q.end);
    }
  }
  if (c.style) addStyleFeatures(out, BLOCK.style, text, [p], lang);
  if (c.articleWords) {
    for (const q of paragraphs) addTextFeatures(out, text, wordsOnly(BLOCK.article), q.start, q.end);
  }
}

/** Word unigrams hashed with a language-specific seed, so each language gets its own weights. */
function addTaggedWords(
  out: RawRowsBuilder,
  text: string,
  opts: TextFeatureOptions,
  lang: string,
  from: number,
  to: number,
): void {
  const seed = hashString(lang, BLOCK.langWords) & 0xffff;
  forEachToken(
    text,
    (start, end) => out.add(opts.wordBlock, hashString(opts.stem(foldedToken(text, start, end)), seed)),
    from,
    to,
  );
}
