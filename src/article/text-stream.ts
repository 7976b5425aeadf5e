import { bomEncoding, legacyDecoder } from './decode.ts';
import { InputError } from './errors.ts';

/** Enough bytes to see a BOM and to judge the encoding of a corpus from its start. */
const SNIFF_BYTES = 64 * 1024;

export interface DecodedStream {
  encoding: string;
  chunks: AsyncGenerator<string>;
}

/**
 * Streams text out of a byte stream without holding it whole (corpora can be gigabytes). The
 * encoding is decided from the first 64 KB: a BOM (dropped: corpus offsets index each record's
 * own text), else UTF-8 when those bytes are valid UTF-8, else Windows-1252. NUL bytes without
 * a UTF-16 BOM mean binary data.
 */
export async function decodeStream(
  input: AsyncIterable<Uint8Array | string>,
  source: string,
): Promise<DecodedStream> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headSize = 0;
  let done = false;
  while (headSize < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    headSize += chunk.length;
  }
  const first = Buffer.concat(head);
  const encoding = sniffEncoding(first, source);
  const decode = streamDecoder(encoding);
  async function* chunks(): AsyncGenerator<string> {
    yield decode(first);
    while (!done) {
      const next = await iterator.next();
      if (next.done) break;
      yield decode(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
    }
    yield decode();
  }
  return { encoding, chunks: chunks() };
}

/** Decodes chunk by chunk, keeping a character split across chunks whole; no argument flushes. */
function streamDecoder(encoding: string): (chunk?: Uint8Array) => string {
  if (encoding === 'windows-1252') {
    const decode = legacyDecoder(encoding); // single-byte: no state across chunks
    return (chunk) => (chunk ? decode(chunk) : '');
  }
  const decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
  return (chunk) => (chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode());
}

function sniffEncoding(head: Uint8Array, source: string): string {
  const bom = bomEncoding(head);
  if (bom) return bom;
  if (head.indexOf(0) !== -1) throw new InputError(source, 'looks like binary data, not text');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

export interface NumberedLine {
  /** 1-based. */
  line: number;
  /** Without its '\n' or '\r\n'. */
  text: string;
}

/** Splits streamed text into numbered lines. */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<NumberedLine> {
  let rest = '';
  let line = 1;
  for await (const chunk of chunks) {
    rest += chunk;
    let newline = rest.indexOf('\n');
    let from = 0;
    while (newline !== -1) {
      yield { line: line++, text: stripCr(rest.slice(from, newline)) };
      from = newline + 1;
      newline = rest.indexOf('\n', from);
    }
    rest = rest.slice(from);
  }
  if (rest.length > 0) yield { line, text: stripCr(rest) };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
