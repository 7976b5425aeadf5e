/**
 * A hand-built article and report for renderer tests: SemEval layout (title, blank line, one
 * paragraph per line), with article-level, paragraph-level, span and overlapping findings.
 */
import type { Article, Paragraph } from '../../src/article/article.ts';
import { semevalParagraphs } from '../../src/article/semeval.ts';
import type { Analyser } from '../../src/pipeline/analyser.ts';
import type { Finding } from '../../src/pipeline/finding.ts';
import { buildReport, type Report } from '../../src/pipeline/report.ts';

export function sampleArticle(text: string, id = 'sample'): Article {
  const paragraphs: Paragraph[] = semevalParagraphs(text);
  return {
    id,
    title: paragraphs[0]?.text ?? '',
    text,
    paragraphs,
    language: { code: 'en', confidence: 0.97, method: 'detected' },
    metadata: { format: 'semeval', source: `test/${id}.txt` },
  };
}

/** The span of the first occurrence of `words` in the article, with its paragraph index. */
export function spanOf(
  article: Article,
  words: string,
  from = 0,
): { paragraph: number; span: { start: number; end: number } } {
  const start = article.text.indexOf(words, from);
  if (start < 0) throw new Error(`"${words}" is not in the article`);
  const paragraph = article.paragraphs.find((p) => start >= p.start && start < p.end);
  if (!paragraph) throw new Error(`"${words}" is outside every paragraph`);
  return { paragraph: paragraph.index, span: { start, end: start + words.length } };
}

/** An analyser that returns fixed findings, so reports can be built without the real ones. */
export function fixedAnalyser(name: string, findings: Finding[]): Analyser {
  return { name, version: '0.0.1', description: `fixed ${name} findings`, analyse: () => findings };
}

export function reportOf(article: Article, findings: Finding[]): Report {
  const names = [...new Set(findings.map((f) => f.analyser))];
  const analysers = names.map((name) => fixedAnalyser(name, []));
  return buildReport(article, findings, analysers, {});
}

export const SAMPLE_TEXT = [
  'Council approves the new bridge',
  '',
  'The city council approved the bridge on Monday by 31 votes to 12.',
  'Critics call it a "monument to vanity" that nobody asked for.',
  'Photo: J. Doe / City Press',
  'The bridge will open in 2027, the mayor said.',
  'Council approves the new bridge',
].join('\n');

export function sampleReport(): Report {
  const article = sampleArticle(SAMPLE_TEXT);
  const findings: Finding[] = [
    { analyser: 'language', label: 'en', score: 0.97 },
    { analyser: 'genre', label: 'reporting', score: 0.81, attributes: { opinion: 0.15, satire: 0.04 } },
    {
      analyser: 'techniques',
      label: 'Loaded_Language',
      score: 0.74,
      ...spanOf(article, 'monument to vanity'),
      evidence: [{ feature: 'w:vanity', weight: 0.62, span: spanOf(article, 'vanity').span }],
    },
    {
      analyser: 'techniques',
      label: 'Name_Calling-Labeling',
      score: 0.55,
      ...spanOf(article, 'a "monument to vanity"'),
    },
    { analyser: 'techniques', label: 'Doubt', score: 0.42, paragraph: spanOf(article, 'Critics').paragraph },
    {
      analyser: 'repetition',
      label: 'boilerplate',
      score: 0.9,
      ...spanOf(article, 'Photo: J. Doe / City Press'),
      attributes: { pattern: 'photo-credit', wholeParagraph: true },
    },
    {
      analyser: 'repetition',
      label: 'repeated-paragraph',
      score: 1,
      ...spanOf(article, 'Council approves the new bridge', 10),
      attributes: { group: 1, occurrences: 2, similarity: 1 },
    },
  ];
  return reportOf(article, findings);
}
