import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { EVAL_DATA, onEvalData, spinlens, trainFixtureModels } from './helpers.ts';

describe('spinlens eval', () => {
  let models: string;
  before(() => {
    models = trainFixtureModels('spinlens-eval-');
  });

  it('prints the official measure and a per-label table, warning when the model saw this data', async () => {
    const { code, stdout, stderr } = await onEvalData('eval', '3', models, ['--lang', 'xx']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /micro-F1 \d\.\d{3} {2}macro-F1 \d\.\d{3}/);
    assert.match(stdout, /^Loaded_Language +\d\.\d{3} +\d\.\d{3} +\d\.\d{3} +\d+$/m);
    assert.match(stderr, /warning: the xx model was trained on exactly this data/);
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await onEvalData('eval', '1', models, ['--lang', 'xx', '--json']);
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
    const { code, stderr } = await spinlens(['eval', '--data', EVAL_DATA, '--subtask', 'x']);
    assert.equal(code, 2);
    assert.match(stderr, /Allowed choices/);
  });
});
