/** The work of `spinlens serve` (see serve.ts), loaded only when the command runs. */
import { existsSync } from 'node:fs';
import { DEFAULT_DB } from '../corpus/defaults.ts';
import { Pipeline } from '../pipeline/pipeline.ts';
import { buildServer } from '../server/app.ts';
import { type CliIO, EXIT } from './io.ts';
import { chooseAnalysers } from './options.ts';
import type { ServeOptions } from './serve.ts';

export async function runServer(options: ServeOptions, io: CliIO, stop?: AbortSignal): Promise<number> {
  const pipeline = new Pipeline(await chooseAnalysers(options.analysers));
  const db = options.db ?? (existsSync(DEFAULT_DB) ? DEFAULT_DB : undefined);
  const app = await buildServer({
    pipeline,
    bodyBytes: options.maxBody,
    timeoutMs: options.timeout,
    logger: options.log,
    workers: options.workers,
    ...(options.queue === undefined ? {} : { queueLimit: options.queue }),
    ...(db === undefined ? {} : { db }),
  });
  const address = await app.listen({ port: options.port, host: options.host });
  const where = options.workers > 0 ? `${options.workers} analysis workers` : 'analysing in-process';
  io.stderr.write(`spinlens: listening on ${address} (${where}, store: ${db ?? 'none'}; Ctrl-C to stop)\n`);
  await stopped(stop);
  io.stderr.write('spinlens: shutting down\n');
  await app.close();
  return EXIT.ok;
}

function stopped(stop: AbortSignal | undefined): Promise<void> {
  if (stop) {
    return stop.aborted
      ? Promise.resolve()
      : new Promise((resolve) => stop.addEventListener('abort', () => resolve()));
  }
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
