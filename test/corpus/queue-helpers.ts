/**
 * Child processes for the queue tests: a private redis-server on a free port (whether or not a
 * system Redis runs) and `spinlens worker` processes. Every child is tracked so `stopAll` can
 * kill what is still running, even after a failed assertion.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const children = new Set<ChildProcess>();

export interface Child {
  process: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
}

/** Why the queue tests cannot run here, or undefined when they can. */
export function redisMissing(): string | undefined {
  const probe = spawnSync('redis-server', ['--version']);
  return probe.error
    ? 'redis-server is not installed (apt-get install redis-server); queue tests skipped'
    : undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function track(command: string, args: string[]): Child {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { process: child, output: () => text, exited };
}

/** A throwaway redis-server (no persistence) on a free port; resolves once it accepts clients. */
export async function startRedis(): Promise<{ url: string; child: Child }> {
  const port = await freePort();
  const child = track('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  const deadline = Date.now() + 10_000;
  while (!/Ready to accept connections/.test(child.output())) {
    if (child.process.exitCode !== null || Date.now() > deadline) {
      throw new Error(`redis-server did not start: ${child.output()}`);
    }
    await sleep(50);
  }
  return { url: `redis://127.0.0.1:${port}`, child };
}

/** `spinlens worker` in its own process, as on another machine. */
export function startWorker(url: string, extra: string[] = []): Child {
  return track(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--redis', url, ...extra]);
}

export async function waitFor(what: string, condition: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Kills every child still running and waits for them to go. */
export async function stopAll(): Promise<void> {
  const running = [...children];
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          if (child.exitCode !== null || child.signalCode !== null || !child.kill('SIGKILL')) resolve();
        }),
    ),
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
