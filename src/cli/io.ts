import type { Writable } from 'node:stream';

/** A stream the CLI writes to; terminals also say they are TTYs and how wide they are. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** Everything a command touches outside itself, so tests can run commands in-process. */
export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  /** Where `-` reads from; process.stdin when absent. */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Process exit statuses, documented in README.md and `spinlens --help`. */
export const EXIT = {
  ok: 0,
  /** At least one input could not be read or was corrupt (the others were analysed), or output could not be written. */
  inputFailed: 1,
  /** Unknown option or command, bad option value, unknown analyser, unusable --out. */
  usage: 2,
  /** A bug: an analyser or the tool itself failed. */
  internal: 3,
} as const;

/** A mistake in how the command was called: reported in one line, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Writes to a stream with back-pressure; after the reader went away (EPIPE, e.g. `| head`)
 * further writes are dropped and `closed` says so, so a long run can stop early.
 */
export class Output {
  closed = false;
  /** Why the stream failed, when it failed for another reason than its reader leaving. */
  failure: Error | undefined;
  readonly #stream: OutputStream;

  constructor(stream: OutputStream) {
    this.#stream = stream;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.closed = true;
      if (error.code !== 'EPIPE') this.failure = error;
    });
  }

  get isTTY(): boolean {
    return this.#stream.isTTY === true;
  }

  get columns(): number | undefined {
    return this.#stream.columns;
  }

  async write(chunk: string): Promise<void> {
    if (this.closed) return;
    if (!this.#stream.write(chunk)) await settled(this.#stream);
  }
}

/** Resolves when a full stream can take more, or will never again (closed, failed). */
function settled(stream: OutputStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    stream.once('drain', done).once('close', done).once('error', done);
  });
}

/** Colours on a terminal unless NO_COLOR or --no-color say otherwise; FORCE_COLOR forces them. */
export function useColor(flag: boolean, target: { isTTY: boolean }, env: CliIO['env']): boolean {
  if (!flag || env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return target.isTTY;
}

/** Output that could not be written (disk full, directory gone): reported like a failed input. */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** One line on stderr: `spinlens: <message>`. */
export function errorLine(message: string): string {
  return `spinlens: ${message}\n`;
}

/** The message of an internal error, with its stack when SPINLENS_DEBUG=1. */
export function describeInternal(error: unknown, env: CliIO['env']): string {
  const message = error instanceof Error ? error.message : String(error);
  if (env.SPINLENS_DEBUG === '1' && error instanceof Error && error.stack) {
    return `internal error: ${message}\n${error.stack}`;
  }
  return `internal error: ${message}`;
}
