import type { Article } from '../../article/article.ts';
import { evidenceOf } from '../../learn/evidence.ts';
import { genreOf, topContributions } from '../../learn/predict.ts';
import { defaultModelStore, type ModelStore, scoreArticle } from '../../learn/store.ts';
import type { Analyser } from '../../pipeline/analyser.ts';
import type { Finding } from '../../pipeline/finding.ts';

/** Strongest features considered for evidence (merged per word, the six strongest shown). */
export const CANDIDATES = 24;

/**
 * Genre of the article (reporting / opinion / satire, SemEval subtask 1): one finding per genre
 * with its calibrated probability, the decided one marked `predicted` (argmax after the class
 * offsets tuned for macro-F1, so a rare genre can win with a lower probability). Per body
 * paragraph, an `opinion-score`: 1 − P(reporting) from a paragraph model trained on the genre of
 * each paragraph's article, with balanced class weights so 0.5 is the neutral point. It shows
 * where an article moves from report to commentary; it is a paragraph's resemblance to opinion
 * articles, not a per-paragraph gold label.
 */
export function createGenreAnalyser(store?: ModelStore): Analyser {
  return {
    name: 'genre',
    version: '1',
    description: 'Genre of the article (reporting, opinion, satire) and an opinion score per paragraph',
    analyse(article: Article): Finding[] {
      const chosen = (store ?? defaultModelStore()).choose(article.language.code);
      if (!chosen) return [];
      const { model, lowConfidence } = chosen;
      const common = { model: model.language, ...(lowConfidence ? { lowConfidence: true } : {}) };
      const head = model.heads.genre;
      const { raw, z } = scoreArticle(article, head);
      const { probabilities, decided } = genreOf(head, z);
      const findings: Finding[] = head.labels.map((info, j) => ({
        analyser: 'genre',
        label: info.label,
        score: probabilities[j]!,
        ...(j === decided
          ? {
              evidence: evidenceOf(article, topContributions(head, raw, 0, j, CANDIDATES)),
            }
          : {}),
        attributes: { predicted: j === decided, ...common },
      }));
      const opinion = model.heads.opinion;
      const scored = scoreArticle(article, opinion);
      for (const p of article.paragraphs) {
        if (p.kind !== 'body') continue;
        const score = 1 - 1 / (1 + Math.exp(-scored.z[p.index]!));
        const finding: Finding = {
          analyser: 'genre',
          label: 'opinion-score',
          score,
          paragraph: p.index,
          attributes: { ...common },
        };
        if (score >= 0.5) {
          // Features pushing away from `reporting`, i.e. towards opinion.
          const top = topContributions(opinion, scored.raw, p.index, 0, CANDIDATES, -1);
          finding.evidence = evidenceOf(article, top);
        }
        findings.push(finding);
      }
      return findings;
    },
  };
}

export const genreAnalyser: Analyser = createGenreAnalyser();
