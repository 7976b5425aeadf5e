/**
 * The whole default pipeline on SemEval-sized articles: articles per second on one core and the
 * mean cost of each analyser, with the anatomy analysers (quotes, sources, entities, dates)
 * compared with the learned ones (genre, frames, techniques, spans).
 */
import { defaultAnalysers } from '../src/analysers/registry.ts';
import { Pipeline } from '../src/pipeline/pipeline.ts';
import { benchArticles } from './articles.ts';
import { type Benchmark, formatMeasure, type Measure, summarise } from './stats.ts';

const RUNS = 3;
const ANATOMY = ['quotes', 'sources', 'entities', 'dates'];
const LEARNED = ['genre', 'frames', 'techniques', 'spans'];

export const pipelineBenchmark: Benchmark = {
  name: 'pipeline',
  description: 'every default analyser: articles/s on one core, mean ms per analyser, anatomy vs learned',
  async run(log) {
    const { articles, source } = benchArticles(30);
    const pipeline = new Pipeline(defaultAnalysers());
    await pipeline.prepare();
    // Warm-up: loads every language's models and lexicons and lets the JIT settle; not timed.
    for (const a of articles) pipeline.analyseSync({ ...a });
    const measures: Measure[] = [];
    const emit = (m: Measure) => {
      measures.push(m);
      log(formatMeasure(m));
    };
    const rates: number[] = [];
    const perAnalyser = new Map<string, number>();
    for (let i = 0; i < RUNS; i++) {
      // Fresh objects: some analysers cache per Article object.
      const batch = articles.map((a) => ({ ...a }));
      const t0 = performance.now();
      for (const a of batch) {
        for (const { name, ms } of pipeline.analyseSync(a).analysers) {
          perAnalyser.set(name, (perAnalyser.get(name) ?? 0) + ms);
        }
      }
      rates.push(articles.length / ((performance.now() - t0) / 1000));
    }
    log(`${articles.length} articles from ${source}`);
    emit(summarise('all default analysers', 'articles/s', rates));
    const mean = (name: string) => (perAnalyser.get(name) ?? 0) / (RUNS * articles.length);
    for (const name of perAnalyser.keys()) emit(summarise(`${name} (mean per article)`, 'ms', [mean(name)]));
    const total = (names: string[]) => names.reduce((s, n) => s + mean(n), 0);
    emit(summarise(`anatomy: ${ANATOMY.join(' + ')}`, 'ms per article', [total(ANATOMY)]));
    emit(summarise(`learned: ${LEARNED.join(' + ')}`, 'ms per article', [total(LEARNED)]));
    return { name: 'pipeline', measures, notes: [`${articles.length} articles from ${source}`] };
  },
};
