import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type TaskResult, WorkerPool } from '../../src/corpus/pool.ts';
import type { WorkerData } from '../../src/corpus/protocol.ts';
import { BROKEN_ENV, CRASH, NEVER_END, THROW_LATER } from '../fixtures/corpus/trouble-analyser.ts';
import { articleFromText, semevalText } from '../helpers.ts';

/** Only the analyser that misbehaves on marker texts: no shipped one, so workers start fast. */
const DATA: WorkerData = {
  analysers: [],
  testAnalysers: [new URL('../fixtures/corpus/trouble-analyser.ts', import.meta.url).href],
};

const article = (id: string, line = 'The harbour reopened on Monday after the storm.') =>
  articleFromText(semevalText(`Article ${id}`, [line]), { id, lang: 'en' });

/** Every task's id, in the order its answer came, to check none is lost or answered twice. */
function tracker(pool: WorkerPool) {
  const answered: string[] = [];
  const send = (id: string, line?: string): Promise<TaskResult> =>
    pool.analyse(article(id, line)).then((result) => {
      answered.push(id);
      return result;
    });
  return { answered, send };
}

function assertOk(result: TaskResult, id: string): void {
  assert.ok(result.ok, result.ok ? '' : result.error);
  assert.equal(result.report.article.id, id);
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > end) throw new Error('timed out waiting for the pool');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the worker pool heals itself', () => {
  after(() => {
    delete process.env[BROKEN_ENV];
  });

  test('a crashed worker fails only its article, its next article is re-queued, and a fresh worker takes over', async () => {
    const pool = await WorkerPool.start(1, DATA);
    try {
      const { answered, send } = tracker(pool);
      // One worker: `crash` is analysed first, `next` waits in the same worker's queue.
      const [before, crashed, next] = await Promise.all([send('before'), send('crash', CRASH), send('next')]);
      assertOk(before, 'before');
      assert.equal(crashed.ok, false);
      assert.ok(!crashed.ok);
      assert.match(
        crashed.error,
        /^internal error: analysis worker crashed while analysing this article \(exit code 7\)$/,
      );
      assert.equal(crashed.code, 'analysis_crashed');
      assertOk(next, 'next');
      assertOk(await send('after'), 'after');
      assert.deepEqual([...answered].sort(), ['after', 'before', 'crash', 'next']);
      const health = pool.health();
      assert.equal(health.workers, 1);
      assert.equal(health.alive, 1);
      assert.equal(health.restarts, 1);
      assert.equal(health.lastRestart?.reason, 'analysis worker crashed: exit code 7');
      assert.equal(health.lastRestart?.delayMs, 0);
      assert.equal(pool.inFlight, 0);
    } finally {
      await pool.close();
    }
  });

  test('an uncaught error kills an idle worker: it is replaced, the reason is kept, no article fails', async () => {
    const restarts: string[] = [];
    const pool = await WorkerPool.start(1, DATA, { onRestart: (event) => restarts.push(event.reason) });
    try {
      assertOk(await pool.analyse(article('thrower', THROW_LATER)), 'thrower');
      await until(() => pool.health().restarts === 1 && pool.health().alive === 1);
      assert.deepEqual(restarts, ['analysis worker crashed: thrown outside any analysis']);
      assertOk(await pool.analyse(article('later')), 'later');
    } finally {
      await pool.close();
    }
  });

  test('the watchdog stops an endless analysis, re-queues the article behind it, and the pool serves on', async () => {
    const pool = await WorkerPool.start(2, DATA, { taskTimeoutMs: 600 });
    try {
      const { answered, send } = tracker(pool);
      const stuck = send('stuck', NEVER_END);
      // The least busy worker gets each task: `behind` queues behind `stuck`, `other` on the other worker.
      const other = send('other');
      const behind = send('behind');
      assertOk(await other, 'other');
      assert.deepEqual(answered, ['other'], 'the other worker serves while one is stuck');
      assertOk(await send('meanwhile'), 'meanwhile');
      const result = await stuck;
      assert.ok(!result.ok);
      assert.equal(result.error, 'analysis took longer than 0.6 s');
      assert.equal(result.code, 'analysis_too_long');
      assertOk(await behind, 'behind');
      assert.deepEqual([...answered].sort(), ['behind', 'meanwhile', 'other', 'stuck']);
      await until(() => pool.health().alive === 2);
      assert.equal(pool.health().restarts, 1);
      assert.equal(pool.health().lastRestart?.reason, 'analysis took longer than 0.6 s');
      assertOk(await send('after'), 'after');
    } finally {
      await pool.close();
    }
  });

  test('a replacement that cannot start is retried with a growing back-off, reported in health', async () => {
    const pool = await WorkerPool.start(1, DATA, { backoffMs: 100 });
    try {
      const delays: number[] = [];
      process.env[BROKEN_ENV] = '1';
      const crashed = await pool.analyse(article('crash', CRASH));
      assert.ok(!crashed.ok);
      // Sent while no worker is ready: it waits for one instead of failing.
      const waiting = pool.analyse(article('patient'));
      await until(() => pool.health().restarts >= 3);
      const health = pool.health();
      assert.equal(health.alive, 0);
      assert.match(health.lastRestart?.reason ?? '', /^analysis worker could not start: .*broken on purpose/);
      delays.push(health.lastRestart?.delayMs ?? 0);
      delete process.env[BROKEN_ENV];
      assertOk(await waiting, 'patient');
      assert.ok(delays[0]! >= 200, `the third restart waited ${delays[0]} ms`);
      assert.equal(pool.health().alive, 1);
    } finally {
      delete process.env[BROKEN_ENV];
      await pool.close();
    }
  });

  test('a worker that never starts again leaves the pool; with none left, articles fail at once', async () => {
    const pool = await WorkerPool.start(1, DATA, { backoffMs: 1 });
    try {
      process.env[BROKEN_ENV] = '1';
      const waiting = pool.analyse(article('crash', CRASH)).then(() => pool.analyse(article('orphan')));
      const orphan = await waiting;
      assert.ok(!orphan.ok);
      assert.match(
        orphan.error,
        /^internal error: no analysis worker left \(last: .*broken on purpose \(gave up after 5 tries\)\)$/,
      );
      assert.equal(pool.size, 0);
      const late = await pool.analyse(article('late'));
      assert.ok(!late.ok);
    } finally {
      delete process.env[BROKEN_ENV];
      await pool.close();
    }
  });

  test('a pool whose first workers cannot start is refused with the reason', async () => {
    process.env[BROKEN_ENV] = '1';
    try {
      await assert.rejects(WorkerPool.start(2, DATA), /analysis worker could not start: .*broken on purpose/);
    } finally {
      delete process.env[BROKEN_ENV];
    }
  });

  test('close stops a stuck worker at once and fails the articles still unanswered', async () => {
    const pool = await WorkerPool.start(1, DATA, { taskTimeoutMs: 0 });
    const stuck = pool.analyse(article('stuck', NEVER_END));
    const behind = pool.analyse(article('behind'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await pool.close();
    assert.ok(performance.now() - started < 5_000);
    for (const result of await Promise.all([stuck, behind])) {
      assert.ok(!result.ok);
      assert.equal(result.error, 'internal error: the analysis pool was closed');
    }
    assert.equal(pool.size, 0);
  });
});
