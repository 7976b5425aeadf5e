import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { run } from '../../src/cli/main.ts';
import { trainAll } from '../../src/learn/train.ts';

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

/** The SemEval-layout fixture folder (language xx) the model commands run on. */
export const EVAL_DATA = 'test/fixtures/eval/xx';

/** Trains every model on the eval fixtures into a fresh temporary folder, which it returns. */
export function trainFixtureModels(prefix: string): string {
  const models = mkdtempSync(join(tmpdir(), prefix));
  trainAll('test/fixtures/eval', models, { command: 'test' });
  return models;
}

/** `spinlens <command> --data <EVAL_DATA> --subtask <n> --models <dir> <extra...>`. */
export function onEvalData(
  command: string,
  subtask: string,
  models: string,
  extra: string[] = [],
): Promise<CliResult> {
  return spinlens([command, '--data', EVAL_DATA, '--subtask', subtask, '--models', models, ...extra]);
}
