/**
 * Feature tokenizer: character-class tables built once, so the hot path walks UTF-16 code units
 * with array lookups and never allocates per token. Folding = NFKC + lowercase per code unit
 * (when that yields one code unit; otherwise the unit is kept), which covers precomposed text.
 */

/** Code unit → folded code unit. */
export const FOLD = new Uint16Array(65536);
/** 1 when the code unit belongs to a word (letter, digit, combining mark). */
export const WORD = new Uint8Array(65536);
/** 1 when the code unit changes under toLowerCase (a capital), tested without building a string. */
export const UPPER = new Uint8Array(65536);

(() => {
  const wordChar = /^[\p{L}\p{N}\p{M}]$/u;
  for (let c = 0; c < 65536; c++) {
    FOLD[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue; // lone surrogates: neither folded nor word
    const s = String.fromCharCode(c);
    const folded = s.normalize('NFKC').toLowerCase();
    if (folded.length === 1) FOLD[c] = folded.charCodeAt(0);
    if (wordChar.test(s)) WORD[c] = 1;
    if (s !== s.toLowerCase()) UPPER[c] = 1;
  }
  // Soft hyphen and zero-width characters are invisible inside words: treated as non-word.
  WORD[0x00ad] = 0;
})();

/** Calls `visit(start, end)` for every word token of `text[from, to)`. */
export function forEachToken(
  text: string,
  visit: (start: number, end: number) => void,
  from = 0,
  to = text.length,
): void {
  let i = from;
  while (i < to) {
    while (i < to && WORD[text.charCodeAt(i)] === 0) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && WORD[text.charCodeAt(i)] === 1) i++;
    visit(start, i);
  }
}

/** The folded form of `text[start, end)`. */
export function foldedToken(text: string, start: number, end: number): string {
  // Most tokens are already folded (lowercase): one slice, no string built per code unit.
  let i = start;
  while (i < end && FOLD[text.charCodeAt(i)] === text.charCodeAt(i)) i++;
  if (i === end) return text.slice(start, end);
  let s = text.slice(start, i);
  for (; i < end; i++) s += String.fromCharCode(FOLD[text.charCodeAt(i)]!);
  return s;
}

/** Folded word tokens of a text, with their offsets (for tests, lexicons and evidence, not the hot path). */
export function tokens(text: string): { token: string; start: number; end: number }[] {
  const out: { token: string; start: number; end: number }[] = [];
  forEachToken(text, (start, end) => out.push({ token: foldedToken(text, start, end), start, end }));
  return out;
}
