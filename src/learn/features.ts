/**
 * Hashed sparse text features. A document's raw features are (hashed index, count) pairs in
 * named blocks (word n-grams, char n-grams, style, context...). A Vectorizer learned on the
 * training rows keeps the indexes seen in at least `minDf` of them, learns IDF, and turns raw
 * rows into weighted CSR rows: sublinear TF × IDF, L2-normalised per block, times a block weight.
 */
import { FNV_PRIME, fnvStart, HASH_MASK, HASH_SIZE, hashPair, hashString } from './hash.ts';
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

/** Where feature extractors put hashed features: a raw-row builder (training) or a vocabulary-filtered one (prediction). */
export interface FeatureSink {
  /**
   * Adds `value` to feature `hash` of block `block` in the current document. Features found at
   * a place (word and char n-grams, a punctuation or lexicon cue's first hit) say where:
   * `text[start, end)`, −1 when none; for char n-grams `edges` marks a leading (EDGE_LEAD) or
   * trailing (EDGE_TRAIL) space. Prediction keeps each feature's first place, so evidence needs
   * no second scan of the text.
   */
  add(block: number, hash: number, value?: number, start?: number, end?: number, edges?: number): void;
}

/** A char n-gram that starts with the space before its first word character. */
export const EDGE_LEAD = 1;
/** A char n-gram that ends with the space after its last word character. */
export const EDGE_TRAIL = 2;

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
export class RawRowsBuilder implements FeatureSink {
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
  out: FeatureSink,
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

/**
 * Character n-grams (n in [min, max], max ≤ 8) of the folded text with whitespace runs collapsed
 * to one space and a space added at both ends, hashed on the fly without building strings: the
 * hash of the n-gram ending at each code unit is FNV-1a over the last n units, newest first.
 */
export function addCharNgrams(
  out: FeatureSink,
  text: string,
  block: number,
  min: number,
  max: number,
  from = 0,
  to = text.length,
): void {
  // charMax 0 means no char n-grams: skip the scan instead of walking the text for nothing.
  if (max < 1) return;
  const start = fnvStart(block * 104729 + 17);
  // The last `max` folded code units, newest first, and where they are in the text (−1: a space).
  const recent = RECENT;
  const recentAt = RECENT_AT;
  let filled = 0;
  let at = -1;
  let lastSpace = true;
  let i = from;
  let code = 32; // the leading space
  for (;;) {
    for (let k = filled < max ? filled : max - 1; k > 0; k--) {
      recent[k] = recent[k - 1]!;
      recentAt[k] = recentAt[k - 1]!;
    }
    recent[0] = code;
    recentAt[0] = at;
    if (filled < max) filled++;
    let h = start;
    // The span of the n-gram's non-space units: its oldest and newest unit with a position.
    let first = -1;
    let last = -1;
    for (let n = 1; n <= filled; n++) {
      h = Math.imul(h ^ recent[n - 1]!, PRIME);
      const pos = recentAt[n - 1]!;
      if (pos >= 0) {
        first = pos;
        if (last < 0) last = pos + 1;
      }
      if (n >= min) {
        // mix(h ^ n), inlined: this loop runs four times per character.
        let m = h ^ n;
        m ^= m >>> 16;
        m = Math.imul(m, 0x85ebca6b);
        m ^= m >>> 13;
        m = Math.imul(m, 0xc2b2ae35);
        m ^= m >>> 16;
        if (last < 0) out.add(block, m >>> 0);
        else {
          const edges = (recentAt[n - 1]! < 0 ? EDGE_LEAD : 0) | (recentAt[0]! < 0 ? EDGE_TRAIL : 0);
          out.add(block, m >>> 0, 1, first, last, edges);
        }
      }
    }
    // The next code unit to push: skip whitespace after a space, end with one space.
    code = -1;
    while (i < to) {
      const c = text.charCodeAt(i++);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0xfeff || c === 0x200b) {
        if (!lastSpace) {
          lastSpace = true;
          code = 32;
          at = -1;
          break;
        }
      } else {
        lastSpace = false;
        code = FOLDED[c]!;
        at = i - 1;
        break;
      }
    }
    if (code === -1) {
      if (lastSpace) return;
      lastSpace = true;
      code = 32;
      at = -1;
    }
  }
}

const RECENT = new Int32Array(8);
const RECENT_AT = new Int32Array(8);
// Module constants: imported bindings cost a property read each time under some loaders.
const FOLDED = FOLD;
const PRIME = FNV_PRIME;

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
