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
    const restarts: string[] = [];
    const pool = await WorkerPool.start(1, DATA, { onRestart: (event) => restarts.push(event.reason) });
    try {
      const { answered, send } = tracker(pool);
      // One worker: `crash` is analysed first, `next` waits in the same worker's queue.
      const [before, crashed, next] = await Promise.all([send('before'), send('crash', CRASH), send('next')]);
      assertOk(before, 'before');
      assert.ok(!crashed.ok);
      assert.equal(
        crashed.error,
        'internal error: analysis worker crashed while analysing this article (exit code 7)',
      );
      assert.equal(crashed.code, 'analysis_crashed');
      assertOk(next, 'next');
      assertOk(await send('after'), 'after');
      assert.deepEqual([...answered].sort(), ['after', 'before', 'crash', 'next']);
      assert.deepEqual(pool.health(), {
        workers: 1,
        alive: 1,
        restarts: 1,
        lastRestart: {
          reason: 'analysis worker crashed: exit code 7',
          at: pool.health().lastRestart?.at,
          delayMs: 0,
        },
      });
      assert.equal(pool.inFlight, 0);

      // An uncaught error once the analysis is over kills the idle worker: replaced, no article fails.
      assertOk(await send('thrower', THROW_LATER), 'thrower');
      await until(() => pool.health().restarts === 2 && pool.health().alive === 1);
      assert.deepEqual(restarts, [
        'analysis worker crashed: exit code 7',
        'analysis worker crashed: thrown outside any analysis',
      ]);
      assertOk(await send('last'), 'last');
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

  test('a replacement that cannot start is retried with a growing back-off, then the pool gives up on it', async () => {
    const pool = await WorkerPool.start(1, DATA, { backoffMs: 20 });
    try {
      process.env[BROKEN_ENV] = '1';
      const crashed = await pool.analyse(article('crash', CRASH));
      assert.equal(crashed.ok, false);
      // Sent while no worker is ready: it waits for one instead of failing at once.
      let answer: TaskResult | undefined;
      const patient = pool.analyse(article('patient')).then((result) => {
        answer = result;
        return result;
      });
      await until(() => pool.health().restarts === 3);
      const health = pool.health();
      assert.equal(health.alive, 0);
      assert.match(
        health.lastRestart?.reason ?? '',
        /^analysis worker could not start: .*broken on purpose$/,
      );
      assert.equal(health.lastRestart?.delayMs, 40, 'waits 20 ms, then 40 ms...');
      assert.equal(answer, undefined, 'still waiting for a worker');
      const result = await patient;
      assert.ok(!result.ok);
      assert.match(
        result.error,
        /^internal error: no analysis worker left \(last: .*broken on purpose \(gave up after 5 tries\)\)$/,
      );
      assert.equal(pool.size, 0);
      assert.equal(pool.health().restarts, 5);
      const late = await pool.analyse(article('late'));
      assert.ok(!late.ok, 'fails at once');
    } finally {
      delete process.env[BROKEN_ENV];
      await pool.close();
    }
  });

  test('a pool whose first workers cannot start is refused with the reason', async () => {
    process.env[BROKEN_ENV] = '1';
    try {
      await assert.rejects(WorkerPool.start(1, DATA), /analysis worker could not start: .*broken on purpose/);
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
