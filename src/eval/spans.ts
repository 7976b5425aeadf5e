/**
 * Span metrics with partial-overlap credit, as in SemEval-2020 Task 11 and SemEval-2021 Task 6:
 * a predicted span s and a gold span t of the same article (and, technique-aware, the same
 * technique) earn |s∩t|/|s| towards precision and |s∩t|/|t| towards recall; the sums are
 * normalised by the number of predicted and gold spans. A span's credit is capped at 1, so a
 * prediction covering two gold spans cannot count twice. Technique-blind scoring first merges
 * overlapping spans of each side, so several techniques on the same words count once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../article/errors.ts';
import { parseSpans } from './semeval-format.ts';

export interface ScoredSpan {
  /** Article id. */
  id: string;
  technique: string;
  start: number;
  end: number;
}

export interface SpanScore {
  precision: number;
  recall: number;
  f1: number;
  /** Predicted and gold spans counted. */
  predicted: number;
  gold: number;
}

export interface SpanScores {
  /** Spans match only when their techniques are equal. */
  aware: SpanScore;
  /** Techniques ignored, overlapping spans merged. */
  blind: SpanScore;
  perTechnique: ({ technique: string } & SpanScore)[];
}

const f1Of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function byArticle(spans: readonly ScoredSpan[]): Map<string, ScoredSpan[]> {
  const m = new Map<string, ScoredSpan[]>();
  for (const s of spans) {
    if (s.end <= s.start) continue; // empty spans carry no characters
    const list = m.get(s.id);
    if (list) list.push(s);
    else m.set(s.id, [s]);
  }
  return m;
}

/** Sum over spans of `a` of their (capped) overlap share with spans of `b` of the same key. */
function credit(a: readonly ScoredSpan[], b: readonly ScoredSpan[], aware: boolean): number {
  let sum = 0;
  for (const s of a) {
    let overlap = 0;
    for (const t of b) {
      if (aware && s.technique !== t.technique) continue;
      const o = Math.min(s.end, t.end) - Math.max(s.start, t.start);
      if (o > 0) overlap += o;
    }
    sum += Math.min(1, overlap / (s.end - s.start));
  }
  return sum;
}

/** Precision, recall and F1 of one comparison (technique-aware, or blind on spans as given). */
export function spanScore(
  pred: readonly ScoredSpan[],
  gold: readonly ScoredSpan[],
  aware: boolean,
): SpanScore {
  const p = byArticle(pred);
  const g = byArticle(gold);
  let pSum = 0;
  let rSum = 0;
  let nPred = 0;
  let nGold = 0;
  for (const [id, ps] of p) {
    nPred += ps.length;
    pSum += credit(ps, g.get(id) ?? [], aware);
  }
  for (const [id, gs] of g) {
    nGold += gs.length;
    rSum += credit(gs, p.get(id) ?? [], aware);
  }
  const precision = nPred === 0 ? 0 : pSum / nPred;
  const recall = nGold === 0 ? 0 : rSum / nGold;
  return { precision, recall, f1: f1Of(precision, recall), predicted: nPred, gold: nGold };
}

/** Overlapping or touching spans of each article merged into one (technique dropped). */
export function mergeSpans(spans: readonly ScoredSpan[]): ScoredSpan[] {
  const out: ScoredSpan[] = [];
  for (const [id, list] of byArticle(spans)) {
    const sorted = [...list].sort((x, y) => x.start - y.start || x.end - y.end);
    let cur: ScoredSpan | undefined;
    for (const s of sorted) {
      if (cur && s.start <= cur.end) {
        cur.end = Math.max(cur.end, s.end);
      } else {
        cur = { id, technique: '*', start: s.start, end: s.end };
        out.push(cur);
      }
    }
  }
  return out;
}

/** Technique-aware (overall and per technique) and technique-blind span scores. */
export function spanScores(pred: readonly ScoredSpan[], gold: readonly ScoredSpan[]): SpanScores {
  const techniques = [...new Set([...gold, ...pred].map((s) => s.technique))].sort();
  return {
    aware: spanScore(pred, gold, true),
    blind: spanScore(mergeSpans(pred), mergeSpans(gold), false),
    perTechnique: techniques.map((technique) => ({
      technique,
      ...spanScore(
        pred.filter((s) => s.technique === technique),
        gold.filter((s) => s.technique === technique),
        true,
      ),
    })),
  };
}

/** The gold spans (`spans-subtask-3.tsv`) of a language folder; an input error without them. */
export function goldSpans(dataDir: string): ScoredSpan[] {
  const path = join(dataDir, 'spans-subtask-3.tsv');
  if (!existsSync(path)) throw new InputError(dataDir, 'no gold spans (spans-subtask-3.tsv missing)');
  return parseSpans(readFileSync(path, 'utf8'), path);
}

/** Scores predicted spans against the gold `spans-subtask-3.tsv` of a language folder. */
export function evaluateSpans(dataDir: string, predicted: readonly ScoredSpan[]): SpanScores {
  return spanScores(predicted, goldSpans(dataDir));
}

const f3 = (x: number): string => x.toFixed(3);

/** A plain-text table of span scores (for `spinlens eval --subtask spans`). */
export function formatSpanScores(s: SpanScores): string {
  const row = (name: string, x: SpanScore): string =>
    `${name.padEnd(34)} ${f3(x.precision)}  ${f3(x.recall)}  ${f3(x.f1)}  ${String(x.predicted).padStart(5)}  ${String(x.gold).padStart(5)}`;
  return [
    `${'spans (partial overlap)'.padEnd(34)} P      R      F1     pred   gold`,
    row('technique-aware', s.aware),
    row('technique-blind', s.blind),
    ...s.perTechnique.map((t) => row(`  ${t.technique}`, t)),
  ].join('\n');
}
