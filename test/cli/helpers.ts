import { Readable, Writable } from 'node:stream';
import { run } from '../../src/cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written to it, optionally posing as a terminal. */
export class MemoryStream extends Writable {
  text = '';
  isTTY: boolean;
  columns: number;

  constructor(isTTY = false, columns = 100) {
    super();
    this.isTTY = isTTY;
    this.columns = columns;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  tty?: boolean;
}

/** Runs the CLI in-process, as `spinlens <args...>` would, and collects its output. */
export async function spinlens(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const stdout = new MemoryStream(options.tty);
  const stderr = new MemoryStream(options.tty);
  const stdin = options.stdin === undefined ? undefined : Readable.from([Buffer.from(options.stdin)]);
  const code = await run(args, { stdout, stderr, env: options.env ?? {}, ...(stdin ? { stdin } : {}) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const FIXTURES = 'test/fixtures/cli';
export const FR = `${FIXTURES}/marche-fr.txt`;
export const EN = `${FIXTURES}/ferry-en.txt`;
