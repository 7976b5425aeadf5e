/**
 * A fixed pool of analysis worker threads. Each task goes to the worker with the fewest tasks in
 * flight. A worker that dies fails its tasks (they become failed items) and leaves the pool.
 */
import { Worker } from 'node:worker_threads';
import type { Article } from '../article/article.ts';
import type { Report } from '../pipeline/report.ts';
import type { Rejection, WorkerData, WorkerReply, WorkerTask } from './protocol.ts';
import type { ReuseSketch } from './reuse/sketch.ts';

export type TaskResult =
  | { ok: true; report: Report; sketch: ReuseSketch }
  | { ok: false; error: string; rejected?: Rejection };

interface Slot {
  worker: Worker;
  pending: Map<number, (result: TaskResult) => void>;
}

// Once built, the worker is a .js file next to this module. Run from sources (under tsx), it is
// .ts, and the worker thread first registers tsx's loader, which threads do not inherit.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./worker${FROM_SOURCES ? '.ts' : '.js'}`, import.meta.url);

function spawn(data: WorkerData): Worker {
  if (!FROM_SOURCES) return new Worker(WORKER_URL, { workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(script, { eval: true, workerData: data });
}

export class WorkerPool {
  readonly analysers: { name: string; version: string }[];
  #slots: Slot[];
  #next = 0;
  #models = new Set<string>();

  private constructor(slots: Slot[], analysers: { name: string; version: string }[]) {
    this.#slots = slots;
    this.analysers = analysers;
  }

  /** Starts `size` workers and waits until each has prepared its pipeline. */
  static async start(size: number, data: WorkerData): Promise<WorkerPool> {
    const workers = Array.from({ length: size }, () => spawn(data));
    try {
      const ready = await Promise.all(workers.map(waitReady));
      const pool = new WorkerPool(
        workers.map((worker) => ({ worker, pending: new Map() })),
        ready[0]!,
      );
      for (const slot of pool.#slots) pool.#listen(slot);
      return pool;
    } catch (error) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw error;
    }
  }

  get inFlight(): number {
    return this.#slots.reduce((sum, slot) => sum + slot.pending.size, 0);
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Languages whose models any worker has loaded so far. */
  get models(): string[] {
    return [...this.#models].sort();
  }

  analyse(article: Article): Promise<TaskResult> {
    return this.#send({ id: this.#next++, article });
  }

  /** Builds the article from a raw input with the pool's `ingest` module, then analyses it. */
  analyseInput(input: unknown): Promise<TaskResult> {
    return this.#send({ id: this.#next++, input });
  }

  #send(task: WorkerTask): Promise<TaskResult> {
    if (this.#slots.length === 0)
      return Promise.resolve({ ok: false, error: 'internal error: no analysis worker left' });
    const slot = this.#slots.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
    return new Promise((resolve) => {
      slot.pending.set(task.id, resolve);
      slot.worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
    this.#slots = [];
  }

  #listen(slot: Slot): void {
    slot.worker.on('message', (reply: WorkerReply) => {
      if (reply.type !== 'done' && reply.type !== 'failed') return;
      if (reply.type === 'done') for (const language of reply.models ?? []) this.#models.add(language);
      const resolve = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      resolve?.(
        reply.type === 'done'
          ? { ok: true, report: reply.report, sketch: reply.sketch }
          : { ok: false, error: reply.error, ...(reply.rejected ? { rejected: reply.rejected } : {}) },
      );
    });
    slot.worker.on('error', (error) => {
      this.#slots = this.#slots.filter((s) => s !== slot);
      for (const resolve of slot.pending.values()) {
        resolve({ ok: false, error: `internal error: analysis worker died (${error.message})` });
      }
      slot.pending.clear();
    });
  }
}

function waitReady(worker: Worker): Promise<{ name: string; version: string }[]> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply): void => {
      if (reply.type === 'ready') {
        worker.off('error', reject);
        worker.off('message', onMessage);
        resolve(reply.analysers);
      } else if (reply.type === 'fatal') {
        reject(new Error(`analysis worker could not start: ${reply.error}`));
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}
