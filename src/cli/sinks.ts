import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../pipeline/report.ts';
import { Output, OutputError, UsageError } from './io.ts';

/** Where reports go: a stream (stdout or one --out file) or one file per article in a directory. */
export interface Sink {
  write(report: Report, rendered: string): Promise<void>;
  /** True once nobody reads any more (stdout closed): the run can stop. */
  readonly closed: boolean;
  close(): Promise<void>;
}

export class StreamSink implements Sink {
  readonly #output: Output;
  readonly #end: () => Promise<void>;

  constructor(output: Output, end: () => Promise<void> = async () => undefined) {
    this.#output = output;
    this.#end = end;
  }

  get closed(): boolean {
    return this.#output.closed;
  }

  write(_report: Report, rendered: string): Promise<void> {
    return this.#output.write(rendered);
  }

  async close(): Promise<void> {
    await this.#end();
    const failure = this.#output.failure;
    if (failure) throw new OutputError(`cannot write the report: ${failure.message}`);
  }
}

/** Opens a file for writing; an unwritable path is a usage error, found before any work is done. */
export async function openWritable(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error) => reject(new UsageError(`${path}: cannot write: ${error.message}`)));
  });
  return stream;
}

/** Opens `--out <file>`; an unwritable path is a usage error, found before any work is done. */
export async function fileSink(path: string): Promise<Sink> {
  const stream = await openWritable(path);
  const output = new Output(stream);
  return new StreamSink(output, () => new Promise((resolve) => stream.end(resolve)));
}

/** One file per article, named after its id (made safe, made unique), with the format's extension. */
export class DirectorySink implements Sink {
  readonly closed = false;
  readonly #dir: string;
  readonly #extension: string;
  readonly #used = new Set<string>();

  constructor(dir: string, extension: string) {
    this.#dir = dir;
    this.#extension = extension;
  }

  async write(report: Report, rendered: string): Promise<void> {
    const path = join(this.#dir, this.#fileName(report.article.id));
    await writeFile(path, rendered).catch((error: Error) => {
      throw new OutputError(`${path}: cannot write: ${error.message}`);
    });
  }

  async close(): Promise<void> {}

  #fileName(id: string): string {
    const base =
      id
        .replace(/[^\p{L}\p{N}._-]+/gu, '_')
        .replace(/^[._]+/, '')
        .slice(0, 100) || 'article';
    let name = `${base}.${this.#extension}`;
    for (let n = 2; this.#used.has(name.toLowerCase()); n++) name = `${base}-${n}.${this.#extension}`;
    this.#used.add(name.toLowerCase());
    return name;
  }
}

/** `--out` names a directory when it exists as one or ends with a slash (then it is created). */
export async function outDirectory(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) return path;
  if (/[\\/]$/.test(path) && !info) {
    await mkdir(path, { recursive: true }).catch((error: Error) => {
      throw new UsageError(`${path}: cannot create directory: ${error.message}`);
    });
    return path;
  }
  return undefined;
}
