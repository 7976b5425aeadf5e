/**
 * `spinlens batch --queue <redis-url>`: the batch run spread over queue workers on any number of
 * machines. This process reads the inputs, skips what the store already holds, enqueues the rest
 * (at most `window` jobs outstanding, so Redis never holds the whole corpus) and is the store's
 * only writer: it collects finished jobs, writes their reports in one transaction per collection,
 * and only then removes the jobs from Redis. Delivery is at least once (a job may run twice, a
 * result may be collected twice after a crash) and every write is an idempotent upsert keyed by
 * (article id, content hash, analysers), so the store ends up as a local batch would leave it.
 */
import { hostname } from 'node:os';
import { type Job, Queue } from 'bullmq';
import { analysersByName, defaultAnalysers } from '../../analysers/registry.ts';
import { openInputs } from '../../article/sources.ts';
import { Pipeline } from '../../pipeline/pipeline.ts';
import type { BatchOptions, BatchResult } from '../batch.ts';
import { type AnalysedItem, analysersKey, contentHash, Store } from '../store.ts';
import { RunTally, readSettings } from '../tally.ts';
import {
  ANALYSE,
  type AnalyseJob,
  type AnalyseResult,
  checkRedis,
  connect,
  fromWire,
  JOB_OPTIONS,
  jobId,
} from './jobs.ts';
import { DEFAULT_QUEUE_NAME, progressKey, safeUrl } from './names.ts';

export interface QueuedBatchOptions extends Omit<BatchOptions, 'workers'> {
  /** Redis URL. */
  redis: string;
  queueName?: string;
  /** Jobs enqueued and not yet collected, at most (default 1000). */
  window?: number;
  /** How often finished jobs are collected while waiting (default 200 ms). */
  pollMs?: number;
}

const DEFAULT_WINDOW = 1000;
const DEFAULT_POLL_MS = 200;
/** Articles checked and enqueued per Redis round trip. */
const ENQUEUE_CHUNK = 100;
/** Finished jobs looked at per collection. */
const COLLECT_LIMIT = 1000;

type AnalyseQueueJob = Job<AnalyseJob, AnalyseResult>;

export async function runQueuedBatch(options: QueuedBatchOptions): Promise<BatchResult> {
  await checkRedis(options.redis);
  const set = await openInputs(options.inputs, options.read ?? {});
  const names = options.analysers ?? null;
  // Ordered as a worker's pipeline orders them; versions come from this machine's code.
  const analysers = new Pipeline(names ? analysersByName(names) : defaultAnalysers()).analysers;
  const key = analysersKey(analysers);
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const connection = connect(options.redis, 'producer');
  const queue = new Queue<AnalyseJob, AnalyseResult>(queueName, {
    connection,
    defaultJobOptions: JOB_OPTIONS,
  });
  const store = new Store(options.db);
  try {
    await queue.waitUntilReady();
    const started = performance.now();
    const startedAt = new Date().toISOString();
    const run = store.startRun({
      analysers,
      options: {
        queue: safeUrl(options.redis),
        queueName,
        ...readSettings(options.read),
      },
      inputs: options.inputs,
    });
    options.onStart?.(set.total);
    const tally = new RunTally(options.onProgress);
    const { counts } = tally;
    /** Job id → the article's source, for every job of this run not collected yet. */
    const outstanding = new Map<string, string>();
    let chunk: { id: string; data: AnalyseJob }[] = [];
    const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    const window = options.window ?? DEFAULT_WINDOW;
    let lastCollect = performance.now();

    const publish = (status: string): Promise<unknown> =>
      connection.hset(progressKey(queueName), {
        status,
        db: options.db,
        host: hostname(),
        run,
        total: set.total ?? '',
        analysed: counts.analysed,
        skipped: counts.skipped,
        failed: counts.failed,
        outstanding: outstanding.size,
        started: startedAt,
        updated: new Date().toISOString(),
      });

    /** Enqueues the chunk; jobs already in Redis are waited for, failed ones are tried again. */
    const enqueue = async (): Promise<void> => {
      const jobs = chunk;
      chunk = [];
      if (jobs.length === 0) return;
      const states = await Promise.all(jobs.map((j) => queue.getJobState(j.id)));
      const fresh: typeof jobs = [];
      for (const [i, job] of jobs.entries()) {
        const state = states[i];
        if (state === 'failed') await queue.remove(job.id);
        if (state === 'failed' || state === 'unknown') fresh.push(job);
        outstanding.set(job.id, job.data.article.metadata.source);
      }
      await queue.addBulk(
        fresh.map((j) => ({ name: ANALYSE, data: j.data, opts: { ...JOB_OPTIONS, jobId: j.id } })),
      );
    };

    /** Stores this run's finished jobs (one transaction), then removes the completed ones. */
    const collect = async (): Promise<number> => {
      lastCollect = performance.now();
      const [completedIds, failedIds] = await Promise.all([
        queue.getRanges(['completed'], 0, COLLECT_LIMIT - 1),
        queue.getRanges(['failed'], 0, COLLECT_LIMIT - 1),
      ]);
      const ours = (ids: string[]): Promise<(AnalyseQueueJob | undefined)[]> =>
        Promise.all(ids.filter((id) => outstanding.has(id)).map((id) => queue.getJob(id)));
      const [completed, failed] = await Promise.all([ours(completedIds), ours(failedIds)]);
      const items: AnalysedItem[] = [];
      const removable: string[] = [];
      for (const job of completed) {
        if (!job?.id || !job.returnvalue) continue;
        items.push(toItem(job.data, job.returnvalue));
        counts.analysed++;
        outstanding.delete(job.id);
        removable.push(job.id);
        tally.progress();
      }
      for (const job of failed) {
        if (!job?.id) continue;
        tally.internal = true;
        tally.fail(job.data.article.metadata.source, job.failedReason || 'internal error: the job failed');
        outstanding.delete(job.id);
        tally.progress();
      }
      store.writeBatch(run, items, tally.takePendingFailures(), counts);
      // Only once the results are committed: a crash before this line leaves the jobs completed
      // in Redis, and the next run collects them again (the store upserts).
      await Promise.all(removable.map((id) => queue.remove(id)));
      await publish('running');
      return items.length + failed.length;
    };

    const seen = new Set<string>();
    for await (const item of set.items) {
      if (options.signal?.aborted) break;
      if (!item.ok) {
        tally.fail(item.source, item.error.problem);
      } else {
        const { article } = item;
        const hash = contentHash(article.text);
        const id = jobId(article.id, hash, key);
        if (seen.has(id) || store.isDone(article.id, hash, key)) {
          counts.skipped++;
        } else {
          seen.add(id);
          chunk.push({ id, data: { article, analysers: names, key } });
          if (chunk.length >= ENQUEUE_CHUNK) await enqueue();
        }
      }
      tally.progress();
      while (outstanding.size >= window && !options.signal?.aborted) {
        if ((await collect()) === 0) await sleep(pollMs);
      }
      if (performance.now() - lastCollect >= pollMs) await collect();
    }
    if (!options.signal?.aborted) await enqueue();
    while (outstanding.size > 0 && !options.signal?.aborted) {
      if ((await collect()) === 0) await waitOrAbort(pollMs, options.signal);
    }
    // Stopped: store what is finished; the rest stays queued and the next run collects it.
    await collect();
    const interrupted = options.signal?.aborted === true;
    store.finishRun(run, interrupted ? 'interrupted' : 'done', counts);
    await publish(interrupted ? 'interrupted' : 'done');
    return tally.result(run, interrupted, started);
  } finally {
    store.close();
    await queue.close();
    await connection.quit().catch(() => undefined);
  }
}

function toItem(data: AnalyseJob, result: AnalyseResult): AnalysedItem {
  return {
    report: { ...result.report, article: { ...result.report.article, text: data.article.text } },
    sketch: fromWire(result.sketch),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function waitOrAbort(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
