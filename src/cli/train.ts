/**
 * `spinlens train --data <dir> [--out models/]`: rebuilds every shipped model, bit for bit, from
 * data in the SemEval layout (one folder per language). `npm run train` uses the defaults.
 */
import type { Command } from 'commander';
import type { CliIO } from './io.ts';

export const DEFAULT_DATA = '../shared/data/semeval2023-task3/train';

/** The training data: --data, else $SPINLENS_DATA, else the shared SemEval train split. */
export function dataDirectory(option: string | undefined, env: CliIO['env']): string {
  return option ?? env.SPINLENS_DATA ?? DEFAULT_DATA;
}

export interface TrainOptions {
  data?: string;
  out: string;
  multilingual: boolean;
  recipe?: string;
}

export function registerTrain(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('train')
    .description('train the genre, frames and techniques models from SemEval-layout data')
    .option(
      '-d, --data <dir>',
      `data folder with one sub-folder per language (default: $SPINLENS_DATA or ${DEFAULT_DATA})`,
    )
    .option('-o, --out <dir>', 'where the model files go', 'models')
    .option('--no-multilingual', 'skip the pooled multilingual fallback model')
    .option('--recipe <pairs>', 'train other experiments than the shipped recipe, e.g. 1=weights-c4,3=style')
    .action(async (options: TrainOptions) => {
      const { train } = await import('./train-run.ts');
      setExit(await train(options, io));
    });
}
