/**
 * From token probabilities to character spans, and from gold spans to token labels. Spans
 * always start at a token's first character and end at a token's last one, so predictions are
 * snapped to word boundaries; gold spans that start or end inside a word (common in the
 * non-English data) label the tokens whose middle they cover.
 */
import type { ParagraphTokens } from './tokens.ts';

export interface TokenSpan {
  /** First and last token (inclusive). */
  first: number;
  last: number;
  start: number;
  end: number;
  /** Mean token probability. */
  score: number;
  /** No token reached the threshold: this is only the best-scoring region. */
  belowThreshold: boolean;
}

/** 1 for the tokens whose middle lies inside one of the spans. */
export function insideTokens(
  tokens: ParagraphTokens,
  spans: readonly { start: number; end: number }[],
): Uint8Array {
  const inside = new Uint8Array(tokens.n);
  for (let i = 0; i < tokens.n; i++) {
    const mid = (tokens.starts[i]! + tokens.ends[i]!) / 2;
    for (const s of spans) {
      if (mid >= s.start && mid < s.end) {
        inside[i] = 1;
        break;
      }
    }
  }
  return inside;
}

/**
 * The contiguous run of tokens maximising Σ (p − threshold) (Kadane's algorithm): it takes in
 * every token above the threshold that the region can reach without crossing a stretch of
 * weaker tokens worth more than what lies beyond. Always returns a span when there are tokens.
 */
export function bestSpan(tokens: ParagraphTokens, p: Float32Array, threshold: number): TokenSpan | undefined {
  if (tokens.n === 0) return undefined;
  let best = -Infinity;
  let bestFirst = 0;
  let bestLast = 0;
  let run = 0;
  let runFirst = 0;
  let top = 0;
  for (let i = 0; i < tokens.n; i++) {
    const v = p[i]! - threshold;
    if (run <= 0) {
      run = v;
      runFirst = i;
    } else run += v;
    if (run > best) {
      best = run;
      bestFirst = runFirst;
      bestLast = i;
    }
    top = Math.max(top, p[i]!);
  }
  let sum = 0;
  for (let i = bestFirst; i <= bestLast; i++) sum += p[i]!;
  return {
    first: bestFirst,
    last: bestLast,
    start: tokens.starts[bestFirst]!,
    end: tokens.ends[bestLast]!,
    score: sum / (bestLast - bestFirst + 1),
    belowThreshold: top < threshold,
  };
}

/** How token probabilities become spans of one technique in one paragraph. */
export interface DecodeParams {
  /** Tokens at or above this probability pull a span outwards (Kadane's offset). */
  threshold: number;
  /**
   * A further span of the same technique is kept when its confidence — the paragraph's probability
   * of the technique (1 for a reported technique) times the span's strongest token probability —
   * reaches this (above 1: one span only). Gold paragraphs often hold several spans of one technique.
   */
  extra: number;
  /** At most this many spans per technique and paragraph. */
  maxSpans: number;
  /**
   * For a technique the paragraph classifier did not report: its spans are shown when the
   * paragraph's probability of it times the span's strongest token probability reaches this
   * (absent: never).
   */
  add?: number;
}

/** The contiguous run of allowed tokens maximising Σ (p − threshold); undefined when none is allowed. */
function bestRun(
  p: Float32Array,
  threshold: number,
  allowed: Uint8Array,
): { first: number; last: number } | undefined {
  let best = -Infinity;
  let found: { first: number; last: number } | undefined;
  let run = 0;
  let runFirst = -1;
  for (let i = 0; i < p.length; i++) {
    if (allowed[i] === 0) {
      runFirst = -1;
      continue;
    }
    const v = p[i]! - threshold;
    if (runFirst < 0 || run <= 0) {
      run = v;
      runFirst = i;
    } else run += v;
    if (run > best) {
      best = run;
      found = { first: runFirst, last: i };
    }
  }
  return found;
}

/**
 * The best span (always, as `bestSpan`), then further confident ones: the best run among the
 * tokens not yet used nor touching a chosen span, kept while `prior` × its strongest token
 * reaches `params.extra`. `prior` is the paragraph's probability of the technique (1 when the
 * technique is known to be there). Spans come best first.
 */
export function decodeSpans(
  tokens: ParagraphTokens,
  p: Float32Array,
  params: DecodeParams,
  prior = 1,
): TokenSpan[] {
  const first = bestSpan(tokens, p, params.threshold);
  if (!first) return [];
  const out = [first];
  if (params.extra > 1) return out;
  const allowed = new Uint8Array(tokens.n).fill(1);
  const block = (s: { first: number; last: number }): void => {
    allowed.fill(0, Math.max(0, s.first - 1), Math.min(tokens.n, s.last + 2));
  };
  block(first);
  while (out.length < params.maxSpans) {
    const run = bestRun(p, params.threshold, allowed);
    if (!run) break;
    let top = 0;
    let sum = 0;
    for (let i = run.first; i <= run.last; i++) {
      top = Math.max(top, p[i]!);
      sum += p[i]!;
    }
    if (prior * top < params.extra) break;
    out.push({
      first: run.first,
      last: run.last,
      start: tokens.starts[run.first]!,
      end: tokens.ends[run.last]!,
      score: sum / (run.last - run.first + 1),
      belowThreshold: false,
    });
    block(run);
  }
  return out;
}

/**
 * Spans of a technique the paragraph classifier did not report: none is forced, each span is kept
 * only when `prior` × its strongest token probability reaches `params.add`.
 */
export function decodeUnreported(
  tokens: ParagraphTokens,
  p: Float32Array,
  params: DecodeParams,
  prior: number,
): TokenSpan[] {
  if (params.add === undefined) return [];
  const add = params.add;
  return decodeSpans(tokens, p, params, prior).filter((s) => {
    let top = 0;
    for (let i = s.first; i <= s.last; i++) top = Math.max(top, p[i]!);
    return prior * top >= add;
  });
}

/** Decoding parameters of a model: one set per technique that has its own, `base` for the rest. */
export interface Decoding {
  base: DecodeParams;
  byTechnique: Readonly<Record<string, DecodeParams>>;
}

export function paramsFor(decoding: Decoding, technique: string): DecodeParams {
  return decoding.byTechnique[technique] ?? decoding.base;
}
