import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { spinlens } from '../cli/helpers.ts';

const FIXTURE = 'test/fixtures/spans/fr';
const GOLD_SPANS = readFileSync(join(FIXTURE, 'spans-subtask-3.tsv'), 'utf8').trim().split('\n').length;

it('eval --subtask spans scores the shipped analysers’ spans, technique-aware and blind', async () => {
  const { code, stdout, stderr } = await spinlens(['eval', '--data', FIXTURE, '--subtask', 'spans']);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^technique-aware\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}/m);
  assert.match(stdout, /^technique-blind\s+\d\.\d{3}/m);
  const json = await spinlens(['eval', '--data', FIXTURE, '--subtask', 'spans', '--json']);
  const scores = JSON.parse(json.stdout) as { aware: { gold: number; f1: number }; blind: { f1: number } };
  assert.equal(scores.aware.gold, GOLD_SPANS);
  for (const f1 of [scores.aware.f1, scores.blind.f1]) assert.ok(f1 >= 0 && f1 <= 1);
});

it('eval --subtask spans on a folder without a span file exits 1 naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spinlens-spans-nogold-'));
  try {
    cpSync(join(FIXTURE, 'articles'), join(dir, 'fr', 'articles'), { recursive: true });
    const { code, stderr } = await spinlens(['eval', '--data', join(dir, 'fr'), '--subtask', 'spans']);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /spans-subtask-3\.tsv missing/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
