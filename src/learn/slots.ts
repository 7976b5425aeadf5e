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
import { GrowableFloat32, GrowableInt32 } from './sparse.ts';

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
}

let freeScratch: Scratch | undefined;

function takeScratch(size: number): Scratch {
  let s = freeScratch;
  if (!s || s.acc.length < size) {
    s = { acc: new Float32Array(size), blockOf: new Uint8Array(size).fill(UNSEEN) };
  }
  freeScratch = undefined;
  return s;
}

export class SlotRowsBuilder implements FeatureSink {
  private readonly slotOf: Int32Array;
  private readonly size: number;
  private scratch: Scratch | undefined;
  private readonly touched = new GrowableInt32();
  private readonly indptr = new GrowableInt32();
  private readonly slot = new GrowableInt32();
  private readonly count = new GrowableFloat32();
  private readonly blocks = new GrowableInt32();
  /** Emit each row's entries in slot order (long rows are scored faster walking the tables forwards). */
  sorted = false;
  private pending = 0;
  private readonly pendingHash = new Int32Array(PENDING);
  private readonly pendingSlot = new Int32Array(PENDING);
  private readonly pendingBlock = new Uint8Array(PENDING);
  private readonly pendingValue = new Float32Array(PENDING);

  constructor(vocab: Vocabulary) {
    this.slotOf = vocab.slotOf;
    this.size = vocab.hashOf.length;
    this.indptr.push(0);
  }

  add(block: number, hash: number, value = 1): void {
    const k = this.pending;
    if (k === PENDING) this.flush();
    this.pendingHash[this.pending] = hash & MASK;
    this.pendingBlock[this.pending] = block;
    this.pendingValue[this.pending++] = value;
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
    const slotOf = this.slotOf;
    for (let k = 0; k < n; k++) slots[k] = slotOf[hashes[k]!]!;
    for (let k = 0; k < n; k++) {
      const u = slots[k]!;
      if (u >= 0) this.addSlot(u, this.pendingBlock[k]!, this.pendingValue[k]!);
    }
  }

  addSlot(u: number, block: number, value: number): void {
    if (this.pending > 0) this.flush();
    let s = this.scratch;
    if (!s) {
      s = takeScratch(this.size);
      this.scratch = s;
    }
    if (s.blockOf[u] === UNSEEN) {
      s.blockOf[u] = block;
      this.touched.push(u);
    }
    s.acc[u]! += value;
  }

  /** Adds every entry of row r of `rows` (a piece) to the open row. */
  addRow(rows: SlotRows, r: number): void {
    const { slot, count, block } = rows;
    for (let k = rows.indptr[r]!; k < rows.indptr[r + 1]!; k++) this.addSlot(slot[k]!, block[k]!, count[k]!);
  }

  endRow(): void {
    if (this.pending > 0) this.flush();
    const s = this.scratch;
    if (s) {
      const t = this.touched.data.subarray(0, this.touched.length);
      if (this.sorted) t.sort();
      for (let k = 0; k < t.length; k++) {
        const u = t[k]!;
        if (s.acc[u] !== 0) {
          this.slot.push(u);
          this.count.push(s.acc[u]!);
          this.blocks.push(s.blockOf[u]!);
        }
        s.acc[u] = 0;
        s.blockOf[u] = UNSEEN;
      }
      this.touched.length = 0;
      this.scratch = undefined;
      freeScratch = s;
    }
    this.indptr.push(this.slot.length);
  }

  /** The rows so far; the builder starts afresh. */
  build(): SlotRows {
    const rows = {
      rows: this.indptr.length - 1,
      indptr: this.indptr.toArray(),
      slot: this.slot.toArray(),
      count: this.count.toArray(),
      block: Uint8Array.from(this.blocks.data.subarray(0, this.blocks.length)),
    };
    this.indptr.length = 1;
    this.slot.length = 0;
    this.count.length = 0;
    this.blocks.length = 0;
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
