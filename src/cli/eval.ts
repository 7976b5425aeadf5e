/**
 * `spinlens eval --data <dir> --subtask 1|2|3|spans [--json]`: predicts with the shipped models and
 * scores against the folder's gold label files like the official scorers (subtask 1 macro-F1,
 * subtasks 2 and 3 micro-F1 and macro-F1), with per-label precision, recall and F1. Scoring the
 * data a model was trained on is optimistic: a warning says so when the data hash matches.
 * `spans` runs the techniques and spans analysers as `analyze` does and scores the spans shown
 * against spans-subtask-3.tsv with partial-overlap credit (src/eval/spans.ts).
 */
import type { Command } from 'commander';
import type { CliIO } from './io.ts';
import { dataOptions, type PredictOptions } from './predict.ts';

export interface EvalOptions extends PredictOptions {
  json: boolean;
}

export function registerEval(program: Command, io: CliIO, setExit: (code: number) => void): void {
  dataOptions(program.command('eval').description('score the models on a labelled language folder'), [
    'spans',
  ])
    .option('--json', 'print the scores as JSON', false)
    .addHelpText(
      'after',
      `
The folder needs the gold label file of the subtask (labels-subtask-<n>.tsv; spans-subtask-3.tsv
for --subtask spans, scored technique-aware and technique-blind with partial-overlap credit). Scoring the
training data itself is optimistic (the models have seen it); use npm run eval for cross-validation.`,
    )
    .action(async (options: EvalOptions) => {
      const { evaluate } = await import('./eval-run.ts');
      setExit(await evaluate(options, io));
    });
}
