import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { generateCorpus } from '../../bench/gen-corpus.ts';
import type { Article } from '../../src/article/article.ts';
import { runBatch } from '../../src/corpus/batch.ts';
import { ANALYSE, type AnalyseJob, JOB_OPTIONS } from '../../src/corpus/queue/jobs.ts';
import { spinlens } from '../cli/helpers.ts';
import { dumpStore } from './dump.ts';
import {
  type Child,
  freePort,
  redisMissing,
  startRedis,
  startWorker,
  stopAll,
  waitFor,
} from './queue-helpers.ts';

const ANALYSERS = ['language', 'repetition'];
/** Short locks so the job of a killed worker is taken again within seconds. */
const WORKER_ARGS = ['-c', '1', '--lock-ms', '1500'];
const missing = redisMissing();

let scratch: string;
let corpus: string;
let redis: string;

before(async () => {
  if (missing) return;
  scratch = await mkdtemp(join(tmpdir(), 'spinlens-queue-'));
  corpus = join(scratch, 'corpus.jsonl');
  const records = [...generateCorpus({ count: 160, seed: 11, copies: 0.04, broken: 0.02 })];
  await writeFile(corpus, records.map((r) => `${r.line}\n`).join(''));
  redis = (await startRedis()).url;
});
after(async () => {
  await stopAll();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Rows in a table; 0 while the store is being created. */
function count(db: string, table: string): number {
  if (!existsSync(db)) return 0;
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0;
  }
}

describe('spinlens batch --queue with spinlens worker', { skip: missing }, () => {
  it('3 workers on one Redis, one killed mid-run, store the same rows as the local batch', async () => {
    const reference = join(scratch, 'local.db');
    const local = await runBatch({ inputs: [corpus], db: reference, workers: 1, analysers: ANALYSERS });
    assert.ok(local.failed > 0, 'the corpus has broken records');

    const workers: Child[] = [1, 2, 3].map(() => startWorker(redis, WORKER_ARGS));
    await waitFor('3 workers', () => workers.every((w) => /waiting for jobs/.test(w.output())));
    const queued = join(scratch, 'queued.db');
    const args = ['batch', '--queue', redis, '--db', queued, '-a', ANALYSERS.join(','), corpus];
    const batch = spinlens(args);
    // kill -9 one worker while jobs are flowing: its jobs go back to the queue when their lock expires.
    await waitFor('a third of the corpus stored', () => count(queued, 'articles') >= local.analysed / 3);
    workers[2]!.process.kill('SIGKILL');
    const storedAtKill = count(queued, 'articles');
    const { code, stderr } = await batch;

    assert.equal(code, 1, stderr);
    assert.ok(storedAtKill < local.analysed, `killed while jobs were left (${storedAtKill} stored)`);
    assert.match(
      stderr,
      new RegExp(`${local.analysed} analysed, 0 already in the store, ${local.failed} failed`),
    );
    assert.deepEqual(dumpStore(queued), dumpStore(reference));
    for (const w of workers.slice(0, 2)) assert.match(w.output(), /waiting for jobs/);

    // Again: nothing to do, and the queue holds nothing of the batch any more.
    const again = await spinlens(args);
    assert.match(again.stderr, new RegExp(`0 analysed, ${local.analysed} already in the store`));
    const status = await spinlens(['queue', 'status', '--redis', redis, '--format', 'json']);
    const parsed = JSON.parse(status.stdout) as {
      counts: Record<string, number>;
      progress: { status: string; skipped: number; analysed: number; total: number };
    };
    assert.deepEqual(parsed.counts, { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 });
    assert.equal(parsed.progress.status, 'done');
    assert.equal(parsed.progress.skipped, local.analysed);
    assert.equal(parsed.progress.analysed, 0);

    // SIGTERM: the workers finish what they hold and exit 0.
    for (const w of workers.slice(0, 2)) w.process.kill('SIGTERM');
    for (const w of workers.slice(0, 2)) {
      assert.equal(await w.exited, 0);
      assert.match(w.output(), /worker: stopped after \d+ jobs? done/);
    }
  });

  it('retries a failing job with backoff, then keeps it as a dead letter that `queue status` lists', async () => {
    const worker = startWorker(redis, [...WORKER_ARGS, '--queue-name', 'dead-letters']);
    const connection = new Redis(redis);
    const queue = new Queue<AnalyseJob>('dead-letters', { connection });
    try {
      // A job asking for analyser versions no worker runs fails on every attempt.
      const article: Article = {
        id: 'dead-1',
        title: 'A title',
        text: 'A title\n\nOne paragraph of text.',
        paragraphs: [],
        language: { code: 'en', confidence: 1, method: 'override' },
        metadata: { source: 'dead.jsonl:1', format: 'jsonl' },
      };
      await queue.add(
        ANALYSE,
        { article, analysers: ['language'], key: 'language@0.0.0-other' },
        JOB_OPTIONS,
      );
      await waitFor(
        'the job to fail 3 times',
        () => (worker.output().match(/attempt \d failed/g) ?? []).length === 3,
      );
      assert.match(
        worker.output(),
        /attempt 3 failed: this worker runs analysers language@.*, the batch expects language@0\.0\.0-other/,
      );

      const { code, stdout } = await spinlens([
        'queue',
        'status',
        '--redis',
        redis,
        '--queue-name',
        'dead-letters',
      ]);
      assert.equal(code, 0);
      assert.match(
        stdout,
        /0 waiting, 0 active, 0 retrying later, 0 finished not yet stored, 1 dead letters · 1 workers connected/,
      );
      assert.match(stdout, /dead letter: dead\.jsonl:1 \(3 attempts\): this worker runs analysers/);
    } finally {
      await queue.close();
      await connection.quit();
      worker.process.kill('SIGTERM');
      await worker.exited;
    }
  });
});

describe('an unreachable Redis', () => {
  it('ends batch --queue, worker and queue status at once with the reason, exit status 2', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const db = join(tmpdir(), `spinlens-queue-unreachable-${process.pid}.db`);
    for (const args of [
      ['batch', '--queue', url, '--db', db, 'corpus.jsonl'],
      ['worker', '--redis', url],
      ['queue', 'status', '--redis', url],
    ]) {
      const { code, stderr } = await spinlens(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
    }
    assert.equal(existsSync(db), false, 'no store is created');
  });
});
