/** The work of `spinlens train` (see train.ts), loaded only when the command runs. */
import { existsSync, statSync } from 'node:fs';
import { trainSpans } from '../learn/spans/train.ts';
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
  // The span taggers (issue 4), from the span files of the same folders.
  const spans = trainSpans(data, options.out, undefined, command).map((path) => ({
    path,
    bytes: statSync(path).size,
  }));
  for (const { path, bytes } of spans) io.stderr.write(`wrote ${path} (${(bytes / 1e6).toFixed(2)} MB)\n`);
  const all = [...files, ...spans];
  const total = all.reduce((s, f) => s + f.bytes, 0);
  await new Output(io.stdout).write(
    `trained ${all.length} model files into ${options.out} (${(total / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return EXIT.ok;
}
