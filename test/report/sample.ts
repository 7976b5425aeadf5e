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

export const ANATOMY_TEXT = [
  'Harbour plan approved after a long night',
  '',
  'The port authority approved the harbour plan on Tuesday 4 March 2025, Reuters reported.',
  '"We will build it within two years," said Anna Kowalczyk, the director of the authority.',
  'Experts say the costs are hidden.',
  'Photo: Jan Nowak / Coast Images',
  'This reckless scheme will ruin the bay, and Anna Kowalczik knew it on 2 March 2025.',
  '"It is a shameful betrayal of every family here," a resident said. Ruin the bay, ruin the town.',
  'Next week the council meets again.',
].join('\n');

/**
 * A report with every part the anatomy sections and the glance show: quotes (attributed,
 * unattributed), sources, an entity spelled two ways, dates with a contradiction, a repetition,
 * genre, frames, opinion scores, techniques with overlapping and quoted spans.
 */
export function anatomyReport(): Report {
  const article = sampleArticle(ANATOMY_TEXT, 'harbour');
  const at = (words: string, from = 0) => spanOf(article, words, from);
  const findings: Finding[] = [
    { analyser: 'genre', label: 'reporting', score: 0.3, attributes: { predicted: false } },
    { analyser: 'genre', label: 'opinion', score: 0.65, attributes: { predicted: true } },
    { analyser: 'genre', label: 'satire', score: 0.05, attributes: { predicted: false } },
    { analyser: 'frames', label: 'Economic', score: 0.4 },
    { analyser: 'frames', label: 'Quality_of_life', score: 0.72 },
    ...[0.1, 0.2, 0.3, 0.2, 0.8, 0.9, 0.7].map(
      (score, i): Finding => ({ analyser: 'genre', label: 'opinion-score', score, paragraph: i + 1 }),
    ),
    {
      analyser: 'quotes',
      label: 'direct-quote',
      score: 0.95,
      ...at('We will build it within two years,'),
      attributes: { speaker: 'Anna Kowalczyk', cue: 'said', fragment: false },
    },
    {
      analyser: 'quotes',
      label: 'direct-quote',
      score: 0.85,
      ...at('It is a shameful betrayal of every family here,'),
      attributes: { speaker: null, cue: null, fragment: false },
    },
    {
      analyser: 'quotes',
      label: 'indirect-quote',
      score: 0.7,
      ...at('the costs are hidden'),
      attributes: { speaker: 'Experts', cue: 'say', fragment: false },
    },
    {
      analyser: 'sources',
      label: 'cited-source',
      score: 0.9,
      ...at('Reuters'),
      attributes: { kind: 'agency', name: 'Reuters', cited: true },
    },
    {
      analyser: 'sources',
      label: 'cited-source',
      score: 0.9,
      ...at('The port authority'),
      attributes: { kind: 'institution', name: 'The port authority', cited: true },
    },
    {
      analyser: 'sources',
      label: 'vague-source',
      score: 0.7,
      ...at('Experts say'),
      attributes: { kind: 'vague' },
    },
    {
      analyser: 'sources',
      label: 'photo-credit',
      score: 0.9,
      ...at('Photo: Jan Nowak / Coast Images'),
      attributes: { kind: 'photo' },
    },
    ...(['Anna Kowalczyk', 'Anna Kowalczik'] as const).map(
      (name): Finding => ({
        analyser: 'entities',
        label: 'person',
        score: 0.85,
        ...at(name),
        attributes: { entity: 'e1', canonical: 'Anna Kowalczyk', mentions: 2 },
      }),
    ),
    {
      analyser: 'entities',
      label: 'spelling-variant',
      score: 0.8,
      ...at('Anna Kowalczik'),
      attributes: {
        entity: 'e1',
        canonical: 'Anna Kowalczyk',
        variants: 'Anna Kowalczyk ×1, Anna Kowalczik ×1',
      },
    },
    {
      analyser: 'entities',
      label: 'organisation',
      score: 0.75,
      ...at('Reuters'),
      attributes: { entity: 'e2', canonical: 'Reuters', mentions: 1 },
    },
    {
      analyser: 'dates',
      label: 'date',
      score: 0.9,
      ...at('Tuesday 4 March 2025'),
      attributes: { iso: '2025-03-04', relative: false, weekday: 'Tuesday', grain: 'day' },
    },
    {
      analyser: 'dates',
      label: 'date',
      score: 0.9,
      ...at('2 March 2025'),
      attributes: { iso: '2025-03-02', relative: false, weekday: null, grain: 'day' },
    },
    {
      analyser: 'dates',
      label: 'date',
      score: 0.8,
      ...at('Next week'),
      attributes: { iso: null, relative: true, weekday: null, grain: 'week' },
    },
    {
      analyser: 'dates',
      label: 'weekday-mismatch',
      score: 0.95,
      ...at('Tuesday 4 March 2025'),
      attributes: { rule: 'weekday-date', stated: 'Monday', actual: 'Tuesday' },
      evidence: [
        {
          feature: 'rule:weekday-date',
          span: at('Tuesday 4 March 2025').span,
          note: '2025-03-04 is a Tuesday, not a Monday',
        },
      ],
    },
    {
      analyser: 'repetition',
      label: 'repeated-sentence',
      score: 1,
      ...at('ruin the bay'),
      attributes: { group: 1, occurrence: 1, occurrences: 2, similarity: 1, exact: true },
    },
    {
      analyser: 'repetition',
      label: 'repeated-sentence',
      score: 1,
      ...at('Ruin the bay'),
      attributes: { group: 1, occurrence: 2, occurrences: 2, similarity: 1, exact: true },
    },
    {
      analyser: 'repetition',
      label: 'boilerplate',
      score: 0.95,
      ...at('Photo: Jan Nowak / Coast Images'),
      attributes: { pattern: 'photo-credit', wholeParagraph: true },
    },
    {
      analyser: 'techniques',
      label: 'Loaded_Language',
      score: 0.81,
      paragraph: at('reckless').paragraph,
      attributes: { category: 'Manipulative wording' },
      evidence: [
        { feature: 'w:reckless', weight: 0.7, span: at('reckless').span },
        { feature: 'w:knew', weight: 0.2, span: at('knew').span },
      ],
    },
    {
      analyser: 'spans',
      label: 'Loaded_Language',
      score: 0.66,
      ...at('This reckless scheme'),
      attributes: { category: 'Manipulative wording', predicted: true },
      evidence: [{ feature: 'token:scheme', weight: 0.4, span: at('scheme').span }],
    },
    {
      analyser: 'spans',
      label: 'Appeal_to_Fear-Prejudice',
      score: 0.58,
      ...at('reckless scheme will ruin the bay'),
      attributes: { category: 'Justification', predicted: true },
    },
    {
      analyser: 'spans',
      label: 'Name_Calling-Labeling',
      score: 0.61,
      ...at('shameful betrayal'),
      attributes: { category: 'Attack on reputation', predicted: true },
    },
    {
      analyser: 'techniques',
      label: 'Doubt',
      score: 0.44,
      paragraph: at('Experts say').paragraph,
      attributes: { category: 'Attack on reputation' },
      evidence: [{ feature: 'w:hidden', weight: 0.3, span: at('hidden').span }],
    },
  ];
  return reportOf(article, findings);
}
