/**
 * What the batch producer and the queue workers agree on: the queue, the job's data and result,
 * its deterministic id, its retry policy and the Redis connection. A job carries one Article and
 * the analysers to run; its result is the Report without the article's text (the producer has it in
 * the job's data) and the reuse sketch, so Redis holds each text once.
 */
import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Article } from '../../article/article.ts';
import type { Report } from '../../pipeline/report.ts';
import type { ReuseSketch } from '../reuse/sketch.ts';
import { RedisUnreachableError, safeUrl } from './names.ts';

/** Job name (BullMQ jobs have one; all of ours do the same thing). */
export const ANALYSE = 'analyse';
export const ATTEMPTS = 3;
/** First retry after this long, then twice as long each time. */
export const BACKOFF_MS = 1000;

export const JOB_OPTIONS: JobsOptions = {
  attempts: ATTEMPTS,
  backoff: { type: 'exponential', delay: BACKOFF_MS },
  // The producer removes completed jobs once their results are in the store; failed jobs stay in
  // the failed set, the dead-letter list, until the next batch retries them.
  removeOnComplete: false,
  removeOnFail: false,
};

export interface AnalyseJob {
  article: Article;
  /** Analyser names; all the worker's analysers when null. */
  analysers: string[] | null;
  /** `analysersKey` the producer expects: a worker running other versions fails the job. */
  key: string;
}

export interface AnalyseResult {
  report: Omit<Report, 'article'> & { article: Omit<Report['article'], 'text'> };
  sketch: WireSketch;
}

/** A ReuseSketch as JSON can carry it (the signature as plain numbers). */
export type WireSketch = Omit<ReuseSketch, 'signature'> & { signature: number[] };

/**
 * Same article text under the same id with the same analysers → same job id, so enqueueing an
 * article twice (a repeated batch, a producer restarted after a crash) adds nothing.
 */
export function jobId(articleId: string, hash: string, key: string): string {
  return createHash('sha256').update(`${articleId}\u0000${hash}\u0000${key}`).digest('hex');
}

export function toWire(sketch: ReuseSketch): WireSketch {
  return { ...sketch, signature: Array.from(sketch.signature) };
}

export function fromWire(sketch: WireSketch): ReuseSketch {
  return { ...sketch, signature: Uint32Array.from(sketch.signature) };
}

/**
 * A connection to `url` (redis://[:password@]host:port[/db]). Workers retry commands for as
 * long as Redis is away (BullMQ requires it for blocking reads); the producer gives up after
 * ioredis' default retries so a wrong URL ends the batch with an error instead of hanging.
 */
export function connect(url: string, role: 'worker' | 'producer'): Redis {
  return new Redis(url, role === 'worker' ? { maxRetriesPerRequest: null } : {});
}

/**
 * Fails fast, with the reason, when Redis cannot be reached: the BullMQ connections would
 * otherwise wait for it forever.
 */
export async function checkRedis(url: string, timeoutMs = 5000): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The socket error (ECONNREFUSED, ENOTFOUND…) says more than the failed command.
  let cause: Error | undefined;
  probe.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const reason = cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw new RedisUnreachableError(`cannot reach Redis at ${safeUrl(url)}: ${reason}`);
  } finally {
    probe.disconnect();
  }
}
