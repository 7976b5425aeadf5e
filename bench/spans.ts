/**
 * Span tagging cost per article: the spans analyser (tokens, tagger, best span per predicted
 * technique) against the rest of an article's analysis — the default analysers plus a paragraph
 * technique classifier standing in for the `techniques` analyser (TF-IDF + style features,
 * 23 one-vs-rest LR models). Predicted techniques are the gold paragraph labels, so the number
 * of spans decoded is realistic. Target: spans add < 50%.
 *
 *   node --import tsx bench/spans.ts [--lang fr] [--articles 100] [--runs 5]
 */
import { join } from 'node:path';
import { defaultAnalysers } from '../src/analysers/registry.ts';
import { createSpansAnalyser } from '../src/analysers/spans/index.ts';
import type { Article } from '../src/article/article.ts';
import { GATE_LEARN } from '../src/eval/cross-validate-spans.ts';
import { loadDataset } from '../src/eval/dataset.ts';
import { buildTask } from '../src/eval/tasks.ts';
import { featurize } from '../src/learn/featurize.ts';
import { DATA_LANGUAGES, type DataFolder } from '../src/learn/labels.ts';
import { scoreOvr, trainOvr } from '../src/learn/multilabel.ts';
import type { Finding } from '../src/pipeline/finding.ts';
import { Pipeline } from '../src/pipeline/pipeline.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  const get = (name: string, fallback: string): string => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1]! : fallback;
  };
  const folder = get('lang', 'fr');
  const count = Number(get('articles', '100'));
  const runs = Number(get('runs', '5'));
  const data = join(process.cwd(), '..', 'shared', 'data', 'semeval2023-task3', 'train', folder);
  const ds = loadDataset(data);
  const task = buildTask(ds, 3);
  const model = trainOvr(
    featurize(task.units, GATE_LEARN.features),
    task.gold,
    task.labels.length,
    Int32Array.from(task.units.keys()),
    GATE_LEARN,
  );
  const sample = ds.articles.filter((a) => a.techniques).slice(0, count);
  const gold = new Map<Article, Finding[]>(
    sample.map((a) => [
      a.article,
      a.article.paragraphs.flatMap((p) =>
        (a.techniques?.get(p.line) ?? []).map((label) => ({
          analyser: 'techniques',
          label,
          score: 1,
          paragraph: p.index,
        })),
      ),
    ]),
  );
  const base = new Pipeline(defaultAnalysers());
  await base.prepare();
  const spans = createSpansAnalyser();
  const options = {};
  const time = (f: () => void): number => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const baseMs: number[] = [];
  const classifierMs: number[] = [];
  const spansMs: number[] = [];
  // First pass warms the JIT, the stemmer cache and the lazily loaded span model.
  for (let r = 0; r <= runs; r++) {
    let b = 0;
    let c = 0;
    let s = 0;
    for (const a of sample) {
      b += time(() => base.analyseSync(a.article, options));
      c += time(() => {
        const units = a.article.paragraphs.map((p) => ({ article: a.article, paragraph: p.index }));
        scoreOvr(model, featurize(units, GATE_LEARN.features), Int32Array.from(units.keys()));
      });
      s += time(() => spans.analyse(a.article, { findings: gold.get(a.article)!, options }));
    }
    if (r === 0) continue;
    baseMs.push(b / sample.length);
    classifierMs.push(c / sample.length);
    spansMs.push(s / sample.length);
  }
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  const rest = median(baseMs) + median(classifierMs);
  console.log(
    `spans bench (${DATA_LANGUAGES[folder as DataFolder] ?? folder}, ${sample.length} articles, median of ${runs} runs, ms/article):`,
  );
  console.log(`  default analysers      ${median(baseMs).toFixed(2)} (${spread(baseMs)})`);
  console.log(`  paragraph classifier   ${median(classifierMs).toFixed(2)} (${spread(classifierMs)})`);
  console.log(`  spans analyser         ${median(spansMs).toFixed(2)} (${spread(spansMs)})`);
  console.log(`  spans / rest           ${((100 * median(spansMs)) / rest).toFixed(1)}% (target < 50%)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await run();
}
