/**
 * Where the server's analyses run: in the request's own thread (`workers: 0`, for tests and tiny
 * deployments), or on the batch's WorkerPool so every core serves requests while the event loop
 * stays free for I/O and the store. With the pool, each worker holds two articles at a time (the
 * one it analyses and the next) and the rest wait in a bounded queue here: a full queue answers
 * 503 `overloaded` at once (with Retry-After) instead of letting latencies grow without end, and
 * an article whose deadline passed while it waited is dropped without being analysed. The pool
 * replaces a worker that crashes (its article gets 500 `analysis_crashed`) or analyses one article
 * for longer than WATCHDOG_TIMEOUTS request time limits (stopped and replaced). The worker also
 * renders the response (`answer`): the main thread, which every request passes through, receives a
 * string instead of copying the report object and serialising it.
 */
import {
  type AnswerResult,
  type PoolHealth,
  type PoolOptions,
  type Restart,
  type TaskResult,
  WorkerPool,
} from '../corpus/pool.ts';
import type { RenderedAnswer } from '../corpus/protocol.ts';
import { type ReuseSketch, sketch } from '../corpus/reuse/sketch.ts';
import type { Pipeline } from '../pipeline/pipeline.ts';
import type { Report } from '../pipeline/report.ts';
import { ApiError, type ErrorCode } from './errors.ts';
import { type ArticleInput, render, toArticle } from './ingest.ts';

export interface Analysed {
  report: Report;
  sketch: ReuseSketch;
}

/** The response to an input in the format it asked for; the report too when it is to be stored. */
export interface Answered {
  rendered: RenderedAnswer;
  kept?: Analysed;
}

export interface AnalysisState {
  /** `in-process` or `pool`. */
  mode: 'in-process' | 'pool';
  workers: number;
  /** Articles handed to the workers (analysed now, or next in a worker's line). */
  running: number;
  queued: number;
  queueLimit: number;
  /** Most articles ever handed to the workers at the same moment. */
  peakRunning: number;
  /** Workers started and ready now (fewer than `workers` while one is being replaced). */
  alive: number;
  /** Workers replaced so far: crashed, stopped by the watchdog, or failed to start again. */
  restarts: number;
  lastRestart: Restart | null;
}

export interface Analysis {
  /**
   * Builds and analyses an article that must be done by `deadline` (a `performance.now()` time);
   * rejects with 503 `overloaded` when the queue is full, 503 `timeout` when the deadline passes,
   * and the input's own error (400 `missing_text`, 422 `unreadable_input`...) when it is refused.
   */
  analyse(input: ArticleInput, deadline: number): Promise<Analysed>;
  /**
   * Like `analyse`, but answers in the input's format: with the pool the worker renders the body,
   * so neither the report nor its serialisation passes through the main thread, unless `keep`.
   */
  answer(input: ArticleInput, deadline: number, keep: boolean): Promise<Answered>;
  /** Throws 503 `overloaded` when an analysis asked now would be refused: checked before reading a body. */
  admit(): void;
  state(): AnalysisState;
  /** Languages whose models are loaded. */
  models(): string[];
  /** Lets queued and running analyses finish, then stops the workers. */
  close(): Promise<void>;
}

/** Anything that analyses one article off the main thread: the WorkerPool, or a test double. */
export interface Backend {
  readonly size: number;
  readonly models: string[];
  analyse(input: ArticleInput): Promise<TaskResult>;
  answer(input: ArticleInput, keep: boolean): Promise<AnswerResult>;
  health(): PoolHealth;
  close(): Promise<void>;
}

/** Seconds a refused client is told to wait: about how long the queue takes to clear. */
const RETRY_AFTER_S = 1;
/**
 * Articles handed to each worker at once: the one it analyses and the next, already in its
 * message queue, so it never idles while a busy main thread gets round to sending more.
 */
const PER_WORKER = 2;
/**
 * A worker analysing one article for this many request time limits is stopped and replaced: its
 * request was answered 503 `timeout` long before, and the worker is stuck (a pathological input).
 */
export const WATCHDOG_TIMEOUTS = 3;

export function timeoutError(): ApiError {
  return new ApiError(503, 'timeout', 'the server was too busy to analyse the article in time; try again');
}

/** Analyses in the calling thread, one request at a time (the event loop is the queue). */
export function inProcessAnalysis(pipeline: Pipeline, models: () => string[]): Analysis {
  return {
    async analyse(input, deadline) {
      await pipeline.prepare();
      // The request waited behind synchronous analyses of others: refuse it rather than answer late.
      if (performance.now() > deadline) throw timeoutError();
      const article = toArticle(input);
      return { report: pipeline.analyseSync(article), sketch: sketch(article.text) };
    },
    async answer(input, deadline, keep) {
      const analysed = await this.analyse(input, deadline);
      return { rendered: render(analysed.report, input), ...(keep ? { kept: analysed } : {}) };
    },
    admit: () => {},
    state: () => ({
      mode: 'in-process',
      workers: 0,
      running: 0,
      queued: 0,
      queueLimit: 0,
      peakRunning: 1,
      alive: 0,
      restarts: 0,
      lastRestart: null,
    }),
    models,
    close: async () => {},
  };
}

// The module the workers build articles with: ingest.ts, or ingest.js once built (see pool.ts).
const INGEST_URL = new URL(`./ingest${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export interface PoolAnalysisOptions {
  workers: number;
  queueLimit: number;
  /** The request time limit: the watchdog stops an analysis after WATCHDOG_TIMEOUTS of them. */
  timeoutMs: number;
  onRestart?: PoolOptions['onRestart'];
  /** Modules of extra analysers for the workers (tests only: see WorkerData). */
  testAnalysers?: string[];
}

/** Starts `workers` analysis threads running the pipeline's analysers. */
export async function poolAnalysis(pipeline: Pipeline, options: PoolAnalysisOptions): Promise<Analysis> {
  const pool = await WorkerPool.start(
    options.workers,
    {
      analysers: pipeline.analysers.map((a) => a.name),
      ingest: INGEST_URL.href,
      ...(options.testAnalysers ? { testAnalysers: options.testAnalysers } : {}),
    },
    {
      taskTimeoutMs: WATCHDOG_TIMEOUTS * options.timeoutMs,
      ...(options.onRestart ? { onRestart: options.onRestart } : {}),
    },
  );
  const backend: Backend = {
    get size() {
      return pool.size;
    },
    get models() {
      return pool.models;
    },
    analyse: (input) => pool.analyseInput(input),
    answer: (input, keep) => pool.answerInput(input, keep),
    health: () => pool.health(),
    close: () => pool.close(),
  };
  return new QueuedAnalysis(backend, options.queueLimit);
}

interface Waiting {
  /** What the backend is asked: a report (analyse) or a rendered answer. */
  run: (backend: Backend) => Promise<TaskResult | AnswerResult>;
  resolve: (value: Analysed | Answered) => void;
  reject: (error: Error) => void;
}

/** Two articles per worker at a time (see PER_WORKER); the others wait here, at most `queueLimit`. */
export class QueuedAnalysis implements Analysis {
  readonly #backend: Backend;
  readonly #queueLimit: number;
  readonly #queue: Waiting[] = [];
  #running = 0;
  #peak = 0;
  #closing = false;
  #idle: (() => void) | undefined;

  constructor(backend: Backend, queueLimit: number) {
    this.#backend = backend;
    this.#queueLimit = queueLimit;
  }

  admit(): void {
    if (this.#closing) throw new ApiError(503, 'overloaded', 'the server is shutting down', RETRY_AFTER_S);
    if (this.#running >= this.#capacity() && this.#queue.length >= this.#queueLimit) {
      throw new ApiError(
        503,
        'overloaded',
        `all ${this.#backend.size} analysis workers are busy and ${this.#queue.length} articles are waiting; try again shortly`,
        RETRY_AFTER_S,
      );
    }
  }

  analyse(input: ArticleInput, deadline: number): Promise<Analysed> {
    return this.#enqueue((backend) => backend.analyse(input), deadline) as Promise<Analysed>;
  }

  answer(input: ArticleInput, deadline: number, keep: boolean): Promise<Answered> {
    return this.#enqueue((backend) => backend.answer(input, keep), deadline) as Promise<Answered>;
  }

  #enqueue(run: Waiting['run'], deadline: number): Promise<Analysed | Answered> {
    try {
      this.admit();
    } catch (error) {
      return Promise.reject(error);
    }
    if (performance.now() >= deadline) return Promise.reject(timeoutError());
    return new Promise((resolve, reject) => {
      const waiting: Waiting = {
        run,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      // The answer goes out at the deadline. Still queued, the article leaves the queue unanalysed;
      // already running, the worker finishes it unseen.
      const timer = setTimeout(
        () => {
          const queued = this.#queue.indexOf(waiting);
          if (queued >= 0) this.#queue.splice(queued, 1);
          reject(timeoutError());
          this.#dispatch();
        },
        Math.max(0, deadline - performance.now()),
      );
      this.#queue.push(waiting);
      this.#dispatch();
    });
  }

  state(): AnalysisState {
    const { alive, restarts, lastRestart } = this.#backend.health();
    return {
      mode: 'pool',
      workers: this.#backend.size,
      running: this.#running,
      queued: this.#queue.length,
      queueLimit: this.#queueLimit,
      peakRunning: this.#peak,
      alive,
      restarts,
      lastRestart,
    };
  }

  models(): string[] {
    return this.#backend.models;
  }

  async close(): Promise<void> {
    this.#closing = true;
    if (this.#running > 0 || this.#queue.length > 0) {
      await new Promise<void>((resolve) => {
        this.#idle = resolve;
      });
    }
    await this.#backend.close();
  }

  /** Articles the workers may hold; at least one, so that a pool without workers still answers (500). */
  #capacity(): number {
    return Math.max(1, this.#backend.size * PER_WORKER);
  }

  #dispatch(): void {
    while (this.#running < this.#capacity() && this.#queue.length > 0) {
      const next = this.#queue.shift()!;
      this.#running++;
      this.#peak = Math.max(this.#peak, this.#running);
      next.run(this.#backend).then((result) => {
        this.#running--;
        if (result.ok) {
          const { ok: _, ...value } = result;
          next.resolve(value);
        } else if (result.rejected) {
          const { statusCode, code } = result.rejected;
          next.reject(new ApiError(statusCode, code as ErrorCode, result.error));
        } else if (result.code) next.reject(new ApiError(500, result.code, result.error));
        else next.reject(new Error(result.error));
        this.#dispatch();
      });
    }
    if (this.#running === 0 && this.#queue.length === 0) this.#idle?.();
  }
}
