/**
 * Answers of the aggregate endpoints (statistics, facets) kept until the store changes: they scan
 * the whole store (seconds at a few hundred thousand articles, with the event loop blocked), while
 * the UI asks the same few questions again and again. The store has changed when SQLite's
 * `data_version` moved (another connection committed, e.g. a batch) or this server wrote to it.
 */
import type { Database } from 'better-sqlite3';

export class StoreCache {
  readonly #db: Database;
  readonly #answers = new Map<string, unknown>();
  #version = '';
  #writes = 0;

  constructor(db: Database) {
    this.#db = db;
  }

  /** The cached answer to `key`, computed when absent or when the store changed since. */
  get<T>(key: string, compute: () => T): T {
    const version = `${this.#db.pragma('data_version', { simple: true })}:${this.#writes}`;
    if (version !== this.#version) {
      this.#answers.clear();
      this.#version = version;
    }
    if (!this.#answers.has(key)) this.#answers.set(key, compute());
    return this.#answers.get(key) as T;
  }

  /** This server wrote to the store (its own commits do not move `data_version`). */
  changed(): void {
    this.#writes++;
  }
}
