/**
 * `spinlens queue status --redis <url>`: the progress of a queued batch and its workers, from
 * any machine that reaches Redis.
 */
import { type Command, Option } from 'commander';
import { DEFAULT_QUEUE_NAME, RedisUnreachableError } from '../corpus/queue/names.ts';
import type { QueueStatus } from '../corpus/queue/status.ts';
import { type CliIO, EXIT, Output, UsageError } from './io.ts';

interface StatusOptions {
  redis: string;
  queueName: string;
  format: 'text' | 'json';
}

export function registerQueue(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const queue = program.command('queue').description('inspect the Redis queue of `spinlens batch --queue`');
  queue
    .command('status')
    .description('job counts, workers, batch progress and dead letters')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://host:6379')
    .option('--queue-name <name>', 'queue to inspect', DEFAULT_QUEUE_NAME)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options: StatusOptions) => {
      // Loaded here so other commands never pay for the Redis and BullMQ clients.
      const { queueStatus } = await import('../corpus/queue/status.ts');
      const status = await queueStatus(options.redis, options.queueName).catch((error: unknown) => {
        if (error instanceof RedisUnreachableError) throw new UsageError(`--redis: ${error.message}`);
        throw error;
      });
      const out = new Output(io.stdout);
      await out.write(options.format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : describe(status));
      setExit(EXIT.ok);
    });
}

function describe(status: QueueStatus): string {
  const c = status.counts;
  const p = status.progress;
  const lines = [
    `queue ${status.queueName}: ${c.waiting} waiting, ${c.active} active, ${c.delayed} retrying later, ` +
      `${c.completed} finished not yet stored, ${c.failed} dead letters · ${status.workers} workers connected`,
  ];
  if (p) {
    const done = p.analysed + p.skipped + p.failed;
    const of = p.total === undefined ? '' : `/${p.total}`;
    lines.push(
      `batch (${p.status}, ${p.host} → ${p.db}, run ${p.run}): ${done}${of} items · ${p.analysed} analysed · ` +
        `${p.skipped} skipped · ${p.failed} failed · ${p.outstanding} in the queue · updated ${p.updated}`,
    );
  } else {
    lines.push('no batch has run on this queue');
  }
  for (const d of status.deadLetters)
    lines.push(`dead letter: ${d.source} (${d.attempts} attempts): ${d.error}`);
  return `${lines.join('\n')}\n`;
}
