import type { Article } from '../../article/article.ts';
import { evidenceOf } from '../../learn/evidence.ts';
import { TECHNIQUE_CATEGORIES, type Technique } from '../../learn/labels.ts';
import { positiveLabels, probability, topContributionsOf } from '../../learn/predict.ts';
import { defaultModelStore, type ModelStore, scoreArticle } from '../../learn/store.ts';
import type { Analyser, AnalysisContext } from '../../pipeline/analyser.ts';
import type { Finding } from '../../pipeline/finding.ts';
import { CANDIDATES } from '../genre/index.ts';

/**
 * Persuasion techniques per paragraph (SemEval subtask 3, 23 labels in 6 categories): one finding
 * per technique above its threshold in a paragraph (title included), scored with the calibrated
 * probability, with `attributes.category`. Thresholds as for frames: precision-first by default,
 * F2-optimal in `recall` mode.
 */
export function createTechniquesAnalyser(store?: ModelStore): Analyser {
  return {
    name: 'techniques',
    version: '1',
    description: 'Persuasion techniques per paragraph (loaded language, name calling, doubt...)',
    analyse(article: Article, context: AnalysisContext): Finding[] {
      const chosen = (store ?? defaultModelStore()).choose(article.language.code);
      if (!chosen) return [];
      const { model, lowConfidence } = chosen;
      const head = model.heads.techniques;
      const { raw, z } = scoreArticle(article, head);
      const mode = context.options.recall ? 'recall' : 'precision';
      const L = head.labels.length;
      const findings: Finding[] = [];
      for (const p of article.paragraphs) {
        const positive = positiveLabels(head, z, p.index, mode);
        if (positive.length === 0) continue;
        const tops = topContributionsOf(head, raw, p.index, positive, CANDIDATES);
        positive.forEach((j, q) => {
          const label = head.labels[j]!.label;
          findings.push({
            analyser: 'techniques',
            label,
            score: probability(head, j, z[p.index * L + j]!),
            paragraph: p.index,
            evidence: evidenceOf(article, tops[q]!),
            attributes: {
              category: TECHNIQUE_CATEGORIES[label as Technique] ?? null,
              model: model.language,
              ...(lowConfidence ? { lowConfidence: true } : {}),
            },
          });
        });
      }
      return findings;
    },
  };
}

export const techniquesAnalyser: Analyser = createTechniquesAnalyser();
