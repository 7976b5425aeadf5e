/** The work of `spinlens batch` (see batch.ts), loaded only when the command runs. */
import { availableParallelism } from 'node:os';
import { type BatchProgress, type BatchResult, runBatch } from '../corpus/batch.ts';
import { RedisUnreachableError } from '../corpus/queue/names.ts';
import type { BatchCommandOptions } from './batch.ts';
import { type CliIO, EXIT, errorLine, UsageError } from './io.ts';
import { chooseAnalysers, readOptions } from './options.ts';
import { startProgress } from './progress.ts';

/** Exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;
/** Without a terminal, one progress line this often. */
const PLAIN_PROGRESS_MS = 5000;
/** Failures listed at the end; the rest are in the store's failures table. */
const LISTED_FAILURES = 20;

export async function batch(inputs: string[], options: BatchCommandOptions, io: CliIO): Promise<number> {
  // Unknown analyser names are a usage error before anything starts.
  if (options.analysers) await chooseAnalysers(options.analysers);
  if (options.queue && options.workers) {
    throw new UsageError(
      '--workers is for the local batch; with --queue, start `spinlens worker --concurrency N`',
    );
  }
  const read = readOptions(options, io);

  const stop = new AbortController();
  const onSigint = (): void => {
    if (stop.signal.aborted) process.exit(EXIT_INTERRUPTED);
    stop.abort();
    io.stderr.write(errorLine('stopping: committing the articles in flight (Ctrl-C again to quit now)'));
  };
  process.on('SIGINT', onSigint);
  const reporter = progressReporter(io);
  try {
    const common = {
      inputs,
      read,
      db: options.db,
      ...(options.analysers ? { analysers: options.analysers } : {}),
      signal: stop.signal,
      onStart: reporter.start,
      onProgress: reporter.update,
    };
    const result = options.queue
      ? // Loaded only with --queue, so local batches never pay for the Redis and BullMQ clients.
        await (await import('../corpus/queue/producer.ts'))
          .runQueuedBatch({ ...common, redis: options.queue, queueName: options.queueName })
          .catch(unreachable)
      : await runBatch({
          ...common,
          workers: options.workers ?? availableParallelism(),
          commitEvery: options.commitEvery,
          ...(options.taskTimeout ? { taskTimeoutMs: options.taskTimeout * 1000 } : {}),
        });
    reporter.stop();
    for (const failure of result.failures.slice(0, LISTED_FAILURES)) {
      io.stderr.write(errorLine(`${failure.source}: ${failure.error}`));
    }
    if (result.failures.length > LISTED_FAILURES) {
      io.stderr.write(
        errorLine(
          `… and ${result.failures.length - LISTED_FAILURES} more failures (table failures in ${options.db})`,
        ),
      );
    }
    io.stderr.write(errorLine(summary(result, options.db)));
    if (result.interrupted) return EXIT_INTERRUPTED;
    if (result.internal) return EXIT.internal;
    return result.failed > 0 ? EXIT.inputFailed : EXIT.ok;
  } finally {
    reporter.stop();
    process.off('SIGINT', onSigint);
  }
}

interface Reporter {
  start(total: number | undefined): void;
  update(progress: BatchProgress): void;
  stop(): void;
}

/** A bar with rate and ETA on a terminal; a plain line every few seconds when piped. */
function progressReporter(io: CliIO): Reporter {
  if (io.stderr.isTTY === true) {
    let bar: ReturnType<typeof startProgress> | undefined;
    return {
      start: (total) => {
        bar = startProgress(io.stderr, total, true);
      },
      update: () => bar?.tick(),
      stop: () => {
        bar?.stop();
        bar = undefined;
      },
    };
  }
  let total: number | undefined;
  let started = 0;
  let last = 0;
  return {
    start: (known) => {
      total = known;
      started = performance.now();
      last = started;
    },
    update: (p) => {
      const now = performance.now();
      if (now - last < PLAIN_PROGRESS_MS) return;
      last = now;
      const rate = p.done / ((now - started) / 1000);
      const of = total ? `/${total}` : '';
      const eta = total && rate > 0 ? ` · ETA ${Math.ceil((total - p.done) / rate)} s` : '';
      io.stderr.write(
        errorLine(
          `batch: ${p.done}${of} items · ${p.analysed} analysed · ${p.skipped} skipped · ${p.failed} failed · ${rate.toFixed(1)}/s${eta}`,
        ),
      );
    },
    stop: () => undefined,
  };
}

function summary(result: BatchResult, db: string): string {
  const rate = result.seconds > 0 ? ` (${(result.analysed / result.seconds).toFixed(1)} articles/s)` : '';
  const stopped = result.interrupted ? 'stopped: ' : '';
  const restarts = result.restarts
    ? `; ${result.restarts} analysis worker${result.restarts === 1 ? '' : 's'} replaced (crashed or stopped by --task-timeout)`
    : '';
  return `${stopped}${result.analysed} analysed, ${result.skipped} already in the store, ${result.failed} failed in ${result.seconds.toFixed(1)} s${rate}${restarts} → ${db}`;
}

function unreachable(error: unknown): never {
  if (error instanceof RedisUnreachableError) throw new UsageError(`--queue: ${error.message}`);
  throw error;
}
