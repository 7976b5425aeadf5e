/**
 * Turns article units (a whole article, or one paragraph with its context) into raw hashed
 * features. Blocks: word n-grams and char n-grams of the unit itself, words of the title,
 * words of the neighbouring paragraphs, style/lexicon cues, and language-tagged copies for
 * multilingual models.
 */
import type { Article } from '../article/article.ts';
import {
  addCharNgrams,
  addTextFeatures,
  type BlockWeighting,
  type FeatureSink,
  type RawRows,
  RawRowsBuilder,
  type TextFeatureOptions,
} from './features.ts';
import { addGenreCues } from './genre-cues.ts';
import { hashPair, hashString } from './hash.ts';
import { RecentCache } from './recent.ts';
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
  /** Char n-gram lengths of the `main` piece; charMax 0 = no char n-grams at all. */
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
  featurizeInto(out, units, config);
  return out.build();
}

/** Adds the features of each unit to `out`, one row per unit. */
export function featurizeInto(
  out: FeatureSink & { endRow(): void },
  units: readonly Unit[],
  config: FeatureConfig,
): void {
  for (const u of units) {
    for (const piece of unitPieces(u, config)) addPiece(out, u.article, piece, config);
    out.endRow();
  }
}

/**
 * A unit's features are the concatenation of pieces, each one extractor over one stretch of the
 * article. Prediction computes each piece of an article once and merges them per unit (a
 * paragraph's word and char n-grams serve its own row, the article rows and, as neighbour words,
 * the rows next to it), so training and prediction share this one definition.
 */
export type Piece =
  | { kind: 'language' }
  /** Word 1-2-grams and char n-grams of a paragraph. */
  | { kind: 'main'; paragraph: number }
  | { kind: 'tagged'; paragraph: number }
  /** Title words (block `title`), or the `is-title` marker of the title's own row. */
  | { kind: 'title' }
  | { kind: 'is-title' }
  | { kind: 'neighbour'; paragraph: number }
  /** Style cues of one paragraph, or of the whole article (`paragraph` undefined). */
  | { kind: 'style'; paragraph?: number }
  | { kind: 'genre' }
  | { kind: 'article-words' };

/** The pieces of a unit, in the order their features are added. */
export function unitPieces(u: Unit, c: FeatureConfig): Piece[] {
  const paragraphs = u.article.paragraphs;
  const out: Piece[] = [];
  if (c.language) out.push({ kind: 'language' });
  if (u.paragraph === undefined) {
    for (const p of paragraphs) out.push({ kind: 'main', paragraph: p.index });
    if (c.langWords) for (const p of paragraphs) out.push({ kind: 'tagged', paragraph: p.index });
    if (c.title && paragraphs[0]) out.push({ kind: 'title' });
    if (c.style) out.push({ kind: 'style' });
    if (c.genre) out.push({ kind: 'genre' });
    return out;
  }
  const i = u.paragraph;
  if (!paragraphs[i]) return out;
  out.push({ kind: 'main', paragraph: i });
  if (c.langWords) out.push({ kind: 'tagged', paragraph: i });
  if (c.title && i > 0 && paragraphs[0]) out.push({ kind: 'title' });
  if (c.title && i === 0) out.push({ kind: 'is-title' });
  if (c.neighbours) {
    for (const q of [i - 1, i + 1]) {
      if (paragraphs[q]?.kind === 'body') out.push({ kind: 'neighbour', paragraph: q });
    }
  }
  if (c.style) out.push({ kind: 'style', paragraph: i });
  if (c.articleWords) out.push({ kind: 'article-words' });
  return out;
}

/** A string naming a piece's content (pieces with one key have the same features). */
export function pieceKey(piece: Piece, c: FeatureConfig): string {
  switch (piece.kind) {
    case 'main':
      return `main:${piece.paragraph}:${c.charMin}-${c.charMax}`;
    case 'tagged':
    case 'neighbour':
      return `${piece.kind}:${piece.paragraph}`;
    case 'style':
      return `style:${piece.paragraph ?? 'all'}`;
    default:
      return piece.kind;
  }
}

/** A paragraph's word tokens (offsets) and their stems. */
export interface ParagraphTokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  stems: string[];
}

const tokenCache = new RecentCache<Article, (ParagraphTokens | undefined)[]>();

/**
 * The tokens of paragraph `index`, folded and stemmed once per article: a paragraph's words serve
 * its own row, its neighbours' rows, the title block and evidence.
 */
export function paragraphTokens(article: Article, index: number): ParagraphTokens {
  let byParagraph = tokenCache.get(article);
  if (!byParagraph) {
    byParagraph = [];
    tokenCache.set(article, byParagraph);
  }
  let tk = byParagraph[index];
  if (tk) return tk;
  const { text } = article;
  const p = article.paragraphs[index]!;
  const stem = stemmerFor(article.language.code);
  const start: number[] = [];
  const end: number[] = [];
  const stems: string[] = [];
  forEachToken(
    text,
    (s, e) => {
      start.push(s);
      end.push(e);
      stems.push(stem(foldedToken(text, s, e)));
    },
    p.start,
    p.end,
  );
  tk = { count: stems.length, start: Int32Array.from(start), end: Int32Array.from(end), stems };
  byParagraph[index] = tk;
  return tk;
}

/** Word unigrams (and bigrams) of a paragraph's tokens, hashed as addTextFeatures hashes them. */
function addWords(out: FeatureSink, tk: ParagraphTokens, block: number, bigrams: boolean): void {
  const seed = block * 7919 + 1;
  const { start, end } = tk;
  let prev = -1;
  for (let t = 0; t < tk.count; t++) {
    const h = hashString(tk.stems[t]!, seed);
    out.add(block, h, 1, start[t]!, end[t]!);
    if (bigrams && prev !== -1) out.add(block, hashPair(prev, h, seed), 1, start[t - 1]!, end[t]!);
    prev = h;
  }
}

/** Adds the features of one piece. */
export function addPiece(out: FeatureSink, article: Article, piece: Piece, c: FeatureConfig): void {
  const lang = article.language.code;
  const stem = stemmerFor(lang);
  const { text, paragraphs } = article;
  const wordsOnly = (block: number): TextFeatureOptions => ({
    stem,
    wordBlock: block,
    charBlock: -1,
    charMin: 0,
    charMax: 0,
    bigrams: false,
  });
  switch (piece.kind) {
    case 'language':
      out.add(BLOCK.language, hashString(`lang:${lang}`, BLOCK.language));
      return;
    case 'main': {
      const p = paragraphs[piece.paragraph]!;
      addWords(out, paragraphTokens(article, piece.paragraph), BLOCK.word, true);
      addCharNgrams(out, text, BLOCK.char, c.charMin, c.charMax, p.start, p.end);
      return;
    }
    case 'tagged': {
      const p = paragraphs[piece.paragraph]!;
      addTaggedWords(out, text, wordsOnly(BLOCK.langWords), lang, p.start, p.end);
      return;
    }
    case 'title':
      addWords(out, paragraphTokens(article, 0), BLOCK.title, false);
      return;
    case 'is-title':
      out.add(BLOCK.title, hashString('is-title', BLOCK.title));
      return;
    case 'neighbour':
      addWords(out, paragraphTokens(article, piece.paragraph), BLOCK.neighbours, false);
      return;
    case 'style': {
      const own = piece.paragraph === undefined ? paragraphs : [paragraphs[piece.paragraph]!];
      addStyleFeatures(out, BLOCK.style, text, own, lang);
      return;
    }
    case 'genre':
      addGenreCues(out, BLOCK.genre, article);
      return;
    case 'article-words':
      for (const q of paragraphs) addTextFeatures(out, text, wordsOnly(BLOCK.article), q.start, q.end);
      return;
  }
}

/** Word unigrams hashed with a language-specific seed, so each language gets its own weights. */
function addTaggedWords(
  out: FeatureSink,
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
