import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lexiconDir, lexiconJson, lexiconLines } from '../../src/lexicons.ts';

describe('lexicon files', () => {
  it('finds lexicons/ at the package root', () => {
    assert.ok(existsSync(join(lexiconDir(), 'common', 'boilerplate.json')));
  });

  it('reads one entry per line, without comments or blank lines, once', () => {
    const entries = lexiconLines('fr/abbreviations.txt');
    assert.ok(entries.includes('M.') && entries.includes('~etc.'));
    assert.ok(!entries.some((e) => e === '' || e.startsWith('#')));
    assert.equal(lexiconLines('fr/abbreviations.txt'), entries);
  });

  it('gives an empty list for a language without a list', () => {
    assert.deepEqual(lexiconLines('xx/abbreviations.txt'), []);
  });

  it('parses JSON lexicons and names a missing one', () => {
    assert.ok(Array.isArray((lexiconJson('common/boilerplate.json') as { patterns: unknown[] }).patterns));
    assert.throws(
      () => lexiconJson('common/missing.json'),
      /lexicon file missing: lexicons\/common\/missing\.json/,
    );
  });
});
