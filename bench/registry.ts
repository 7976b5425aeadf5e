/** Every benchmark, in the order `npm run bench` runs them. Add a module here to add a section. */

import { calibrationBenchmark } from './calibration.ts';
import { corpusBenchmark } from './corpus.ts';
import { httpBenchmark } from './http.ts';
import { modelsBenchmark } from './models.ts';
import { pipelineBenchmark } from './pipeline.ts';
import { spansBenchmark } from './spans.ts';
import type { Benchmark } from './stats.ts';
import { trainingBenchmark } from './training.ts';

export const BENCHMARKS: Benchmark[] = [
  modelsBenchmark,
  pipelineBenchmark,
  spansBenchmark,
  calibrationBenchmark,
  trainingBenchmark,
  httpBenchmark,
  corpusBenchmark,
];
