import { InputError } from './errors.ts';

/** Default limit on the size of one input (a file, stdin, a corpus record). */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Encoding labels reported in `ArticleMetadata.encoding`: `utf-8`, `utf-8-bom`, `utf-16le`,
 * `utf-16be`, `windows-1252`, or the charset an HTML page declares when its bytes are not UTF-8.
 */
export interface DecodedText {
  text: string;
  encoding: string;
}

export interface DecodeOptions {
  maxBytes?: number;
  /** A charset declared by the content itself (HTML `<meta charset>`), tried before Windows-1252. */
  declaredCharset?: string;
}

/** Characters of decoded text checked for control characters: binary data shows at once. */
const CONTROL_SAMPLE = 8 * 1024;
/** Share of control characters above which decoded text is taken for binary data. */
const MAX_CONTROL_SHARE = 0.01;
/** Control characters plain text does use: tab, line feed, vertical tab, form feed, CR, escape (colours). */
const PLAIN_TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);
const NO_TEXT = /^[\s\u00a0\u200b\ufeff]*$/;

/**
 * Bytes → text. UTF-8 (a BOM is kept as U+FEFF at offset 0, because SemEval span offsets count
 * it), UTF-16 LE/BE when a BOM says so (the BOM is kept the same way), else the declared charset
 * or Windows-1252 when the bytes are not valid UTF-8. Binary, empty, whitespace-only and oversized
 * input raise an `InputError` naming `source`.
 */
export function decodeBytes(bytes: Uint8Array, source: string, options: DecodeOptions = {}): DecodedText {
  checkSize(bytes.length, source, options.maxBytes);
  if (bytes.length === 0) throw new InputError(source, 'no text (empty)');
  const decoded = decodeWithBom(bytes) ?? decodeWithoutBom(bytes, source, options.declaredCharset);
  checkText(decoded.text, source);
  return decoded;
}

/** Raises the size error when `size` exceeds the limit. */
export function checkSize(size: number, source: string, maxBytes = DEFAULT_MAX_BYTES): void {
  if (size > maxBytes) {
    throw new InputError(source, `too large (${formatBytes(size)}; the limit is ${formatBytes(maxBytes)})`);
  }
}

/** Raises an `InputError` when decoded text is empty, blank or looks like binary data. */
export function checkText(text: string, source: string): void {
  if (text.length === 0) throw new InputError(source, 'no text (empty)');
  const sampled = Math.min(text.length, CONTROL_SAMPLE);
  const controls = countControls(text, sampled);
  if (controls > 1 && controls / sampled > MAX_CONTROL_SHARE) {
    throw new InputError(source, 'looks like binary data, not text');
  }
  if (NO_TEXT.test(text)) throw new InputError(source, 'no text (only whitespace)');
}

/** C0 control characters and DEL among the first `n` characters, except those plain text uses. */
function countControls(text: string, n: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && !PLAIN_TEXT_CONTROLS.has(c)) || c === 0x7f) count++;
  }
  return count;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

function decodeWithBom(bytes: Uint8Array): DecodedText | undefined {
  const bom = bomEncoding(bytes);
  if (!bom) return undefined;
  const label = bom === 'utf-8-bom' ? 'utf-8' : bom;
  return { text: new TextDecoder(label, { ignoreBOM: true }).decode(bytes), encoding: bom };
}

/** The encoding a byte-order mark announces, if any. */
export function bomEncoding(bytes: Uint8Array): 'utf-8-bom' | 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function decodeWithoutBom(bytes: Uint8Array, source: string, declaredCharset?: string): DecodedText {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new InputError(
      source,
      looksLikeUtf16(bytes)
        ? 'looks like UTF-16 text without a byte-order mark; save it as UTF-8'
        : 'looks like binary data, not text',
    );
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
      encoding: 'utf-8',
    };
  } catch {
    const fallback = supportedCharset(declaredCharset) ?? 'windows-1252';
    return { text: legacyDecoder(fallback)(bytes), encoding: fallback };
  }
}

/**
 * A decoder for a single-byte legacy encoding. Node's TextDecoder decodes 'windows-1252' (and its
 * aliases latin1, iso-8859-1, ascii) as ISO-8859-1, leaving 0x80-0x9F as C1 controls instead of
 * € ‘ ’ “ ” – — ...; those 32 bytes are mapped here as the WHATWG Encoding standard says.
 */
export function legacyDecoder(encoding: string): (bytes: Uint8Array) => string {
  const decoder = new TextDecoder(encoding);
  if (decoder.encoding !== 'windows-1252') return (bytes) => decoder.decode(bytes);
  return (bytes) =>
    decoder.decode(bytes).replace(C1_RANGE, (c) => WINDOWS_1252_C1.charAt(c.charCodeAt(0) - 0x80));
}

const C1_RANGE = /[\u0080-\u009f]/g;
/** Windows-1252 bytes 0x80-0x9F; the five it leaves undefined stay as they are. */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * UTF-16 text of a Latin or Cyrillic script has a NUL in most bytes of one parity and almost
 * none in the other; binary formats scatter their NULs.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const pairs = Math.min(bytes.length, 4096) >> 1;
  if (pairs < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const [many, few] = even > odd ? [even, odd] : [odd, even];
  return many >= 0.6 * pairs && few <= 0.05 * pairs;
}

/** The canonical name of a charset TextDecoder knows, other than UTF-8 (already tried). */
export function supportedCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    return encoding === 'utf-8' || encoding.startsWith('utf-16') ? undefined : encoding;
  } catch {
    return undefined;
  }
}
