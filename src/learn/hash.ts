/** 32-bit string and integer hashing for feature hashing (FNV-1a + murmur3 finaliser). */

export const HASH_BITS = 20;
export const HASH_SIZE = 1 << HASH_BITS;
export const HASH_MASK = HASH_SIZE - 1;

export const FNV_PRIME = 0x01000193;

/** murmur3's fmix32: spreads the bits of a 32-bit value. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of a string, from a seed. */
export function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return mix(h);
}

/** Combines two hashes (order matters), e.g. the two words of a bigram. */
export function hashPair(a: number, b: number, seed: number): number {
  return mix((Math.imul(a, 0x9e3779b1) ^ b ^ Math.imul(seed + 1, 0x27d4eb2f)) >>> 0);
}

/** Seeds FNV-1a for a rolling hash (see char n-grams). */
export function fnvStart(seed: number): number {
  return (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
}

export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}
