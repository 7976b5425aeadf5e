/** Messages between the batch's main thread and its worker threads. */
import type { Article } from '../article/article.ts';
import type { Report } from '../pipeline/report.ts';
import type { ReuseSketch } from './reuse/sketch.ts';

export interface WorkerData {
  /** Analyser names to run; all of them when absent. */
  analysers?: string[];
  /**
   * URL of a module exporting `toArticle(input): Article`, for tasks that carry the raw input
   * instead of the Article (the server: decoding and language identification off its main thread).
   */
  ingest?: string;
  /**
   * URLs of modules exporting an `analyser`, run after the others. For tests only (an analyser
   * that crashes its worker or never ends): no command-line option or request sets it.
   */
  testAnalysers?: string[];
}

/** An Article to analyse, or an input for the `ingest` module to turn into one first. */
export type WorkerTask = { id: number; article: Article } | InputTask;

export interface InputTask {
  id: number;
  input: unknown;
  /**
   * Answer in the worker: the ingest module's `render(report, input)` turns the report into the
   * response body, so the main thread neither receives the report object nor serialises it. The
   * Report and the sketch come back too only when `keep` (the server stores the article).
   */
  answer?: { keep: boolean };
}

/** A response body rendered in the worker, sent as it is. */
export interface RenderedAnswer {
  contentType: string;
  body: string;
  /** A Content-Security-Policy replacing the server's default for this response. */
  csp?: string;
}

/** What the `ingest` module of WorkerData exports. */
export interface IngestModule {
  toArticle(input: unknown): Article;
  /** The response to an input task that asked for an answer. */
  render?(report: Report, input: unknown): RenderedAnswer;
}

/** An input the ingest module refused: the status and code it gave (e.g. 400 missing_text). */
export interface Rejection {
  statusCode: number;
  code: string;
}

export type WorkerReply =
  | { type: 'ready'; analysers: { name: string; version: string }[] }
  | { type: 'fatal'; error: string }
  /** `models`: languages whose models the worker has loaded so far. */
  | { type: 'done'; id: number; report: Report; sketch: ReuseSketch; models?: string[] }
  | {
      type: 'answered';
      id: number;
      rendered: RenderedAnswer;
      kept?: { report: Report; sketch: ReuseSketch };
      models?: string[];
    }
  | { type: 'failed'; id: number; error: string; rejected?: Rejection };
