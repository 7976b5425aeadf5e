/** The work of `spinlens export` (see export.ts), loaded only when the command runs. */
import {
  exportFindings,
  exportJsonl,
  exportSemeval,
  FINDINGS_CSV_HEADER,
  type SemevalSkip,
  storedReports,
} from '../corpus/export.ts';
import { withReuse } from '../corpus/reuse-findings.ts';
import type { Store } from '../corpus/store.ts';
import type { Subtask } from '../learn/labels.ts';
import type { Report } from '../pipeline/report.ts';
import type { ExportOptions } from './export.ts';
import { type CliIO, EXIT, errorLine, Output, OutputError, UsageError } from './io.ts';
import { openStore } from './open-store.ts';
import { openWritable } from './sinks.ts';
import { csvRow } from './table.ts';

/** Skipped articles named one by one on stderr; the rest are counted. */
const LISTED_SKIPS = 10;

export async function exportStore(options: ExportOptions, io: CliIO): Promise<number> {
  if (options.format === 'semeval' && !options.subtask)
    throw new UsageError('--format semeval needs --subtask 1|2|3');
  if (options.reuse && options.format !== 'jsonl') throw new UsageError('--reuse goes with --format jsonl');
  if (options.format !== 'semeval' && options.subtask)
    throw new UsageError('--subtask goes with --format semeval');
  const store = openStore(options.db, io);
  if (!store) return EXIT.inputFailed;
  const skipped: SemevalSkip[] = [];
  let skips = 0;
  try {
    const target = await openTarget(options.out, io);
    const onSkip = (skip: SemevalSkip) => {
      skips++;
      if (skipped.length < LISTED_SKIPS) skipped.push(skip);
    };
    for (const line of lines(store, options, onSkip)) {
      await target.output.write(line);
      if (target.output.closed) break;
    }
    await target.close();
  } finally {
    store.close();
  }
  for (const s of skipped)
    io.stderr.write(errorLine(`${s.id}: no ${s.analyser} findings in the store, no row`));
  if (skips > skipped.length)
    io.stderr.write(errorLine(`… and ${skips - skipped.length} more articles without a row`));
  return EXIT.ok;
}

function lines(store: Store, options: ExportOptions, onSkip: (skip: SemevalSkip) => void): Iterable<string> {
  switch (options.format) {
    case 'jsonl':
      return options.reuse ? exportJsonl(store, withStoredReuse(store)) : exportJsonl(store);
    case 'csv':
      return csvLines(store);
    case 'semeval':
      return exportSemeval(Number(options.subtask) as Subtask, storedReports(store), onSkip);
  }
}

function* withStoredReuse(store: Store): Generator<Report> {
  for (const report of storedReports(store)) yield withReuse(store, report);
}

function* csvLines(store: Store): Generator<string> {
  yield csvRow(FINDINGS_CSV_HEADER);
  for (const row of exportFindings(store)) yield csvRow(row);
}

async function openTarget(
  path: string | undefined,
  io: CliIO,
): Promise<{ output: Output; close(): Promise<void> }> {
  if (!path || path === '-') {
    const output = new Output(io.stdout);
    return { output, close: async () => failed(output, 'standard output') };
  }
  const stream = await openWritable(path);
  const output = new Output(stream);
  return {
    output,
    close: async () => {
      await new Promise<void>((resolve) => stream.end(resolve));
      failed(output, path);
    },
  };
}

function failed(output: Output, where: string): void {
  if (output.failure) throw new OutputError(`${where}: cannot write: ${output.failure.message}`);
}
