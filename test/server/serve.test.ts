import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseSize, serve } from '../../src/cli/serve.ts';
import { Store } from '../../src/corpus/store.ts';
import { MemoryStream, spinlens } from '../cli/helpers.ts';
import { ARTICLE } from './helpers.ts';

test('spinlens serve listens, answers, stores, and stops gracefully when told to', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'spinlens-serve-'));
  const db = join(scratch, 'served.db');
  const stderr = new MemoryStream();
  const stop = new AbortController();
  const running = serve(
    {
      port: 0,
      host: '127.0.0.1',
      maxBody: 1024 * 1024,
      timeout: 5000,
      analysers: ['language'],
      log: false,
      workers: 1,
      db,
    },
    { stdout: new MemoryStream(), stderr, env: {} },
    stop.signal,
  );
  let address: string | undefined;
  for (let i = 0; i < 200 && !address; i++) {
    address = /listening on (http:\/\/\S+)/.exec(stderr.text)?.[1];
    if (!address) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.ok(address, stderr.text);
  const health = await fetch(`${address}/api/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(
    ((await health.json()) as { analysers: { name: string }[] }).analysers.map((a) => a.name),
    ['language'],
  );
  assert.match(stderr.text, /1 analysis workers, store: .*served\.db/);
  const analysed = await fetch(`${address}/api/analyze?store=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Guten Morgen. Der Zug fährt heute nicht.' }),
  });
  assert.equal(
    ((await analysed.json()) as { article: { language: { code: string } } }).article.language.code,
    'de',
  );
  const list = (await (await fetch(`${address}/api/articles`)).json()) as { total: number };
  assert.equal(list.total, 1);

  // A long analysis in flight when the stop comes is still answered.
  const longText = Array.from({ length: 20 }, () => readFileSync(ARTICLE, 'utf8')).join('\n\n');
  const inFlight = fetch(`${address}/api/analyze`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: longText }),
  });
  let answered = false;
  void inFlight.then(() => {
    answered = true;
  });
  type Health = { analysis: { running: number } };
  const busy = async () => ((await (await fetch(`${address}/api/health`)).json()) as Health).analysis.running;
  while (!answered && (await busy()) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  stop.abort();
  assert.equal((await inFlight).status, 200);
  assert.equal(await running, 0);
  assert.match(stderr.text, /shutting down/);
  await assert.rejects(fetch(`${address}/api/health`));

  const store = new Store(db, { mustExist: true });
  try {
    assert.equal(store.db.prepare('SELECT count(*) FROM articles').pluck().get(), 1);
    assert.equal(store.db.prepare('SELECT status FROM runs').pluck().get(), 'done');
  } finally {
    store.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('bad serve options are usage errors (exit 2)', async () => {
  assert.equal((await spinlens(['serve', '--port', 'eighty'])).code, 2);
  assert.equal((await spinlens(['serve', '--port', '70000'])).code, 2);
  assert.equal((await spinlens(['serve', '--max-body', 'lots'])).code, 2);
  const unknown = await spinlens(['serve', '--analysers', 'nonsense']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown analyser/);
});

test('sizes read as bytes, kb or mb', () => {
  assert.equal(parseSize('2mb'), 2 * 1024 * 1024);
  assert.equal(parseSize('500KB'), 500 * 1024);
  assert.equal(parseSize('1048576'), 1048576);
  assert.throws(() => parseSize('0'));
  assert.throws(() => parseSize('2gb'));
});
