import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analysersByName } from '../../src/analysers/registry.ts';
import type { AnswerResult, TaskResult } from '../../src/corpus/pool.ts';
import type { ReuseSketch } from '../../src/corpus/reuse/sketch.ts';
import type { Report } from '../../src/pipeline/report.ts';
import { type Backend, QueuedAnalysis } from '../../src/server/analysis.ts';
import { ApiError } from '../../src/server/errors.ts';
import type { ArticleInput } from '../../src/server/ingest.ts';
import { ARTICLE, testServer } from './helpers.ts';

/** A backend whose analyses finish when the test says so. */
class ManualBackend implements Backend {
  readonly size: number;
  readonly models = ['en'];
  readonly started: string[] = [];
  closed = false;
  readonly #waiting = new Map<string, (result: TaskResult) => void>();

  constructor(size: number) {
    this.size = size;
  }

  analyse(input: ArticleInput): Promise<TaskResult> {
    const id = (input as { body: { text: string } }).body.text;
    this.started.push(id);
    return new Promise((resolve) => this.#waiting.set(id, resolve));
  }

  /** Answers as the workers do: the report as JSON, and the report itself when kept. */
  async answer(input: ArticleInput, keep: boolean): Promise<AnswerResult> {
    const result = await this.analyse(input);
    if (!result.ok) return result;
    const rendered = { contentType: 'application/json', body: JSON.stringify(result.report) };
    return {
      ok: true,
      rendered,
      ...(keep ? { kept: { report: result.report, sketch: result.sketch } } : {}),
    };
  }

  health() {
    return { workers: this.size, alive: this.size, restarts: 0, lastRestart: null };
  }

  finish(id: string): void {
    const report = { article: { id } } as Report;
    this.#waiting.get(id)!({ ok: true, report, sketch: {} as ReuseSketch });
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A request whose text is just an id the test can follow. */
const article = (id: string): ArticleInput => ({ kind: 'json', body: { text: id } });
const later = () => performance.now() + 60_000;
const settle = () => new Promise((resolve) => setImmediate(resolve));

function assertApiError(error: unknown, code: string): true {
  assert.ok(error instanceof ApiError);
  assert.equal(error.code, code);
  assert.equal(error.statusCode, 503);
  return true;
}

describe('the analysis queue', () => {
  test('two articles per worker at a time (one analysed, the next in line); the others wait in order', async () => {
    const backend = new ManualBackend(2);
    const queue = new QueuedAnalysis(backend, 10);
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const done = ids.map((id) => queue.analyse(article(id), later()));
    assert.deepEqual(backend.started, ['a', 'b', 'c', 'd']);
    assert.deepEqual(queue.state(), {
      mode: 'pool',
      workers: 2,
      running: 4,
      queued: 2,
      queueLimit: 10,
      peakRunning: 4,
      alive: 2,
      restarts: 0,
      lastRestart: null,
    });
    backend.finish('b');
    await settle();
    assert.deepEqual(backend.started, ['a', 'b', 'c', 'd', 'e']);
    for (const id of ['a', 'c', 'd', 'e', 'f']) {
      await settle();
      backend.finish(id);
    }
    const reports = await Promise.all(done);
    assert.deepEqual(
      reports.map((r) => r.report.article.id),
      ids,
    );
    assert.equal(queue.state().running, 0);
  });

  test('a full queue refuses at once with 503 overloaded and Retry-After', async () => {
    const backend = new ManualBackend(1);
    const queue = new QueuedAnalysis(backend, 1);
    const first = queue.analyse(article('a'), later());
    const next = queue.analyse(article('next'), later());
    const second = queue.analyse(article('b'), later());
    assert.throws(
      () => queue.admit(),
      (error) => assertApiError(error, 'overloaded'),
    );
    await assert.rejects(queue.analyse(article('c'), later()), (error) => {
      assertApiError(error, 'overloaded');
      assert.equal((error as ApiError).retryAfter, 1);
      return true;
    });
    assert.deepEqual(backend.started, ['a', 'next']);
    backend.finish('a');
    await first;
    queue.admit();
    await settle();
    backend.finish('next');
    await next;
    await settle();
    backend.finish('b');
    await second;
  });

  test('an article whose deadline passes while it waits gets 503 timeout and is never analysed', async () => {
    const backend = new ManualBackend(1);
    const queue = new QueuedAnalysis(backend, 5);
    const first = queue.analyse(article('slow'), later());
    const second = queue.analyse(article('slower'), later());
    const late = queue.analyse(article('late'), performance.now() + 20);
    await assert.rejects(late, (error) => assertApiError(error, 'timeout'));
    backend.finish('slow');
    backend.finish('slower');
    await Promise.all([first, second]);
    await settle();
    assert.deepEqual(backend.started, ['slow', 'slower'], 'the expired article was dropped');
  });

  test('an analysis running past its deadline is answered 503 timeout; its late result is ignored', async () => {
    const backend = new ManualBackend(1);
    const queue = new QueuedAnalysis(backend, 5);
    const running = queue.analyse(article('a'), performance.now() + 20);
    await assert.rejects(running, (error) => assertApiError(error, 'timeout'));
    backend.finish('a');
    await settle();
    assert.equal(queue.state().running, 0);
  });

  test('close lets queued and running analyses finish, then stops the workers; later ones are refused', async () => {
    const backend = new ManualBackend(1);
    const queue = new QueuedAnalysis(backend, 5);
    const a = queue.analyse(article('a'), later());
    const b = queue.analyse(article('b'), later());
    let closed = false;
    const closing = queue.close().then(() => {
      closed = true;
    });
    await assert.rejects(queue.analyse(article('c'), later()), (error) =>
      assertApiError(error, 'overloaded'),
    );
    backend.finish('a');
    await a;
    await settle();
    assert.equal(closed, false, 'b is still to do');
    assert.equal(backend.closed, false);
    backend.finish('b');
    await b;
    await closing;
    assert.ok(backend.closed);
  });
});

describe('analysis on worker threads', () => {
  // The default 10 s limit could cut a long analysis short on a busy test machine.
  const SLACK_MS = 120_000;
  // Long enough (about 30 paragraphs) that an analysis is still running when the next request arrives.
  const longText = Array.from({ length: 10 }, () => readFileSync(ARTICLE, 'utf8')).join('\n\n');
  const post = (app: Awaited<ReturnType<typeof testServer>>, text = longText) =>
    app.inject({ method: 'POST', url: '/api/analyze', payload: { text } });

  test('two requests are analysed at the same time on two workers, with the in-process result', async () => {
    const app = await testServer(undefined, { workers: 2, timeoutMs: SLACK_MS });
    const local = await testServer();
    try {
      const [one, two] = await Promise.all([post(app), post(app, `${longText}\n\nOne more line.`)]);
      assert.equal(one.statusCode, 200);
      assert.equal(two.statusCode, 200);
      const health = (await app.inject('/api/health')).json();
      assert.equal(health.analysis.mode, 'pool');
      assert.equal(health.analysis.workers, 2);
      assert.equal(health.analysis.peakRunning, 2, 'both analyses ran at once');
      const inProcess = (await post(local)).json() as Report;
      const pooled = one.json() as Report;
      assert.deepEqual(pooled.findings, inProcess.findings);
      assert.deepEqual(pooled.article, inProcess.article);
    } finally {
      await Promise.all([app.close(), local.close()]);
    }
  });

  test('with one worker and a queue of one, a burst gets 503 overloaded with Retry-After', async () => {
    const app = await testServer(undefined, { workers: 1, queueLimit: 1, timeoutMs: SLACK_MS });
    try {
      const responses = await Promise.all(Array.from({ length: 5 }, () => post(app)));
      const statuses = responses.map((r) => r.statusCode);
      // Two held by the worker, one queued.
      assert.equal(statuses.filter((s) => s === 200).length, 3, statuses.join(' '));
      const refused = responses.filter((r) => r.statusCode === 503);
      assert.equal(refused.length, 2);
      for (const r of refused) {
        assert.equal(r.json().code, 'overloaded');
        assert.equal(r.headers['retry-after'], '1');
      }
      assert.equal(
        (await post(app, 'Short and sweet.')).statusCode,
        200,
        'served again once the burst is over',
      );
    } finally {
      await app.close();
    }
  });

  test('workers read the uploads: an HTML page is analysed, a binary file is refused with its own code', async () => {
    const app = await testServer(undefined, { workers: 1, timeoutMs: SLACK_MS });
    const local = await testServer();
    try {
      const page = {
        method: 'POST' as const,
        url: '/api/analyze?filename=page.html',
        headers: { 'content-type': 'text/html' },
        payload: readFileSync('examples/saved-page.html'),
      };
      const [pooled, inProcess] = await Promise.all([app.inject(page), local.inject(page)]);
      assert.equal(pooled.statusCode, 200);
      assert.deepEqual((pooled.json() as Report).article, (inProcess.json() as Report).article);
      assert.equal((pooled.json() as Report).article.metadata.format, 'html');

      const binary = await app.inject({
        method: 'POST',
        url: '/api/analyze',
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0, 0, 7, 8, 0, 0, 9]),
      });
      assert.equal(binary.statusCode, 422);
      assert.equal(binary.json().code, 'unreadable_input');
      const blank = await app.inject({ method: 'POST', url: '/api/analyze', payload: { text: '  ' } });
      assert.equal(blank.json().code, 'missing_text');
    } finally {
      await Promise.all([app.close(), local.close()]);
    }
  });

  test('the worker answers in every format exactly as the in-process server, and a stored article keeps its report', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'spinlens-pool-')), 'store.db');
    const app = await testServer(undefined, { workers: 1, timeoutMs: SLACK_MS, db });
    const local = await testServer();
    try {
      const text = readFileSync(ARTICLE, 'utf8');
      for (const format of ['text', 'html', 'semeval', 'json']) {
        const ask = { method: 'POST' as const, url: '/api/analyze', payload: { text, format } };
        const [pooled, inProcess] = await Promise.all([app.inject(ask), local.inject(ask)]);
        assert.equal(pooled.statusCode, 200, format);
        assert.equal(pooled.headers['content-type'], inProcess.headers['content-type'], format);
        assert.equal(pooled.headers['content-security-policy'], inProcess.headers['content-security-policy']);
        // The reports differ only in their timings.
        const untimed = (body: string) => body.replace(/"ms":[0-9.e-]+/g, '"ms":0');
        assert.equal(untimed(pooled.body), untimed(inProcess.body), format);
      }
      const stored = await app.inject({
        method: 'POST',
        url: '/api/analyze?store=1',
        payload: { text, format: 'text' },
      });
      assert.match(String(stored.headers['content-type']), /^text\/plain/);
      const { article } = (
        await local.inject({ method: 'POST', url: '/api/analyze', payload: { text } })
      ).json() as Report;
      const report = await app.inject(`/api/articles/${article.id}`);
      assert.equal(report.statusCode, 200, 'kept in the store although the answer was text');
      assert.ok((report.json() as Report).findings.length > 0);
    } finally {
      await Promise.all([app.close(), local.close()]);
    }
  });

  test('a format the workers cannot give is refused with its code', async () => {
    const app = await testServer(analysersByName(['language']), { workers: 1, timeoutMs: SLACK_MS });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/analyze',
        payload: { text: 'A short article about the harbour.', format: 'semeval' },
      });
      assert.equal(response.statusCode, 422);
      assert.equal(response.json().code, 'analyser_unavailable');
    } finally {
      await app.close();
    }
  });

  test('a request waiting beyond the time limit gets 503 timeout', async () => {
    const app = await testServer(undefined, { workers: 1, timeoutMs: 1 });
    try {
      const response = await post(app);
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().code, 'timeout');
    } finally {
      await app.close();
    }
  });

  test('closing the server finishes the analysis in flight before stopping the workers', async () => {
    const app = await testServer(undefined, { workers: 1, timeoutMs: SLACK_MS });
    const inFlight = post(app);
    while ((await app.inject('/api/health')).json().analysis.running === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await app.close();
    const response = await inFlight;
    assert.equal(response.statusCode, 200);
    assert.ok((response.json() as Report).findings.length > 0);
  });
});
