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
/** Features buffered before their batched lookup. */
const PENDING = 2048;
/** Entries per arena of a builder (an article's rows for all heads take about 20,000). */
const ARENA = 32768;

/**
 * Parallel arrays of (slot, count, block) entries, with the first place each entry's feature
 * occurs in the article (`start`/`end`, −1 when the feature has no place in the text; `edges`:
 * FeatureSink).
 */
interface Entries {
  slot: Int32Array;
  count: Float32Array;
  block: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  edges: Uint8Array;
}

const ENTRY_ARRAYS = ['slot', 'count', 'block', 'start', 'end', 'edges'] as const;

function newEntries(n: number): Entries {
  return {
    slot: new Int32Array(n),
    count: new Float32Array(n),
    block: new Uint8Array(n),
    start: new Int32Array(n),
    end: new Int32Array(n),
    edges: new Uint8Array(n),
  };
}

/** New entry arrays of `size` holding entries [from, to) of `e` at their start. */
function movedEntries(e: Entries, size: number, from: number, to: number): Entries {
  const out = newEntries(size);
  for (const key of ENTRY_ARRAYS) (out[key] as Int32Array).set(e[key].subarray(from, to) as Int32Array);
  return out;
}

/** Rows of entries in order: row r is entries [indptr[r], indptr[r + 1]). */
export interface SlotRows extends Entries {
  rows: number;
  indptr: Int32Array;
}

/**
 * The open row: its entries in first-seen order, and for each slot of the vocabulary its entry
 * (−1: not in the row; −1 again for every slot once the row is closed). Only `entryOf` is indexed
 * by slot, so adding a feature touches one slot-sized array.
 */
interface Scratch extends Entries {
  entryOf: Int32Array;
  /** The row's slots as bits (slot u: bit u & 31 of word u >>> 5), to list them in slot order. */
  bits: Int32Array;
  /** Slots of the row in the order they are emitted. */
  order: Int32Array;
}

let freeScratch: Scratch | undefined;

function takeScratch(size: number): Scratch {
  let s = freeScratch;
  if (!s || s.entryOf.length < size) {
    s = {
      ...newEntries(4096),
      entryOf: new Int32Array(size).fill(-1),
      bits: new Int32Array((size >>> 5) + 1),
      order: new Int32Array(4096),
    };
  }
  freeScratch = undefined;
  return s;
}

/** The scratch with room for `need` entries (the slot-sized arrays are kept). */
function roomFor(s: Scratch, need: number): Scratch {
  if (need <= s.slot.length) return s;
  const size = Math.max(need, 2 * s.slot.length);
  return {
    ...movedEntries(s, size, 0, s.slot.length),
    entryOf: s.entryOf,
    bits: s.bits,
    order: new Int32Array(size),
  };
}

function grown<T extends Int32Array | Float32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as { new (n: number): T })(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

/**
 * The first n slots of the row in ascending order, into `order`: long rows (the article's) are
 * listed from the bit words, faster than sorting them; short ones are sorted. Clears the bits.
 */
function inSlotOrder(s: Scratch, n: number): void {
  const { order, bits } = s;
  if (n < 256) {
    order.set(s.slot.subarray(0, n));
    order.subarray(0, n).sort();
    for (let k = 0; k < n; k++) bits[order[k]! >>> 5] = 0;
    return;
  }
  let t = 0;
  for (let w = 0; w < bits.length && t < n; w++) {
    let word = bits[w]!;
    if (word === 0) continue;
    bits[w] = 0;
    while (word !== 0) {
      const low = word & -word;
      order[t++] = (w << 5) | (31 - Math.clz32(low));
      word ^= low;
    }
  }
}

export class SlotRowsBuilder implements FeatureSink {
  private readonly rank: Int32Array;
  private readonly size: number;
  private scratch: Scratch | undefined;
  private open = 0;
  private rowCount = 0;
  private indptr = new Int32Array(64);
  private entries = 0;
  /** The first entry of the rows not built yet. */
  private first = 0;
  /** Entries of the rows, allocated on first use (an arena: built rows are views of it). */
  private arena = newEntries(0);
  /** Emit each row's entries in slot order (long rows are scored faster walking the tables forwards). */
  sorted = false;
  private pending = 0;
  private readonly pendingHash = new Int32Array(PENDING);
  private readonly pendingSlot = new Int32Array(PENDING);
  private readonly pendingBlock = new Uint8Array(PENDING);
  private readonly pendingValue = new Float32Array(PENDING);
  private readonly pendingStart = new Int32Array(PENDING);
  private readonly pendingEnd = new Int32Array(PENDING);
  private readonly pendingEdges = new Uint8Array(PENDING);

  constructor(vocab: Vocabulary) {
    this.rank = vocab.rank;
    this.size = vocab.hashOf.length;
  }

  add(block: number, hash: number, value = 1, start = -1, end = -1, edges = 0): void {
    if (this.pending === PENDING) this.flush();
    const k = this.pending++;
    this.pendingHash[k] = hash & MASK;
    this.pendingBlock[k] = block;
    this.pendingValue[k] = value;
    this.pendingStart[k] = start;
    this.pendingEnd[k] = end;
    this.pendingEdges[k] = edges;
  }

  /** The open row's scratch, with room for `more` entries beyond those it has. */
  private opened(more: number): Scratch {
    let s = this.scratch ?? takeScratch(this.size);
    s = roomFor(s, this.open + more);
    this.scratch = s;
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
    const s = this.opened(n);
    const { entryOf, bits, slot, count, block, start, end, edges } = s;
    const { pendingBlock, pendingValue, pendingStart, pendingEnd, pendingEdges } = this;
    let e = this.open;
    for (let k = 0; k < n; k++) {
      const u = slots[k]!;
      if (u < 0) continue;
      let at = entryOf[u]!;
      if (at < 0) {
        at = e++;
        entryOf[u] = at;
        bits[u >>> 5]! |= 1 << (u & 31);
        slot[at] = u;
        count[at] = 0;
        block[at] = pendingBlock[k]!;
        start[at] = pendingStart[k]!;
        end[at] = pendingEnd[k]!;
        edges[at] = pendingEdges[k]!;
      }
      count[at]! += pendingValue[k]!;
    }
    this.open = e;
  }

  /** Adds every entry of row r of `rows` (a piece) to the open row. */
  addRow(rows: SlotRows, r: number): void {
    if (this.pending > 0) this.flush();
    const from = rows.indptr[r]!;
    const to = rows.indptr[r + 1]!;
    const s = this.opened(to - from);
    const { entryOf, bits, slot, count, block, start, end, edges } = s;
    let e = this.open;
    for (let k = from; k < to; k++) {
      const u = rows.slot[k]!;
      let at = entryOf[u]!;
      if (at < 0) {
        at = e++;
        entryOf[u] = at;
        bits[u >>> 5]! |= 1 << (u & 31);
        slot[at] = u;
        count[at] = 0;
        block[at] = rows.block[k]!;
        start[at] = rows.start[k]!;
        end[at] = rows.end[k]!;
        edges[at] = rows.edges[k]!;
      }
      count[at]! += rows.count[k]!;
    }
    this.open = e;
  }

  endRow(): void {
    if (this.pending > 0) this.flush();
    const s = this.scratch;
    if (s) {
      const n = this.open;
      let order: Int32Array;
      if (this.sorted) {
        inSlotOrder(s, n);
        order = s.order;
      } else {
        order = s.slot;
        for (let k = 0; k < n; k++) s.bits[order[k]! >>> 5] = 0;
      }
      const need = this.entries + n;
      if (need > this.arena.slot.length) this.grow(need);
      const { entryOf } = s;
      const { slot, count, block, start, end, edges } = this.arena;
      let e = this.entries;
      for (let k = 0; k < n; k++) {
        const u = order[k]!;
        const at = entryOf[u]!;
        entryOf[u] = -1;
        if (s.count[at] === 0) continue;
        slot[e] = u;
        count[e] = s.count[at]!;
        block[e] = s.block[at]!;
        start[e] = s.start[at]!;
        end[e] = s.end[at]!;
        edges[e] = s.edges[at]!;
        e++;
      }
      this.entries = e;
      this.open = 0;
      this.scratch = undefined;
      freeScratch = s;
    }
    this.rowCount++;
    this.indptr = grown(this.indptr, this.rowCount + 1);
    this.indptr[this.rowCount] = this.entries - this.first;
  }

  /**
   * Room for `need` entries: the rows not built yet move to new arrays (at least ARENA entries);
   * built rows keep the old arrays, which their views hold on to.
   */
  private grow(need: number): void {
    const from = this.first;
    this.arena = movedEntries(this.arena, Math.max(ARENA, 2 * (need - from)), from, this.entries);
    this.entries -= from;
    this.first = 0;
  }

  /**
   * The rows since the last build, as views of the builder's arrays (no copy: an article's pieces
   * and rows are many small builds); later rows are appended after them, and arrays that grow are
   * replaced, so the views never change.
   */
  build(): SlotRows {
    const from = this.first;
    const to = this.entries;
    const { slot, count, block, start, end, edges } = this.arena;
    const rows = {
      rows: this.rowCount,
      indptr: this.indptr.slice(0, this.rowCount + 1),
      slot: slot.subarray(from, to),
      count: count.subarray(from, to),
      block: block.subarray(from, to),
      start: start.subarray(from, to),
      end: end.subarray(from, to),
      edges: edges.subarray(from, to),
    };
    this.rowCount = 0;
    this.first = to;
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
