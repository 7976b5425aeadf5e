/**
 * The span model of one language: a token tagger (tagger.ts) trained only on paragraphs whose
 * gold spans contain the technique. It answers "where in this paragraph is technique t?";
 * whether t is there at all is the paragraph classifier's job (the `techniques` analyser),
 * which gates decoding. Training on gold-positive paragraphs conditions the tagger exactly the
 * way it is used, and needs no out-of-fold paragraph scores.
 */
import type { Article } from '../../article/article.ts';
import type { SpanLabel } from '../../eval/semeval-format.ts';
import { TECHNIQUES } from '../labels.ts';
import { stemmerFor } from '../stem.ts';
import { lexiconFor } from '../style.ts';
import {
  type Decoding,
  decodeSpans,
  decodeUnreported,
  insideTokens,
  paramsFor,
  type TokenSpan,
} from './decode.ts';
import {
  DEFAULT_TAGGER,
  type TaggerOptions,
  type TagInstance,
  type TokenTagger,
  tokenProbabilities,
  trainTagger,
} from './tagger.ts';
import { type ParagraphTokens, paragraphTokens } from './tokens.ts';

/** Decoding of a freshly trained model (cross-validation tunes it: docs/evaluation-spans.md). */
export const DEFAULT_DECODE: Decoding = { base: { threshold: 0.1, extra: 2, maxSpans: 1 }, byTechnique: {} };

export interface SpanModel {
  language: string;
  /** Technique names, in the tagger's technique order. */
  techniques: readonly string[];
  tagger: TokenTagger;
  decode: Decoding;
}

/** Tokens of every paragraph of an article (index = paragraph index). */
export function articleTokens(article: Article, language = article.language.code): ParagraphTokens[] {
  return article.paragraphs.map((_, i) => tokensOfParagraph(article, i, language));
}

/** Tokens of one paragraph of an article. */
export function tokensOfParagraph(
  article: Article,
  index: number,
  language = article.language.code,
): ParagraphTokens {
  return paragraphTokens(
    article.text,
    article.paragraphs[index]!,
    stemmerFor(language),
    lexiconFor(language),
  );
}

/** Training sequences of one article: one per (paragraph, technique with a gold span in it). */
export function articleInstances(
  article: Article,
  spans: readonly SpanLabel[],
  tokens: readonly ParagraphTokens[],
): TagInstance[] {
  const out: TagInstance[] = [];
  article.paragraphs.forEach((p, pi) => {
    const tok = tokens[pi]!;
    TECHNIQUES.forEach((technique, t) => {
      const mine = spans.filter((s) => s.technique === technique && s.end > p.start && s.start < p.end);
      if (mine.length === 0) return;
      const inside = insideTokens(tok, mine);
      if (inside.includes(1)) out.push({ tokens: tok, technique: t, inside });
    });
  });
  return out;
}

export interface TrainingArticle {
  article: Article;
  spans: readonly SpanLabel[];
}

export function trainSpanModel(
  language: string,
  articles: readonly TrainingArticle[],
  options: TaggerOptions = DEFAULT_TAGGER,
): SpanModel {
  const instances: TagInstance[] = [];
  for (const a of articles) {
    for (const x of articleInstances(a.article, a.spans, articleTokens(a.article, language)))
      instances.push(x);
  }
  return {
    language,
    techniques: TECHNIQUES,
    tagger: trainTagger(instances, options),
    decode: DEFAULT_DECODE,
  };
}

export interface PredictedSpan {
  technique: string;
  start: number;
  end: number;
  /** Mean probability of the span's tokens being inside a span of the technique. */
  score: number;
  /** No token reached the model's threshold: only the best-scoring region. */
  belowThreshold: boolean;
  /** First and last token of the span in the paragraph's tokens. */
  first: number;
  last: number;
  /** Token probabilities of the whole paragraph (with `keepProbabilities`), for evidence. */
  probabilities?: Float32Array;
}

/**
 * The spans of each given technique in one paragraph, best first (the first one always, further
 * confident ones as `decode` allows); techniques the model lacks are skipped.
 */
export function predictSpans(
  model: SpanModel,
  tokens: ParagraphTokens,
  techniques: readonly string[],
  keepProbabilities = false,
  decode: Decoding = model.decode,
): PredictedSpan[] {
  return decodeEach(model, tokens, techniques, keepProbabilities, (p, technique) =>
    decodeSpans(tokens, p, paramsFor(decode, technique)),
  );
}

/**
 * Spans of techniques the paragraph classifier did not report, given their paragraph
 * probabilities: only spans confident enough for the decoding's `add` cut, none forced; a model
 * whose decoding has no `add` shows none.
 */
export function predictUnreportedSpans(
  model: SpanModel,
  tokens: ParagraphTokens,
  probabilities: ReadonlyMap<string, number>,
  keepProbabilities = false,
): PredictedSpan[] {
  // prior × token probability ≥ add needs prior ≥ add: skip the tagger for the others.
  const worth = [...probabilities].filter(([t, prior]) => prior >= (paramsFor(model.decode, t).add ?? 2));
  return decodeEach(
    model,
    tokens,
    worth.map(([t]) => t),
    keepProbabilities,
    (p, technique) =>
      decodeUnreported(tokens, p, paramsFor(model.decode, technique), probabilities.get(technique)!),
  );
}

function decodeEach(
  model: SpanModel,
  tokens: ParagraphTokens,
  techniques: readonly string[],
  keepProbabilities: boolean,
  decode: (p: Float32Array, technique: string) => TokenSpan[],
): PredictedSpan[] {
  const out: PredictedSpan[] = [];
  for (const technique of techniques) {
    const t = model.techniques.indexOf(technique);
    if (t < 0) continue;
    const p = tokenProbabilities(model.tagger, tokens, t);
    for (const span of decode(p, technique))
      out.push({
        ...(keepProbabilities ? { probabilities: p } : {}),
        technique,
        start: span.start,
        end: span.end,
        score: span.score,
        belowThreshold: span.belowThreshold,
        first: span.first,
        last: span.last,
      });
  }
  return out;
}
