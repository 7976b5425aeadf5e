/** Option parsers and option handling shared by several commands. */
import { InvalidArgumentError } from 'commander';
import { DEFAULT_FIELDS, type FieldNames, type ReadOptions } from '../article/input.ts';
import type { Analyser } from '../pipeline/analyser.ts';
import { type CliIO, UsageError } from './io.ts';

export type InputFormatOption = NonNullable<ReadOptions['format']>;
export type FieldMap = NonNullable<ReadOptions['fields']>;

export const INPUT_FORMATS: InputFormatOption[] = ['auto', 'semeval', 'text', 'html', 'jsonl', 'csv'];
export const FIELD_NAMES = Object.keys(DEFAULT_FIELDS) as (keyof FieldNames)[];

export function parseLang(value: string): string {
  if (!/^[a-z]{2,3}$/.test(value)) {
    throw new InvalidArgumentError('expected a 2- or 3-letter lowercase ISO 639 code, e.g. fr, en, de.');
  }
  return value;
}

export function parseField(value: string, previous: FieldMap | undefined): FieldMap {
  const match = /^([a-z]+)=(.+)$/.exec(value);
  const name = FIELD_NAMES.find((field) => field === match?.[1]);
  if (!match || !name) {
    throw new InvalidArgumentError(`expected <name>=<column> with name one of ${FIELD_NAMES.join(', ')}.`);
  }
  return { ...previous, [name]: match[2] };
}

/** `--analysers a,b`: the names, at least one. */
export function parseAnalyserList(value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError('expected at least one analyser name.');
  return names;
}

export function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number, 1 or more.');
  return n;
}

/**
 * The analysers named (all by default); an unknown name is a usage error. The registry (and with
 * it every analyser's dependencies) is loaded here, not at start-up.
 */
export async function chooseAnalysers(names: string[] | undefined): Promise<Analyser[]> {
  const { analysersByName, defaultAnalysers, UnknownAnalyserError } = await import(
    '../analysers/registry.ts'
  );
  if (!names) return defaultAnalysers();
  try {
    return analysersByName(names);
  } catch (error) {
    if (error instanceof UnknownAnalyserError) throw new UsageError(error.message);
    throw error;
  }
}

/** How to read the inputs, from --input-format, --field and --lang; `-` reads the command's stdin. */
export function readOptions(
  options: { inputFormat: InputFormatOption; field?: FieldMap; lang?: string },
  io: CliIO,
): ReadOptions {
  const read: ReadOptions = { format: options.inputFormat, fields: options.field ?? {} };
  if (options.lang) read.lang = options.lang;
  if (io.stdin) read.stdin = io.stdin;
  return read;
}
