/**
 * Shipped model files (`models/<lang>.splm`): one per language plus `multi.splm`, each holding
 * the genre, frames, techniques and paragraph-opinion heads. Layout: the 4 bytes `SPLM`, a
 * little-endian u32 header length, the JSON header, then one raw-deflated payload of typed arrays
 * (8-byte aligned once inflated). Weights are int8 with a per-label scale; columns whose weights
 * all quantise to zero keep only their IDF (they still count in the block norms).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Platt } from './calibration.ts';
import type { Decision } from './configs.ts';
import type { BlockWeighting } from './features.ts';
import type { FeatureConfig } from './featurize.ts';
import { HASH_SIZE } from './hash.ts';

export const MODEL_SCHEMA = 'spinlens.model/1';
export const MODEL_EXTENSION = '.splm';
const MAGIC = 'SPLM';

export type HeadName = 'genre' | 'frames' | 'techniques' | 'opinion';
export const HEAD_NAMES: readonly HeadName[] = ['genre', 'frames', 'techniques', 'opinion'];

/** Out-of-fold precision and recall of one label at one operating point. */
export interface OperatingPoint {
  precision: number;
  recall: number;
}

export interface LabelInfo {
  label: string;
  /** Positive training rows. */
  positives: number;
  platt: Platt;
  /** Decision-value thresholds: `f1` (tuned like cross-validation, used by predict/eval), `precision` (default), `recall`. */
  thresholds: { f1: number; precision: number; recall: number };
  /** Out-of-fold precision/recall at each threshold (absent without tuning folds). */
  oof?: { f1: OperatingPoint; precision: OperatingPoint; recall: OperatingPoint };
}

/** Calibrated scores of out-of-fold predictions in ten bins, all labels pooled: how often a score of about p was right. */
export interface ReliabilityBin {
  /** Bin [from, from + 0.1). */
  from: number;
  rows: number;
  /** Mean calibrated score and observed positive rate in the bin. */
  predicted: number;
  observed: number;
}

/** Everything about a head except its arrays. */
export interface HeadHeader {
  name: HeadName;
  unit: 'article' | 'paragraph';
  experiment: string;
  features: FeatureConfig;
  blocks: BlockWeighting[];
  decision: Decision;
  labels: LabelInfo[];
  /** Out-of-fold reliability of the calibrated scores (absent without tuning folds). */
  reliability?: ReliabilityBin[];
  /** Class offsets added to σ(z) before the argmax (genre). */
  offsets?: number[];
  /** Training rows and tuning folds. */
  rows: number;
  folds: number;
  /** Kept columns, and how many of them (the first ones) carry weights. */
  columns: number;
  weighted: number;
}

/**
 * The hashed features any head of a model uses, numbered once (slots, in ascending hash order), so
 * a feature is looked up in one table per model instead of one per head.
 */
export interface Vocabulary {
  /**
   * Hashed feature index h → slot as a rank: per 32 indexes, a word of presence bits and the
   * number of used indexes before it (rank[2w], rank[2w + 1]). 256 kB instead of a 4 MB table
   * of slots, so the lookups of an article mostly hit the cache.
   */
  rank: Int32Array;
  /** Slot → hashed feature index (ascending). */
  hashOf: Int32Array;
  /** The heads reading this vocabulary, in file order (prediction lays their tables out together). */
  heads: Head[];
}

/** Set bits of a 32-bit integer. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The slot of hashed feature index h, −1 when no head uses it. */
export function slotOf(vocab: Vocabulary, h: number): number {
  const w = h >>> 5;
  const bits = vocab.rank[2 * w]!;
  const bit = 1 << (h & 31);
  return (bits & bit) === 0 ? -1 : vocab.rank[2 * w + 1]! + popcount(bits & (bit - 1));
}

export interface Head extends HeadHeader {
  /** The model's shared vocabulary. */
  vocab: Vocabulary;
  /** Slot → this head's column, −1 when the head does not use the feature. */
  colOf: Int32Array;
  idf: Float32Array;
  /** weighted × labels, column-major: weights[col * labels + j]. */
  weights: Int8Array;
  /** Per-label weight scale and bias: z = scale·Σ x·w + bias. */
  scale: Float32Array;
  bias: Float32Array;
}

export interface ModelInfo {
  schema: typeof MODEL_SCHEMA;
  /** ISO code of the language, or `multi`. */
  language: string;
  /** Languages of the training data. */
  trainedOn: string[];
  /** sha256 over the sorted training files (relative path, then bytes). */
  dataHash: string;
  command: string;
  recipe: Record<string, string>;
  tool: string;
}

export interface Model extends ModelInfo {
  heads: Record<HeadName, Head>;
}

/** The arrays of a head as stored: hashes of kept columns (sorted within weighted / unweighted). */
export interface HeadArrays {
  hashOf: Int32Array;
  idf: Float32Array;
  weights: Int8Array;
  scale: Float32Array;
  bias: Float32Array;
}

interface ArrayRef {
  type: 'i32' | 'f32' | 'i8';
  offset: number;
  length: number;
}

interface FileHeader extends ModelInfo {
  heads: (HeadHeader & { arrays: Record<keyof HeadArrays, ArrayRef> })[];
  payload: { deflated: number; bytes: number };
}

const TYPED = {
  i32: Int32Array,
  f32: Float32Array,
  i8: Int8Array,
} as const;

function typeOf(a: Int32Array | Float32Array | Int8Array): ArrayRef['type'] {
  return a instanceof Int32Array ? 'i32' : a instanceof Float32Array ? 'f32' : 'i8';
}

/** Serialises a model; the bytes depend only on the inputs (no dates, fixed key order). */
export function encodeModel(info: ModelInfo, heads: { header: HeadHeader; arrays: HeadArrays }[]): Buffer {
  const chunks: Buffer[] = [];
  let offset = 0;
  const refs = heads.map(({ arrays }) => {
    const out = {} as Record<keyof HeadArrays, ArrayRef>;
    for (const key of ['hashOf', 'idf', 'weights', 'scale', 'bias'] as const) {
      const a = arrays[key];
      const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      out[key] = { type: typeOf(a), offset, length: a.length };
      chunks.push(bytes);
      const pad = (8 - (bytes.length % 8)) % 8;
      if (pad) chunks.push(Buffer.alloc(pad));
      offset += bytes.length + pad;
    }
    return out;
  });
  const raw = Buffer.concat(chunks);
  const deflated = deflateRawSync(raw, { level: 9 });
  const header: FileHeader = {
    ...info,
    heads: heads.map((h, i) => ({ ...h.header, arrays: refs[i]! })),
    payload: { deflated: deflated.length, bytes: raw.length },
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(json.length, 4);
  return Buffer.concat([prefix, json, deflated]);
}

export function saveModel(
  path: string,
  info: ModelInfo,
  heads: { header: HeadHeader; arrays: HeadArrays }[],
): void {
  writeFileSync(path, encodeModel(info, heads));
}

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

function readHeader(bytes: Buffer, source: string): { header: FileHeader; start: number } {
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== MAGIC) {
    throw new ModelFormatError(`${source}: not a spinlens model file`);
  }
  const length = bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + length)) as FileHeader;
  if (header.schema !== MODEL_SCHEMA) {
    throw new ModelFormatError(`${source}: model schema ${header.schema}, expected ${MODEL_SCHEMA}`);
  }
  return { header, start: 8 + length };
}

/** The header only (no payload inflated): cheap, for `eval`'s data-hash check. */
export function readModelInfo(path: string): ModelInfo {
  const { header } = readHeader(readFileSync(path), path);
  const { heads: _heads, payload: _payload, ...info } = header;
  return info;
}

export function decodeModel(bytes: Buffer, source = 'model'): Model {
  const { header, start } = readHeader(bytes, source);
  const inflated = inflateRawSync(bytes.subarray(start, start + header.payload.deflated));
  // A fresh, 8-byte aligned buffer, so the typed arrays can be views.
  const payload = new Uint8Array(new ArrayBuffer(inflated.length));
  payload.set(inflated);
  const view = <K extends ArrayRef['type']>(ref: ArrayRef & { type: K }) =>
    new TYPED[ref.type](payload.buffer, ref.offset, ref.length);
  const hashes = header.heads.map(({ arrays }) => view(arrays.hashOf) as Int32Array);
  const vocab = vocabularyOf(hashes);
  const heads = {} as Record<HeadName, Head>;
  header.heads.forEach(({ arrays, ...h }, i) => {
    const hashOf = hashes[i]!;
    const colOf = new Int32Array(vocab.hashOf.length).fill(-1);
    for (let c = 0; c < hashOf.length; c++) colOf[slotOf(vocab, hashOf[c]!)] = c;
    const head: Head = {
      ...h,
      vocab,
      colOf,
      idf: view(arrays.idf) as Float32Array,
      weights: view(arrays.weights) as Int8Array,
      scale: view(arrays.scale) as Float32Array,
      bias: view(arrays.bias) as Float32Array,
    };
    heads[h.name] = head;
    vocab.heads.push(head);
  });
  for (const name of HEAD_NAMES) {
    if (!heads[name]) throw new ModelFormatError(`${source}: no ${name} head`);
  }
  const { heads: _heads, payload: _payload, ...info } = header;
  return { ...info, heads };
}

/** The union of the heads' hashed features, in ascending order. */
export function vocabularyOf(hashes: readonly Int32Array[]): Vocabulary {
  const words = HASH_SIZE >>> 5;
  const rank = new Int32Array(2 * words);
  for (const h of hashes) for (let c = 0; c < h.length; c++) rank[2 * (h[c]! >>> 5)]! |= 1 << (h[c]! & 31);
  let slots = 0;
  for (let w = 0; w < words; w++) {
    rank[2 * w + 1] = slots;
    slots += popcount(rank[2 * w]!);
  }
  const hashOf = new Int32Array(slots);
  let u = 0;
  for (let i = 0; i < HASH_SIZE; i++) if ((rank[2 * (i >>> 5)]! & (1 << (i & 31))) !== 0) hashOf[u++] = i;
  return { rank, hashOf, heads: [] };
}

export function loadModel(path: string): Model {
  return decodeModel(readFileSync(path), path);
}
