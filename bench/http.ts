/**
 * The HTTP API under load on loopback: `spinlens serve` in a child process (so its memory is
 * its own; default settings: one analysis worker thread per core), a typical article POSTed to
 * /api/analyze at a fixed rate (open loop: latency counts from when a request was due, so a
 * stalled server cannot hide its queue), then as fast as a few concurrent clients go. Reports
 * throughput, p50/p99 latency of the answered requests, refusals (503 overloaded), and the
 * server's resident memory. The load comes from bench/load-generator.ts in a process of its own.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArticles } from './articles.ts';
import type { Run } from './load-generator.ts';
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
    const scratch = mkdtempSync(join(tmpdir(), 'spinlens-http-'));
    try {
      const bodyFile = join(scratch, 'body.json');
      writeFileSync(bodyFile, body);
      const rss: number[] = [];
      let idleRss = 0;
      let sampler: NodeJS.Timeout | undefined;
      const runs = await generateLoad(
        server.url,
        bodyFile,
        () => {
          idleRss = rssMb(server.child);
          sampler = setInterval(() => rss.push(rssMb(server.child)), 250);
        },
        () => clearInterval(sampler),
      );
      const { steady, saturated } = runs;
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
      const satSorted = [...saturated.latencies].sort((a, b) => a - b);
      emit(
        summarise(`saturated throughput (${CONCURRENCY} clients)`, 'requests/s', [
          saturated.completed / SATURATE_S,
        ]),
      );
      emit(summarise('saturated latency p50', 'ms', [quantile(satSorted, 0.5)]));
      emit(summarise('saturated latency p99', 'ms', [quantile(satSorted, 0.99)]));
      log(
        `load average after: ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
      );
    } finally {
      server.child.kill('SIGTERM');
      rmSync(scratch, { recursive: true, force: true });
    }
    return {
      name: 'http',
      measures,
      notes: [note, `server: spinlens serve (all analysers, --workers ${WORKERS}), node ${process.version}`],
    };
  },
};

/**
 * Runs the load generator (bench/load-generator.ts) in its own process, so that this harness's
 * heap (every benchmark's modules) cannot delay requests; `onSteady` / `onSteadyEnd` bracket the
 * timed phase.
 */
function generateLoad(
  url: string,
  bodyFile: string,
  onSteady: () => void,
  onSteadyEnd: () => void,
): Promise<{ steady: Run; saturated: Run }> {
  const script = fileURLToPath(new URL('./load-generator.ts', import.meta.url));
  const args = [url, bodyFile, RATE, WARMUP_S, STEADY_S, SATURATE_S, CONCURRENCY].map(String);
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let steady: Run | undefined;
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const message = JSON.parse(pending.slice(0, newline)) as { event: string; run?: Run };
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
        if (message.event === 'steady-start') onSteady();
        else if (message.event === 'steady') {
          onSteadyEnd();
          steady = message.run;
        } else if (message.event === 'saturated' && steady && message.run) {
          resolve({ steady, saturated: message.run });
        }
      }
    });
    child.once('exit', (code) => {
      onSteadyEnd();
      reject(new Error(`the load generator exited (${code}) before reporting`));
    });
  });
}

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
