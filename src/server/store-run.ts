/**
 * Articles stored through `POST /api/analyze?store=1`: written as a batch run would write them
 * (one transaction each, reuse index included), under one run per server process that is opened
 * on the first stored article and finished when the server stops.
 */
import type { RunCounts, Store } from '../corpus/store.ts';
import type { Analysed } from './analysis.ts';

export class StoreRun {
  readonly store: Store;
  readonly #onWrite: () => void;
  #run: number | undefined;
  readonly #counts: RunCounts = { analysed: 0, skipped: 0, failed: 0 };

  /** `onWrite` is told after each stored article (cached aggregates are then stale). */
  constructor(store: Store, onWrite: () => void) {
    this.store = store;
    this.#onWrite = onWrite;
  }

  /** Stores the analysed article (replacing its findings when the same text was stored before). */
  save({ report, sketch }: Analysed): void {
    this.#run ??= this.store.startRun({
      analysers: report.analysers,
      options: { via: 'http' },
      inputs: ['POST /api/analyze'],
    });
    this.#counts.analysed++;
    this.store.writeBatch(this.#run, [{ report, sketch }], [], this.#counts);
    this.#onWrite();
  }

  /** Marks the run done (when anything was stored). */
  finish(): void {
    if (this.#run !== undefined) this.store.finishRun(this.#run, 'done', this.#counts);
    this.#run = undefined;
  }
}
