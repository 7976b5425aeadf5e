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
