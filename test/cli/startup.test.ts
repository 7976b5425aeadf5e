/**
 * Start-up cost: `--version` and `--help` must not load the analysers, the server, SQLite or the
 * HTML tools, and each command loads only what it uses. A module hook (test/fixtures/cli/
 * record-loads.mjs) logs every module the process loads; the assertions read that log, no timing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/** Packages that each cost a noticeable part of a second to load, and the analysers. */
const HEAVY = [
  '/node_modules/eld/',
  '/node_modules/chrono-node/',
  '/node_modules/fastify/',
  '/node_modules/linkedom/',
  '/node_modules/@mozilla/readability/',
  '/node_modules/better-sqlite3/',
  '/node_modules/cli-progress/',
  '/src/analysers/',
];

/** Runs the CLI in a child process and returns its exit status and the URLs of the modules it loaded. */
function loadedBy(args: string[]): { status: number | null; loaded: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'spinlens-loads-'));
  const log = join(dir, 'loads.txt');
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './test/fixtures/cli/record-loads.mjs', 'src/cli/main.ts', ...args],
    { encoding: 'utf8', env: { ...process.env, SPINLENS_LOAD_LOG: log } },
  );
  const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  rmSync(dir, { recursive: true });
  return { status: result.status, loaded };
}

function heavyIn(loaded: string[]): string[] {
  return HEAVY.filter((part) => loaded.some((url) => url.includes(part)));
}

describe('CLI start-up loads only what the command uses', () => {
  for (const args of [['--version'], ['--help'], ['stats', '--help'], ['serve', '--help']]) {
    it(`spinlens ${args.join(' ')}`, () => {
      const { status, loaded } = loadedBy(args);
      assert.equal(status, 0);
      // The log works: the entry point and commander are in it.
      assert.ok(loaded.some((url) => url.endsWith('/src/cli/main.ts')));
      assert.ok(loaded.some((url) => url.includes('/node_modules/commander/')));
      assert.deepEqual(heavyIn(loaded), []);
    });
  }

  it('spinlens reuse opens the store (SQLite) without loading the analysers or the server', () => {
    const { status, loaded } = loadedBy(['reuse', 'some-id', '--db', join(tmpdir(), 'no-such-dir', 'x.db')]);
    assert.equal(status, 1);
    assert.deepEqual(heavyIn(loaded), ['/node_modules/better-sqlite3/']);
  });
});
