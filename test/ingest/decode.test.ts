import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBytes } from '../../src/article/decode.ts';
import { InputError } from '../../src/article/errors.ts';

const SAMPLE = 'Le café coûte 3 € — « cher », dit-on.\n';

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return le.swap16();
}

function decodeError(bytes: Uint8Array, source: string, maxBytes?: number): InputError {
  try {
    decodeBytes(bytes, source, { maxBytes });
  } catch (error) {
    assert.ok(error instanceof InputError);
    return error;
  }
  assert.fail('expected an InputError');
}

describe('decodeBytes', () => {
  it('reads UTF-8 without a BOM', () => {
    assert.deepEqual(decodeBytes(Buffer.from(SAMPLE), 'a.txt'), { text: SAMPLE, encoding: 'utf-8' });
  });

  it('keeps a UTF-8 BOM as U+FEFF at offset 0', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]);
    assert.deepEqual(decodeBytes(bytes, 'a.txt'), { text: `\ufeff${SAMPLE}`, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 LE and BE with a BOM, keeping the BOM the same way', () => {
    const le = Buffer.from(`\ufeff${SAMPLE}`, 'utf16le');
    assert.deepEqual([le[0], le[1]], [0xff, 0xfe]);
    assert.deepEqual(decodeBytes(le, 'a.txt'), { text: `\ufeff${SAMPLE}`, encoding: 'utf-16le' });
    const be = utf16be(`\ufeff${SAMPLE}`);
    assert.deepEqual([be[0], be[1]], [0xfe, 0xff]);
    assert.deepEqual(decodeBytes(be, 'a.txt'), { text: `\ufeff${SAMPLE}`, encoding: 'utf-16be' });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    // "Le café coûte 3 € — “cher”, dit-on." in Windows-1252
    const bytes = Buffer.from([
      ...Buffer.from('Le caf'),
      0xe9,
      ...Buffer.from(' co'),
      0xfb,
      ...Buffer.from('te 3 '),
      0x80,
      0x20,
      0x97,
      0x20,
      0x93,
      ...Buffer.from('cher'),
      0x94,
      ...Buffer.from(', dit-on.'),
    ]);
    assert.deepEqual(decodeBytes(bytes, 'a.txt'), {
      text: 'Le café coûte 3 € — “cher”, dit-on.',
      encoding: 'windows-1252',
    });
  });

  it('uses a declared charset before Windows-1252', () => {
    // "Мир" in Windows-1251
    const bytes = Buffer.from([0xcc, 0xe8, 0xf0]);
    assert.deepEqual(decodeBytes(bytes, 'a.html', { declaredCharset: 'windows-1251' }), {
      text: 'Мир',
      encoding: 'windows-1251',
    });
    assert.equal(
      decodeBytes(bytes, 'a.html', { declaredCharset: 'no-such-charset' }).encoding,
      'windows-1252',
    );
  });

  it('rejects binary data, naming the source', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
    assert.equal(decodeError(jpeg, 'photo.jpg').message, 'photo.jpg: looks like binary data, not text');
    const controls = Buffer.from('ab\x01\x02\x03\x04cd\x05\x06\x07\x08 text');
    assert.equal(decodeError(controls, 'blob.txt').problem, 'looks like binary data, not text');
  });

  it('tolerates a stray control character in real text', () => {
    const text = `${'A perfectly ordinary line of text. '.repeat(10)}\x1a`;
    assert.equal(decodeBytes(Buffer.from(text), 'old.txt').text, text);
  });

  it('recognises UTF-16 without a BOM and says so', () => {
    const error = decodeError(Buffer.from('Hello world, this is text.', 'utf16le'), 'wide.txt');
    assert.match(error.message, /^wide\.txt: looks like UTF-16 text without a byte-order mark/);
  });

  it('rejects empty and whitespace-only input', () => {
    assert.equal(decodeError(Buffer.alloc(0), 'empty.txt').message, 'empty.txt: no text (empty)');
    assert.equal(
      decodeError(Buffer.from(' \r\n\t\n'), 'blank.txt').message,
      'blank.txt: no text (only whitespace)',
    );
    assert.equal(
      decodeError(Buffer.from([0xef, 0xbb, 0xbf, 0x0a]), 'bom.txt').problem,
      'no text (only whitespace)',
    );
  });

  it('rejects oversized input with the limit in the message', () => {
    const error = decodeError(Buffer.alloc(3000, 'a'), 'big.txt', 2048);
    assert.equal(error.message, 'big.txt: too large (2.9 KB; the limit is 2.0 KB)');
  });
});
