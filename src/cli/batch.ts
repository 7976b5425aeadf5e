/**
 * `spinlens batch <inputs...>`: analyses a corpus into the store on all cores. Resumable: an
 * article already stored with the same text and analyser versions is skipped, so after Ctrl-C
 * or a crash the same command continues where it stopped.
 */
import { availableParallelism } from 'node:os';
import { type Command, Option } from 'commander';
import { type BatchProgress, type BatchResult, runBatch } from '../corpus/batch.ts';
import { DEFAULT_QUEUE_NAME, RedisUnreachableError } from '../corpus/queue/names.ts';
import { DEFAULT_DB } from '../corpus/store.ts';
import { type CliIO, EXIT, errorLine, UsageError } from './io.ts';
import {
  chooseAnalysers,
  FIELD_NAMES,
  type FieldMap,
  INPUT_FORMATS,
  type InputFormatOption,
  parseAnalyserList,
  parseField,
  parseLang,
  positive,
  readOptions,
} from './options.ts';
import { startProgress } from './progress.ts';

interface BatchCommandOptions {
  db: string;
  workers: number;
  analysers?: string[];
  lang?: string;
  inputFormat: InputFormatOption;
  field?: FieldMap;
  commitEvery: number;
  queue?: string;
  queueName: string;
}

/** Exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;
/** Without a terminal, one progress line this often. */
const PLAIN_PROGRESS_MS = 5000;
/** Failures listed at the end; the rest are in the store's failures table. */
const LISTED_FAILURES = 20;

export function registerBatch(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('batch')
    .description('analyse a corpus into the store (SQLite), on all cores; resumable')
    .argument('<inputs...>', 'article files, directories, JSONL/CSV corpora, or - for stdin')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('-w, --workers <n>', 'analysis worker threads (default: number of cores)', positive)
    .option('-a, --analysers <names>', 'comma-separated analysers to run (default: all)', parseAnalyserList)
    .option('-l, --lang <code>', 'language of the articles (ISO 639-1), instead of detecting it', parseLang)
    .addOption(
      new Option('--input-format <format>', 'how to read the inputs').choices(INPUT_FORMATS).default('auto'),
    )
    .option(
      '--field <name=column>',
      `corpus field name for ${FIELD_NAMES.join(', ')} (repeatable)`,
      parseField,
    )
    .option('--commit-every <n>', 'articles per transaction', positive, 200)
    .option(
      '--queue <redis-url>',
      'analyse on `spinlens worker` processes through this Redis instead of here',
    )
    .option('--queue-name <name>', 'queue to use with --queue', DEFAULT_QUEUE_NAME)
    .addHelpText(
      'after',
      `
Articles already in the store with the same text and the same analyser versions are skipped:
stop a batch at any moment (Ctrl-C finishes the articles in flight and commits them) and run the
same command again to continue. Inputs that cannot be read are stored as failures; the batch
goes on and exits with status 1.

Examples:
  spinlens batch corpus.jsonl
  spinlens batch --db news.db --workers 4 articles/
  spinlens reuse article-42 --db news.db
  spinlens batch --queue redis://queue-host:6379 corpus.jsonl   (with \`spinlens worker\` elsewhere)`,
    )
    .action(async (inputs: string[], options: BatchCommandOptions) => {
      setExit(await batch(inputs, options, io));
    });
}

async function batch(inputs: string[], options: BatchCommandOptions, io: CliIO): Promise<number> {
  // Unknown analyser names are a usage error before anything starts.
  if (options.analysers) chooseAnalysers(options.analysers);
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
  return `${stopped}${result.analysed} analysed, ${result.skipped} already in the store, ${result.failed} failed in ${result.seconds.toFixed(1)} s${rate} → ${db}`;
}

function unreachable(error: unknown): never {
  if (error instanceof RedisUnreachableError) throw new UsageError(`--queue: ${error.message}`);
  throw error;
}
