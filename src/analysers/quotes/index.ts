import type { Analyser } from '../../pipeline/analyser.ts';
import type { Evidence, Finding, Span } from '../../pipeline/finding.ts';
import { type DetectedQuote, detectQuotes } from './detect.ts';

export const QUOTES_ANALYSER = 'quotes';

/** Scores: an attributed direct quote is near certain; an indirect one rests on a verb pattern. */
const SCORES = { direct: 0.95, directUnattributed: 0.85, directUnclosed: 0.6, indirect: 0.7 } as const;

/**
 * Quotes and speakers: direct quotes in every common quotation-mark style (nested, running over
 * paragraphs) and indirect speech introduced by reporting verbs, each attributed to its speaker
 * when the text names one (before or after the quote, or in the adjacent sentence).
 */
export const quotesAnalyser: Analyser = {
  name: QUOTES_ANALYSER,
  version: '1.0.0',
  description: 'Direct and indirect quotes with their speakers (fr, en, de, it, pl, ru).',
  analyse(article) {
    return detectQuotes(article).map((quote) => toFinding(quote, article.text));
  },
};

function toFinding(quote: DetectedQuote, text: string): Finding {
  const marks = quote.marks;
  const finding: Finding = {
    analyser: QUOTES_ANALYSER,
    label: quote.kind === 'direct' ? 'direct-quote' : 'indirect-quote',
    score: score(quote),
    paragraph: quote.paragraph,
    span: quote.span,
    attributes: {
      speaker: quote.speaker?.text ?? null,
      speakerStart: quote.speaker?.start ?? null,
      speakerEnd: quote.speaker?.end ?? null,
      attributed: quote.speaker !== null,
      cue: quote.cue?.text ?? null,
      via: quote.via,
      pronoun: quote.pronoun,
      depth: marks?.depth ?? 0,
      fragment: quote.kind === 'direct' && isFragment(text.slice(quote.span.start, quote.span.end)),
      lastParagraph: quote.lastParagraph,
      openMark: marks ? text.slice(marks.openStart, marks.openEnd) : null,
      openStart: marks?.openStart ?? null,
      closeMark:
        marks?.closeStart != null ? text.slice(marks.closeStart, marks.closeEnd ?? marks.closeStart) : null,
      closeStart: marks?.closeStart ?? null,
      closeEnd: marks?.closeEnd ?? null,
    },
  };
  const evidence: Evidence[] = [];
  if (quote.cue) {
    evidence.push({
      feature: `cue:${quote.cue.text.toLowerCase()}`,
      span: { start: quote.cue.start, end: quote.cue.end },
    });
  }
  if (quote.speaker) {
    const speaker: Evidence = {
      feature: `speaker:${quote.via}`,
      span: { start: quote.speaker.start, end: quote.speaker.end },
    };
    if (quote.pronoun) speaker.note = `“${quote.pronoun}” refers to ${quote.speaker.text}`;
    evidence.push(speaker);
  }
  if (evidence.length > 0) finding.evidence = evidence;
  return finding;
}

/**
 * A few quoted words that are not a sentence (`« mensonges grossiers »`, “sanctuary cities”): a
 * partial quote, a scare quote or a title, rather than a quoted statement.
 */
function isFragment(words: string): boolean {
  return words.split(/[\s\u00a0]+/).length <= 4 && !/[.!?…]["»”“]?$/.test(words);
}

function score(quote: DetectedQuote): number {
  if (quote.kind === 'indirect') return SCORES.indirect;
  if (quote.marks?.closeStart == null) return SCORES.directUnclosed;
  return quote.speaker ? SCORES.direct : SCORES.directUnattributed;
}

/**
 * Whether a span lies inside a quote found by this analyser: someone else's words, not the
 * author's. Reports use it to mark persuasion findings as quoted. Indirect quotes count too, since
 * they report what someone said; pass `directOnly` to count only words inside quotation marks.
 */
export function isQuoted(findings: readonly Finding[], span: Span, directOnly = false): boolean {
  return findings.some(
    (f) =>
      f.analyser === QUOTES_ANALYSER &&
      f.span !== undefined &&
      (f.label === 'direct-quote' || (!directOnly && f.label === 'indirect-quote')) &&
      f.span.start <= span.start &&
      span.end <= f.span.end,
  );
}
