/** The work of `spinlens eval` (see eval.ts), loaded only when the command runs. */
import { basename, dirname } from 'node:path';
import { createSpansAnalyser } from '../analysers/spans/index.ts';
import { createTechniquesAnalyser } from '../analysers/techniques/index.ts';
import type { Scores } from '../eval/metrics.ts';
import { goldRows, scorePredictions } from '../eval/score.ts';
import { formatSpanScores, goldSpans, type ScoredSpan, spanScores } from '../eval/spans.ts';
import type { Subtask } from '../learn/labels.ts';
import { dataHash } from '../learn/train.ts';
import { Pipeline } from '../pipeline/pipeline.ts';
import type { EvalOptions } from './eval.ts';
import { type CliIO, EXIT, Output } from './io.ts';
import { openDataset, predictDataset, storeFor } from './predict-run.ts';

/** Spans shown by the default analysers (techniques gate, spans) scored against the gold span file. */
async function evaluateSpanSubtask(options: EvalOptions, io: CliIO): Promise<number> {
  const dataset = openDataset(options.data, options.lang);
  const gold = goldSpans(options.data);
  const pipeline = new Pipeline([
    createTechniquesAnalyser(storeFor(options.models)),
    createSpansAnalyser(options.models === undefined ? {} : { modelDir: options.models }),
  ]);
  await pipeline.prepare();
  const predicted: ScoredSpan[] = [];
  for (const a of dataset.articles) {
    for (const f of pipeline.analyseSync(a.article).findings) {
      if (f.analyser === 'spans' && f.span)
        predicted.push({ id: a.article.id, technique: f.label, ...f.span });
    }
  }
  const scores = spanScores(predicted, gold);
  const out = new Output(io.stdout);
  await out.write(
    options.json
      ? `${JSON.stringify({ data: options.data, subtask: 'spans', ...scores }, null, 2)}\n`
      : `${options.data}  technique spans  ${dataset.articles.length} articles\n${formatSpanScores(scores)}\n`,
  );
  return EXIT.ok;
}

export async function evaluate(options: EvalOptions, io: CliIO): Promise<number> {
  if (options.subtask === 'spans') return evaluateSpanSubtask(options, io);
  const subtask = Number(options.subtask) as Subtask;
  const dataset = openDataset(options.data, options.lang);
  const gold = goldRows(dataset, subtask);
  const { rows, models } = predictDataset(dataset, subtask, storeFor(options.models));
  const key = (r: (typeof rows)[number]) => ('line' in r ? `${r.id}_${r.line}` : r.id);
  // Lines without a gold row are not scored (the official scorer takes exactly the gold rows).
  const scored = rows.filter((r) => gold.has(key(r)));
  const scores = scorePredictions(dataset, subtask, scored);
  const dir = options.data.replace(/[\\/]+$/, '');
  const hash = dataHash(dirname(dir), [basename(dir)]);
  const seen = [...models.values()].filter((m) => m.dataHash === hash).map((m) => m.language);
  const stderr = new Output(io.stderr);
  if (seen.length > 0) {
    await stderr.write(
      `spinlens: warning: the ${seen.join(', ')} model was trained on exactly this data: these scores are optimistic (see npm run eval for cross-validation)\n`,
    );
  }
  const out = new Output(io.stdout);
  const modelNames = [...models.keys()];
  if (options.json) {
    await out.write(
      `${JSON.stringify({ data: options.data, subtask, models: modelNames, trainedOnThisData: seen.length > 0, rows: scored.length, ...scores }, null, 2)}\n`,
    );
  } else {
    await out.write(renderScores(scores, subtask, options.data, modelNames));
  }
  return EXIT.ok;
}

const f3 = (x: number): string => x.toFixed(3);

export function renderScores(scores: Scores, subtask: Subtask, data: string, models: string[]): string {
  const main =
    subtask === 1
      ? `macro-F1 ${f3(scores.macroF1)}`
      : `micro-F1 ${f3(scores.microF1)}  macro-F1 ${f3(scores.macroF1)}  (micro P ${f3(scores.microPrecision)} R ${f3(scores.microRecall)})`;
  const width = Math.max(5, ...scores.perLabel.map((l) => l.label.length));
  const lines = [
    `${data}  subtask ${subtask}  ${scores.n} rows  model ${models.join(', ')}`,
    main,
    '',
    `${'label'.padEnd(width)}  precision  recall     f1  support`,
    ...scores.perLabel.map(
      (l) =>
        `${l.label.padEnd(width)}  ${f3(l.precision).padStart(9)}  ${f3(l.recall).padStart(6)}  ${f3(l.f1).padStart(5)}  ${String(l.support).padStart(7)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
