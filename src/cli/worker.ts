/**
 * `spinlens worker --redis <url>`: analyses jobs of `spinlens batch --queue <url>` on this
 * machine until stopped. SIGINT or SIGTERM stop taking jobs and finish the ones in progress
 * (a second signal quits at once; the jobs it held are retried elsewhere once their locks expire).
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import {
  DEFAULT_LOCK_MS,
  DEFAULT_QUEUE_NAME,
  RedisUnreachableError,
  safeUrl,
} from '../corpus/queue/names.ts';
import { type CliIO, EXIT, errorLine, UsageError } from './io.ts';
import { positive } from './options.ts';

interface WorkerCommandOptions {
  redis: string;
  concurrency?: number;
  queueName: string;
  lockMs: number;
}

/** Exit status after a second signal (128 + SIGINT), as for the batch. */
const EXIT_INTERRUPTED = 130;
/** A summary line at most this often while jobs are flowing. */
const SUMMARY_MS = 5000;

export function registerWorker(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('worker')
    .description('analyse the jobs of `spinlens batch --queue` from a Redis queue, until stopped')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://host:6379')
    .option('-c, --concurrency <n>', 'analysis threads (default: number of cores)', positive)
    .option('--queue-name <name>', 'queue to take jobs from', DEFAULT_QUEUE_NAME)
    .option(
      '--lock-ms <ms>',
      "how long a killed worker's jobs stay locked before a retry",
      positive,
      DEFAULT_LOCK_MS,
    )
    .addHelpText(
      'after',
      `
Start any number of workers, on any machines that reach Redis, then run the batch:
  spinlens worker --redis redis://queue-host:6379          (on each machine)
  spinlens batch --queue redis://queue-host:6379 corpus.jsonl
  spinlens queue status --redis redis://queue-host:6379    (from anywhere)`,
    )
    .action(async (options: WorkerCommandOptions) => {
      setExit(await work(options, io));
    });
}

async function work(options: WorkerCommandOptions, io: CliIO): Promise<number> {
  const threads = options.concurrency ?? availableParallelism();
  let done = 0;
  let failed = 0;
  let last = performance.now();
  const { startQueueWorker } = await import('../corpus/queue/worker.ts');
  const worker = await startQueueWorker({
    redis: options.redis,
    queueName: options.queueName,
    threads,
    lockMs: options.lockMs,
    onJob: (event) => {
      if (event.ok) done++;
      else {
        failed++;
        io.stderr.write(errorLine(`worker: job ${event.id} attempt ${event.attempt} failed: ${event.error}`));
      }
      if (performance.now() - last >= SUMMARY_MS) {
        last = performance.now();
        io.stderr.write(errorLine(`worker: ${tally(done, failed)}`));
      }
    },
    onError: (error) => io.stderr.write(errorLine(`worker: ${error.message}`)),
  }).catch((error: unknown) => {
    if (error instanceof RedisUnreachableError) throw new UsageError(`--redis: ${error.message}`);
    throw error;
  });
  io.stderr.write(
    errorLine(
      `worker: waiting for jobs on ${safeUrl(options.redis)} (queue ${options.queueName}, ${threads} threads)`,
    ),
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.once('SIGINT', () => process.exit(EXIT_INTERRUPTED));
      process.once('SIGTERM', () => process.exit(EXIT_INTERRUPTED));
      io.stderr.write(errorLine('worker: stopping after the jobs in progress (signal again to quit now)'));
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await worker.close();
  io.stderr.write(errorLine(`worker: stopped after ${tally(done, failed)}`));
  return EXIT.ok;
}

function tally(done: number, failed: number): string {
  return `${done} ${done === 1 ? 'job' : 'jobs'} done, ${failed} ${failed === 1 ? 'attempt' : 'attempts'} failed`;
}
