/**
 * `spinlens export --format jsonl|csv|semeval`: the store's reports as JSON Lines, its findings as
 * CSV, or SemEval label files, streamed to stdout or --out.
 */
import { type Command, Option } from 'commander';
import { DEFAULT_DB } from '../corpus/defaults.ts';
import { FINDINGS_CSV_HEADER } from '../corpus/export.ts';
import type { CliIO } from './io.ts';

export interface ExportOptions {
  db: string;
  format: 'jsonl' | 'csv' | 'semeval';
  subtask?: '1' | '2' | '3';
  out?: string;
  reuse: boolean;
}

export function registerExport(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('export')
    .description('export the store: reports as JSON Lines, findings as CSV, or SemEval label files')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .addOption(
      new Option('-f, --format <format>', 'what to export')
        .choices(['jsonl', 'csv', 'semeval'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('-s, --subtask <n>', 'SemEval subtask: 1 genre, 2 frames, 3 techniques').choices([
        '1',
        '2',
        '3',
      ]),
    )
    .option('-o, --out <file>', 'file to write (default: standard output)')
    .option('--reuse', 'jsonl: add `reuse` findings (paragraphs also found in other stored articles)', false)
    .addHelpText(
      'after',
      `
jsonl: one report per line, as "spinlens analyze --format json" prints it.
csv: one row per finding: ${FINDINGS_CSV_HEADER.join(', ')}.
semeval: the label-file formats "spinlens predict" writes (subtask 3: one row per paragraph line),
built from the stored findings (the analysers' precision-first thresholds, not predict's F1 ones).

Examples:
  spinlens export --db news.db --format jsonl --out reports.jsonl
  spinlens export --db news.db --format csv > findings.csv
  spinlens export --db news.db --format semeval --subtask 3 --out techniques.tsv`,
    )
    .action(async (options: ExportOptions) => {
      const { exportStore } = await import('./export-run.ts');
      setExit(await exportStore(options, io));
    });
}
