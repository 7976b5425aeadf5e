/**
 * A batch run: reads every input, skips the articles the store already holds for the same
 * analysers, analyses the others on worker threads and writes results in the main thread, one
 * transaction per batch of articles. Stopping (the abort signal) stops reading, lets the articles
 * in flight finish, commits them and marks the run interrupted; a crash loses at most the batch
 * being written. Either way running the same batch again continues where it stopped.
 */
import type { ReadOptions } from '../article/input.ts';
import { openInputs } from '../article/sources.ts';
import { WorkerPool } from './pool.ts';
import { type AnalysedItem, analysersKey, contentHash, type RunCounts, Store } from './store.ts';
import { RunTally, readSettings } from './tally.ts';

export interface BatchOptions {
  inputs: string[];
  read?: ReadOptions;
  /** Store file. */
  db: string;
  workers: number;
  /** Analyser names; all when absent. */
  analysers?: string[];
  /** Articles per transaction (default 200); a transaction is also committed every second. */
  commitEvery?: number;
  /** Modules of extra analysers for the workers (tests only: see WorkerData; no option sets it). */
  testAnalysers?: string[];
  /** Longest analysis of one article before its worker is stopped and replaced (the pool's default: 60 s). */
  taskTimeoutMs?: number;
  signal?: AbortSignal;
  /** Called after each input item is dealt with (analysed, skipped or failed). */
  onProgress?: (progress: BatchProgress) => void;
  /** Called once the workers are ready, with the total number of items when known. */
  onStart?: (total: number | undefined) => void;
}

export interface BatchProgress extends RunCounts {
  /** Items dealt with so far. */
  done: number;
}

export interface BatchResult extends RunCounts {
  run: number;
  interrupted: boolean;
  /** Failures of this run: unreadable inputs and articles an analyser failed on. */
  failures: { source: string; error: string }[];
  /** Whether any failure was an internal error (an analyser or worker failing). */
  internal: boolean;
  seconds: number;
  /** Analysis workers replaced during the run (crashed, or stopped by the task time limit); 0 with a queue. */
  restarts?: number;
}

const DEFAULT_COMMIT_EVERY = 200;
const COMMIT_MS = 1000;

export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const set = await openInputs(options.inputs, options.read ?? {});
  const store = new Store(options.db);
  let pool: WorkerPool | undefined;
  try {
    pool = await WorkerPool.start(
      options.workers,
      {
        ...(options.analysers ? { analysers: options.analysers } : {}),
        ...(options.testAnalysers ? { testAnalysers: options.testAnalysers } : {}),
      },
      options.taskTimeoutMs ? { taskTimeoutMs: options.taskTimeoutMs } : {},
    );
    // Timed from here: worker start-up is not part of the rate.
    const started = performance.now();
    const key = analysersKey(pool.analysers);
    const run = store.startRun({
      analysers: pool.analysers,
      options: {
        workers: options.workers,
        ...readSettings(options.read),
      },
      inputs: options.inputs,
    });
    options.onStart?.(set.total);
    const tally = new RunTally(options.onProgress);
    const { counts } = tally;
    let pendingItems: AnalysedItem[] = [];
    let lastCommit = performance.now();
    const limit = options.commitEvery ?? DEFAULT_COMMIT_EVERY;

    const flush = (): void => {
      store.writeBatch(run, pendingItems, tally.takePendingFailures(), counts);
      pendingItems = [];
      lastCommit = performance.now();
    };
    const maybeFlush = (): void => {
      const size = pendingItems.length + tally.pendingFailureCount();
      if (size >= limit || (size > 0 && performance.now() - lastCommit >= COMMIT_MS)) flush();
    };

    // (id, hash) pairs analysed in this run: a corpus repeating a record analyses it once.
    const seen = new Set<string>();
    const inFlight = new Set<Promise<void>>();
    const capacity = Math.max(2, pool.size * 4);
    for await (const item of set.items) {
      if (options.signal?.aborted) break;
      if (!item.ok) {
        tally.fail(item.source, item.error.problem);
      } else {
        const { article } = item;
        const hash = contentHash(article.text);
        const identity = `${article.id}\u0000${hash}`;
        if (seen.has(identity) || store.isDone(article.id, hash, key)) {
          counts.skipped++;
        } else {
          seen.add(identity);
          const task = pool.analyse(article).then((result) => {
            if (result.ok) {
              counts.analysed++;
              pendingItems.push({ report: result.report, sketch: result.sketch });
            } else {
              tally.internal = true;
              tally.fail(article.metadata.source, result.error);
            }
            inFlight.delete(task);
            tally.progress();
            maybeFlush();
          });
          inFlight.add(task);
          if (inFlight.size >= capacity) await Promise.race(inFlight);
          continue;
        }
      }
      tally.progress();
      maybeFlush();
    }
    await Promise.all(inFlight);
    flush();
    const interrupted = options.signal?.aborted === true;
    store.finishRun(run, interrupted ? 'interrupted' : 'done', counts);
    return { ...tally.result(run, interrupted, started), restarts: pool.health().restarts };
  } finally {
    store.close();
    await pool?.close();
  }
}
