/**
 * `spinlens train --data <dir> [--out models/]`: rebuilds every shipped model, bit for bit, from
 * data in the SemEval layout (one folder per language). `npm run train` uses the defaults.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { languageFolders, trainAll } from '../learn/train.ts';
import { type CliIO, EXIT, Output, UsageError } from './io.ts';

export const DEFAULT_DATA = '../shared/data/semeval2023-task3/train';

/** The training data: --data, else $SPINLENS_DATA, else the shared SemEval train split. */
export function dataDirectory(option: string | undefined, env: CliIO['env']): string {
  return option ?? env.SPINLENS_DATA ?? DEFAULT_DATA;
}

interface TrainOptions {
  data?: string;
  out: string;
  multilingual: boolean;
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
    .action(async (options: TrainOptions) => {
      setExit(await train(options, io));
    });
}

async function train(options: TrainOptions, io: CliIO): Promise<number> {
  const data = dataDirectory(options.data, io.env);
  if (!existsSync(data)) throw new UsageError(`--data ${data}: no such directory`);
  try {
    languageFolders(data);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const command = `spinlens train --data ${data} --out ${options.out}${options.multilingual ? '' : ' --no-multilingual'}`;
  const started = performance.now();
  const files = trainAll(data, options.out, {
    command,
    // Training is synchronous: progress goes straight to the stream.
    log: (line) => io.stderr.write(`${line}\n`),
    noMultilingual: !options.multilingual,
  });
  const total = files.reduce((s, f) => s + f.bytes, 0);
  await new Output(io.stdout).write(
    `trained ${files.length} model files into ${options.out} (${(total / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return EXIT.ok;
}
