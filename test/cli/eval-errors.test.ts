import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { spinlens } from './helpers.ts';

it('eval on a folder without gold labels names the folder and exits 1, not as an internal error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spinlens-eval-nogold-'));
  const data = join(dir, 'xx');
  try {
    cpSync('test/fixtures/eval/xx/articles', join(data, 'articles'), { recursive: true });
    const { code, stderr } = await spinlens(['eval', '--data', data, '--subtask', '3', '--lang', 'xx']);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /xx: no gold labels for subtask 3 \(labels-subtask-3\.tsv missing or empty\)/);
    assert.doesNotMatch(stderr, /internal error/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
