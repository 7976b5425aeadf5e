/** Messages between the batch's main thread and its worker threads. */
import type { Article } from '../article/article.ts';
import type { Report } from '../pipeline/report.ts';
import type { ReuseSketch } from './reuse/sketch.ts';

export interface WorkerData {
  /** Analyser names to run; all of them when absent. */
  analysers?: string[];
}

export interface WorkerTask {
  id: number;
  article: Article;
}

export type WorkerReply =
  | { type: 'ready'; analysers: { name: string; version: string }[] }
  | { type: 'fatal'; error: string }
  /** `models`: languages whose models the worker has loaded so far. */
  | { type: 'done'; id: number; report: Report; sketch: ReuseSketch; models?: string[] }
  | { type: 'failed'; id: number; error: string };
