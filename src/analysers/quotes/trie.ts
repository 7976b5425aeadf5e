/** A phrase found in a text. */
export interface PhraseMatch {
  start: number;
  end: number;
  text: string;
}

export interface PhraseOptions {
  /** Match regardless of case (phrases are lowercased). */
  foldCase?: boolean;
  /** A phrase may follow an elided article (`l’Insee`); a verb never follows an apostrophe (`qu’a dit`). */
  afterElision?: boolean;
}

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const HYPHEN = 0x2d;

/** Letter-or-digit lookup by UTF-16 code unit, filled lazily: a hand-written scan beats `\p{L}+` by far. */
const WORD_UNIT = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

function isWordUnit(code: number): boolean {
  let known = WORD_UNIT[code]!;
  if (known === 0) {
    known = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
    WORD_UNIT[code] = known;
  }
  return known === 1;
}

/**
 * One-unit lowercase of a UTF-16 unit, filled lazily, or UNKNOWN_CASE where lowercasing a word unit
 * by unit may differ from `toLowerCase` on the whole word: `İ` (two units), `Σ` (final sigma
 * depends on the neighbours), surrogates (astral letters).
 */
const LOWER_UNIT = new Int32Array(0x10000).fill(-1);
const UNKNOWN_CASE = -2;

function lowerUnit(code: number): number {
  let lower = LOWER_UNIT[code]!;
  if (lower === -1) {
    const lowered = String.fromCharCode(code).toLowerCase();
    const contextual = code === 0x3a3 || (code >= 0xd800 && code <= 0xdfff);
    lower = contextual || lowered.length !== 1 ? UNKNOWN_CASE : lowered.charCodeAt(0);
    LOWER_UNIT[code] = lower;
  }
  return lower;
}

/** Bits of the first-word filter (a one-hash Bloom filter, 32 kB per matcher). */
const FILTER_BITS = 1 << 18;

function mix(hash: number): number {
  return (hash ^ (hash >>> 15)) & (FILTER_BITS - 1);
}

/**
 * Finds many phrases (thousands) in one pass: the text's words are scanned, and only at a word that
 * starts some phrase is the phrase trie tried, as a sticky regular expression compiled from a
 * character trie (`a(?:-t-(?:il|elle)|vait)…`). The longest phrase wins; phrases match as whole words.
 */
export class PhraseMatcher {
  readonly #firstWords = new Set<string>();
  /**
   * First UTF-16 units of the first words (by code, so that no one-character string is made per
   * word), and their longest length: most words are ruled out without a copy.
   */
  readonly #firstUnits = new Uint8Array(0x10000);
  #longestFirst = 0;
  /**
   * Hashes of the first words: a word whose hash is not in it is no first word, told without
   * copying, lowercasing and hashing it as a string (most words a matcher sees).
   */
  readonly #firstWordFilter = new Uint32Array(FILTER_BITS / 32);
  /** Hash of the word `#scanWord` last scanned, when `#wordHashed`. */
  #wordHash = 0;
  #wordHashed = false;
  readonly #trie: RegExp;
  readonly #foldCase: boolean;
  /** A phrase may not follow an apostrophe (unless `afterElision`) or a hyphen. */
  readonly #afterElision: boolean;

  constructor(phrases: Iterable<string>, { foldCase = false, afterElision = false }: PhraseOptions = {}) {
    this.#foldCase = foldCase;
    this.#afterElision = afterElision;
    const root: TrieNode = { children: new Map(), terminal: false };
    for (const raw of phrases) {
      const phrase = foldCase ? raw.toLowerCase() : raw;
      const first = /^[\p{L}\p{N}]+/u.exec(phrase)?.[0];
      if (!first) continue;
      this.#firstWords.add(first);
      const bit = mix(unitHash(first, 0, first.length));
      this.#firstWordFilter[bit >>> 5]! |= 1 << (bit & 31);
      this.#firstUnits[first.charCodeAt(0)] = 1;
      // A capital that is two units (`ß` → `SS`) never starts a scanned word as one unit.
      const capital = first[0]!.toUpperCase();
      if (foldCase && capital.length === 1) this.#firstUnits[capital.charCodeAt(0)] = 1;
      this.#longestFirst = Math.max(this.#longestFirst, first.length);
      let node = root;
      for (const char of phrase) {
        const key = char === '’' ? "'" : /\s/.test(char) ? ' ' : char;
        let child = node.children.get(key);
        if (!child) {
          child = { children: new Map(), terminal: false };
          node.children.set(key, child);
        }
        node = child;
      }
      node.terminal = true;
    }
    this.#trie = new RegExp(`${emit(root)}(?![\\p{L}\\p{N}])`, foldCase ? 'iuy' : 'uy');
  }

  /** Every phrase within `text.slice(from, to)`, in order, not overlapping. */
  findAll(text: string, from = 0, to = text.length): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    let i = from;
    while (i < to) {
      if (!isWordUnit(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const j = this.#scanWord(text, i, to);
      const match = this.#matchAt(text, i, j, to);
      if (match) found.push(match);
      i = match ? match.end : j;
    }
    return found;
  }

  /** The phrase starting with the word `text.slice(start, wordEnd)`, if any. */
  #matchAt(text: string, start: number, wordEnd: number, to: number): PhraseMatch | null {
    if (wordEnd - start > this.#longestFirst || this.#firstUnits[text.charCodeAt(start)] !== 1) return null;
    if (!this.#mayBeFirstWord()) return null;
    const word = text.slice(start, wordEnd);
    if (!this.#firstWords.has(this.#foldCase ? word.toLowerCase() : word)) return null;
    if (start > 0 && this.#followsBarrier(text.charCodeAt(start - 1))) return null;
    this.#trie.lastIndex = start;
    const m = this.#trie.exec(text);
    if (!m || start + m[0].length > to) return null;
    return { start, end: start + m[0].length, text: m[0] };
  }

  /**
   * The end of the word starting at `start` (a word unit), hashed on the way for the first-word
   * filter: its units as they are, or lowercased when folding case (no hash when a unit's
   * lowercase depends on more than itself).
   */
  #scanWord(text: string, start: number, to: number): number {
    let hash = 0;
    let hashed = true;
    let j = start;
    for (; j < to; j++) {
      let code = text.charCodeAt(j);
      if (!isWordUnit(code)) break;
      if (this.#foldCase) {
        code = lowerUnit(code);
        if (code === UNKNOWN_CASE) hashed = false;
      }
      hash = (Math.imul(hash, 31) + code) | 0;
    }
    this.#wordHash = hash;
    this.#wordHashed = hashed;
    return j;
  }

  /** False when the word just scanned surely is no first word. */
  #mayBeFirstWord(): boolean {
    if (!this.#wordHashed) return true;
    const bit = mix(this.#wordHash);
    return (this.#firstWordFilter[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  #followsBarrier(code: number): boolean {
    return code === HYPHEN || (!this.#afterElision && (code === APOSTROPHE || code === RIGHT_QUOTE));
  }
}

/** The hash `#scanWord` computes, of the units of `text.slice(start, end)` as they are. */
function unitHash(text: string, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

function emit(node: TrieNode): string {
  const branches = [...node.children].map(([char, child]) => atom(char) + emit(child));
  if (branches.length === 0) return '';
  // The empty branch last: a longer phrase is tried before the one ending here.
  if (node.terminal) branches.push('');
  return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
}

function atom(char: string): string {
  if (char === ' ') return '[\\s\\u00a0\\u202f]+';
  if (char === "'") return "['’]";
  return char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
