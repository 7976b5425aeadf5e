/**
 * Single-label classification with one softmax model over all classes, from raw hashed rows:
 * the counterpart of multilabel.ts (same vectorizer, same score layout rows × classes).
 */
import { fitVectorizer, type RawRows, transform, type VectorizerState } from './features.ts';
import { blockWeighting } from './featurize.ts';
import type { LearnConfig } from './multilabel.ts';
import { type SoftmaxModel, softmaxProbabilities, trainSoftmax } from './softmax.ts';

export interface MulticlassModel {
  vectorizer: VectorizerState;
  model: SoftmaxModel;
}

/**
 * Class weights: 'balanced' = n / (classes · count), 'sqrt' its square root, 'none' all 1
 * (capped at 50 like the binary weights).
 */
function classWeights(mode: LearnConfig['classWeight'], counts: number[], n: number): Float64Array {
  return Float64Array.from(counts, (c) => {
    if (mode === 'none' || c === 0) return 1;
    const w = n / (counts.length * c);
    return Math.min(mode === 'balanced' ? w : Math.sqrt(w), 50);
  });
}

/** Trains on `trainRows`; gold is row-major rows × classes with exactly one 1 per row. */
export function trainMulticlass(
  raw: RawRows,
  gold: Uint8Array,
  classes: number,
  trainRows: Int32Array,
  config: LearnConfig,
): MulticlassModel {
  const vectorizer = fitVectorizer(raw, trainRows, blockWeighting(config.features), config.minDf);
  const X = transform(vectorizer, raw, trainRows);
  const y = Int32Array.from(trainRows, (r) => gold.subarray(r * classes, (r + 1) * classes).indexOf(1));
  const counts = new Array<number>(classes).fill(0);
  for (const c of y) counts[c]!++;
  const model = trainSoftmax(X, y, classes, {
    c: config.c,
    classWeights: classWeights(config.classWeight, counts, y.length),
  });
  return { vectorizer, model };
}

/** Probabilities (rows × classes, row-major) of the given rows. */
export function scoreMulticlass(m: MulticlassModel, raw: RawRows, rows: Int32Array): Float32Array {
  const X = transform(m.vectorizer, raw, rows);
  const K = m.model.classes;
  const out = new Float32Array(rows.length * K);
  for (let r = 0; r < rows.length; r++) out.set(softmaxProbabilities(m.model, X, r), r * K);
  return out;
}
