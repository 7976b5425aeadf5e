/**
 * The queue's names and errors, free of Redis and BullMQ imports so the command line can name
 * them (option defaults, error messages) without loading the queue client.
 */
export const DEFAULT_QUEUE_NAME = 'spinlens-batch';

/** Lock held on a job while a worker analyses it; renewed while the worker lives. */
export const DEFAULT_LOCK_MS = 30_000;

export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

/** The URL without its password, as it may be written to the store or a log. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparsable url)';
  }
}

/** The Redis hash where the producer publishes its progress, readable from any machine. */
export function progressKey(queueName: string): string {
  return `spinlens:${queueName}:progress`;
}
