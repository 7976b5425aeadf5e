import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { OptionError } from '../../src/article/errors.ts';
import { openInputs } from '../../src/article/sources.ts';
import { assertOffsets, bytesOf, fixture, readFailure, readInputs, readOne, tempDir } from './helpers.ts';

const TOPICS = ['harbour', 'tram line', 'library', 'market hall', 'bridge', 'school', 'ferry', 'stadium'];

/** A small SemEval-layout article, different for each n. */
function generatedArticle(n: number): string {
  const topic = TOPICS[n % TOPICS.length];
  return [
    `Council report ${n} on the ${topic}`,
    '',
    `The council published report number ${n} on the ${topic} on Tuesday, after months of delay.`,
    `Residents will be able to comment on the ${topic} plans until the end of the month.`,
    '',
  ].join('\n');
}

describe('openInputs: files and directories', () => {
  it('reads a directory of 1,000 articles with one corrupt file: 999 articles and 1 failure naming it', async () => {
    const dir = await tempDir();
    for (let n = 0; n < 1000; n++) {
      const name = `article${String(n).padStart(4, '0')}.txt`;
      await writeFile(
        join(dir, name),
        n === 437 ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) : generatedArticle(n),
      );
    }
    const started = performance.now();
    const { total, articles, failures } = await readInputs([dir]);
    const elapsed = performance.now() - started;
    assert.equal(total, 1000);
    assert.equal(articles.length, 999);
    assert.deepEqual(
      failures.map((f) => f.message),
      [`${join(dir, 'article0437.txt')}: looks like binary data, not text`],
    );
    assert.equal(articles[0]!.id, '0000');
    assert.equal(articles[998]!.id, '0999');
    for (const article of articles) {
      assert.deepEqual(
        article.paragraphs.map((p) => p.line),
        [1, 3, 4],
      );
    }
    assert.ok(elapsed < 20_000, `took ${Math.round(elapsed)} ms`);
  });

  it('walks subdirectories in sorted order, skipping hidden and unknown files', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'b-sub'));
    await mkdir(join(dir, '.hidden-dir'));
    await writeFile(join(dir, 'c.txt'), generatedArticle(3));
    await writeFile(join(dir, 'a.txt'), generatedArticle(1));
    await writeFile(join(dir, 'b-sub', 'b.html'), await readFile(fixture('tram-vote-en.html')));
    await writeFile(join(dir, '.hidden.txt'), generatedArticle(9));
    await writeFile(join(dir, '.hidden-dir', 'x.txt'), generatedArticle(9));
    await writeFile(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0]));
    await writeFile(join(dir, 'notes.md'), '# notes');
    const { total, articles, failures } = await readInputs([dir]);
    assert.equal(total, 3);
    assert.deepEqual(failures, []);
    assert.deepEqual(
      articles.map((a) => [a.id, a.metadata.format]),
      [
        ['a', 'semeval'],
        ['b', 'html'],
        ['c', 'semeval'],
      ],
    );
  });

  it('names a missing path', async () => {
    const error = await readFailure('/no/such/place/article1.txt');
    assert.equal(error.message, '/no/such/place/article1.txt: no such file or directory');
  });

  it('refuses a file of unknown type named directly, unless a format is forced', async () => {
    const dir = await tempDir();
    const path = join(dir, 'story.md');
    await writeFile(path, 'Bridge reopens\n\nThe old bridge reopened to traffic on Monday morning.');
    const error = await readFailure(path);
    assert.match(error.message, /story\.md: unknown file type '\.md'; expected \.txt/);
    const article = await readOne(path, { format: 'text' });
    assert.equal(article.title, 'Bridge reopens');
  });

  it('reports an empty directory', async () => {
    const dir = await tempDir();
    const error = await readFailure(dir);
    assert.match(error.message, /: no articles found/);
  });

  it('rejects empty, whitespace-only and oversized files, and goes on with the others', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '1-empty.txt'), '');
    await writeFile(join(dir, '2-blank.txt'), '\n  \n');
    await writeFile(join(dir, '3-big.txt'), 'word '.repeat(500));
    await writeFile(join(dir, '4-good.txt'), generatedArticle(4));
    const { articles, failures } = await readInputs([dir], { maxBytes: 1000 });
    assert.deepEqual(
      failures.map((f) => f.message),
      [
        `${join(dir, '1-empty.txt')}: no text (empty)`,
        `${join(dir, '2-blank.txt')}: no text (only whitespace)`,
        `${join(dir, '3-big.txt')}: too large (2.4 KB; the limit is 1000 bytes)`,
      ],
    );
    assert.equal(articles.length, 1);
  });

  it('applies a language override to every article', async () => {
    const { articles } = await readInputs([fixture('semeval'), fixture('canicule-fr.html')], { lang: 'it' });
    assert.deepEqual(
      articles.map((a) => a.language),
      [
        { code: 'it', confidence: 1, method: 'override' },
        { code: 'it', confidence: 1, method: 'override' },
      ],
    );
  });

  it('throws an OptionError for a bad --lang or format before reading', async () => {
    await assert.rejects(openInputs(['-'], { lang: 'French' }), (error: unknown) => {
      assert.ok(error instanceof OptionError);
      assert.match(error.message, /^--lang: 'French' is not a language code/);
      return true;
    });
    await assert.rejects(openInputs(['-'], { format: 'pdf' as never }), OptionError);
    await assert.rejects(openInputs(['-'], { maxBytes: 0 }), OptionError);
  });
});

describe('openInputs: stdin', () => {
  it('reads text, numbered as SemEval numbers it', async () => {
    const text =
      'Night trains return\r\n\r\nThe night train to the coast will run again from June.\r\nTickets go on sale today.\r\n';
    const { total, articles } = await readInputs(['-'], { stdin: bytesOf(text) });
    assert.equal(total, undefined);
    const article = articles[0]!;
    assert.equal(article.id, 'stdin');
    assert.equal(article.metadata.source, '-');
    assert.deepEqual(
      article.paragraphs.map((p) => p.line),
      [1, 3, 4],
    );
    assertOffsets(article);
  });

  it('recognises HTML and JSONL by their first characters', async () => {
    const html = await readFile(fixture('canicule-fr.html'));
    const fromHtml = await readInputs(['-'], { stdin: bytesOf('\n  ', html) });
    assert.equal(fromHtml.articles[0]!.metadata.format, 'html');
    assert.equal(fromHtml.articles[0]!.language.code, 'fr');
    const fromJsonl = await readInputs(['-'], {
      stdin: bytesOf(
        '{"text":"The tide will be unusually high on Sunday."}\n{"text":"Parking on the quay is banned."}\n',
      ),
    });
    assert.deepEqual(
      fromJsonl.articles.map((a) => [a.id, a.metadata.format]),
      [
        ['stdin-1', 'jsonl'],
        ['stdin-2', 'jsonl'],
      ],
    );
  });

  it('reads CSV from stdin when the format is forced', async () => {
    const { articles } = await readInputs(['-'], {
      format: 'csv',
      stdin: bytesOf('id,text\nk1,"Roadworks on the ring road start on Monday, the council said."\n'),
    });
    assert.equal(articles[0]!.id, 'k1');
  });

  it('fails on empty, binary or oversized stdin', async () => {
    const empty = await readInputs(['-'], { stdin: bytesOf() });
    assert.equal(empty.failures[0]!.message, 'stdin: no text (empty)');
    const binary = await readInputs(['-'], {
      stdin: bytesOf(Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 0])),
    });
    assert.equal(binary.failures[0]!.message, 'stdin: looks like binary data, not text');
    const big = await readInputs(['-'], {
      stdin: bytesOf('a'.repeat(3000), 'b'.repeat(3000)),
      maxBytes: 5000,
    });
    assert.match(big.failures[0]!.message, /^stdin: too large/);
  });
});
