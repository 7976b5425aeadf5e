/**
 * `spinlens serve [--port 8080] [--host 127.0.0.1] [--db file] [--workers N]`: the HTTP API and
 * the web UI, analysing on N worker threads (one pipeline each) ready before listening, and
 * reading the store when there is one. Stops gracefully on SIGINT or SIGTERM: no new
 * connections, requests in flight finish, the workers stop, then the command returns with status 0.
 */
import { availableParallelism } from 'node:os';
import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_DB } from '../corpus/defaults.ts';
import { DEFAULT_BODY_BYTES, DEFAULT_TIMEOUT_MS, QUEUE_PER_WORKER } from '../server/limits.ts';
import type { CliIO } from './io.ts';
import { parseAnalyserList } from './options.ts';

export interface ServeOptions {
  port: number;
  host: string;
  maxBody: number;
  timeout: number;
  analysers?: string[];
  log: boolean;
  /** Store file; `spinlens.db` when it exists and none is given. */
  db?: string;
  /** Analysis threads; 0 analyses in the server's own thread. */
  workers: number;
  /** Articles waiting for a worker before requests are refused (default 4 per worker). */
  queue?: number;
}

export function registerServe(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description('serve the HTTP API and the web interface')
    .option('-p, --port <port>', 'TCP port (0 picks a free one)', parsePort, 8080)
    .option('-H, --host <address>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--max-body <size>', 'largest request body, e.g. 2mb, 500kb', parseSize, DEFAULT_BODY_BYTES)
    .option(
      '--timeout <ms>',
      'longest a request may take to arrive or wait',
      parsePositive,
      DEFAULT_TIMEOUT_MS,
    )
    .option('-a, --analysers <names>', 'comma-separated analysers to run (default: all)', parseAnalyserList)
    .option(
      '--db <file>',
      `store for the corpus endpoints and ?store=1 (default: ${DEFAULT_DB} if it exists)`,
    )
    .option(
      '-w, --workers <n>',
      'analysis threads (0: in the server thread)',
      parseCount,
      availableParallelism(),
    )
    .option(
      '--queue <n>',
      `articles waiting for a worker before 503 overloaded (default: ${QUEUE_PER_WORKER} per worker)`,
      parsePositive,
    )
    .option('--no-log', 'no JSON request logs on standard output')
    .addHelpText(
      'after',
      `
Open http://127.0.0.1:8080/ for the web interface; the API is described at /openapi.json.

Examples:
  spinlens serve
  spinlens serve --port 3000 --host 0.0.0.0 --max-body 5mb
  spinlens serve --db news.db --workers 4`,
    )
    .action(async (options: ServeOptions) => {
      setExit(await serve(options, io));
    });
}

/** Runs the server until `stop` aborts, or until SIGINT/SIGTERM when no signal is given. */
export async function serve(options: ServeOptions, io: CliIO, stop?: AbortSignal): Promise<number> {
  const { runServer } = await import('./serve-run.ts');
  return runServer(options, io, stop);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('expected a port number 0-65535.');
  return port;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n <= 0) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 0.');
  return Number(value);
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 * 1024, m: 1024 * 1024 };

/** `2mb` → 2097152; plain numbers are bytes. */
export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  const bytes = match && unit ? Math.round(Number(match[1]) * unit) : Number.NaN;
  if (!(bytes > 0)) throw new InvalidArgumentError('expected a size such as 2mb, 500kb or 1048576.');
  return bytes;
}
