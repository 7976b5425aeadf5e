/** The timed per-analyser loop shared by the benchmarks that run a pipeline over articles. */
import { loadavg } from 'node:os';
import type { Article } from '../src/article/article.ts';
import type { Pipeline } from '../src/pipeline/pipeline.ts';

export interface PipelineTiming {
  /** Articles per second, one value per run. */
  rates: number[];
  /**
   * Articles per second of this process's own CPU time (user + system), one value per run: on a
   * shared machine the wall-clock rate also counts the time other jobs held the core.
   */
  cpuRates: number[];
  /** The 1-minute load average before and after the timed runs (the machine may be shared). */
  load: [number, number];
  /** Analyser name → mean milliseconds per article over every run. */
  meanMs: Map<string, number>;
}

/**
 * Analyses the articles once untimed (loads models and lexicons, lets the JIT settle), then
 * `runs` times timed.
 */
export function timePipeline(pipeline: Pipeline, articles: readonly Article[], runs: number): PipelineTiming {
  for (const a of articles) pipeline.analyseSync({ ...a });
  const loadBefore = loadavg()[0]!;
  const rates: number[] = [];
  const cpuRates: number[] = [];
  const perAnalyser = new Map<string, number>();
  for (let i = 0; i < runs; i++) {
    // Fresh objects: some analysers cache per Article object.
    const batch = articles.map((a) => ({ ...a }));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (const a of batch) {
      for (const { name, ms } of pipeline.analyseSync(a).analysers) {
        perAnalyser.set(name, (perAnalyser.get(name) ?? 0) + ms);
      }
    }
    rates.push(articles.length / ((performance.now() - t0) / 1000));
    const cpu = process.cpuUsage(cpu0);
    cpuRates.push(articles.length / ((cpu.user + cpu.system) / 1e6));
  }
  const meanMs = new Map([...perAnalyser].map(([name, ms]) => [name, ms / (runs * articles.length)]));
  return { rates, cpuRates, load: [loadBefore, loadavg()[0]!], meanMs };
}
