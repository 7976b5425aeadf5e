/**
 * Subtask 1 from paragraphs (multiple-instance view of genre): every paragraph of an article is a
 * training row carrying its article's genre, and an article's score per genre is the sigmoid of
 * the mean decision value of its paragraphs. Nested exactly like `firstLevel`: paragraphs take
 * their article's fold, so no model ever sees a paragraph of an article it scores.
 */

import { featurize, type Unit } from '../learn/featurize.ts';
import type { LearnConfig } from '../learn/multilabel.ts';
import { firstLevel, type Oof, type Pool } from './cross-validate.ts';

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-7, Math.max(1e-7, p));
  return Math.log(q / (1 - q));
};

/** Article-level Oof over `pool` rows in `scope`, from paragraph-level models. */
export function paragraphVote(pool: Pool, learn: LearnConfig, scope: Uint8Array): Oof {
  const L = pool.labels.length;
  const units: Unit[] = [];
  const parent: number[] = [];
  pool.units.forEach((u, r) => {
    if (scope[r] !== 1) return;
    for (const p of u.article.paragraphs) {
      if (p.text.trim() === '') continue;
      units.push({ article: u.article, paragraph: p.index });
      parent.push(r);
    }
  });
  const m = units.length;
  const gold = new Uint8Array(m * L);
  parent.forEach((r, i) => {
    gold.set(pool.gold.subarray(r * L, (r + 1) * L), i * L);
  });
  const sub: Pool = {
    ...pool,
    units,
    gold,
    langOf: Int32Array.from(parent, (r) => pool.langOf[r]!),
    foldOf: Int32Array.from(parent, (r) => pool.foldOf[r]!),
    groupOf: Int32Array.from(parent, (r) => pool.groupOf[r]!),
  };
  const oof = firstLevel(sub, featurize(units, learn.features), learn, new Uint8Array(m).fill(1));
  const n = pool.units.length;
  const mean = (scores: Float32Array): Float32Array => {
    const sum = new Float64Array(n * L);
    const count = new Float64Array(n);
    parent.forEach((r, i) => {
      count[r]!++;
      for (let j = 0; j < L; j++) sum[r * L + j]! += logit(scores[i * L + j]!);
    });
    const out = new Float32Array(n * L);
    for (let r = 0; r < n; r++) {
      if (count[r] === 0) continue;
      for (let j = 0; j < L; j++) out[r * L + j] = 1 / (1 + Math.exp(-sum[r * L + j]! / count[r]!));
    }
    return out;
  };
  return { outer: mean(oof.outer), inner: oof.inner.map(mean), seconds: oof.seconds };
}
