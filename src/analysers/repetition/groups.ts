import { dice, type Normalised, trigrams } from './normalize.ts';

/**
 * Groups passages that are the same text or nearly so. Exact duplicates meet in a hash map;
 * near duplicates are only compared when they share word bigrams, found through an inverted index
 * whose very common bigrams are skipped, so the work grows about linearly with the article rather
 * than with the number of passage pairs.
 */

/** Character-trigram Dice at and above which two passages are near duplicates. */
export const NEAR_DUPLICATE = 0.8;
/** Bigrams shared by more passages than this are too common to suggest a repetition. */
const MAX_POSTINGS = 32;
/** Near duplicates share at least this part of the word bigrams of the shorter one. */
const MIN_SHARED_BIGRAMS = 0.5;
/** Two passages whose lengths differ more than this ratio cannot reach NEAR_DUPLICATE. */
const MIN_LENGTH_RATIO = 0.65;

export interface Group {
  /** Indexes of the members, in input order (at least two). */
  members: number[];
  /** For each member, its best similarity to another member (1 for an exact copy). */
  similarity: number[];
}

export function groupRepeats(passages: readonly Normalised[]): Group[] {
  const parent = passages.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const best = passages.map(() => 0);
  const link = (i: number, j: number, similarity: number): void => {
    parent[find(i)] = find(j);
    best[i] = Math.max(best[i]!, similarity);
    best[j] = Math.max(best[j]!, similarity);
  };

  // Exact copies: one representative per distinct key goes on to the near-duplicate pass.
  const firstByKey = new Map<string, number>();
  const representatives: number[] = [];
  passages.forEach(({ key }, i) => {
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, i);
      representatives.push(i);
    } else link(i, first, 1);
  });

  const postings = new Map<number, number[]>();
  const bigramCounts: number[] = [];
  const grams = new Map<number, Set<string>>();
  const gramsOf = (i: number): Set<string> => {
    let set = grams.get(i);
    if (!set) {
      set = trigrams(passages[i]!.key);
      grams.set(i, set);
    }
    return set;
  };
  const wordIds = new Map<string, number>();
  // Fewer distinct words than words: bigram numbers stay small integers for most articles.
  let wordCount = 0;
  for (const i of representatives) wordCount += passages[i]!.words.length;
  const idBase = wordCount + 1;
  for (const i of representatives) {
    const { key, words } = passages[i]!;
    const shared = new Map<number, number>();
    const bigrams = bigramsOf(words, wordIds, idBase);
    bigramCounts[i] = bigrams.size;
    for (const bigram of bigrams) {
      let list = postings.get(bigram);
      if (!list) {
        list = [];
        postings.set(bigram, list);
      }
      if (list.length <= MAX_POSTINGS) for (const j of list) shared.set(j, (shared.get(j) ?? 0) + 1);
      list.push(i);
    }
    for (const [j, count] of shared) {
      if (count < MIN_SHARED_BIGRAMS * Math.min(bigrams.size, bigramCounts[j]!)) continue;
      const other = passages[j]!.key;
      const ratio = Math.min(key.length, other.length) / Math.max(key.length, other.length);
      if (ratio < MIN_LENGTH_RATIO) continue;
      const similarity = dice(gramsOf(i), gramsOf(j));
      if (similarity >= NEAR_DUPLICATE) link(i, j, similarity);
    }
  }

  const byRoot = new Map<number, number[]>();
  passages.forEach((_, i) => {
    const root = find(i);
    const members = byRoot.get(root);
    if (members) members.push(i);
    else byRoot.set(root, [i]);
  });
  const groups: Group[] = [];
  for (const members of byRoot.values()) {
    if (members.length < 2) continue;
    groups.push({ members, similarity: members.map((i) => round(best[i]!)) });
  }
  return groups.sort((a, b) => a.members[0]! - b.members[0]!);
}

/**
 * The distinct word bigrams of a passage, each the number `first × base + second` of its two
 * words' ids (`ids` numbers the words of all passages, fewer than `base`): no string is built per
 * bigram, and two bigrams are the same number exactly when they are the same two words.
 */
function bigramsOf(words: readonly string[], ids: Map<string, number>, base: number): Set<number> {
  const bigrams = new Set<number>();
  let previous = -1;
  for (const word of words) {
    let id = ids.get(word);
    if (id === undefined) {
      id = ids.size;
      ids.set(word, id);
    }
    if (previous >= 0) bigrams.add(previous * base + id);
    previous = id;
  }
  return bigrams;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
