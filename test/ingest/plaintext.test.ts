import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { looksHardWrapped, plainTextParagraphs } from '../../src/article/plaintext.ts';
import { semevalParagraphs } from '../../src/article/semeval.ts';
import { chooseTextLayout } from '../../src/article/textfile.ts';
import { assertOffsets, fixture, readOne, tempDir } from './helpers.ts';

describe('plain text paragraphs', () => {
  it('keeps a hard-wrapped paragraph whole, its offsets spanning the newlines', async () => {
    const article = await readOne(fixture('letter-wrapped.txt'));
    assert.equal(article.metadata.format, 'text');
    assert.equal(article.id, 'letter-wrapped');
    assert.equal(article.title, 'A letter from the allotment committee');
    assert.deepEqual(
      article.paragraphs.map((p) => [p.line, p.kind]),
      [
        [1, 'title'],
        [3, 'body'],
        [7, 'body'],
        [11, 'body'],
      ],
    );
    const first = article.paragraphs[1]!;
    assert.ok(
      first.text.startsWith('Dear neighbours, the committee met last night to discuss the\nwater shortage'),
    );
    assert.ok(first.text.endsWith('since the start of the month.'));
    assertOffsets(article);
  });

  it('reads the same wrapped text with CRLF line ends identically, \\r\\n inside the paragraph', async () => {
    const dir = await tempDir();
    const path = join(dir, 'letter.txt');
    await writeFile(path, (await readFile(fixture('letter-wrapped.txt'), 'utf8')).replaceAll('\n', '\r\n'));
    const article = await readOne(path);
    assert.deepEqual(
      article.paragraphs.map((p) => p.line),
      [1, 3, 7, 11],
    );
    assert.ok(article.paragraphs[1]!.text.includes('discuss the\r\nwater'));
    assertOffsets(article);
  });

  it('splits on single newlines when there is no blank line', () => {
    const text = 'The bakery closes for August.\nIt reopens on 2 September.\nOrders can be placed online.';
    const paragraphs = plainTextParagraphs(text);
    assert.deepEqual(
      paragraphs.map((p) => [p.line, p.kind, p.text]),
      [
        [1, 'body', 'The bakery closes for August.'],
        [2, 'body', 'It reopens on 2 September.'],
        [3, 'body', 'Orders can be placed online.'],
      ],
    );
  });

  it('numbers one-line paragraphs exactly as SemEval does', () => {
    const text =
      '\ufeffRiver cruise season opens early\r\n\r\nThe first boats left the quay on Friday, two weeks ahead of the usual date.\r\n\r\n\r\nOperators expect a record year.\r\n';
    const plain = plainTextParagraphs(text);
    const semeval = semevalParagraphs(text);
    assert.deepEqual(plain, semeval);
    assert.deepEqual(
      plain.map((p) => p.line),
      [1, 3, 6],
    );
  });

  it('takes the first line as the title only when it looks like one', () => {
    const noBlankNoPunct = plainTextParagraphs(
      'Storm warning for the coast\nWinds may reach 120 km/h tonight.',
    );
    assert.equal(noBlankNoPunct[0]!.kind, 'title');
    const noBlankSentence = plainTextParagraphs(
      'Winds may reach 120 km/h tonight.\nSchools will stay closed.',
    );
    assert.equal(noBlankSentence[0]!.kind, 'body');
    const question = plainTextParagraphs('Is the tram worth it?\n\nThe council thinks so.');
    assert.equal(question[0]!.kind, 'title');
    const long = plainTextParagraphs(`${'A very long opening line. '.repeat(10)}\n\nSecond paragraph.`);
    assert.equal(long[0]!.kind, 'body');
    const alone = plainTextParagraphs('Just one line');
    assert.equal(alone[0]!.kind, 'body');
    const off = plainTextParagraphs('Storm warning\n\nWinds tonight.', { detectTitle: false });
    assert.equal(off[0]!.kind, 'body');
  });

  it('splits a run of lines that end sentences into one paragraph per line', () => {
    const text = 'Ferry news\n\nThe ferry runs again.\nTickets cost less.\n';
    assert.deepEqual(
      plainTextParagraphs(text).map((p) => p.line),
      [1, 3, 4],
    );
  });

  it('treats a run of long lines between blank lines as one paragraph per line', () => {
    const long1 =
      `${'The regional council confirmed that the new school will open in September. '.repeat(2)}`.trim();
    const long2 =
      `${'Parents had asked for a second building for years, citing overcrowded classrooms. '.repeat(2)}`.trim();
    const text = `School to open in September\n\n${long1}\n${long2}\n`;
    assert.deepEqual(
      plainTextParagraphs(text).map((p) => p.line),
      [1, 3, 4],
    );
  });
});

describe('.txt layout detection', () => {
  const semevalLike = 'Short title\n\nA paragraph on one line.\nAnother paragraph on the next line.\n';
  const wrapped =
    'Title\n\nfirst paragraph wrapped at a narrow width so that it\ncontinues on the next line\n\nsecond one\n';

  it('uses the SemEval layout for SemEval file names whatever the text', () => {
    assert.equal(chooseTextLayout(wrapped, 'data/article123.txt'), 'semeval');
    assert.equal(chooseTextLayout(wrapped, '/x/999.txt'), 'semeval');
  });

  it('uses plain text for hard-wrapped prose and SemEval layout otherwise', () => {
    assert.equal(looksHardWrapped(wrapped), true);
    assert.equal(chooseTextLayout(wrapped, 'notes.txt'), 'text');
    assert.equal(looksHardWrapped(semevalLike), false, 'lines end with full stops: one paragraph per line');
    assert.equal(chooseTextLayout(semevalLike, 'notes.txt'), 'semeval');
    assert.equal(chooseTextLayout(`${wrapped}${'x'.repeat(130)}\n`, 'notes.txt'), 'semeval', 'a long line');
    assert.equal(chooseTextLayout(`${'Long first line. '.repeat(20)}\n\nNext.`, 'notes.txt'), 'text');
  });

  it('obeys a forced format', async () => {
    const dir = await tempDir();
    const path = join(dir, 'article12.txt');
    await writeFile(path, wrapped);
    assert.deepEqual(
      (await readOne(path)).paragraphs.map((p) => p.line),
      [1, 3, 4, 6],
      'a SemEval name: one paragraph per line',
    );
    const asText = await readOne(path, { format: 'text' });
    assert.equal(asText.metadata.format, 'text');
    assert.deepEqual(
      asText.paragraphs.map((p) => p.line),
      [1, 3, 6],
    );
    assertOffsets(asText);
    const asSemeval = await readOne(fixture('letter-wrapped.txt'), { format: 'semeval' });
    assert.equal(asSemeval.paragraphs.length, 8);
  });
});
