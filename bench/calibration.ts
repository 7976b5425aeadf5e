/**
 * Calibration as recorded in the model files: out-of-fold reliability of the calibrated scores
 * (all labels pooled; bins with at least 30 rows) and micro precision/recall at the default
 * (precision-first) and `--recall` thresholds. Reads headers only; no training.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HEAD_NAMES, loadModel, MODEL_EXTENSION } from '../src/learn/model.ts';
import { DEFAULT_MODEL_DIR } from '../src/learn/store.ts';
import type { Benchmark, Measure } from './stats.ts';

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

export const calibrationBenchmark: Benchmark = {
  name: 'calibration',
  description: 'out-of-fold reliability of calibrated scores and the operating points, per model',
  async run(log) {
    const dir = process.env.SPINLENS_MODELS ?? DEFAULT_MODEL_DIR;
    const measures: Measure[] = [];
    for (const f of readdirSync(dir)
      .filter((x) => x.endsWith(MODEL_EXTENSION))
      .sort()) {
      const model = loadModel(join(dir, f));
      for (const name of HEAD_NAMES) {
        const head = model.heads[name];
        if (!head.reliability || name === 'opinion') continue;
        const bins = head.reliability
          .filter((b) => b.rows >= 30)
          .map((b) => `${b.from.toFixed(1)}: ${pct(b.observed)} of ${b.rows}`)
          .join(', ');
        log(`${model.language} ${name} reliability (score bin: observed rate of rows): ${bins}`);
        if (name === 'genre') continue;
        for (const mode of ['precision', 'recall'] as const) {
          let tp = 0;
          let fp = 0;
          let fn = 0;
          for (const l of head.labels) {
            const o = l.oof?.[mode];
            if (!o || l.positives === 0) continue;
            const t = o.recall * l.positives;
            tp += t;
            fn += l.positives - t;
            fp += o.precision > 0 ? t / o.precision - t : 0;
          }
          const p = tp / Math.max(1, tp + fp);
          const r = tp / Math.max(1, tp + fn);
          log(`${model.language} ${name} ${mode} thresholds: micro precision ${pct(p)}, recall ${pct(r)}`);
          measures.push({
            name: `${model.language} ${name} ${mode} precision`,
            unit: 'ratio',
            median: p,
            min: p,
            max: p,
            runs: 1,
          });
          measures.push({
            name: `${model.language} ${name} ${mode} recall`,
            unit: 'ratio',
            median: r,
            min: r,
            max: r,
            runs: 1,
          });
        }
      }
    }
    return { name: 'calibration', measures, notes: [`models from ${dir}`] };
  },
};
