/** The work of `spinlens train` (see train.ts), loaded only when the command runs. */
import { existsSync, statSync } from 'node:fs';
import type { Subtask } from '../learn/labels.ts';
import { recipeFor } from '../learn/recipe.ts';
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
  const recipe = options.recipe === undefined ? undefined : parseRecipe(options.recipe);
  const command = `spinlens train --data ${data} --out ${options.out}${options.multilingual ? '' : ' --no-multilingual'}${options.recipe === undefined ? '' : ` --recipe ${options.recipe}`}`;
  const started = performance.now();
  const files = trainAll(data, options.out, {
    command,
    // Training is synchronous: progress goes straight to the stream.
    log: (line) => io.stderr.write(`${line}\n`),
    noMultilingual: !options.multilingual,
    recipe,
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

/**
 * `--recipe 1=a,3=b`: experiments (configs.ts) replacing the shipped recipe's for those subtasks,
 * to train a model set for a trade-off study; the shipped models are built without it.
 */
export function parseRecipe(value: string): Partial<Record<Subtask, string>> {
  const out: Partial<Record<Subtask, string>> = {};
  for (const part of value.split(',')) {
    const m = /^([123])=(.+)$/.exec(part.trim());
    if (!m)
      throw new UsageError(`--recipe ${value}: expected subtask=experiment pairs such as 1=weights-c4-logit`);
    const subtask = Number(m[1]) as Subtask;
    try {
      recipeFor(subtask, m[2]!);
    } catch (error) {
      throw new UsageError(`--recipe: ${error instanceof Error ? error.message : String(error)}`);
    }
    out[subtask] = m[2]!;
  }
  return out;
}
