/**
 * Per-article working data (feature rows, scores, token and evidence scans) kept for the last few
 * articles only: the analysers of one article share it, and it is let go once later articles come
 * instead of living as long as the Article object (a batch holding many articles would otherwise
 * keep every article's rows, and the garbage collector would keep copying them).
 */
export class RecentCache<K extends object, V> {
  readonly #keys: K[] = [];
  readonly #values: V[] = [];
  readonly #size: number;

  constructor(size = 4) {
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
