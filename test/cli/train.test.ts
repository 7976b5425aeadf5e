import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readModelInfo } from '../../src/learn/model.ts';
import { spinlens } from './helpers.ts';

describe('spinlens train', () => {
  it('trains one model and one span tagger per language folder plus the multilingual model, and records the command', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spinlens-cli-train-'));
    const { code, stdout, stderr } = await spinlens(['train', '--data', 'test/fixtures/eval', '--out', out]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /trained 3 model files/);
    assert.match(stderr, /xx: wrote/);
    assert.deepEqual(readdirSync(out).sort(), ['multi.splm', 'spans-xx.bin', 'xx.splm']);
    assert.equal(
      readModelInfo(join(out, 'xx.splm')).command,
      `spinlens train --data test/fixtures/eval --out ${out}`,
    );
  });

  it('takes the data folder from SPINLENS_DATA', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spinlens-cli-env-'));
    const { code } = await spinlens(['train', '--out', out, '--no-multilingual'], {
      env: { SPINLENS_DATA: 'test/fixtures/eval' },
    });
    assert.equal(code, 0);
    assert.deepEqual(readdirSync(out).sort(), ['spans-xx.bin', 'xx.splm']);
  });

  it('--recipe trains the named experiments and records them and the flag', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spinlens-cli-recipe-'));
    const args = ['train', '--data', 'test/fixtures/eval', '--out', out, '--no-multilingual'];
    const { code, stderr } = await spinlens([...args, '--recipe', '2=style-words,3=style-words']);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /techniques \(style-words,/);
    const info = readModelInfo(join(out, 'xx.splm'));
    assert.equal(info.recipe['2'], 'style-words');
    assert.equal(
      info.command,
      `spinlens train --data test/fixtures/eval --out ${out} --no-multilingual --recipe 2=style-words,3=style-words`,
    );
  });

  it('a --recipe that names no known subtask and experiment is a usage error', async () => {
    for (const recipe of ['4=style', '3=no-such-experiment', 'style-words', '3=multi']) {
      const r = await spinlens([
        'train',
        '--data',
        'test/fixtures/eval',
        '--out',
        tmpdir(),
        '--recipe',
        recipe,
      ]);
      assert.equal(r.code, 2, recipe);
      assert.match(r.stderr, /--recipe/, recipe);
    }
  });

  it('a missing or empty data folder is a usage error', async () => {
    const missing = await spinlens(['train', '--data', 'test/fixtures/no-such-dir', '--out', tmpdir()]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such directory/);
    const empty = await spinlens(['train', '--data', mkdtempSync(join(tmpdir(), 'spinlens-empty-'))]);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /no language folder/);
  });
});
