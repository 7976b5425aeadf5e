/**
 * `spinlens analyze <inputs...>`: reads articles, runs the analysers, prints or writes reports.
 * Failures of single inputs never stop the run; they are listed at the end and set exit status 1.
 */
import { type Command, Option } from 'commander';
import type { Article } from '../article/article.ts';
import type { InputItem } from '../article/input.ts';
import { openInputs } from '../article/sources.ts';
import { withReuse } from '../corpus/reuse-findings.ts';
import { Store } from '../corpus/store.ts';
import type { AnalysisOptions } from '../pipeline/analyser.ts';
import { Pipeline } from '../pipeline/pipeline.ts';
import type { Report } from '../pipeline/report.ts';
import { renderHtml } from '../report/html.ts';
import { renderJson, renderJsonLine } from '../report/json.ts';
import { renderText } from '../report/text.ts';
import { type CliIO, describeInternal, EXIT, errorLine, Output, UsageError, useColor } from './io.ts';
import {
  chooseAnalysers,
  FIELD_NAMES,
  type FieldMap,
  INPUT_FORMATS,
  type InputFormatOption,
  parseAnalyserList,
  parseField,
  parseLang,
  readOptions,
} from './options.ts';
import { startProgress } from './progress.ts';
import { DirectorySink, fileSink, outDirectory, type Sink, StreamSink } from './sinks.ts';

type ReportFormat = 'text' | 'json' | 'html';

interface AnalyzeOptions {
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

const EXTENSIONS: Record<ReportFormat, string> = { text: 'txt', json: 'json', html: 'html' };
/** Text reports written to a file or a pipe are wrapped to this width. */
const DEFAULT_WIDTH = 100;

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
      setExit(await analyze(inputs, options, io));
    });
}

interface Failure {
  source: string;
  problem: string;
}

async function analyze(inputs: string[], options: AnalyzeOptions, io: CliIO): Promise<number> {
  const stderr = new Output(io.stderr);
  const pipeline = new Pipeline(chooseAnalysers(options.analysers));
  const set = await openInputs(inputs, readOptions(options, io));

  const items = set.items[Symbol.asyncIterator]();
  const head: InputItem[] = [];
  for (let i = 0; i < 2; i++) {
    const next = await items.next();
    if (next.done) break;
    head.push(next.value);
  }
  const several = inputs.length > 1 || head.length > 1 || (set.total ?? 0) > 1;
  if (head.length === 0) {
    await stderr.write(errorLine(`${inputs.join(', ')}: no articles found`));
    return EXIT.inputFailed;
  }

  const sink = await openSink(options, several, io);
  const render = renderer(options, several, sink, io);
  const toTerminal = sink instanceof StreamSink && !options.out && io.stdout.isTTY === true;
  // Reports scrolling on the same terminal would tear a progress bar apart: show one only when they go elsewhere.
  const progress = startProgress(io.stderr, set.total, several && io.stderr.isTTY === true && !toTerminal);
  await pipeline.prepare();

  const store = options.db ? openReuseStore(options.db) : undefined;
  const failures: Failure[] = [];
  let analysed = 0;
  let internal = false;
  const started = performance.now();
  for await (const item of chain(head, items)) {
    if (!item.ok) {
      failures.push({ source: item.source, problem: item.error.problem });
    } else {
      const analysedReport = analyseOne(pipeline, item.article, failures, io, { recall: options.recall });
      const report = analysedReport && store ? withReuse(store, analysedReport) : analysedReport;
      if (report) {
        await sink.write(report, render(report, analysed));
        analysed++;
      } else {
        internal = true;
      }
    }
    progress.tick();
    if (sink.closed) break;
  }
  progress.stop();
  store?.close();
  await sink.close();

  for (const failure of failures) await stderr.write(errorLine(`${failure.source}: ${failure.problem}`));
  if (several)
    await stderr.write(errorLine(summaryLine(analysed, failures.length, performance.now() - started)));
  if (internal) return EXIT.internal;
  return failures.length > 0 ? EXIT.inputFailed : EXIT.ok;
}

function openReuseStore(path: string): Store {
  try {
    return new Store(path, { mustExist: true });
  } catch (error) {
    throw new UsageError(`--db ${path}: ${(error as Error).message}`);
  }
}

async function openSink(options: AnalyzeOptions, several: boolean, io: CliIO): Promise<Sink> {
  if (!options.out) {
    if (several && options.format === 'html') {
      throw new UsageError('several articles as html need --out <directory>/ (one file per article)');
    }
    return new StreamSink(new Output(io.stdout));
  }
  const dir = await outDirectory(options.out);
  if (dir) return new DirectorySink(dir, EXTENSIONS[options.format]);
  if (several && options.format === 'html') {
    throw new UsageError(
      `${options.out} is not a directory: several articles as html need --out <directory>/ (one file per article)`,
    );
  }
  return fileSink(options.out);
}

function renderer(
  options: AnalyzeOptions,
  several: boolean,
  sink: Sink,
  io: CliIO,
): (report: Report, index: number) => string {
  const perFile = sink instanceof DirectorySink;
  switch (options.format) {
    case 'json':
      return several && !perFile ? renderJsonLine : renderJson;
    case 'html':
      return renderHtml;
    case 'text': {
      const terminal = !options.out && io.stdout.isTTY === true;
      const color = useColor(options.color, { isTTY: terminal }, io.env);
      const width = terminal ? (io.stdout.columns ?? DEFAULT_WIDTH) : DEFAULT_WIDTH;
      const separator = `${'═'.repeat(Math.min(width, DEFAULT_WIDTH))}\n`;
      return (report, index) =>
        (index > 0 && !perFile ? separator : '') + renderText(report, { color: color && !perFile, width });
    }
  }
}

function analyseOne(
  pipeline: Pipeline,
  article: Article,
  failures: Failure[],
  io: CliIO,
  analysisOptions: AnalysisOptions,
): Report | undefined {
  try {
    return pipeline.analyseSync(article, analysisOptions);
  } catch (error) {
    failures.push({ source: article.metadata.source, problem: describeInternal(error, io.env) });
    return undefined;
  }
}

async function* chain(head: InputItem[], rest: AsyncIterator<InputItem>): AsyncGenerator<InputItem> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function summaryLine(analysed: number, failed: number, ms: number): string {
  const seconds = ms / 1000;
  const rate = seconds > 0 ? ` (${(analysed / seconds).toFixed(1)} articles/s)` : '';
  const failedPart = failed > 0 ? `, ${failed} failed` : '';
  return `${analysed} article${analysed === 1 ? '' : 's'} analysed${failedPart} in ${seconds.toFixed(1)} s${rate}`;
}
