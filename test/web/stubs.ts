/**
 * Stand-ins for the learned analysers (genre, frames, techniques), so browser tests see every
 * kind of finding the page draws whether or not models are installed. They follow the real
 * analysers' names, labels and attributes; their decisions are word lists, not models.
 */
import type { Article } from '../../src/article/article.ts';
import type { Analyser } from '../../src/pipeline/analyser.ts';
import type { Finding } from '../../src/pipeline/finding.ts';
import { techniqueCategory } from '../../src/report/labels.ts';

const SPAN_TECHNIQUES: [RegExp, string, number][] = [
  [/disgraceful betrayal/g, 'Loaded_Language', 0.91],
  [/reckless board/g, 'Name_Calling-Labeling', 0.84],
  [/sink our fishing fleet/g, 'Appeal_to_Fear-Prejudice', 0.66],
  [/contempt/g, 'Loaded_Language', 0.72],
];
const OPINION_WORDS = /\b(frankly|disgraceful|contempt|reckless)\b/i;

function spanFindings(article: Article): Finding[] {
  const findings: Finding[] = [];
  for (const p of article.paragraphs) {
    for (const [pattern, label, score] of SPAN_TECHNIQUES) {
      for (const match of p.text.matchAll(pattern)) {
        const start = p.start + match.index;
        findings.push({
          analyser: 'techniques',
          label,
          score,
          paragraph: p.index,
          span: { start, end: start + match[0].length },
          evidence: [
            {
              feature: `w:${match[0].split(' ')[0]}`,
              weight: 1.2,
              span: { start, end: start + match[0].length },
            },
          ],
          attributes: { category: techniqueCategory(label) ?? null },
        });
      }
    }
    if (/\bdoubt|nobody asked\b/i.test(p.text)) {
      findings.push({
        analyser: 'techniques',
        label: 'Doubt',
        score: 0.58,
        paragraph: p.index,
        attributes: { category: techniqueCategory('Doubt') ?? null },
      });
    }
  }
  return findings;
}

export const stubTechniques: Analyser = {
  name: 'techniques',
  version: 'stub',
  description: 'test stand-in: techniques from a word list',
  analyse: spanFindings,
};

export const stubGenre: Analyser = {
  name: 'genre',
  version: 'stub',
  description: 'test stand-in: genre and opinion scores from a word list',
  analyse(article) {
    const findings: Finding[] = [
      { analyser: 'genre', label: 'opinion', score: 0.58, attributes: { predicted: true } },
      { analyser: 'genre', label: 'reporting', score: 0.38, attributes: { predicted: false } },
      { analyser: 'genre', label: 'satire', score: 0.04, attributes: { predicted: false } },
    ];
    for (const p of article.paragraphs) {
      if (p.kind !== 'body') continue;
      const score = OPINION_WORDS.test(p.text) ? 0.88 : p.text.includes('"') ? 0.45 : 0.15;
      findings.push({ analyser: 'genre', label: 'opinion-score', score, paragraph: p.index });
    }
    return findings;
  },
};

export const stubFrames: Analyser = {
  name: 'frames',
  version: 'stub',
  description: 'test stand-in: fixed frames',
  analyse: () => [
    { analyser: 'frames', label: 'Economic', score: 0.71, attributes: { predicted: true } },
    { analyser: 'frames', label: 'Quality_of_life', score: 0.52, attributes: { predicted: true } },
    { analyser: 'frames', label: 'Political', score: 0.31, attributes: { predicted: false } },
  ],
};
