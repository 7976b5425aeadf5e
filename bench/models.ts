/**
 * Shipped models at work: load time per model file, articles per second through the genre,
 * frames and techniques analysers (one core, all three heads, evidence included), and resident
 * memory with the models loaded (measured in a child process, bench/rss.ts).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFramesAnalyser } from '../src/analysers/frames/index.ts';
import { createGenreAnalyser } from '../src/analysers/genre/index.ts';
import { createTechniquesAnalyser } from '../src/analysers/techniques/index.ts';
import { decodeModel, MODEL_EXTENSION } from '../src/learn/model.ts';
import { DEFAULT_MODEL_DIR, ModelStore } from '../src/learn/store.ts';
import { MULTILINGUAL } from '../src/learn/train.ts';
import { Pipeline } from '../src/pipeline/pipeline.ts';
import { benchArticles } from './articles.ts';
import { type Benchmark, type BenchResult, measureLog, summarise } from './stats.ts';
import { timePipeline } from './timing.ts';

const RUNS = 5;
const RSS_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'rss.ts');

export const modelsBenchmark: Benchmark = {
  name: 'models',
  description: 'model load time, genre+frames+techniques throughput, memory with the models loaded',
  async run(log) {
    const dir = process.env.SPINLENS_MODELS ?? DEFAULT_MODEL_DIR;
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(MODEL_EXTENSION))
      .sort();
    if (files.length === 0) throw new Error(`${dir}: no model files (run npm run train)`);
    const { measures, emit } = measureLog(log);
    const notes: string[] = [`models from ${dir}`];
    for (const f of files) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        decodeModel(readFileSync(join(dir, f)), f);
        times.push(performance.now() - t0);
      }
      emit(summarise(`load ${f}`, 'ms', times));
    }

    const { articles, source } = benchArticles(60);
    notes.push(`${articles.length} articles from ${source}`);
    const chars = articles.reduce((s, a) => s + a.text.length, 0) / articles.length;
    const paragraphs = articles.reduce((s, a) => s + a.paragraphs.length, 0) / articles.length;
    log(
      `${articles.length} articles, ${chars.toFixed(0)} characters and ${paragraphs.toFixed(1)} paragraphs on average`,
    );
    const store = new ModelStore(dir);
    const pipeline = new Pipeline([
      createGenreAnalyser(store),
      createFramesAnalyser(store),
      createTechniquesAnalyser(store),
    ]);
    const { rates, cpuRates, load, meanMs } = timePipeline(pipeline, articles, RUNS);
    log(`load average ${load.map((x) => x.toFixed(2)).join(' → ')} during the timed runs`);
    emit(summarise('genre + frames + techniques', 'articles/s', rates));
    emit(summarise('genre + frames + techniques, per second of own CPU time', 'articles/s', cpuRates));
    // The first analyser of an article pays for the features it shares with the next ones.
    for (const [name, ms] of meanMs) emit(summarise(`${name} (mean per article)`, 'ms', [ms]));
    const languages = files.map((f) => f.replace(MODEL_EXTENSION, ''));
    // Memory in a fresh process, so the figure holds models only (no articles, no benchmark state).
    const rss = (list: string[]) =>
      Number(
        execFileSync(process.execPath, ['--import', 'tsx', RSS_SCRIPT, dir, ...list], { encoding: 'utf8' }),
      );
    emit(summarise('resident memory of a process with no model loaded', 'MB', [rss([])]));
    const six = languages.filter((l) => l !== MULTILINGUAL);
    emit(summarise(`resident memory with ${six.join(', ')} loaded`, 'MB', [rss(six)]));
    emit(summarise('resident memory with every model loaded (multilingual too)', 'MB', [rss(languages)]));
    return { name: 'models', measures, notes } satisfies BenchResult;
  },
};
