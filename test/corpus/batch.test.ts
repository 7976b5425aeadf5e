import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { generateCorpus } from '../../bench/gen-corpus.ts';
import { runBatch } from '../../src/corpus/batch.ts';
import { Store } from '../../src/corpus/store.ts';
import { spinlens } from '../cli/helpers.ts';
import { dumpStore } from './dump.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ANALYSERS = ['language', 'repetition'];

let scratch: string;
let corpus: string;
let records: ReturnType<typeof collect>;

function collect(count: number) {
  return [...generateCorpus({ count, seed: 5, copies: 0.04, broken: 0.02 })];
}

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'spinlens-batch-'));
  corpus = join(scratch, 'corpus.jsonl');
  records = collect(300);
  await writeFile(corpus, records.map((r) => `${r.line}\n`).join(''));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Rows in a table; 0 while the store is being created (it may be locked or half-made). */
function count(db: string, table: string): number {
  if (!existsSync(db)) return 0;
  try {
    const d = new Database(db, { fileMustExist: true });
    try {
      return (d.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0;
  }
}

describe('spinlens batch', () => {
  it('analyses a corpus into the store, stores broken records as failures, exits 1', async () => {
    const db = join(scratch, 'cli.db');
    const { code, stderr } = await spinlens([
      'batch',
      '--db',
      db,
      '-w',
      '1',
      '-a',
      ANALYSERS.join(','),
      corpus,
    ]);
    const broken = records.filter((r) => r.broken).length;
    assert.ok(broken > 0);
    assert.equal(code, 1);
    assert.match(
      stderr,
      new RegExp(`${records.length - broken} analysed, 0 already in the store, ${broken} failed`),
    );
    assert.equal(count(db, 'articles'), records.length - broken);
    assert.equal(count(db, 'failures'), broken);

    const again = await spinlens(['batch', '--db', db, '-w', '1', '-a', ANALYSERS.join(','), corpus]);
    assert.equal(again.code, 1, 'the broken records still fail');
    assert.match(again.stderr, new RegExp(`0 analysed, ${records.length - broken} already in the store`));
    assert.equal(count(db, 'articles'), records.length - broken);
    assert.equal(count(db, 'failures'), broken);

    // Other analysers: every article is analysed again, in place.
    const other = await spinlens(['batch', '--db', db, '-w', '2', '-a', 'language', corpus]);
    assert.match(other.stderr, new RegExp(`${records.length - broken} analysed, 0 already in the store`));
    assert.equal(count(db, 'articles'), records.length - broken);
  });

  it('links every injected copy to its original and lists it with `spinlens reuse`', async () => {
    const db = join(scratch, 'reuse.db');
    await runBatch({ inputs: [corpus], db, workers: 1, analysers: ['language'] });
    const copies = records.filter((r) => r.copy).map((r) => r.copy!);
    assert.ok(copies.some((c) => c.kind === 'passage') && copies.some((c) => c.kind === 'near-duplicate'));
    const store = new Store(db);
    try {
      const found = new Set<string>();
      for (const row of store.db.prepare('SELECT id FROM articles').all() as { id: number }[]) {
        const [self] = store.db.prepare('SELECT article_id FROM articles WHERE id = ?').all(row.id) as {
          article_id: string;
        }[];
        for (const link of store.reuse.links(row.id))
          found.add(`${self!.article_id} ${link.other.articleId}`);
      }
      for (const c of copies)
        assert.ok(found.has(`${c.copy} ${c.original}`), `${c.kind} ${c.copy} → ${c.original}`);
      assert.equal(found.size, copies.length * 2, 'no other links');
    } finally {
      store.close();
    }

    const passage = copies.find((c) => c.kind === 'passage')!;
    const { code, stdout } = await spinlens(['reuse', passage.copy, '--db', db]);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`reused passages: ${passage.original} · `));
    assert.match(stdout, /here \d+–\d+ ↔ there \d+–\d+ · similarity 0\.\d\d/);
    const json = await spinlens(['reuse', passage.original, '--db', db, '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as { links: { other: { id: string }; passages: unknown[] }[] };
    assert.equal(parsed.links[0]!.other.id, passage.copy);
    assert.equal(parsed.links[0]!.passages.length, 1);

    const missing = await spinlens(['reuse', 'no-such-article', '--db', db]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no-such-article: no article with this id/);
  });

  it('killed at random moments and resumed, ends with the same rows as an uninterrupted run', async () => {
    const reference = join(scratch, 'reference.db');
    const result = await runBatch({ inputs: [corpus], db: reference, workers: 1, analysers: ANALYSERS });
    const resumed = join(scratch, 'resumed.db');
    const args = ['--import', 'tsx', 'src/cli/main.ts', 'batch', '--db', resumed, '-w', '1'];
    args.push('-a', ANALYSERS.join(','), '--commit-every', '7', corpus);
    const stored: number[] = [];
    for (let kill = 0; kill < 5; kill++) {
      const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        // Kill at a random point of the batch: once a random share of its first 70% is stored, plus
        // jitter (a fast batch stores dozens of articles in a few ms: a later target could let it
        // finish before the kill, and every later run would then find the store complete).
        const target = Math.floor(Math.random() * 0.7 * result.analysed);
        while (count(resumed, 'articles') < target && child.exitCode === null) await sleep(10);
        await sleep(Math.random() * 20);
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      stored.push(count(resumed, 'articles'));
    }
    const last = await spinlens(['batch', '--db', resumed, '-w', '1', '-a', ANALYSERS.join(','), corpus]);
    assert.equal(last.code, 1);
    assert.ok(
      stored.filter((n) => n < result.analysed).length >= 3,
      `kills left partial stores: ${stored.join(', ')}`,
    );
    assert.deepEqual(dumpStore(resumed), dumpStore(reference));
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
