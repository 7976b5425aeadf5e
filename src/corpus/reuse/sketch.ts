/**
 * Text fingerprints for reused-text detection, all computed from word 5-shingles:
 * - a MinHash signature (128 seeded hash functions; the share of equal slots between two
 *   signatures estimates the Jaccard similarity of the shingle sets),
 * - LSH band keys (32 bands of 4 slots: two articles sharing any band key are candidate
 *   near-duplicates; the chance is 1-(1-J^4)^32, about 0.5 at J = 0.42 and 0.99 at J = 0.6),
 * - winnowed fingerprints (the minimum hash of every window of 12 shingles: any passage of 16
 *   or more words shared by two articles shares at least one fingerprint).
 */

export const SHINGLE_WORDS = 5;
export const PERMUTATIONS = 128;
export const BANDS = 32;
export const ROWS = PERMUTATIONS / BANDS;
export const WINDOW = 12;

export interface Words {
  /** Lower-cased words. */
  words: string[];
  /** UTF-16 offsets of each word in the text. */
  starts: number[];
  ends: number[];
}

/** What the index stores about one article; computed off the main thread. */
export interface ReuseSketch {
  /** Number of distinct shingles. */
  shingles: number;
  signature: Uint32Array;
  /** One key per band, 52-bit integers (safe in JavaScript, stored as SQLite integers). */
  bands: number[];
  /** Distinct winnowed shingle hashes. */
  prints: number[];
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function words(text: string): Words {
  const result: Words = { words: [], starts: [], ends: [] };
  for (const match of text.matchAll(WORD)) {
    result.words.push(match[0].toLowerCase());
    result.starts.push(match.index);
    result.ends.push(match.index + match[0].length);
  }
  return result;
}

/** murmur3's finaliser: a cheap, well-mixed 32-bit permutation. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function fnv1a(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Hash of every run of SHINGLE_WORDS words, in text order (empty when the text is shorter). */
export function shingleHashes(list: readonly string[]): Uint32Array {
  const count = Math.max(0, list.length - SHINGLE_WORDS + 1);
  const wordHashes = list.map(fnv1a);
  const hashes = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9747b28c;
    for (let k = 0; k < SHINGLE_WORDS; k++) h = mix32(Math.imul(h, 31) + wordHashes[i + k]!);
    hashes[i] = h;
  }
  return hashes;
}

/** Seeds of the hash family, fixed so signatures stay comparable across runs and machines. */
const SEEDS = Uint32Array.from({ length: PERMUTATIONS }, (_, i) =>
  mix32(0x5f3759df + Math.imul(i, 0x9e3779b9)),
);

export function minhash(hashes: Uint32Array): Uint32Array {
  const signature = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  for (const h of hashes) {
    for (let i = 0; i < PERMUTATIONS; i++) {
      const v = mix32(h ^ SEEDS[i]!);
      if (v < signature[i]!) signature[i] = v;
    }
  }
  return signature;
}

/** Share of equal slots: an unbiased estimate of the Jaccard similarity of the two shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let i = 0; i < PERMUTATIONS; i++) if (a[i] === b[i]) equal++;
  return equal / PERMUTATIONS;
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const setA = new Set(a);
  const setB = new Set(b);
  if (setA.size === 0 && setB.size === 0) return 0;
  let shared = 0;
  for (const h of setA) if (setB.has(h)) shared++;
  return shared / (setA.size + setB.size - shared);
}

export function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let high = mix32(band + 1);
    let low = mix32(band + 0x1000);
    for (let r = 0; r < ROWS; r++) {
      const v = signature[band * ROWS + r]!;
      high = mix32(Math.imul(high, 31) ^ v);
      low = mix32(Math.imul(low, 37) + v);
    }
    keys.push((high & 0xfffff) * 0x100000000 + low);
  }
  return keys;
}

/** Winnowing (Schleimer et al. 2003): the rightmost minimum of each window, each value once. */
export function winnow(hashes: Uint32Array, window: number = WINDOW): number[] {
  const selected = new Set<number>();
  if (hashes.length === 0) return [];
  if (hashes.length <= window) {
    selected.add(Math.min(...hashes));
    return [...selected];
  }
  let minAt = -1;
  for (let end = window - 1; end < hashes.length; end++) {
    const start = end - window + 1;
    if (minAt < start) {
      minAt = start;
      for (let i = start + 1; i <= end; i++) if (hashes[i]! <= hashes[minAt]!) minAt = i;
    } else if (hashes[end]! <= hashes[minAt]!) {
      minAt = end;
    }
    selected.add(hashes[minAt]!);
  }
  return [...selected];
}

export function sketch(text: string): ReuseSketch {
  const hashes = shingleHashes(words(text).words);
  const signature = minhash(hashes);
  return {
    shingles: new Set(hashes).size,
    signature,
    bands: hashes.length > 0 ? bandKeys(signature) : [],
    prints: winnow(hashes),
  };
}
