/**
 * One-vs-rest logistic regression over a label set, from raw hashed rows: fits the vectorizer
 * on the training rows only, trains one binary model per label and scores other rows.
 */

import { fitVectorizer, type RawRows, transform, type VectorizerState } from './features.ts';
import { blockWeighting, type FeatureConfig } from './featurize.ts';
import { type BinaryModel, decision, sigmoid, trainLogistic } from './logistic.ts';

export type ClassWeight = 'none' | 'balanced' | 'sqrt';

export interface LearnConfig {
  features: FeatureConfig;
  /** Inverse regularisation strength. */
  c: number;
  classWeight: ClassWeight;
  minDf: number;
  seed: number;
}

export interface OvrModel {
  vectorizer: VectorizerState;
  /** One model per label; undefined when the label has no positive training row. */
  models: (BinaryModel | undefined)[];
}

/** Weight of positives relative to negatives for a label with `pos` positives among `n` rows. */
export function positiveWeight(mode: ClassWeight, pos: number, n: number): number {
  if (mode === 'none' || pos === 0) return 1;
  const ratio = (n - pos) / pos;
  const w = mode === 'balanced' ? ratio : Math.sqrt(ratio);
  return Math.max(1, Math.min(w, 50));
}

/** Trains one model per label on `trainRows` (gold is row-major rows × labels, 0/1). */
export function trainOvr(
  raw: RawRows,
  gold: Uint8Array,
  labels: number,
  trainRows: Int32Array,
  config: LearnConfig,
): OvrModel {
  const vectorizer = fitVectorizer(raw, trainRows, blockWeighting(config.features), config.minDf);
  const X = transform(vectorizer, raw, trainRows);
  const models: (BinaryModel | undefined)[] = [];
  const y = new Int8Array(trainRows.length);
  for (let j = 0; j < labels; j++) {
    let pos = 0;
    for (let t = 0; t < trainRows.length; t++) {
      const g = gold[trainRows[t]! * labels + j] === 1;
      y[t] = g ? 1 : -1;
      if (g) pos++;
    }
    if (pos === 0) {
      models.push(undefined);
      continue;
    }
    models.push(
      trainLogistic(X, y, {
        c: config.c,
        positiveWeight: positiveWeight(config.classWeight, pos, trainRows.length),
        seed: config.seed + j,
      }),
    );
  }
  return { vectorizer, models };
}

/** Probabilities (rows × labels, row-major) of the given rows. */
export function scoreOvr(model: OvrModel, raw: RawRows, rows: Int32Array): Float32Array {
  const X = transform(model.vectorizer, raw, rows);
  const labels = model.models.length;
  const out = new Float32Array(rows.length * labels);
  for (let j = 0; j < labels; j++) {
    const m = model.models[j];
    for (let r = 0; r < rows.length; r++) out[r * labels + j] = m ? sigmoid(decision(m, X, r)) : 0;
  }
  return out;
}
