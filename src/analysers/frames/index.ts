import type { Article } from '../../article/article.ts';
import { evidenceOf } from '../../learn/evidence.ts';
import { positiveLabels, probability, topContributionsOf } from '../../learn/predict.ts';
import { defaultModelStore, type ModelStore, scoreArticle } from '../../learn/store.ts';
import type { Analyser, AnalysisContext } from '../../pipeline/analyser.ts';
import type { Finding } from '../../pipeline/finding.ts';
import { CANDIDATES } from '../genre/index.ts';

/**
 * Frames of the article (SemEval subtask 2, 14 labels, multi-label): one finding per frame above
 * its threshold, scored with the calibrated probability. The default threshold is the
 * precision-first one (F0.5-optimal on out-of-fold scores of train); `recall` mode uses the
 * F2-optimal one.
 */
export function createFramesAnalyser(store?: ModelStore): Analyser {
  return {
    name: 'frames',
    version: '1',
    description: 'Frames of the article (economic, security, morality...), multi-label',
    analyse(article: Article, context: AnalysisContext): Finding[] {
      const chosen = (store ?? defaultModelStore()).choose(article.language.code);
      if (!chosen) return [];
      const { model, lowConfidence } = chosen;
      const head = model.heads.frames;
      const { raw, z } = scoreArticle(article, head);
      const mode = context.options.recall ? 'recall' : 'precision';
      const positive = positiveLabels(head, z, 0, mode);
      const tops = topContributionsOf(head, raw, 0, positive, CANDIDATES);
      return positive
        .map((j, p) => ({
          analyser: 'frames',
          label: head.labels[j]!.label,
          score: probability(head, j, z[j]!),
          evidence: evidenceOf(article, tops[p]!),
          attributes: {
            threshold: probability(head, j, head.labels[j]!.thresholds[mode]),
            model: model.language,
            ...(lowConfidence ? { lowConfidence: true } : {}),
          },
        }))
        .sort((a, b) => b.score - a.score);
    },
  };
}

export const framesAnalyser: Analyser = createFramesAnalyser();
