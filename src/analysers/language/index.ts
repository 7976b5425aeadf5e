import type { Article, Paragraph } from '../../article/article.ts';
import { detectLanguage, screenLanguage } from '../../article/language.ts';
import type { Analyser } from '../../pipeline/analyser.ts';
import type { Evidence, Finding } from '../../pipeline/finding.ts';

/** Paragraphs with fewer letters are too short to judge (eld is ~99.5% right from 40 letters on). */
export const MIN_SWITCH_LETTERS = 40;
/** A paragraph counts as another language only when identification is at least this sure. */
export const MIN_SWITCH_CONFIDENCE = 0.95;
/** Chunks judged per paragraph: a switch is a whole paragraph, three samples are enough. */
const PARAGRAPH_CHUNKS = 3;

const LETTER = /\p{L}/gu;

/**
 * The article's language (as decided at ingest: detected, declared or overridden), with the
 * runner-up candidates, and every paragraph confidently written in another language
 * (`language-switch`), such as an English quotation inside a French article.
 */
export const languageAnalyser: Analyser = {
  name: 'language',
  version: '1',
  description: 'Language of the article, and paragraphs written in another language',
  analyse(article: Article): Finding[] {
    const { language } = article;
    const findings: Finding[] = [
      {
        analyser: 'language',
        label: language.code,
        score: language.confidence,
        evidence: (language.alternatives ?? []).map(({ code, score }) => ({
          feature: `language:${code}`,
          weight: score,
          note: 'runner-up language',
        })),
        attributes: { method: language.method },
      },
    ];
    if (language.code === 'und') return findings;
    for (const paragraph of article.paragraphs) {
      const finding = languageSwitch(paragraph, language.code);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

function languageSwitch(paragraph: Paragraph, articleLanguage: string): Finding | undefined {
  if (!hasLetters(paragraph.text, MIN_SWITCH_LETTERS)) return undefined;
  // A paragraph whose opening reads as the article's language is not a switch (a switch needs a
  // near-unanimous vote of its chunks); most paragraphs stop at this one short eld call.
  if (screenLanguage(paragraph.text) === articleLanguage) return undefined;
  const guess = detectLanguage(paragraph.text, { maxChunks: PARAGRAPH_CHUNKS });
  if (guess.code === articleLanguage || guess.code === 'und') return undefined;
  if (guess.confidence < MIN_SWITCH_CONFIDENCE) return undefined;
  const evidence: Evidence[] = [
    { feature: `language:${guess.code}`, weight: guess.confidence, note: 'language of this paragraph' },
  ];
  for (const { code, score } of guess.alternatives ?? []) {
    evidence.push({ feature: `language:${code}`, weight: score, note: 'runner-up language' });
  }
  return {
    analyser: 'language',
    label: 'language-switch',
    score: guess.confidence,
    paragraph: paragraph.index,
    span: { start: paragraph.start, end: paragraph.end },
    evidence,
    attributes: { language: guess.code, articleLanguage },
  };
}

/** Whether `text` holds at least `count` letters; stops counting there. */
function hasLetters(text: string, count: number): boolean {
  if (text.length < count) return false;
  LETTER.lastIndex = 0;
  let seen = 0;
  while (seen < count && LETTER.exec(text) !== null) seen++;
  return seen === count;
}
