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

    // Sentences first: each paragraph's comparison key is then put together from its sentences'.
    const allSentences = sentencesOf(article)
      .filter((s) => !skipped.has(s.paragraph))
      .map((s: Sentence) => passage(s.paragraph, s, normalise(article.text.slice(s.start, s.end))));
    const sentencesByParagraph = byParagraph(allSentences);
    const paragraphs = article.paragraphs
      .filter((p) => !skipped.has(p.index))
      .map((p) => passage(p.index, p, paragraphKey(article.text, p, sentencesByParagraph.get(p.index) ?? [])))
      .filter((p) => long(p, MIN_PARAGRAPH_WORDS, MIN_PARAGRAPH_CHARS));
    const paragraphGroups = groupRepeats(paragraphs.map((p) => p.text));
    const paragraphGroup = new Map<number, number>();
    paragraphGroups.forEach((group, g) => {
      for (const i of group.members) paragraphGroup.set(paragraphs[i]!.paragraph, g);
    });

    const sentences = allSentences.filter((s) => long(s, MIN_SENTENCE_WORDS, MIN_SENTENCE_CHARS));
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

function passage(paragraph: number, span: Span, text: Normalised): Passage {
  return { paragraph, start: span.start, end: span.end, text };
}

function byParagraph(passages: readonly Passage[]): Map<number, Passage[]> {
  const out = new Map<number, Passage[]>();
  for (const p of passages) {
    const list = out.get(p.paragraph);
    if (list) list.push(p);
    else out.set(p.paragraph, [p]);
  }
  return out;
}

/**
 * Gaps between sentences that keep `normalise` local: plain spaces are neither marks (NFD and the
 * mark strip stop there), nor word characters, nor case-ignorable (the final-sigma rule of
 * `toLowerCase` stops there too), so normalising the sentences apart gives the same words.
 */
const PLAIN_SPACE = /^[ \t\r\n\u00a0]*$/;

/**
 * The paragraph's key, from its sentences' words when only plain spaces lie around and between
 * them (normalising the paragraph again was a third of this analyser's time); otherwise normalised
 * whole.
 */
function paragraphKey(text: string, paragraph: Paragraph, sentences: readonly Passage[]): Normalised {
  if (sentences.length === 0 || text.slice(paragraph.start, paragraph.end) !== paragraph.text) {
    return normalise(paragraph.text);
  }
  const words: string[] = [];
  let from = paragraph.start;
  for (const sentence of sentences) {
    const gap = text.slice(from, sentence.start);
    // Two sentences with nothing between them could share a word.
    if (!PLAIN_SPACE.test(gap) || (gap === '' && from !== paragraph.start)) return normalise(paragraph.text);
    for (const word of sentence.text.words) words.push(word);
    from = sentence.end;
  }
  if (!PLAIN_SPACE.test(text.slice(from, paragraph.end))) return normalise(paragraph.text);
  return { key: words.join(' '), words };
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
