/**
 * Span model files (`models/spans-<lang>.bin`): "SLSP", a little-endian u32 header length, a
 * JSON header (schema, language, hash bits, decoding parameters, techniques, training-data hash, the
 * command that built it), zero padding to 4 bytes, an f64 scale, then every weight as an i16
 * (weight = i16 × scale; the quantisation error is below 1/32767 of the largest weight). No
 * dates inside, so retraining on the same data gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import type { DecodeParams, Decoding } from './decode.ts';
import type { SpanModel } from './model.ts';
import { FEATURES_PER_TOKEN } from './tokens.ts';

export const SPAN_MODEL_SCHEMA = 'spinlens.spans/1';
const MAGIC = 'SLSP';

export interface SpanModelHeader {
  schema: typeof SPAN_MODEL_SCHEMA;
  language: string;
  bits: number;
  threshold: number;
  /** Further spans per technique (decode.ts); absent in files written before multi-span decoding. */
  extra?: number;
  maxSpans?: number;
  /** Spans of unreported techniques (decode.ts); absent: none. */
  add?: number;
  /** Techniques decoded with their own parameters. */
  byTechnique?: Record<string, DecodeParams>;
  techniques: string[];
  featuresPerToken: number;
  /** sha256 of the training files, in a fixed order. */
  dataHash: string;
  command: string;
}

export function encodeSpanModel(model: SpanModel, dataHash: string, command: string): Buffer {
  const header: SpanModelHeader = {
    schema: SPAN_MODEL_SCHEMA,
    language: model.language,
    bits: model.tagger.bits,
    threshold: model.decode.base.threshold,
    extra: model.decode.base.extra,
    maxSpans: model.decode.base.maxSpans,
    ...(model.decode.base.add === undefined ? {} : { add: model.decode.base.add }),
    byTechnique: model.decode.byTechnique,
    techniques: [...model.techniques],
    featuresPerToken: FEATURES_PER_TOKEN,
    dataHash,
    command,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const pad = (4 - ((8 + json.length) % 4)) % 4;
  const w = model.tagger.weights;
  let maxAbs = 0;
  for (let i = 0; i < w.length; i++) maxAbs = Math.max(maxAbs, Math.abs(w[i]!));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const q = new Int16Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i]! / scale);
  const head = Buffer.alloc(8);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 4);
  const scaleBytes = Buffer.alloc(8);
  scaleBytes.writeDoubleLE(scale, 0);
  return Buffer.concat([
    head,
    json,
    Buffer.alloc(pad),
    scaleBytes,
    Buffer.from(q.buffer, q.byteOffset, q.byteLength),
  ]);
}

function decodeOf(header: SpanModelHeader): Decoding {
  return {
    base: {
      threshold: header.threshold,
      extra: header.extra ?? 2,
      maxSpans: header.maxSpans ?? 1,
      ...(header.add === undefined ? {} : { add: header.add }),
    },
    byTechnique: header.byTechnique ?? {},
  };
}

export function decodeSpanModel(
  bytes: Buffer,
  source = 'span model',
): { model: SpanModel; header: SpanModelHeader } {
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== MAGIC)
    throw new Error(`${source}: not a span model file`);
  const jsonLength = bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + jsonLength)) as SpanModelHeader;
  if (header.schema !== SPAN_MODEL_SCHEMA)
    throw new Error(`${source}: schema ${header.schema}, expected ${SPAN_MODEL_SCHEMA}`);
  if (header.featuresPerToken !== FEATURES_PER_TOKEN)
    throw new Error(`${source}: built for other token features, retrain it`);
  let at = 8 + jsonLength;
  at += (4 - (at % 4)) % 4;
  const scale = bytes.readDoubleLE(at);
  at += 8;
  const size = 1 << header.bits;
  if (bytes.length !== at + 2 * size) throw new Error(`${source}: truncated or corrupt weights`);
  // A copy: the file buffer's offset need not be aligned for a typed-array view.
  const q = new Int16Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + 2 * size));
  const weights = new Float32Array(size);
  for (let i = 0; i < size; i++) weights[i] = q[i]! * scale;
  return {
    model: {
      language: header.language,
      techniques: header.techniques,
      tagger: { bits: header.bits, weights },
      decode: decodeOf(header),
    },
    header,
  };
}

export function readSpanModel(path: string): { model: SpanModel; header: SpanModelHeader } {
  return decodeSpanModel(readFileSync(path), path);
}
