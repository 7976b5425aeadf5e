/**
 * Span tagging cost: the `spans` analyser against the rest of the default pipeline (the real
 * `techniques` analyser included, whose predictions gate the spans), per run over the same
 * articles, so the ratio of each run is measured under the same machine load. Target: spans
 * add < 50% to an article's analysis time. The load average is reported beside the numbers
 * (the machine is shared).
 */
import { loadavg } from 'node:os';
import { defaultAnalysers } from '../src/analysers/registry.ts';
import { Pipeline } from '../src/pipeline/pipeline.ts';
import { benchArticles } from './articles.ts';
import { type Benchmark, measureLog, summarise } from './stats.ts';

const RUNS = 5;

export const spansBenchmark: Benchmark = {
  name: 'spans',
  description: 'spans analyser ms per article against the rest of the default pipeline (target < 50%)',
  async run(log) {
    const { articles, source } = benchArticles(20);
    const pipeline = new Pipeline(defaultAnalysers());
    await pipeline.prepare();
    for (const a of articles) pipeline.analyseSync({ ...a });
    const { measures, emit } = measureLog(log);
    const spans: number[] = [];
    const rest: number[] = [];
    const found: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let s = 0;
      let r = 0;
      let n = 0;
      for (const a of articles.map((x) => ({ ...x }))) {
        const report = pipeline.analyseSync(a);
        for (const { name, ms } of report.analysers) {
          if (name === 'spans') s += ms;
          else r += ms;
        }
        n += report.findings.filter((f) => f.analyser === 'spans').length;
      }
      spans.push(s / articles.length);
      rest.push(r / articles.length);
      found.push(n / articles.length);
    }
    const load = loadavg()
      .map((x) => x.toFixed(2))
      .join(', ');
    log(`${articles.length} articles from ${source}; load average ${load}`);
    emit(summarise('spans analyser', 'ms per article', spans));
    emit(summarise('rest of the default pipeline', 'ms per article', rest));
    emit(
      summarise(
        'spans / rest',
        '%',
        spans.map((s, i) => (100 * s) / rest[i]!),
      ),
    );
    emit(summarise('spans shown', 'per article', found));
    return {
      name: 'spans',
      measures,
      notes: [`${articles.length} articles from ${source}`, `load average ${load}`],
    };
  },
};
