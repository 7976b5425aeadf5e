/**
 * What a queue is doing, readable from any machine with access to Redis: job counts by state,
 * connected workers, the producer's published progress and the newest dead letters (jobs that
 * failed every attempt).
 */
import { Queue } from 'bullmq';
import type { AnalyseJob, AnalyseResult } from './jobs.ts';
import { checkRedis, connect, DEFAULT_QUEUE_NAME, progressKey } from './jobs.ts';

export interface DeadLetter {
  source: string;
  error: string;
  attempts: number;
}

export interface QueueStatus {
  queueName: string;
  counts: { waiting: number; active: number; delayed: number; completed: number; failed: number };
  workers: number;
  /** The producer's last published progress (empty when no batch ran on this queue). */
  progress: Record<string, string>;
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
      progress,
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
