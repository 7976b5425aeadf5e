import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertOffsets, fixture, readOne, tempDir } from './helpers.ts';

/** The committed SemEval-layout fixture: title, blank, paragraph, blank, two lines, two blanks, paragraph. */
const LINES = [
  'Harbour pilots vote to strike over new night shifts',
  '',
  'Pilots who guide cargo ships into the harbour voted on Monday to strike for 48 hours next week, their union said.',
  '',
  'The dispute concerns a rota that would add two night shifts a month for every pilot.',
  'A spokesperson for the port authority said talks would resume on Thursday.',
  '',
  '',
  'Union leaders called the new rota "reckless" and warned that tired pilots put every crew at risk.',
  '',
];
const EXPECTED_LINES = [1, 3, 5, 6, 9];

function expectSemeval(article: Awaited<ReturnType<typeof readOne>>): void {
  assert.equal(article.metadata.format, 'semeval');
  assert.equal(article.title, LINES[0]);
  assert.deepEqual(
    article.paragraphs.map((p) => p.line),
    EXPECTED_LINES,
  );
  assert.deepEqual(
    article.paragraphs.map((p) => p.text),
    EXPECTED_LINES.map((line) => LINES[line - 1]),
  );
  assert.deepEqual(
    article.paragraphs.map((p) => p.kind),
    ['title', 'body', 'body', 'body', 'body'],
  );
  assertOffsets(article);
}

describe('SemEval article files', () => {
  it('numbers paragraphs by file line, skipping blank lines, with the title as line 1', async () => {
    const article = await readOne(fixture('semeval/article7001.txt'));
    expectSemeval(article);
    assert.equal(article.id, '7001');
    assert.equal(article.text, LINES.join('\n'));
    assert.equal(article.paragraphs[1]!.start, LINES[0]!.length + 2);
    assert.equal(article.language.code, 'en');
  });

  it('tolerates CRLF: the same numbering, no \\r in paragraphs, offsets into the CRLF text', async () => {
    const dir = await tempDir();
    const path = join(dir, 'article7002.txt');
    await writeFile(path, LINES.join('\r\n'));
    const article = await readOne(path);
    expectSemeval(article);
    assert.equal(article.id, '7002');
    assert.ok(article.text.includes('\r\n'));
    // the second paragraph starts after title + CRLF + CRLF
    assert.equal(article.paragraphs[1]!.start, LINES[0]!.length + 4);
  });

  it('keeps a UTF-8 BOM at offset 0, so offsets count it as the SemEval spans do', async () => {
    const dir = await tempDir();
    const path = join(dir, 'article7003.txt');
    await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LINES.join('\r\n'))]));
    const article = await readOne(path);
    expectSemeval(article);
    assert.equal(article.text[0], '\ufeff');
    assert.equal(article.paragraphs[0]!.start, 1);
    assert.equal(article.metadata.encoding, 'utf-8-bom');
  });

  it('reads UTF-16 LE and BE files with a BOM the same way', async () => {
    const dir = await tempDir();
    const le = join(dir, '7004.txt');
    const be = join(dir, '7005.txt');
    await writeFile(le, Buffer.from(`\ufeff${LINES.join('\n')}`, 'utf16le'));
    await writeFile(be, Buffer.from(`\ufeff${LINES.join('\n')}`, 'utf16le').swap16());
    for (const [path, encoding] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ] as const) {
      const article = await readOne(path);
      expectSemeval(article);
      assert.equal(article.paragraphs[0]!.start, 1);
      assert.equal(article.metadata.encoding, encoding);
    }
  });

  it('reads a Windows-1252 file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'article7006.txt');
    const text =
      'Caf\xe9 prices rise\n\nA cup now costs 3 \x80, up from 2,50 \x80 \x96 a \x93small\x94 change.\n';
    await writeFile(path, Buffer.from(text, 'latin1'));
    const article = await readOne(path);
    assert.equal(article.metadata.encoding, 'windows-1252');
    assert.equal(article.title, 'Café prices rise');
    assert.equal(article.paragraphs[1]!.text, 'A cup now costs 3 €, up from 2,50 € – a “small” change.');
    assertOffsets(article);
  });

  it('keeps line numbers through long runs of blank lines', async () => {
    const dir = await tempDir();
    const path = join(dir, '7007.txt');
    await writeFile(path, 'Title of the piece\n\n\n\nFirst paragraph here.\n  \n\t\nSecond paragraph.\n\n\n');
    const article = await readOne(path);
    assert.deepEqual(
      article.paragraphs.map((p) => [p.line, p.text]),
      [
        [1, 'Title of the piece'],
        [5, 'First paragraph here.'],
        [8, 'Second paragraph.'],
      ],
    );
    assertOffsets(article);
  });
});
