import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { OptionError } from '../../src/article/errors.ts';
import { openInputs } from '../../src/article/sources.ts';
import { assertOffsets, bytesOf, fixture, readInputs, tempDir } from './helpers.ts';

describe('JSONL corpora', () => {
  it('reads good records and reports each bad line with its number', async () => {
    const path = fixture('corpus.jsonl');
    const { total, articles, failures } = await readInputs([path]);
    assert.equal(total, undefined);
    assert.deepEqual(
      articles.map((a) => [a.id, a.metadata.source, a.language.code]),
      [
        ['n1', `${path}:1`, 'en'],
        ['n2', `${path}:2`, 'fr'],
        ['corpus-7', `${path}:7`, 'de'],
      ],
    );
    assert.deepEqual(
      failures.map((f) => f.source),
      [`${path}:4`, `${path}:5`, `${path}:6`],
    );
    assert.match(failures[0]!.message, /corpus\.jsonl:4: invalid JSON \(.+\)$/);
    assert.equal(failures[1]!.problem, "missing text field 'text'");
    assert.equal(failures[2]!.problem, 'no text (only whitespace)');
    for (const article of articles) assertOffsets(article);
  });

  it('puts the title field first, SemEval-style, and keeps the metadata fields', async () => {
    const { articles } = await readInputs([fixture('corpus.jsonl')]);
    const n1 = articles[0]!;
    assert.equal(n1.title, 'Ferry timetable changes from Sunday');
    assert.ok(n1.text.startsWith('Ferry timetable changes from Sunday\n\nThe island ferry'));
    assert.deepEqual(
      n1.paragraphs.map((p) => [p.line, p.kind]),
      [
        [1, 'title'],
        [3, 'body'],
        [5, 'body'],
      ],
    );
    assert.deepEqual(n1.metadata, {
      format: 'jsonl',
      source: `${fixture('corpus.jsonl')}:1`,
      encoding: 'utf-8',
      url: 'https://example.org/ferry',
      published: '2024-05-02',
      outlet: 'Island Courier',
    });
    assert.equal(n1.language.method, 'metadata');
    const n2 = articles[1]!;
    assert.equal(n2.title, '');
    assert.deepEqual(
      n2.paragraphs.map((p) => p.line),
      [1, 2, 3],
    );
    assert.equal(n2.language.method, 'detected');
  });

  it('streams a corpus much larger than the per-input size limit', async () => {
    const dir = await tempDir();
    const path = join(dir, 'big.jsonl');
    const record = (i: number) =>
      JSON.stringify({
        id: `r${i}`,
        text: `Record ${i}: the harbour authority published its monthly traffic figures, which show more container ships than last year.`,
      });
    const count = 3000;
    await writeFile(path, `${Array.from({ length: count }, (_, i) => record(i)).join('\n')}\n`);
    const { articles, failures } = await readInputs([path], { maxBytes: 64 * 1024 });
    assert.equal(failures.length, 0);
    assert.equal(articles.length, count);
    assert.equal(articles[count - 1]!.id, `r${count - 1}`);
    assert.equal(articles[count - 1]!.metadata.source, `${path}:${count}`);
  });

  it('rejects a record larger than the limit but goes on', async () => {
    const dir = await tempDir();
    const path = join(dir, 'sizes.jsonl');
    const lines = [{ text: 'x '.repeat(2000) }, { text: 'A short record about the weather on the coast.' }];
    await writeFile(path, lines.map((l) => JSON.stringify(l)).join('\n'));
    const { articles, failures } = await readInputs([path], { maxBytes: 1000 });
    assert.equal(articles.length, 1);
    assert.match(failures[0]!.message, /sizes\.jsonl:1: too large/);
  });

  it('decodes a Windows-1252 corpus and ignores CRLF', async () => {
    const dir = await tempDir();
    const path = join(dir, 'legacy.jsonl');
    const text = '{"id":"w1","text":"Le caf\xe9 du port ferme ses portes \x96 une page se tourne."}\r\n';
    await writeFile(path, Buffer.from(text, 'latin1'));
    const { articles } = await readInputs([path]);
    assert.equal(articles[0]!.text, 'Le café du port ferme ses portes – une page se tourne.');
    assert.equal(articles[0]!.metadata.encoding, 'windows-1252');
  });

  it('reads JSONL from stdin, split across chunks in the middle of a character', async () => {
    const line1 = Buffer.from('{"id":"s1","text":"Die Fähre fährt ab Montag öfter."}\n');
    const line2 = Buffer.from('{"id":"s2","text":"Le marché couvert rouvre samedi."}\n');
    const all = Buffer.concat([line1, line2]);
    const cut = line1.indexOf(Buffer.from('ä')) + 1; // inside the two bytes of 'ä'
    const { articles } = await readInputs(['-'], { stdin: bytesOf(all.subarray(0, cut), all.subarray(cut)) });
    assert.deepEqual(
      articles.map((a) => [a.id, a.text, a.metadata.source]),
      [
        ['s1', 'Die Fähre fährt ab Montag öfter.', 'stdin:1'],
        ['s2', 'Le marché couvert rouvre samedi.', 'stdin:2'],
      ],
    );
  });
});

describe('CSV corpora', () => {
  it('reads rows with configurable field names, numbering rows as a spreadsheet does', async () => {
    const path = fixture('corpus.csv');
    const { articles, failures } = await readInputs([path], { fields: { text: 'body' } });
    assert.deepEqual(
      articles.map((a) => [a.id, a.metadata.source, a.language.code]),
      [
        ['c1', `${path}:2`, 'en'],
        ['c2', `${path}:3`, 'it'],
        ['corpus-5', `${path}:5`, 'pl'],
      ],
    );
    assert.deepEqual(
      failures.map((f) => f.message),
      [`${path}:4: no text (empty)`],
    );
    const c1 = articles[0]!;
    assert.equal(c1.title, 'Market hall reopens');
    assert.deepEqual(
      c1.paragraphs.map((p) => [p.line, p.text]),
      [
        [1, 'Market hall reopens'],
        [3, 'The covered market reopened on Saturday after a two-year renovation.'],
        [5, 'Traders said the first weekend was busier than expected.'],
      ],
    );
    assert.equal(c1.metadata.outlet, 'Town Herald');
    assert.equal(c1.metadata.published, '2024-06-01');
    for (const article of articles) assertOffsets(article);
  });

  it('fails once, naming the columns, when the text column is missing', async () => {
    const { articles, failures } = await readInputs([fixture('corpus.csv'), fixture('no-text-column.csv')]);
    assert.equal(articles.length, 0);
    assert.deepEqual(
      failures.map((f) => f.message),
      [
        `${fixture('corpus.csv')}: no 'text' column (columns: id, title, body, outlet, date)`,
        `${fixture('no-text-column.csv')}: no 'text' column (columns: id, headline, summary)`,
      ],
    );
  });

  it('reads TSV and UTF-16 CSV with a BOM', async () => {
    const tsv = await readInputs([fixture('corpus.tsv')]);
    assert.equal(tsv.articles[0]!.id, 't1');
    const dir = await tempDir();
    const path = join(dir, 'wide.csv');
    await writeFile(
      path,
      Buffer.from('\ufeffid,text\r\nu1,"Snow closed the mountain pass, the police said."\r\n', 'utf16le'),
    );
    const wide = await readInputs([path]);
    assert.equal(wide.articles[0]!.text, 'Snow closed the mountain pass, the police said.');
    assert.equal(wide.articles[0]!.metadata.encoding, 'utf-16le');
  });

  it('keeps the good rows of a file that ends in a malformed row', async () => {
    const dir = await tempDir();
    const path = join(dir, 'broken.csv');
    await writeFile(path, 'id,text\na1,"The harbour reopened."\na2,"This quoted field never closes\n');
    const { articles, failures } = await readInputs([path]);
    assert.deepEqual(
      articles.map((a) => a.id),
      ['a1'],
    );
    assert.equal(failures.length, 1);
    assert.match(failures[0]!.message, /broken\.csv:3: Quote Not Closed/);
  });

  it('rejects unknown field keys before reading anything', async () => {
    await assert.rejects(
      openInputs([fixture('corpus.csv')], { fields: { body: 'text' } as never }),
      (error: unknown) => error instanceof OptionError && /unknown field 'body'/.test(error.message),
    );
  });
});
