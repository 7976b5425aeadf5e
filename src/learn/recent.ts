/**
 * Per-article working data (feature rows, scores, token and evidence scans) kept for the last few
 * articles only (by default the one being analysed): the analysers of one article share it, and it
 * is let go once the next article comes instead of living as long as the Article object (a batch
 * holding many articles would otherwise keep every article's rows, and the garbage collector would
 * keep copying them). Keeping four articles' data made it outlive two scavenges often enough to be
 * promoted: a worker under 100 requests/s then ran a mark-compact every 1.3 s (docs/performance.md).
 */
export class RecentCache<K extends object, V> {
  readonly #keys: K[] = [];
  readonly #values: V[] = [];
  readonly #size: number;

  constructor(size = 1) {
    this.#size = size;
  }

  get(key: K): V | undefined {
    const i = this.#keys.indexOf(key);
    return i < 0 ? undefined : this.#values[i];
  }

  set(key: K, value: V): void {
    const i = this.#keys.indexOf(key);
    if (i >= 0) {
      this.#values[i] = value;
      return;
    }
    if (this.#keys.length >= this.#size) {
      this.#keys.shift();
      this.#values.shift();
    }
    this.#keys.push(key);
    this.#values.push(value);
  }
}
