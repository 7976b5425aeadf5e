/** Training time of every shipped model (`spinlens train` on the training data), into a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainAll } from '../src/learn/train.ts';
import { dataDir } from './articles.ts';
import { type Benchmark, formatMeasure, summarise } from './stats.ts';

export const trainingBenchmark: Benchmark = {
  name: 'training',
  description: 'time to train all models (six languages + multilingual); minutes, so only when named',
  heavy: true,
  async run(log) {
    const out = mkdtempSync(join(tmpdir(), 'spinlens-bench-train-'));
    const t0 = performance.now();
    const files = trainAll(dataDir(), out, { command: 'bench', log });
    const total = summarise('training all models', 's', [(performance.now() - t0) / 1000]);
    log(formatMeasure(total));
    const measures = [total, ...files.map((f) => summarise(`train ${f.language}`, 's', [f.seconds]))];
    rmSync(out, { recursive: true, force: true });
    return { name: 'training', measures, notes: [`data ${dataDir()}`] };
  },
};
