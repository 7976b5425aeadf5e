/**
 * The HTTP benchmark's load generator, run as its own small process (`bench/http.ts` starts it):
 * in the benchmark harness it shared a heap with every other benchmark's modules and data, and its
 * own garbage collection then delayed requests by tens of milliseconds, which counted as server
 * latency. It imports nothing but node:http.
 *
 * argv: url, body file, rate (requests/s), warm-up s, steady s, saturated s, clients. Writes one
 * JSON line per event to stdout: `{"event":"steady-start"}`, then `{"event":"steady","run":…}` and
 * `{"event":"saturated","run":…}`.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

/** How a request ended: answered, refused with 503 overloaded (back-pressure), or anything else. */
type Outcome = 'ok' | 'refused' | 'error';

export interface Run {
  /** Of the answered requests, ms. */
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

/** Sends `rate` requests a second for `seconds` (open loop), each timed from when it was due. */
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

function say(event: object): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(): Promise<void> {
  const [url, bodyFile, rate, warmup, steady, saturate, clients] = process.argv.slice(2);
  if (!url || !bodyFile)
    throw new Error(
      'usage: load-generator <url> <body file> <rate> <warm-up s> <steady s> <saturated s> <clients>',
    );
  const body = readFileSync(bodyFile, 'utf8');
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const post = () => timedPost(url, body, agent);
  await fixedRate(post, Number(rate), Number(warmup));
  say({ event: 'steady-start' });
  say({ event: 'steady', run: await fixedRate(post, Number(rate), Number(steady)) });
  say({ event: 'saturated', run: await closedLoop(post, Number(clients), Number(saturate)) });
  agent.destroy();
}

await main();
