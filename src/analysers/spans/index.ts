/**
 * Technique spans: the words of a paragraph that carry each persuasion technique. Runs after
 * the `techniques` analyser and follows its paragraph predictions: every technique predicted
 * for a paragraph gets at least one highlighted span (the tagger's best region, flagged when no
 * token reached the threshold) and, where the model's decoding allows, further confident spans
 * of the same technique (`attributes.rank` 1 is the best). Techniques not predicted are hidden
 * unless `options.showAllSpans` is set; then a span of one is added when the classifier's
 * probability of the technique in the paragraph times the span's strongest token probability
 * reaches the model's tuned `add` cut (or, for a model without one, when the span's mean token
 * probability reaches SHOW_UNPREDICTED_MIN).
 * Techniques on the same words give several findings with the same span, one per technique.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../article/article.ts';
import { TECHNIQUE_CATEGORIES, TECHNIQUES, type Technique } from '../../learn/labels.ts';
import { probability } from '../../learn/predict.ts';
import {
  type PredictedSpan,
  predictSpans,
  predictUnreportedSpans,
  type SpanModel,
  tokensOfParagraph,
} from '../../learn/spans/model.ts';
import { readSpanModel } from '../../learn/spans/model-io.ts';
import type { ParagraphTokens } from '../../learn/spans/tokens.ts';
import { spanModelFile } from '../../learn/spans/train.ts';
import { defaultModelStore, type ModelStore, scoreArticle } from '../../learn/store.ts';
import type { Analyser, AnalysisContext } from '../../pipeline/analyser.ts';
import type { Evidence, Finding } from '../../pipeline/finding.ts';

/** A span of a technique the paragraph classifier did not predict is shown only from this score on. */
export const SHOW_UNPREDICTED_MIN = 0.5;

const MODEL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'models');

/** Span models by language, loaded on first use; `null` = no model for that language. */
const loaded = new Map<string, SpanModel | null>();

function modelFor(language: string, dir: string): SpanModel | null {
  const key = `${dir}\0${language}`;
  let m = loaded.get(key);
  if (m !== undefined) return m;
  const path = join(dir, spanModelFile(language));
  m = existsSync(path) ? readSpanModel(path).model : null;
  loaded.set(key, m);
  return m;
}

interface ParagraphTechnique {
  score: number;
  evidence: readonly Evidence[];
}

/** Techniques the `techniques` analyser predicted, per paragraph index. */
function predictedTechniques(
  findings: AnalysisContext['findings'],
): Map<number, Map<string, ParagraphTechnique>> {
  const out = new Map<number, Map<string, ParagraphTechnique>>();
  for (const f of findings) {
    if (f.analyser !== 'techniques' || f.paragraph === undefined) continue;
    if (!(TECHNIQUES as readonly string[]).includes(f.label)) continue;
    const m = out.get(f.paragraph) ?? new Map<string, ParagraphTechnique>();
    m.set(f.label, { score: f.score, evidence: f.evidence ?? [] });
    out.set(f.paragraph, m);
  }
  return out;
}

/** Evidence lying inside the span: the paragraph prediction's own, then the span's strongest words. */
function spanEvidence(
  article: Article,
  span: PredictedSpan,
  tokens: ParagraphTokens,
  probabilities: Float32Array | undefined,
  paragraphEvidence: readonly Evidence[],
): Evidence[] {
  const inside = paragraphEvidence.filter(
    (e) => e.span && e.span.start >= span.start && e.span.end <= span.end,
  );
  const words: Evidence[] = [];
  if (probabilities) {
    const order: number[] = [];
    for (let i = span.first; i <= span.last; i++) order.push(i);
    order.sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
    for (const i of order.slice(0, 3)) {
      const start = tokens.starts[i]!;
      const end = tokens.ends[i]!;
      words.push({
        feature: `token:${article.text.slice(start, end)}`,
        weight: Math.round(probabilities[i]! * 1000) / 1000,
        span: { start, end },
        note: 'word most typical of this technique in the span',
      });
    }
  }
  return [...inside, ...words];
}

/**
 * The paragraph classifier's probability of every technique, per paragraph index (the scores the
 * `techniques` analyser computed, from the per-article cache); undefined without a model.
 */
function paragraphProbabilities(
  article: Article,
  store: ModelStore,
): ((paragraph: number) => Map<string, number>) | undefined {
  const head = store.choose(article.language.code)?.model.heads.techniques;
  if (!head) return undefined;
  const { z } = scoreArticle(article, head);
  const L = head.labels.length;
  return (pi) => new Map(head.labels.map((l, j) => [l.label, probability(head, j, z[pi * L + j]!)]));
}

export interface SpansAnalyserOptions {
  /** Folder holding `spans-<lang>.bin` (default: the package's `models/`). */
  modelDir?: string;
  /** Where the `techniques` analyser's models come from (default: the shared store). */
  store?: ModelStore;
}

export function createSpansAnalyser(config: SpansAnalyserOptions = {}): Analyser {
  const dir = config.modelDir ?? MODEL_DIR;
  return {
    name: 'spans',
    version: '3',
    description: 'Words that carry each persuasion technique predicted for a paragraph',
    after: ['techniques'],
    analyse(article, context) {
      const model = modelFor(article.language.code, dir);
      if (!model) return [];
      const predicted = predictedTechniques(context.findings);
      const showAll = context.options.showAllSpans === true;
      if (predicted.size === 0 && !showAll) return [];
      const learnedAdd = Object.values({ base: model.decode.base, ...model.decode.byTechnique }).some(
        (p) => p.add !== undefined,
      );
      const probabilities =
        showAll && learnedAdd
          ? paragraphProbabilities(article, config.store ?? defaultModelStore())
          : undefined;
      const findings: Finding[] = [];
      article.paragraphs.forEach((paragraph, pi) => {
        const mine = predicted.get(pi) ?? new Map<string, ParagraphTechnique>();
        const others = showAll ? model.techniques.filter((t) => !mine.has(t)) : [];
        // Only paragraphs with something to decode are tokenised.
        if (mine.size === 0 && others.length === 0) return;
        const tokens = tokensOfParagraph(article, pi, model.language);
        let rank = 0;
        let previous = '';
        const spans = predictSpans(model, tokens, [...mine.keys()], true);
        if (probabilities) {
          const all = probabilities(paragraph.index);
          const unreported = new Map(others.map((t) => [t, all.get(t) ?? 0]));
          spans.push(...predictUnreportedSpans(model, tokens, unreported, true));
        } else if (others.length > 0) {
          spans.push(
            ...predictSpans(model, tokens, others, true).filter(
              (s) => !s.belowThreshold && s.score >= SHOW_UNPREDICTED_MIN,
            ),
          );
        }
        for (const s of spans) {
          // predictSpans lists each technique's spans together, best first.
          rank = s.technique === previous ? rank + 1 : 1;
          previous = s.technique;
          const given = mine.get(s.technique);
          findings.push({
            analyser: 'spans',
            label: s.technique,
            score: Math.round(s.score * 1000) / 1000,
            paragraph: paragraph.index,
            span: { start: s.start, end: s.end },
            evidence: spanEvidence(article, s, tokens, s.probabilities, given?.evidence ?? []),
            attributes: {
              category: TECHNIQUE_CATEGORIES[s.technique as Technique] ?? null,
              predicted: given !== undefined,
              paragraphScore: given ? given.score : null,
              belowThreshold: s.belowThreshold,
              rank,
            },
          });
        }
      });
      return findings;
    },
  };
}

export const spansAnalyser: Analyser = createSpansAnalyser();
