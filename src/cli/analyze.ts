/**
 * `spinlens analyze <inputs...>`: reads articles, runs the analysers, prints or writes reports.
 * Failures of single inputs never stop the run; they are listed at the end and set exit status 1.
 */
import { type Command, Option } from 'commander';
import type { CliIO } from './io.ts';
import {
  FIELD_NAMES,
  type FieldMap,
  INPUT_FORMATS,
  type InputFormatOption,
  parseAnalyserList,
  parseField,
  parseLang,
} from './options.ts';

export type ReportFormat = 'text' | 'json' | 'html';

export interface AnalyzeOptions {
  format: ReportFormat;
  lang?: string;
  inputFormat: InputFormatOption;
  field?: FieldMap;
  analysers?: string[];
  out?: string;
  color: boolean;
  recall: boolean;
  db?: string;
}

export function registerAnalyze(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('analyze')
    .description('analyse articles and print a report for each')
    .argument('<inputs...>', 'article files, directories, JSONL/CSV corpora, or - for stdin')
    .addOption(
      new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'html']).default('text'),
    )
    .option(
      '-l, --lang <code>',
      'language of the articles (ISO 639-1, e.g. fr), instead of detecting it',
      parseLang,
    )
    .addOption(
      new Option('--input-format <format>', 'how to read the inputs').choices(INPUT_FORMATS).default('auto'),
    )
    .option(
      '--field <name=column>',
      `corpus field name for ${FIELD_NAMES.join(', ')} (repeatable), e.g. --field text=body`,
      parseField,
    )
    .option('-a, --analysers <names>', 'comma-separated analysers to run (default: all)', parseAnalyserList)
    .option('-o, --out <path>', 'write to this file, or one file per article into this directory')
    .option('--recall', 'learned analysers (frames, techniques) favour recall over precision', false)
    .option('--db <file>', 'a corpus store: paragraphs also found in stored articles say where (reuse)')
    .option('--no-color', 'no colours in the text report (also: NO_COLOR=1)')
    .addHelpText(
      'after',
      `
Several inputs, a directory or a corpus: text reports follow one another, json prints
JSON Lines (one report per line), html needs --out <directory>/ (one file per article).
A directory given to --out (existing, or ending with /) receives one file per article.

Examples:
  spinlens analyze examples/fr-report-then-opinion.txt
  spinlens analyze --format html --out report.html examples/en-council-report.txt
  spinlens analyze --format json examples/ > reports.jsonl
  spinlens analyze --field text=body --field id=uid corpus.csv`,
    )
    .action(async (inputs: string[], options: AnalyzeOptions) => {
      const { analyze } = await import('./analyze-run.ts');
      setExit(await analyze(inputs, options, io));
    });
}
