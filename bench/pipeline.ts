/**
 * The whole default pipeline on SemEval-sized articles: articles per second on one core and the
 * mean cost of each analyser, with the anatomy analysers (quotes, sources, entities, dates)
 * compared with the learned ones (genre, frames, techniques, spans).
 */
import { defaultAnalysers } from '../src/analysers/registry.ts';
import { Pipeline } from '../src/pipeline/pipeline.ts';
import { benchArticles } from './articles.ts';
import { type Benchmark, measureLog, summarise } from './stats.ts';
import { timePipeline } from './timing.ts';

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
    const { measures, emit } = measureLog(log);
    const { rates, cpuRates, load, meanMs } = timePipeline(pipeline, articles, RUNS);
    log(`${articles.length} articles from ${source}`);
    log(`load average ${load.map((x) => x.toFixed(2)).join(' → ')} during the timed runs`);
    emit(summarise('all default analysers', 'articles/s', rates));
    emit(summarise('all default analysers, per second of own CPU time', 'articles/s', cpuRates));
    const mean = (name: string) => meanMs.get(name) ?? 0;
    for (const name of meanMs.keys()) emit(summarise(`${name} (mean per article)`, 'ms', [mean(name)]));
    const total = (names: string[]) => names.reduce((s, n) => s + mean(n), 0);
    emit(summarise(`anatomy: ${ANATOMY.join(' + ')}`, 'ms per article', [total(ANATOMY)]));
    emit(summarise(`learned: ${LEARNED.join(' + ')}`, 'ms per article', [total(LEARNED)]));
    return { name: 'pipeline', measures, notes: [`${articles.length} articles from ${source}`] };
  },
};
