import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { runBatch } from '../../src/corpus/batch.ts';
import { NEVER_END } from '../fixtures/corpus/trouble-analyser.ts';

const TROUBLE = new URL('../fixtures/corpus/trouble-analyser.ts', import.meta.url).href;

test('a batch goes past an article that never finishes: it fails with the time limit and its worker is replaced', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'spinlens-watchdog-'));
  try {
    const inputs = join(dir, 'articles');
    await mkdir(inputs);
    await writeFile(join(inputs, 'a-first.txt'), 'The harbour reopened on Monday after the storm.\n');
    await writeFile(join(inputs, 'b-stuck.txt'), `A council meeting ran late.\n\n${NEVER_END}\n`);
    await writeFile(join(inputs, 'c-last.txt'), 'Le marché couvert rouvrira ses portes au printemps.\n');
    const db = join(dir, 'store.db');
    const result = await runBatch({
      inputs: [inputs],
      db,
      workers: 1,
      analysers: ['language'],
      testAnalysers: [TROUBLE],
      taskTimeoutMs: 1000,
    });
    assert.equal(result.analysed, 2);
    assert.equal(result.failed, 1);
    assert.match(result.failures[0]!.source, /b-stuck\.txt$/);
    assert.match(result.failures[0]!.error, /analysis took longer than 1 s/);
    assert.equal(result.restarts, 1);
    const store = new Database(db, { readonly: true });
    try {
      assert.deepEqual(store.prepare('SELECT count(*) AS n FROM articles').get(), { n: 2 });
    } finally {
      store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
