import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { trainAll } from '../../src/learn/train.ts';
import { spinlens } from './helpers.ts';

const DATA = 'test/fixtures/eval/xx';

describe('spinlens eval', () => {
  let models: string;
  before(() => {
    models = mkdtempSync(join(tmpdir(), 'spinlens-eval-'));
    trainAll('test/fixtures/eval', models, { command: 'test' });
  });

  it('prints the official measure and a per-label table, warning when the model saw this data', async () => {
    const { code, stdout, stderr } = await spinlens([
      'eval',
      '--data',
      DATA,
      '--subtask',
      '3',
      '--models',
      models,
      '--lang',
      'xx',
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /micro-F1 \d\.\d{3} {2}macro-F1 \d\.\d{3}/);
    assert.match(stdout, /^Loaded_Language +\d\.\d{3} +\d\.\d{3} +\d\.\d{3} +\d+$/m);
    assert.match(stderr, /warning: the xx model was trained on exactly this data/);
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await spinlens([
      'eval',
      '--data',
      DATA,
      '--subtask',
      '1',
      '--models',
      models,
      '--lang',
      'xx',
      '--json',
    ]);
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as {
      subtask: number;
      macroF1: number;
      perLabel: { label: string }[];
      rows: number;
    };
    assert.equal(result.subtask, 1);
    assert.equal(result.rows, 2);
    assert.deepEqual(
      result.perLabel.map((l) => l.label),
      ['opinion', 'reporting', 'satire'],
    );
    assert.ok(result.macroF1 >= 0 && result.macroF1 <= 1);
  });

  it('a bad subtask is a usage error', async () => {
    const { code, stderr } = await spinlens(['eval', '--data', DATA, '--subtask', 'x']);
    assert.equal(code, 2);
    assert.match(stderr, /Allowed choices/);
  });
});
