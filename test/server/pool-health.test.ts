import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import type { Report } from '../../src/pipeline/report.ts';
import { buildServer } from '../../src/server/app.ts';
import { CRASH, NEVER_END } from '../fixtures/corpus/trouble-analyser.ts';

/** Workers run only the test analyser that misbehaves on marker texts (they start fast). */
const TROUBLE = [new URL('../fixtures/corpus/trouble-analyser.ts', import.meta.url).href];
const CALM = 'The ferry timetable changes next week. Tickets stay the same price.';

type App = Awaited<ReturnType<typeof buildServer>>;
const post = (app: App, text: string) =>
  app.inject({ method: 'POST', url: '/api/analyze', payload: { text } });
const health = async (app: App) => (await app.inject('/api/health')).json();

async function until(app: App, ready: (analysis: Record<string, unknown>) => boolean): Promise<void> {
  const end = performance.now() + 10_000;
  while (!ready((await health(app)).analysis)) {
    if (performance.now() > end) throw new Error('timed out waiting for the workers');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// One server for the whole story: each worker start loads the article readers (about 2 s here).
test('the server survives its analysis workers crashing or getting stuck, and health counts the restarts', async () => {
  // No shipped analyser and no web build: nothing to load but what the test needs.
  const app = await buildServer({
    pipeline: new Pipeline([]),
    logger: false,
    webRoot: '/nonexistent',
    workers: 2,
    timeoutMs: 1_000,
    testAnalysers: TROUBLE,
  });
  try {
    const [crashed, calm] = await Promise.all([post(app, `${CRASH}\n\n${CALM}`), post(app, CALM)]);
    assert.equal(crashed.statusCode, 500);
    assert.equal(crashed.json().code, 'analysis_crashed');
    assert.match(
      crashed.json().message,
      /^internal error: analysis worker crashed while analysing this article/,
    );
    assert.equal(calm.statusCode, 200, 'the other request is served');
    assert.equal((calm.json() as Report).article.text, CALM);
    await until(app, (analysis) => analysis.alive === 2);
    let { analysis } = await health(app);
    assert.equal(analysis.workers, 2);
    assert.equal(analysis.restarts, 1);
    assert.equal(analysis.lastRestart.reason, 'analysis worker crashed: exit code 7');
    assert.equal(analysis.running, 0);

    // An endless analysis: its request is answered at the time limit, its worker stopped at three.
    const [stuck, meanwhile] = await Promise.all([post(app, NEVER_END), post(app, CALM)]);
    assert.equal(stuck.statusCode, 503);
    assert.equal(stuck.json().code, 'timeout');
    assert.equal(meanwhile.statusCode, 200, 'the other worker serves while one is stuck');
    await until(app, (state) => state.restarts === 2);
    ({ analysis } = await health(app));
    assert.equal(analysis.lastRestart.reason, 'analysis took longer than 3 s');
    assert.equal(analysis.running, 0, 'the stuck article no longer holds a place');
    const again = await Promise.all([post(app, CALM), post(app, CALM), post(app, CALM)]);
    assert.deepEqual(
      again.map((r) => r.statusCode),
      [200, 200, 200],
    );
  } finally {
    // Closing stops the replacement worker even while it is still starting.
    const closing = performance.now();
    await app.close();
    assert.ok(performance.now() - closing < 5_000);
  }
});
