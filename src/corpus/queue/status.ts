/**
 * What a queue is doing, readable from any machine with access to Redis: job counts by state,
 * connected workers, the producer's published progress and the newest dead letters (jobs that
 * failed every attempt).
 */
import { Queue } from 'bullmq';
import type { AnalyseJob, AnalyseResult } from './jobs.ts';
import { checkRedis, connect } from './jobs.ts';
import { DEFAULT_QUEUE_NAME, progressKey } from './names.ts';

export interface DeadLetter {
  source: string;
  error: string;
  attempts: number;
}

/** What the producer publishes in its Redis hash, with numbers as numbers. */
export interface PublishedProgress {
  status: string;
  db: string;
  host: string;
  run: number;
  /** Undefined while the inputs are still being counted. */
  total?: number;
  analysed: number;
  skipped: number;
  failed: number;
  outstanding: number;
  started: string;
  updated: string;
}

export interface QueueStatus {
  queueName: string;
  counts: { waiting: number; active: number; delayed: number; completed: number; failed: number };
  workers: number;
  /** The producer's last published progress; undefined when no batch ran on this queue. */
  progress?: PublishedProgress;
  deadLetters: DeadLetter[];
}

export async function queueStatus(
  redis: string,
  queueName: string = DEFAULT_QUEUE_NAME,
  deadLetters = 10,
): Promise<QueueStatus> {
  await checkRedis(redis);
  const connection = connect(redis, 'producer');
  const queue = new Queue<AnalyseJob, AnalyseResult>(queueName, { connection });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    const [workers, progress, failed] = await Promise.all([
      queue.getWorkersCount(),
      connection.hgetall(progressKey(queueName)),
      queue.getFailed(0, deadLetters - 1),
    ]);
    return {
      queueName,
      counts: {
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        completed: counts.completed ?? 0,
        failed: counts.failed ?? 0,
      },
      workers,
      ...(progress.status ? { progress: parseProgress(progress) } : {}),
      deadLetters: failed.map((job) => ({
        source: job.data.article.metadata.source,
        error: job.failedReason,
        attempts: job.attemptsMade,
      })),
    };
  } finally {
    await queue.close();
    await connection.quit().catch(() => undefined);
  }
}

/** Redis hashes hold strings; a field the producer left empty ('' for an unknown total) is undefined. */
export function parseProgress(hash: Record<string, string>): PublishedProgress {
  const count = (key: string): number => Number(hash[key] ?? 0);
  return {
    status: hash.status ?? '',
    db: hash.db ?? '',
    host: hash.host ?? '',
    run: count('run'),
    ...(hash.total ? { total: Number(hash.total) } : {}),
    analysed: count('analysed'),
    skipped: count('skipped'),
    failed: count('failed'),
    outstanding: count('outstanding'),
    started: hash.started ?? '',
    updated: hash.updated ?? '',
  };
}
