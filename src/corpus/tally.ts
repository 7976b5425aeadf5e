/**
 * The bookkeeping of a batch run, the same whether articles are analysed on local worker threads
 * or on queue workers: counts, failures (all of them, and those not yet written to the store) and
 * the progress callback.
 */
import type { ReadOptions } from '../article/input.ts';
import type { BatchProgress, BatchResult } from './batch.ts';
import type { RunCounts } from './store.ts';

export interface RunFailure {
  source: string;
  error: string;
}

export class RunTally {
  readonly counts: RunCounts = { analysed: 0, skipped: 0, failed: 0 };
  readonly failures: RunFailure[] = [];
  /** Whether any failure was an internal error (an analyser or worker failing). */
  internal = false;
  private pending: RunFailure[] = [];

  constructor(private readonly onProgress?: (progress: BatchProgress) => void) {}

  progress(): void {
    const { counts } = this;
    this.onProgress?.({ ...counts, done: counts.analysed + counts.skipped + counts.failed });
  }

  fail(source: string, error: string): void {
    this.counts.failed++;
    this.failures.push({ source, error });
    this.pending.push({ source, error });
  }

  /** Failures not yet written to the store; from now on they count as written. */
  takePendingFailures(): RunFailure[] {
    const pending = this.pending;
    this.pending = [];
    return pending;
  }

  pendingFailureCount(): number {
    return this.pending.length;
  }

  result(run: number, interrupted: boolean, started: number): BatchResult {
    const { counts, failures, internal } = this;
    return { run, ...counts, interrupted, failures, internal, seconds: (performance.now() - started) / 1000 };
  }
}

/** How the inputs were read, as a run records it in the store. */
export function readSettings(read: ReadOptions | undefined): Record<string, unknown> {
  return { format: read?.format ?? 'auto', lang: read?.lang ?? null, fields: read?.fields ?? {} };
}
