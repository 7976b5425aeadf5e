/** The work of `spinlens train` (see train.ts), loaded only when the command runs. */
import { existsSync } from 'node:fs';
import { languageFolders, trainAll } from '../learn/train.ts';
import { type CliIO, EXIT, Output, UsageError } from './io.ts';
import { dataDirectory, type TrainOptions } from './train.ts';

export async function train(options: TrainOptions, io: CliIO): Promise<number> {
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
