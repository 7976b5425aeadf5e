/**
 * A pool of analysis worker threads that heals itself. Each task goes to the ready worker with the
 * fewest tasks in hand; a worker takes its tasks in order, so the first is the one it analyses.
 *
 * A worker that exits or errors fails the task it was analysing (`analysis_crashed`) and is
 * replaced by a fresh one; a task running longer than `taskTimeoutMs` has its worker stopped and
 * replaced the same way (`analysis_too_long`). Either way the worker's other tasks did nothing
 * wrong: they go back to the pool for the next ready worker. When workers keep failing (a crash
 * loop), replacements wait longer and longer (back-off); a worker that cannot start again after a
 * few tries leaves the pool, and with none left every task fails at once.
 */
import { Worker } from 'node:worker_threads';
import type { Article } from '../article/article.ts';
import type { Report } from '../pipeline/report.ts';
import type { Rejection, RenderedAnswer, WorkerData, WorkerReply, WorkerTask } from './protocol.ts';
import type { ReuseSketch } from './reuse/sketch.ts';

/** Why the pool, not the analysis itself, failed a task. */
export type FailureCode = 'analysis_crashed' | 'analysis_too_long';

export type TaskFailure = { ok: false; error: string; rejected?: Rejection; code?: FailureCode };

export type TaskResult = { ok: true; report: Report; sketch: ReuseSketch } | TaskFailure;

/** An input task answered in the worker: the rendered response, and the report when kept. */
export type AnswerResult =
  | { ok: true; rendered: RenderedAnswer; kept?: { report: Report; sketch: ReuseSketch } }
  | TaskFailure;

export interface PoolOptions {
  /** Longest one analysis may run before its worker is stopped and replaced (default 60 s; 0: no limit). */
  taskTimeoutMs?: number;
  /** First wait before replacing a worker when they keep failing; doubles each time up to 30 s (default 1 s). */
  backoffMs?: number;
  /** Told each time a worker is replaced, with why. */
  onRestart?: (event: Restart) => void;
}

export interface Restart {
  reason: string;
  /** ISO time. */
  at: string;
  /** Wait before the replacement starts (back-off); 0 when it starts at once. */
  delayMs: number;
}

export interface PoolHealth {
  /** Workers the pool runs (one that could not be started again has left it). */
  workers: number;
  /** Workers started and ready to analyse now. */
  alive: number;
  /** Workers replaced so far (crashed, stopped by the watchdog, or failed to start again). */
  restarts: number;
  lastRestart: Restart | null;
}

interface Task {
  message: WorkerTask;
  resolve: (result: TaskResult | AnswerResult) => void;
}

interface Slot {
  /** Absent while a replacement waits out its back-off. */
  worker: Worker | undefined;
  ready: boolean;
  /** Tasks sent to this worker, in order: the first is the one it analyses. */
  tasks: Task[];
  watchdog: NodeJS.Timeout | undefined;
  backoff: NodeJS.Timeout | undefined;
  /** Replacements in a row that failed to start. */
  startFailures: number;
  /** The worker's last uncaught error, told when it exits. */
  error: string | undefined;
}

export const DEFAULT_TASK_TIMEOUT_MS = 60_000;
const DEFAULT_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** Restarts per worker tolerated within RESTART_WINDOW_MS before replacements back off. */
const RESTARTS_BEFORE_BACKOFF = 3;
const RESTART_WINDOW_MS = 60_000;
/** A worker whose replacement failed to start this many times in a row leaves the pool. */
const MAX_START_FAILURES = 5;

const CRASHED = 'internal error: analysis worker crashed while analysing this article';

// Once built, the worker is a .js file next to this module. Run from sources (under tsx), it is
// .ts, and the worker thread first registers tsx's loader, which threads do not inherit.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./worker${FROM_SOURCES ? '.ts' : '.js'}`, import.meta.url);

/**
 * Young generation of a worker's heap (V8 splits it in three: two 32 MB semi-spaces and a space
 * for large new objects). With V8's default (48 MB: 16 MB semi-spaces) an analysis's working data
 * (rows, tokens, the last articles' caches) outlived two scavenges often enough to be promoted, and
 * each worker ran a mark-compact every 1.3 s under 100 requests/s, with up to 40 ms of marking in
 * the middle of analyses; with 96 MB, a third as many and the server's p99 latency fell from 67 ms
 * to 35–40 ms (docs/performance.md).
 */
const YOUNG_GENERATION_MB = 96;

function spawn(data: WorkerData): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  if (!FROM_SOURCES) return new Worker(WORKER_URL, { workerData: data, resourceLimits });
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(script, { eval: true, workerData: data, resourceLimits });
}

export class WorkerPool {
  readonly #data: WorkerData;
  readonly #taskTimeoutMs: number;
  readonly #backoffMs: number;
  readonly #onRestart: ((event: Restart) => void) | undefined;
  #analysers: { name: string; version: string }[] = [];
  #slots: Slot[] = [];
  /** Tasks no worker holds yet: none was ready, or theirs was lost before reaching them. */
  #waiting: Task[] = [];
  #next = 0;
  #models = new Set<string>();
  #restarts = 0;
  /** `performance.now()` of recent restarts, for the back-off. */
  #recent: number[] = [];
  #lastRestart: Restart | null = null;
  #closed = false;
  #stopping = new Set<Promise<number>>();
  /** Settles `start`: every first worker ready, or one failed. */
  #opening: { resolve: () => void; reject: (error: Error) => void } | undefined;

  private constructor(data: WorkerData, options: PoolOptions) {
    this.#data = data;
    this.#taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
    this.#backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.#onRestart = options.onRestart;
  }

  /** Starts `size` workers and waits until each has prepared its pipeline; fails if one cannot. */
  static async start(size: number, data: WorkerData, options: PoolOptions = {}): Promise<WorkerPool> {
    if (!(size >= 1)) throw new RangeError(`a worker pool needs at least one worker, not ${size}`);
    const pool = new WorkerPool(data, options);
    try {
      await new Promise<void>((resolve, reject) => {
        pool.#opening = { resolve, reject };
        for (let i = 0; i < size; i++) pool.#slots.push(pool.#spawn(newSlot()));
      });
    } catch (error) {
      await pool.close();
      throw error;
    }
    pool.#opening = undefined;
    return pool;
  }

  /** The analysers the workers run, with their versions. */
  get analysers(): { name: string; version: string }[] {
    return this.#analysers;
  }

  get inFlight(): number {
    return this.#waiting.length + this.#slots.reduce((sum, slot) => sum + slot.tasks.length, 0);
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Languages whose models any worker has loaded so far. */
  get models(): string[] {
    return [...this.#models].sort();
  }

  health(): PoolHealth {
    return {
      workers: this.#slots.length,
      alive: this.#slots.filter((slot) => slot.ready).length,
      restarts: this.#restarts,
      lastRestart: this.#lastRestart,
    };
  }

  // Tasks without `answer` are always answered `done` (a report) or failed.
  analyse(article: Article): Promise<TaskResult> {
    return this.#send({ id: this.#next++, article }) as Promise<TaskResult>;
  }

  /** Builds the article from a raw input with the pool's `ingest` module, then analyses it. */
  analyseInput(input: unknown): Promise<TaskResult> {
    return this.#send({ id: this.#next++, input }) as Promise<TaskResult>;
  }

  /**
   * Builds, analyses and answers an input in the worker (the ingest module's `render`), so that
   * the report is neither copied to this thread nor serialised here; `keep` brings it back too.
   */
  answerInput(input: unknown, keep: boolean): Promise<AnswerResult> {
    return this.#send({ id: this.#next++, input, answer: { keep } }) as Promise<AnswerResult>;
  }

  /** Stops every worker; tasks still unanswered fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const slots = this.#slots;
    this.#slots = [];
    for (const slot of slots) {
      clearTimeout(slot.backoff);
      this.#stop(slot);
    }
    await Promise.all(this.#stopping);
    const left = [...this.#waiting, ...slots.flatMap((slot) => slot.tasks)];
    this.#waiting = [];
    for (const task of left)
      task.resolve({ ok: false, error: 'internal error: the analysis pool was closed' });
  }

  #send(message: WorkerTask): Promise<TaskResult | AnswerResult> {
    if (this.#closed)
      return Promise.resolve({ ok: false, error: 'internal error: the analysis pool was closed' });
    return new Promise((resolve) => {
      this.#waiting.push({ message, resolve });
      this.#dispatch();
    });
  }

  /** Hands waiting tasks to the ready workers, the least busy first. */
  #dispatch(): void {
    if (this.#slots.length === 0) {
      const reason = this.#lastRestart ? ` (last: ${this.#lastRestart.reason})` : '';
      for (const task of this.#waiting.splice(0)) {
        task.resolve({ ok: false, error: `internal error: no analysis worker left${reason}` });
      }
      return;
    }
    while (this.#waiting.length > 0) {
      let best: Slot | undefined;
      for (const slot of this.#slots) {
        if (slot.ready && (!best || slot.tasks.length < best.tasks.length)) best = slot;
      }
      if (!best) return;
      const task = this.#waiting.shift()!;
      best.tasks.push(task);
      best.worker!.postMessage(task.message);
      if (best.tasks.length === 1) this.#arm(best);
    }
  }

  #spawn(slot: Slot): Slot {
    const worker = spawn(this.#data);
    Object.assign(slot, { worker, ready: false, error: undefined, backoff: undefined });
    worker.on('message', (reply: WorkerReply) => {
      if (slot.worker !== worker) return;
      if (reply.type === 'ready') this.#ready(slot, reply.analysers);
      else if (reply.type === 'fatal') this.#lost(slot, reply.error);
      else this.#answer(slot, reply);
    });
    worker.on('error', (error) => {
      if (slot.worker === worker) slot.error = error.message;
    });
    worker.on('exit', (code) => {
      if (slot.worker === worker) this.#lost(slot, slot.error ?? `exit code ${code}`);
    });
    return slot;
  }

  #ready(slot: Slot, analysers: { name: string; version: string }[]): void {
    slot.ready = true;
    slot.startFailures = 0;
    if (this.#opening) {
      this.#analysers = analysers;
      if (this.#slots.every((s) => s.ready)) this.#opening.resolve();
      return;
    }
    this.#dispatch();
  }

  #answer(slot: Slot, reply: Extract<WorkerReply, { id: number }>): void {
    const index = slot.tasks.findIndex((task) => task.message.id === reply.id);
    if (index < 0) return;
    const [task] = slot.tasks.splice(index, 1);
    // The worker moves on to its next task: that one's time starts now.
    if (index === 0) this.#arm(slot);
    if (reply.type === 'done') {
      for (const language of reply.models ?? []) this.#models.add(language);
      task!.resolve({ ok: true, report: reply.report, sketch: reply.sketch });
    } else if (reply.type === 'answered') {
      for (const language of reply.models ?? []) this.#models.add(language);
      task!.resolve({ ok: true, rendered: reply.rendered, ...(reply.kept ? { kept: reply.kept } : {}) });
    } else {
      task!.resolve({
        ok: false,
        error: reply.error,
        ...(reply.rejected ? { rejected: reply.rejected } : {}),
      });
    }
  }

  /** (Re)starts the watchdog on the task the worker analyses now, if any. */
  #arm(slot: Slot): void {
    clearTimeout(slot.watchdog);
    slot.watchdog = undefined;
    if (this.#taskTimeoutMs > 0 && slot.tasks.length > 0) {
      slot.watchdog = setTimeout(() => this.#tooLong(slot), this.#taskTimeoutMs);
    }
  }

  #tooLong(slot: Slot): void {
    const reason = `analysis took longer than ${seconds(this.#taskTimeoutMs)} s`;
    this.#failCurrent(slot, { ok: false, error: reason, code: 'analysis_too_long' });
    this.#replace(slot, reason, false);
  }

  /** The worker exited, errored or could not prepare its pipeline. */
  #lost(slot: Slot, detail: string): void {
    if (this.#closed) return;
    const started = slot.ready;
    const reason = started
      ? `analysis worker crashed: ${detail}`
      : `analysis worker could not start: ${detail}`;
    if (this.#opening) {
      this.#stop(slot);
      this.#opening.reject(new Error(reason));
      return;
    }
    if (started)
      this.#failCurrent(slot, { ok: false, error: `${CRASHED} (${detail})`, code: 'analysis_crashed' });
    this.#replace(slot, reason, !started);
  }

  /** Fails the task the worker was analysing; the ones after it wait for another worker. */
  #failCurrent(slot: Slot, result: TaskResult): void {
    const [current, ...rest] = slot.tasks;
    slot.tasks = [];
    this.#waiting.unshift(...rest);
    current?.resolve(result);
  }

  #replace(slot: Slot, reason: string, startFailure: boolean): void {
    this.#stop(slot);
    slot.startFailures = startFailure ? slot.startFailures + 1 : 0;
    if (slot.startFailures >= MAX_START_FAILURES) {
      this.#slots = this.#slots.filter((s) => s !== slot);
      this.#lastRestart = {
        reason: `${reason} (gave up after ${MAX_START_FAILURES} tries)`,
        at: now(),
        delayMs: 0,
      };
    } else {
      const delayMs = this.#delay(slot);
      this.#restarts++;
      this.#lastRestart = { reason, at: now(), delayMs };
      this.#onRestart?.(this.#lastRestart);
      if (delayMs === 0) this.#spawn(slot);
      else {
        slot.backoff = setTimeout(() => {
          if (!this.#closed) this.#spawn(slot);
        }, delayMs);
      }
    }
    this.#dispatch();
  }

  /** No wait unless workers keep failing: more restarts than tolerated lately, or failed starts. */
  #delay(slot: Slot): number {
    const time = performance.now();
    this.#recent = this.#recent.filter((t) => time - t < RESTART_WINDOW_MS);
    this.#recent.push(time);
    const excess = this.#recent.length - RESTARTS_BEFORE_BACKOFF * this.#slots.length;
    const steps = Math.max(excess, slot.startFailures);
    return steps <= 0 ? 0 : Math.min(MAX_BACKOFF_MS, this.#backoffMs * 2 ** (steps - 1));
  }

  #stop(slot: Slot): void {
    clearTimeout(slot.watchdog);
    slot.watchdog = undefined;
    slot.ready = false;
    const worker = slot.worker;
    slot.worker = undefined;
    if (worker) {
      const stopping = worker.terminate();
      this.#stopping.add(stopping);
      void stopping.finally(() => this.#stopping.delete(stopping));
    }
  }
}

function newSlot(): Slot {
  return {
    worker: undefined,
    ready: false,
    tasks: [],
    watchdog: undefined,
    backoff: undefined,
    startFailures: 0,
    error: undefined,
  };
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function now(): string {
  return new Date().toISOString();
}
