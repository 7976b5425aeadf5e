/**
 * The HTTP API under load on loopback: `spinlens serve` in a child process (so its memory is
 * its own; default settings: one analysis worker thread per core), a typical article POSTed to
 * /api/analyze at a fixed rate (open loop: latency counts from when a request was due, so a
 * stalled server cannot hide its queue), then as fast as a few concurrent clients go. Reports
 * throughput, p50/p99 latency of the answered requests, refusals (503 overloaded), and the
 * server's resident memory.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { benchArticles } from './articles.ts';
import { type Benchmark, measureLog, summarise } from './stats.ts';

const RATE = 100;
const WARMUP_S = 3;
const STEADY_S = 20;
const SATURATE_S = 10;
const CONCURRENCY = 4;
/**
 * The server measured is the compiled one that `npx spinlens serve` runs (rebuilt with tsc first);
 * `BENCH_HTTP_FROM=sources` runs it from the TypeScript sources under tsx instead.
 */
const FROM_SOURCES = process.env.BENCH_HTTP_FROM === 'sources';
/** Analysis threads of the server: `BENCH_HTTP_WORKERS=0` measures in-process analysis instead. */
const WORKERS = Number(process.env.BENCH_HTTP_WORKERS ?? availableParallelism());

export const httpBenchmark: Benchmark = {
  name: 'http',
  description: `POST /api/analyze on loopback: ${RATE} requests/s for ${STEADY_S} s, then saturated; latency and server memory`,
  async run(log) {
    const { body, note } = typicalArticle();
    const loadBefore = loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
    log(`load average before: ${loadBefore} (${availableParallelism()} cores; server workers: ${WORKERS})`);
    if (!FROM_SOURCES) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
    log(`server: ${FROM_SOURCES ? 'TypeScript sources under tsx' : 'the compiled build (bin/spinlens.js)'}`);
    const server = await startServer();
    const { measures, emit } = measureLog(log);
    try {
      const agent = new Agent({ keepAlive: true, maxSockets: 64 });
      const post = () => timedPost(server.url, body, agent);
      await fixedRate(post, RATE, WARMUP_S);
      const idleRss = rssMb(server.child);
      const rss: number[] = [];
      const sampler = setInterval(() => rss.push(rssMb(server.child)), 250);
      const steady = await fixedRate(post, RATE, STEADY_S);
      clearInterval(sampler);
      const sorted = [...steady.latencies].sort((a, b) => a - b);
      emit(summarise(`throughput at ${RATE}/s offered`, 'requests/s', [steady.completed / steady.seconds]));
      emit(summarise('latency p50', 'ms', [quantile(sorted, 0.5)]));
      emit(summarise('latency p99', 'ms', [quantile(sorted, 0.99)]));
      emit(summarise('latency max', 'ms', [sorted[sorted.length - 1] ?? 0]));
      emit(summarise('refused (503 overloaded)', 'responses', [steady.refused]));
      emit(
        summarise('refusal latency p99', 'ms', [
          quantile(
            [...steady.refusedLatencies].sort((a, b) => a - b),
            0.99,
          ),
        ]),
      );
      emit(summarise('errors', 'responses', [steady.errors]));
      emit(summarise('server RSS after warm-up', 'MB', [idleRss]));
      emit(summarise('server RSS under load (max)', 'MB', [Math.max(...rss)]));
      const saturated = await closedLoop(post, CONCURRENCY, SATURATE_S);
      const satSorted = [...saturated.latencies].sort((a, b) => a - b);
      emit(
        summarise(`saturated throughput (${CONCURRENCY} clients)`, 'requests/s', [
          saturated.completed / SATURATE_S,
        ]),
      );
      emit(summarise('saturated latency p50', 'ms', [quantile(satSorted, 0.5)]));
      emit(summarise('saturated latency p99', 'ms', [quantile(satSorted, 0.99)]));
      agent.destroy();
      log(
        `load average after: ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
      );
    } finally {
      server.child.kill('SIGTERM');
    }
    return {
      name: 'http',
      measures,
      notes: [note, `server: spinlens serve (all analysers, --workers ${WORKERS}), node ${process.version}`],
    };
  },
};

/** The median-length article of the benchmark set, as the JSON body of an analyse request. */
function typicalArticle(): { body: string; note: string } {
  const { articles, source } = benchArticles(5);
  const sorted = [...articles].sort((a, b) => a.text.length - b.text.length);
  const article = sorted[sorted.length >> 1]!;
  return {
    body: JSON.stringify({ text: article.text }),
    note: `article: median length of ${articles.length} from ${source}: ${article.text.length} characters, ${article.paragraphs.length} paragraphs`,
  };
}

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const entry = FROM_SOURCES ? ['--import', 'tsx', 'src/cli/main.ts'] : ['bin/spinlens.js'];
  const child = spawn(
    process.execPath,
    [...entry, 'serve', '--port', '0', '--no-log', '--workers', String(WORKERS)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${text}`)));
  });
  return { child, url };
}

/** How a request ended: answered, refused with 503 overloaded (back-pressure), or anything else. */
type Outcome = 'ok' | 'refused' | 'error';

interface Run {
  /** Of the answered requests. */
  latencies: number[];
  refusedLatencies: number[];
  completed: number;
  refused: number;
  errors: number;
  /** From the first request sent to the last response, in seconds. */
  seconds: number;
}

/** How one POST ended, resolved when the whole response has arrived. */
function timedPost(url: string, body: string, agent: Agent): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      `${url}/api/analyze`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve(res.statusCode === 200 ? 'ok' : res.statusCode === 503 ? 'refused' : 'error'),
        );
      },
    );
    req.on('error', () => resolve('error'));
    req.end(body);
  });
}

/** Sends `rate` requests a second for `seconds`, each timed from when it was due. */
function newRun(seconds: number): Run {
  return { latencies: [], refusedLatencies: [], completed: 0, refused: 0, errors: 0, seconds };
}

function record(run: Run, outcome: Outcome, ms: number): void {
  if (outcome === 'ok') {
    run.completed++;
    run.latencies.push(ms);
  } else if (outcome === 'refused') {
    run.refused++;
    run.refusedLatencies.push(ms);
  } else run.errors++;
}

async function fixedRate(send: () => Promise<Outcome>, rate: number, seconds: number): Promise<Run> {
  const run = newRun(0);
  const total = rate * seconds;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send().then((outcome) => record(run, outcome, performance.now() - due)));
  }
  await Promise.all(pending);
  run.seconds = (performance.now() - start) / 1000;
  return run;
}

/** `clients` loops sending one request after another for `seconds`. */
async function closedLoop(send: () => Promise<Outcome>, clients: number, seconds: number): Promise<Run> {
  const run = newRun(seconds);
  const end = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      record(run, await send(), performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return run;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Resident memory of a process (Linux /proc), in MB. */
function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}
