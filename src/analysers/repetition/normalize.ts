/**
 * Comparison keys for repeated passages: case, diacritics, punctuation and spacing do not count,
 * so `L'État, c'est moi !` and `l’etat c’est moi` compare equal.
 */

const MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export interface Normalised {
  /** Words joined by single spaces. */
  key: string;
  words: string[];
}

export function normalise(text: string): Normalised {
  const words = text.normalize('NFD').replace(MARKS, '').toLowerCase().match(WORD) ?? [];
  return { key: words.join(' '), words };
}

/** The set of character trigrams of a key (padded so that short words count). */
export function trigrams(key: string): Set<string> {
  const padded = ` ${key} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** Dice coefficient of two sets: 2|A∩B| / (|A|+|B|). */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}
