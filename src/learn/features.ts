/**
 * Hashed sparse text features. A document's raw features are (hashed index, count) pairs in
 * named blocks (word n-grams, char n-grams, style, context...). A Vectorizer learned on the
 * training rows keeps the indexes seen in at least `minDf` of them, learns IDF, and turns raw
 * rows into weighted CSR rows: sublinear TF × IDF, L2-normalised per block, times a block weight.
 */
import { fnvStart, fnvStep, HASH_MASK, HASH_SIZE, hashPair, hashString, mix } from './hash.ts';
import { type Csr, GrowableFloat32, GrowableInt32 } from './sparse.ts';
import type { Stemmer } from './stem.ts';
import { FOLD, foldedToken, forEachToken } from './tokenize.ts';

/** Raw (unweighted) features of many documents. */
export interface RawRows {
  rows: number;
  indptr: Int32Array;
  /** Hashed feature index (masked to the hash space). */
  index: Int32Array;
  count: Float32Array;
  block: Uint8Array;
}

/** Hash-space accumulators of the open row; all zero again once the row is closed. */
interface Scratch {
  acc: Float32Array;
  blockOf: Uint8Array;
  seen: Uint8Array;
}

// One clean scratch set waits here between rows, so builders do not zero 6 MB each (prediction
// featurizes one article at a time). A builder holds it only while a row is open.
let freeScratch: Scratch | undefined;

/** Collects the raw features of documents one at a time, merging repeats in a document. */
export class RawRowsBuilder {
  private scratch: Scratch | undefined;
  private readonly touched = new GrowableInt32();
  private readonly indptr = new GrowableInt32();
  private readonly index = new GrowableInt32();
  private readonly count = new GrowableFloat32();
  private readonly blocks: number[] = [];

  constructor() {
    this.indptr.push(0);
  }

  /** Adds `value` to feature `hash` of block `block` in the current document. */
  add(block: number, hash: number, value = 1): void {
    let s = this.scratch;
    if (!s) {
      s = freeScratch ?? {
        acc: new Float32Array(HASH_SIZE),
        blockOf: new Uint8Array(HASH_SIZE),
        seen: new Uint8Array(HASH_SIZE),
      };
      freeScratch = undefined;
      this.scratch = s;
    }
    const i = hash & HASH_MASK;
    if (s.seen[i] === 0) {
      s.seen[i] = 1;
      s.blockOf[i] = block;
      this.touched.push(i);
    }
    s.acc[i]! += value;
  }

  /** Closes the current document. Entries are sorted by index so rows are canonical. */
  endRow(): void {
    const s = this.scratch;
    if (s) {
      const t = this.touched.data.subarray(0, this.touched.length).sort();
      for (const i of t) {
        if (s.acc[i] !== 0) {
          this.index.push(i);
          this.count.push(s.acc[i]!);
          this.blocks.push(s.blockOf[i]!);
        }
        s.acc[i] = 0;
        s.seen[i] = 0;
      }
      this.touched.length = 0;
      this.scratch = undefined;
      freeScratch = s;
    }
    this.indptr.push(this.index.length);
  }

  build(): RawRows {
    return {
      rows: this.indptr.length - 1,
      indptr: this.indptr.toArray(),
      index: this.index.toArray(),
      count: this.count.toArray(),
      block: Uint8Array.from(this.blocks),
    };
  }
}

export interface TextFeatureOptions {
  stem: Stemmer;
  /** Block for word unigrams and bigrams; negative = none. */
  wordBlock: number;
  /** Block for character n-grams; negative = none. */
  charBlock: number;
  charMin: number;
  charMax: number;
  /** Adds word bigrams besides unigrams. */
  bigrams: boolean;
}

/** Adds the word and character n-grams of `text[from, to)` to the current row. */
export function addTextFeatures(
  out: RawRowsBuilder,
  text: string,
  opts: TextFeatureOptions,
  from = 0,
  to = text.length,
): void {
  if (opts.wordBlock >= 0) {
    const seed = opts.wordBlock * 7919 + 1;
    let prev = -1;
    forEachToken(
      text,
      (start, end) => {
        const h = hashString(opts.stem(foldedToken(text, start, end)), seed);
        out.add(opts.wordBlock, h);
        if (opts.bigrams && prev !== -1) out.add(opts.wordBlock, hashPair(prev, h, seed));
        prev = h;
      },
      from,
      to,
    );
  }
  if (opts.charBlock >= 0) addCharNgrams(out, text, opts.charBlock, opts.charMin, opts.charMax, from, to);
}

// Last five folded code units, newest first (a ring would save little at n ≤ 5).
const recent = new Int32Array(8);

/**
 * Character n-grams (n in [min, max]) of the folded text with whitespace runs collapsed to one
 * space and a space added at both ends, hashed on the fly without building strings.
 */
export function addCharNgrams(
  out: RawRowsBuilder,
  text: string,
  block: number,
  min: number,
  max: number,
  from = 0,
  to = text.length,
): void {
  const seed = block * 104729 + 17;
  let filled = 0;
  let lastSpace = false;
  const push = (code: number): void => {
    for (let k = Math.min(filled, max - 1); k > 0; k--) recent[k] = recent[k - 1]!;
    recent[0] = code;
    if (filled < max) filled++;
    let h = fnvStart(seed);
    for (let n = 1; n <= filled; n++) {
      h = fnvStep(h, recent[n - 1]!);
      if (n >= min) out.add(block, mix(h ^ n));
    }
  };
  push(32);
  lastSpace = true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0xfeff || c === 0x200b;
    if (space) {
      if (!lastSpace) push(32);
      lastSpace = true;
    } else {
      push(FOLD[c]!);
      lastSpace = false;
    }
  }
  if (!lastSpace) push(32);
}

/** How a block's raw counts become weights. */
export interface BlockWeighting {
  /** 1 + ln(count) instead of count. */
  sublinear: boolean;
  idf: boolean;
  /** L2-normalise the block's part of each row. */
  normalize: boolean;
  weight: number;
}

export interface VectorizerState {
  minDf: number;
  blocks: BlockWeighting[];
  /** Hashed index → column (−1 when unused). */
  columnOf: Int32Array;
  /** Column → hashed index. */
  hashOf: Int32Array;
  idf: Float32Array;
}

/** Learns kept columns and IDF from the given training rows of `raw`. */
export function fitVectorizer(
  raw: RawRows,
  trainRows: ArrayLike<number>,
  blocks: BlockWeighting[],
  minDf = 2,
): VectorizerState {
  const df = new Int32Array(HASH_SIZE);
  for (let t = 0; t < trainRows.length; t++) {
    const r = trainRows[t]!;
    for (let k = raw.indptr[r]!; k < raw.indptr[r + 1]!; k++) df[raw.index[k]!]!++;
  }
  const columnOf = new Int32Array(HASH_SIZE).fill(-1);
  let cols = 0;
  for (let i = 0; i < HASH_SIZE; i++) if (df[i]! >= minDf) columnOf[i] = cols++;
  const hashOf = new Int32Array(cols);
  const idf = new Float32Array(cols);
  const n = trainRows.length;
  for (let i = 0; i < HASH_SIZE; i++) {
    const c = columnOf[i]!;
    if (c < 0) continue;
    hashOf[c] = i;
    idf[c] = Math.log((1 + n) / (1 + df[i]!)) + 1; // scikit-learn's smoothed IDF
  }
  return { minDf, blocks, columnOf, hashOf, idf };
}

/** Weighted CSR rows for the given rows of `raw`. */
export function transform(v: VectorizerState, raw: RawRows, rows: ArrayLike<number>): Csr {
  const indptr = new Int32Array(rows.length + 1);
  const indices = new GrowableInt32();
  const values = new GrowableFloat32();
  const nBlocks = v.blocks.length;
  const norms = new Float64Array(nBlocks);
  for (let t = 0; t < rows.length; t++) {
    const r = rows[t]!;
    const first = indices.length;
    norms.fill(0);
    for (let k = raw.indptr[r]!; k < raw.indptr[r + 1]!; k++) {
      const col = v.columnOf[raw.index[k]!]!;
      if (col < 0) continue;
      const b = v.blocks[raw.block[k]!];
      if (!b) continue;
      const c = raw.count[k]!;
      let x = b.sublinear && c > 0 ? 1 + Math.log(c) : c;
      if (b.idf) x *= v.idf[col]!;
      indices.push(col);
      values.push(x);
      norms[raw.block[k]!]! += x * x;
    }
    // Second pass over this row's entries: normalise per block and apply block weights.
    let e = first;
    for (let k = raw.indptr[r]!; k < raw.indptr[r + 1]!; k++) {
      if (v.columnOf[raw.index[k]!]! < 0) continue;
      const bi = raw.block[k]!;
      const b = v.blocks[bi];
      if (!b) continue;
      const scale = b.normalize && norms[bi]! > 0 ? b.weight / Math.sqrt(norms[bi]!) : b.weight;
      values.data[e] = values.data[e]! * scale;
      e++;
    }
    indptr[t + 1] = indices.length;
  }
  return {
    rows: rows.length,
    cols: v.idf.length,
    indptr,
    indices: indices.toArray(),
    values: values.toArray(),
  };
}
