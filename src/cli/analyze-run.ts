/** The work of `spinlens analyze` (see analyze.ts), loaded only when the command runs. */
import type { Article } from '../article/article.ts';
import type { InputItem } from '../article/input.ts';
import { openInputs } from '../article/sources.ts';
import type { Store } from '../corpus/store.ts';
import type { AnalysisOptions } from '../pipeline/analyser.ts';
import { Pipeline } from '../pipeline/pipeline.ts';
import type { Report } from '../pipeline/report.ts';
import { renderHtml } from '../report/html.ts';
import { renderJson, renderJsonLine } from '../report/json.ts';
import { renderText } from '../report/text.ts';
import type { AnalyzeOptions, ReportFormat } from './analyze.ts';
import { type CliIO, describeInternal, EXIT, errorLine, Output, UsageError, useColor } from './io.ts';
import { chooseAnalysers, readOptions } from './options.ts';
import { startProgress } from './progress.ts';
import { DirectorySink, fileSink, outDirectory, type Sink, StreamSink } from './sinks.ts';

const EXTENSIONS: Record<ReportFormat, string> = { text: 'txt', json: 'json', html: 'html' };
/** Text reports written to a file or a pipe are wrapped to this width. */
const DEFAULT_WIDTH = 100;

interface Failure {
  source: string;
  problem: string;
}

export async function analyze(inputs: string[], options: AnalyzeOptions, io: CliIO): Promise<number> {
  const stderr = new Output(io.stderr);
  const pipeline = new Pipeline(await chooseAnalysers(options.analysers));
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

  const reuse = options.db ? await openReuse(options.db) : undefined;
  const failures: Failure[] = [];
  let analysed = 0;
  let internal = false;
  const started = performance.now();
  for await (const item of chain(head, items)) {
    if (!item.ok) {
      failures.push({ source: item.source, problem: item.error.problem });
    } else {
      const analysedReport = analyseOne(pipeline, item.article, failures, io, { recall: options.recall });
      const report = analysedReport && reuse ? reuse.annotate(analysedReport) : analysedReport;
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
  reuse?.close();
  await sink.close();

  for (const failure of failures) await stderr.write(errorLine(`${failure.source}: ${failure.problem}`));
  if (several)
    await stderr.write(errorLine(summaryLine(analysed, failures.length, performance.now() - started)));
  if (internal) return EXIT.internal;
  return failures.length > 0 ? EXIT.inputFailed : EXIT.ok;
}

interface ReuseStep {
  annotate(report: Report): Report;
  close(): void;
}

/** `--db`: paragraphs also found in stored articles say where; SQLite is loaded only then. */
async function openReuse(path: string): Promise<ReuseStep> {
  const [{ Store }, { withReuse }] = await Promise.all([
    import('../corpus/store.ts'),
    import('../corpus/reuse-findings.ts'),
  ]);
  let store: Store;
  try {
    store = new Store(path, { mustExist: true });
  } catch (error) {
    throw new UsageError(`--db ${path}: ${(error as Error).message}`);
  }
  return { annotate: (report) => withReuse(store, report), close: () => store.close() };
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
