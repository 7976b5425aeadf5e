/**
 * Feature rows for prediction, in a model's vocabulary: hashed features no head uses are dropped
 * as they are produced, and the others carry their slot (one number per feature for all heads).
 * An article's pieces (featurize.ts) are computed once and merged into the rows of every unit
 * type and feature configuration the heads ask for, with the same merging rule as training's
 * RawRowsBuilder (counts of a feature add up; its block is the one it was first seen in), so
 * the rows hold exactly the training rows' entries that some head uses.
 */
import type { Article } from '../article/article.ts';
import type { FeatureSink } from './features.ts';
import {
  addPiece,
  type FeatureConfig,
  featurizeInto,
  type Piece,
  pieceKey,
  type Unit,
  unitPieces,
} from './featurize.ts';
import { HASH_MASK } from './hash.ts';
import type { Vocabulary } from './model.ts';

// A module constant: imported bindings are slower to read in the hot loop.
const MASK = HASH_MASK;
const UNSEEN = 255;
/** Features buffered before their batched lookup. */
const PENDING = 2048;

/** Rows of (slot, count, block) entries; entries of a row in slot order. */
export interface SlotRows {
  rows: number;
  indptr: Int32Array;
  slot: Int32Array;
  count: Float32Array;
  block: Uint8Array;
}

/** Slot-space accumulators of the open row; clean again (acc 0, block UNSEEN) once it is closed. */
interface Scratch {
  acc: Float32Array;
  blockOf: Uint8Array;
  /** Slots of the open row, first-seen order. */
  touched: Int32Array;
  /** The same slots as bits (slot u: bit u & 31 of word u >>> 5), to list them in slot order. */
  bits: Int32Array;
}

let freeScratch: Scratch | undefined;

function takeScratch(size: number): Scratch {
  let s = freeScratch;
  if (!s || s.acc.length < size) {
    s = {
      acc: new Float32Array(size),
      blockOf: new Uint8Array(size).fill(UNSEEN),
      touched: new Int32Array(size),
      bits: new Int32Array((size >>> 5) + 1),
    };
  }
  freeScratch = undefined;
  return s;
}

function grown<T extends Int32Array | Float32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as { new (n: number): T })(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

/**
 * Rewrites the first n touched slots in ascending order and clears their bits: long rows (the
 * article's) are listed from the bit words, faster than sorting them; short ones are sorted.
 */
function inSlotOrder(s: Scratch, n: number): void {
  const { touched, bits } = s;
  if (n < 256) {
    touched.subarray(0, n).sort();
    for (let k = 0; k < n; k++) bits[touched[k]! >>> 5] = 0;
    return;
  }
  let t = 0;
  for (let w = 0; w < bits.length && t < n; w++) {
    let word = bits[w]!;
    if (word === 0) continue;
    bits[w] = 0;
    while (word !== 0) {
      const low = word & -word;
      touched[t++] = (w << 5) | (31 - Math.clz32(low));
      word ^= low;
    }
  }
}

export class SlotRowsBuilder implements FeatureSink {
  private readonly rank: Int32Array;
  private readonly size: number;
  private scratch: Scratch | undefined;
  private touchedCount = 0;
  private rowCount = 0;
  private indptr = new Int32Array(64);
  private entries = 0;
  private slot = new Int32Array(1024);
  private count = new Float32Array(1024);
  private blocks = new Uint8Array(1024);
  /** Emit each row's entries in slot order (long rows are scored faster walking the tables forwards). */
  sorted = false;
  private pending = 0;
  private readonly pendingHash = new Int32Array(PENDING);
  private readonly pendingSlot = new Int32Array(PENDING);
  private readonly pendingBlock = new Uint8Array(PENDING);
  private readonly pendingValue = new Float32Array(PENDING);

  constructor(vocab: Vocabulary) {
    this.rank = vocab.rank;
    this.size = vocab.hashOf.length;
  }

  add(block: number, hash: number, value = 1): void {
    if (this.pending === PENDING) this.flush();
    const k = this.pending++;
    this.pendingHash[k] = hash & MASK;
    this.pendingBlock[k] = block;
    this.pendingValue[k] = value;
  }

  private open(): Scratch {
    let s = this.scratch;
    if (!s) {
      s = takeScratch(this.size);
      this.scratch = s;
    }
    return s;
  }

  /**
   * Looks the pending features up in a batch, then accumulates them: the table lookups do not
   * depend on each other, so their cache misses overlap.
   */
  private flush(): void {
    const n = this.pending;
    this.pending = 0;
    const slots = this.pendingSlot;
    const hashes = this.pendingHash;
    const rank = this.rank;
    // slotOf (model.ts), inlined: the slot is the number of used indexes before the hash.
    for (let k = 0; k < n; k++) {
      const h = hashes[k]!;
      const w = h >>> 5;
      const word = rank[2 * w]!;
      const bit = 1 << (h & 31);
      if ((word & bit) === 0) {
        slots[k] = -1;
        continue;
      }
      let x = word & (bit - 1);
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      x = (x + (x >>> 4)) & 0x0f0f0f0f;
      slots[k] = rank[2 * w + 1]! + (Math.imul(x, 0x01010101) >>> 24);
    }
    const { acc, blockOf, touched, bits } = this.open();
    const blocks = this.pendingBlock;
    const values = this.pendingValue;
    let t = this.touchedCount;
    for (let k = 0; k < n; k++) {
      const u = slots[k]!;
      if (u < 0) continue;
      if (blockOf[u] === UNSEEN) {
        blockOf[u] = blocks[k]!;
        touched[t++] = u;
        bits[u >>> 5]! |= 1 << (u & 31);
      }
      acc[u]! += values[k]!;
    }
    this.touchedCount = t;
  }

  /** Adds every entry of row r of `rows` (a piece) to the open row. */
  addRow(rows: SlotRows, r: number): void {
    if (this.pending > 0) this.flush();
    const { acc, blockOf, touched, bits } = this.open();
    const { slot, count, block } = rows;
    let t = this.touchedCount;
    const end = rows.indptr[r + 1]!;
    for (let k = rows.indptr[r]!; k < end; k++) {
      const u = slot[k]!;
      if (blockOf[u] === UNSEEN) {
        blockOf[u] = block[k]!;
        touched[t++] = u;
        bits[u >>> 5]! |= 1 << (u & 31);
      }
      acc[u]! += count[k]!;
    }
    this.touchedCount = t;
  }

  endRow(): void {
    if (this.pending > 0) this.flush();
    const s = this.scratch;
    if (s) {
      const n = this.touchedCount;
      const t = s.touched.subarray(0, n);
      if (this.sorted) inSlotOrder(s, n);
      else for (let k = 0; k < n; k++) s.bits[t[k]! >>> 5] = 0;
      this.slot = grown(this.slot, this.entries + n);
      this.count = grown(this.count, this.entries + n);
      this.blocks = grown(this.blocks, this.entries + n);
      const { acc, blockOf } = s;
      let e = this.entries;
      for (let k = 0; k < n; k++) {
        const u = t[k]!;
        if (acc[u] !== 0) {
          this.slot[e] = u;
          this.count[e] = acc[u]!;
          this.blocks[e] = blockOf[u]!;
          e++;
        }
        acc[u] = 0;
        blockOf[u] = UNSEEN;
      }
      this.entries = e;
      this.touchedCount = 0;
      this.scratch = undefined;
      freeScratch = s;
    }
    this.rowCount++;
    this.indptr = grown(this.indptr, this.rowCount + 1);
    this.indptr[this.rowCount] = this.entries;
  }

  /** The rows so far; the builder starts afresh. */
  build(): SlotRows {
    const rows = {
      rows: this.rowCount,
      indptr: this.indptr.slice(0, this.rowCount + 1),
      slot: this.slot.slice(0, this.entries),
      count: this.count.slice(0, this.entries),
      block: this.blocks.slice(0, this.entries),
    };
    this.rowCount = 0;
    this.entries = 0;
    return rows;
  }
}

/** Rows of any units in a vocabulary (the same rows as featurize, restricted to the vocabulary). */
export function slotRows(vocab: Vocabulary, units: readonly Unit[], config: FeatureConfig): SlotRows {
  const b = new SlotRowsBuilder(vocab);
  featurizeInto(b, units, config);
  return b.build();
}

const configKeys = new WeakMap<FeatureConfig, string>();

function configKey(c: FeatureConfig): string {
  let k = configKeys.get(c);
  if (k === undefined) {
    k = JSON.stringify(c);
    configKeys.set(c, k);
  }
  return k;
}

/** One article's features in one vocabulary: pieces computed once, rows per unit type and configuration. */
export class ArticleFeatures {
  readonly article: Article;
  readonly vocab: Vocabulary;
  readonly #pieces = new Map<string, SlotRows>();
  readonly #rows = new Map<string, SlotRows>();
  readonly #builder: SlotRowsBuilder;

  constructor(article: Article, vocab: Vocabulary) {
    this.article = article;
    this.vocab = vocab;
    this.#builder = new SlotRowsBuilder(vocab);
  }

  /** The article's row (`article`) or one row per paragraph (`paragraph`). */
  rows(unit: 'article' | 'paragraph', config: FeatureConfig): SlotRows {
    const key = `${unit}:${configKey(config)}`;
    let rows = this.#rows.get(key);
    if (rows) return rows;
    const { article } = this;
    const units: Unit[] =
      unit === 'article' ? [{ article }] : article.paragraphs.map((p) => ({ article, paragraph: p.index }));
    // Every piece first: a builder holds the shared scratch while its row is open.
    const plans = units.map((u) => this.plan(u, config));
    if (plans.length === 1 && plans[0]!.length === 1) rows = plans[0]![0]!;
    else {
      const b = this.#builder;
      b.sorted = unit === 'article';
      for (const plan of plans) {
        for (const piece of plan) b.addRow(piece, 0);
        b.endRow();
      }
      rows = b.build();
    }
    this.#rows.set(key, rows);
    return rows;
  }

  /**
   * A unit's pieces as rows; the paragraph pieces of an article unit come merged (once per
   * article and configuration, shared by the article rows of every head).
   */
  private plan(u: Unit, config: FeatureConfig): SlotRows[] {
    const pieces = unitPieces(u, config);
    const main = pieces.filter((p) => p.kind === 'main');
    if (u.paragraph !== undefined || main.length < 2) return pieces.map((p) => this.piece(p, config));
    const key = `all:${pieceKey(main[0]!, config)}`;
    let merged = this.#pieces.get(key);
    if (!merged) {
      const parts = main.map((p) => this.piece(p, config));
      const b = this.#builder;
      b.sorted = true;
      for (const part of parts) b.addRow(part, 0);
      b.endRow();
      merged = b.build();
      this.#pieces.set(key, merged);
    }
    // The main pieces come first in an article unit (after the language marker, if any).
    const out: SlotRows[] = [];
    let placed = false;
    for (const p of pieces) {
      if (p.kind !== 'main') out.push(this.piece(p, config));
      else if (!placed) {
        out.push(merged);
        placed = true;
      }
    }
    return out;
  }

  private piece(p: Piece, config: FeatureConfig): SlotRows {
    const key = pieceKey(p, config);
    let rows = this.#pieces.get(key);
    if (!rows) {
      const b = this.#builder;
      b.sorted = false;
      addPiece(b, this.article, p, config);
      b.endRow();
      rows = b.build();
      this.#pieces.set(key, rows);
    }
    return rows;
  }
}
