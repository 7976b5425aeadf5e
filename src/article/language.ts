import { eld } from 'eld/small';
import type { LanguageGuess } from './article.ts';

/** How much text language identification looks at: enough to be sure, bounded for speed. */
const SAMPLE_CHARS = 4000;

/**
 * Identifies the language of a text (ISO 639-1), with a confidence in 0..1 derived from the
 * margin between the best and the second-best candidate and from the amount of text.
 */
export function detectLanguage(text: string): LanguageGuess {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const result = eld.detect(sample);
  const ranked = Object.entries(result.getScores())
    .map(([code, score]) => ({ code, score }))
    .sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (!result.language || !best) return { code: 'und', confidence: 0, method: 'detected' };
  const second = ranked[1]?.score ?? 0;
  const margin = best.score > 0 ? (best.score - second) / best.score : 0;
  const lengthFactor = Math.min(1, sample.replace(/\s+/g, '').length / 60);
  const confidence = Math.min(1, (0.35 + 2 * margin) * lengthFactor) * (result.isReliable() ? 1 : 0.5);
  return {
    code: result.language,
    confidence: Math.round(confidence * 1000) / 1000,
    method: 'detected',
    alternatives: ranked
      .slice(1, 4)
      .map(({ code, score }) => ({ code, score: Math.round(score * 1000) / 1000 })),
  };
}
