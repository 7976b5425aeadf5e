import type { Article, Paragraph } from '../../article/article.ts';
import { type Sentence, sentencesOf } from '../../article/segment.ts';
import type { Analyser } from '../../pipeline/analyser.ts';
import type { Evidence, Finding, Span } from '../../pipeline/finding.ts';
import { type BoilerplateMatch, matchBoilerplate } from './boilerplate.ts';
import { type Group, groupRepeats } from './groups.ts';
import { type Normalised, normalise } from './normalize.ts';

/** Shorter passages repeat by chance ("He said no.") and are not worth flagging. */
const MIN_SENTENCE_WORDS = 4;
const MIN_SENTENCE_CHARS = 20;
/** Paragraphs may be shorter: a three-word headline pasted again is still a repetition. */
const MIN_PARAGRAPH_WORDS = 3;
const MIN_PARAGRAPH_CHARS = 15;
/** Other occurrences listed as evidence of each one. */
const MAX_EVIDENCE = 3;

interface Passage extends Span {
  paragraph: number;
  text: Normalised;
}

/**
 * Passages repeated inside one article, verbatim or nearly so (a headline pasted three times, a
 * paragraph repeated with a word changed, a slogan closing every paragraph): one finding per
 * occurrence, `repeated-paragraph` or `repeated-sentence`. Also flags boilerplate lines, which are
 * not prose (photo credits, "read more" links, ad labels, share calls, bare URLs).
 */
export const repetitionAnalyser: Analyser = {
  name: 'repetition',
  version: '1',
  description: 'Sentences and paragraphs repeated inside the article; boilerplate lines that are not prose',
  analyse(article: Article): Finding[] {
    const findings: Finding[] = [];
    const skipped = new Set<number>();
    for (const paragraph of article.paragraphs) {
      if (paragraph.kind !== 'body') continue;
      const match = matchBoilerplate(paragraph);
      if (!match) continue;
      findings.push(boilerplateFinding(paragraph, match));
      if (match.whole) skipped.add(paragraph.index);
    }

    const paragraphs = article.paragraphs
      .filter((p) => !skipped.has(p.index))
      .map((p) => passage(p.index, p, p.text))
      .filter((p) => long(p, MIN_PARAGRAPH_WORDS, MIN_PARAGRAPH_CHARS));
    const paragraphGroups = groupRepeats(paragraphs.map((p) => p.text));
    const paragraphGroup = new Map<number, number>();
    paragraphGroups.forEach((group, g) => {
      for (const i of group.members) paragraphGroup.set(paragraphs[i]!.paragraph, g);
    });

    const sentences = sentencesOf(article)
      .filter((s) => !skipped.has(s.paragraph))
      .map((s: Sentence) => passage(s.paragraph, s, article.text.slice(s.start, s.end)))
      .filter((s) => long(s, MIN_SENTENCE_WORDS, MIN_SENTENCE_CHARS));
    // A sentence repeated only because its whole paragraph is repeated says nothing new.
    const sentenceGroups = groupRepeats(sentences.map((s) => s.text)).filter((group) => {
      const owners = new Set(group.members.map((i) => paragraphGroup.get(sentences[i]!.paragraph)));
      return owners.size > 1 || owners.has(undefined);
    });

    let groupId = 0;
    for (const group of paragraphGroups) {
      findings.push(...occurrences('repeated-paragraph', ++groupId, group, paragraphs, article));
    }
    for (const group of sentenceGroups) {
      findings.push(...occurrences('repeated-sentence', ++groupId, group, sentences, article));
    }
    return findings;
  },
};

function passage(paragraph: number, span: Span, text: string): Passage {
  return { paragraph, start: span.start, end: span.end, text: normalise(text) };
}

function long(p: Passage, minWords: number, minChars: number): boolean {
  return p.text.words.length >= minWords && p.text.key.length >= minChars;
}

function occurrences(
  label: string,
  group: number,
  { members, similarity }: Group,
  passages: readonly Passage[],
  article: Article,
): Finding[] {
  return members.map((member, k) => {
    const own = passages[member]!;
    const evidence: Evidence[] = members
      .filter((other) => other !== member)
      .slice(0, MAX_EVIDENCE)
      .map((other) => {
        const { start, end, paragraph } = passages[other]!;
        return {
          feature: 'same-as',
          span: { start, end },
          note: `also at line ${lineOf(article, paragraph)}`,
        };
      });
    const exact = members.every((other) => passages[other]!.text.key === own.text.key);
    return {
      analyser: 'repetition',
      label,
      score: similarity[k]!,
      paragraph: own.paragraph,
      span: { start: own.start, end: own.end },
      evidence,
      attributes: {
        group,
        occurrence: k + 1,
        occurrences: members.length,
        similarity: similarity[k]!,
        exact,
      },
    };
  });
}

function boilerplateFinding(paragraph: Paragraph, match: BoilerplateMatch): Finding {
  return {
    analyser: 'repetition',
    label: 'boilerplate',
    score: match.pattern.score,
    paragraph: paragraph.index,
    span: match.span,
    evidence: [{ feature: `boilerplate:${match.pattern.name}`, span: match.span, note: match.pattern.note }],
    attributes: { pattern: match.pattern.name, wholeParagraph: match.whole },
  };
}

function lineOf(article: Article, paragraph: number): number {
  return article.paragraphs[paragraph]?.line ?? paragraph + 1;
}
