/**
 * `spinlens batch <inputs...>`: analyses a corpus into the store on all cores. Resumable: an
 * article already stored with the same text and analyser versions is skipped, so after Ctrl-C
 * or a crash the same command continues where it stopped.
 */
import { type Command, Option } from 'commander';
import { DEFAULT_DB } from '../corpus/defaults.ts';
import { DEFAULT_QUEUE_NAME } from '../corpus/queue/names.ts';
import type { CliIO } from './io.ts';
import {
  FIELD_NAMES,
  type FieldMap,
  INPUT_FORMATS,
  type InputFormatOption,
  parseAnalyserList,
  parseField,
  parseLang,
  positive,
} from './options.ts';

export interface BatchCommandOptions {
  db: string;
  workers: number;
  analysers?: string[];
  lang?: string;
  inputFormat: InputFormatOption;
  field?: FieldMap;
  commitEvery: number;
  taskTimeout?: number;
  queue?: string;
  queueName: string;
}

export function registerBatch(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('batch')
    .description('analyse a corpus into the store (SQLite), on all cores; resumable')
    .argument('<inputs...>', 'article files, directories, JSONL/CSV corpora, or - for stdin')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .option('-w, --workers <n>', 'analysis worker threads (default: number of cores)', positive)
    .option('-a, --analysers <names>', 'comma-separated analysers to run (default: all)', parseAnalyserList)
    .option('-l, --lang <code>', 'language of the articles (ISO 639-1), instead of detecting it', parseLang)
    .addOption(
      new Option('--input-format <format>', 'how to read the inputs').choices(INPUT_FORMATS).default('auto'),
    )
    .option(
      '--field <name=column>',
      `corpus field name for ${FIELD_NAMES.join(', ')} (repeatable)`,
      parseField,
    )
    .option('--commit-every <n>', 'articles per transaction', positive, 200)
    .option(
      '--task-timeout <seconds>',
      'stop and replace a worker analysing one article longer than this (default 60)',
      positive,
    )
    .option(
      '--queue <redis-url>',
      'analyse on `spinlens worker` processes through this Redis instead of here',
    )
    .option('--queue-name <name>', 'queue to use with --queue', DEFAULT_QUEUE_NAME)
    .addHelpText(
      'after',
      `
Articles already in the store with the same text and the same analyser versions are skipped:
stop a batch at any moment (Ctrl-C finishes the articles in flight and commits them) and run the
same command again to continue. Inputs that cannot be read are stored as failures; the batch
goes on and exits with status 1.

Examples:
  spinlens batch corpus.jsonl
  spinlens batch --db news.db --workers 4 articles/
  spinlens reuse article-42 --db news.db
  spinlens batch --queue redis://queue-host:6379 corpus.jsonl   (with \`spinlens worker\` elsewhere)`,
    )
    .action(async (inputs: string[], options: BatchCommandOptions) => {
      const { batch } = await import('./batch-run.ts');
      setExit(await batch(inputs, options, io));
    });
}
