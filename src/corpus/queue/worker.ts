/**
 * A queue worker: takes analysis jobs from the Redis queue and runs them on a pool of analysis
 * threads (the local batch's WorkerPool, one Pipeline per thread), returning each Report without
 * the article's text plus the reuse sketch. It never touches the store. A failed job is retried with
 * exponential backoff (attempts and delays set by the producer); a worker killed mid-job loses
 * its lock, and another worker takes the job again once the lock has expired.
 */
import { hostname } from 'node:os';
import { type Job, Worker } from 'bullmq';
import { WorkerPool } from '../pool.ts';
import { analysersKey } from '../store.ts';
import { type AnalyseJob, type AnalyseResult, checkRedis, connect, toWire } from './jobs.ts';
import { DEFAULT_LOCK_MS, DEFAULT_QUEUE_NAME } from './names.ts';

export interface QueueWorkerOptions {
  redis: string;
  queueName?: string;
  /** Analysis threads; the worker takes twice as many jobs at once so no thread waits on Redis. */
  threads: number;
  /** How long a job stays locked without a renewal: a killed worker's job is retried after it. */
  lockMs?: number;
  onJob?: (event: { id: string; ok: boolean; error?: string; attempt: number }) => void;
  onError?: (error: Error) => void;
}

export interface QueueWorker {
  /** Stops taking jobs, finishes the ones in progress, then releases threads and connections. */
  close(): Promise<void>;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  await checkRedis(options.redis);
  const connection = connect(options.redis, 'worker');
  // One pool per analyser selection the producers ask for (usually one), started on first use.
  const pools = new Map<string, Promise<WorkerPool>>();
  const poolFor = (names: string[] | null): Promise<WorkerPool> => {
    const key = names ? names.join(',') : '*';
    let pool = pools.get(key);
    if (!pool) {
      pool = WorkerPool.start(options.threads, names ? { analysers: names } : {});
      pools.set(key, pool);
      pool.catch(() => pools.delete(key));
    }
    return pool;
  };

  const process = async (job: Job<AnalyseJob, AnalyseResult>): Promise<AnalyseResult> => {
    const { article, analysers, key } = job.data;
    const pool = await poolFor(analysers);
    const ours = analysersKey(pool.analysers);
    if (ours !== key) throw new Error(`this worker runs analysers ${ours}, the batch expects ${key}`);
    const result = await pool.analyse(article);
    if (!result.ok) {
      // Every thread died: start a fresh pool for the next job instead of failing them all.
      if (pool.size === 0) pools.delete(analysers ? analysers.join(',') : '*');
      throw new Error(result.error);
    }
    const { text: _text, ...reported } = result.report.article;
    return { report: { ...result.report, article: reported }, sketch: toWire(result.sketch) };
  };

  const lockDuration = options.lockMs ?? DEFAULT_LOCK_MS;
  const worker = new Worker<AnalyseJob, AnalyseResult>(options.queueName ?? DEFAULT_QUEUE_NAME, process, {
    connection,
    concurrency: options.threads * 2,
    lockDuration,
    stalledInterval: lockDuration,
    // A job survives two crashed workers before it counts as failed.
    maxStalledCount: 2,
    name: `${hostname()}:${globalThis.process.pid}`,
  });
  worker.on('completed', (job) => options.onJob?.({ id: job.id ?? '', ok: true, attempt: job.attemptsMade }));
  worker.on('failed', (job, error) =>
    options.onJob?.({ id: job?.id ?? '', ok: false, error: error.message, attempt: job?.attemptsMade ?? 0 }),
  );
  worker.on('error', (error) => options.onError?.(error));
  await worker.waitUntilReady();

  return {
    async close() {
      await worker.close();
      const started = await Promise.allSettled(pools.values());
      await Promise.all(started.map((p) => (p.status === 'fulfilled' ? p.value.close() : undefined)));
      pools.clear();
      await connection.quit().catch(() => undefined);
    },
  };
}
