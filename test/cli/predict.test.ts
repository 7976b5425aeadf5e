import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { onEvalData, spinlens, trainFixtureModels } from './helpers.ts';

describe('spinlens predict', () => {
  let models: string;
  before(() => {
    models = trainFixtureModels('spinlens-predict-');
  });

  it('writes subtask 1 rows as id<TAB>genre, one per article', async () => {
    const out = join(models, 'st1.tsv');
    const { code, stderr } = await onEvalData('predict', '1', models, ['--out', out]);
    assert.equal(code, 0, stderr);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.deepEqual(
      rows.map((r) => r.split('\t')[0]),
      ['901', '902'],
    );
    for (const r of rows) assert.match(r, /^\d+\t(opinion|reporting|satire)$/);
    assert.match(stderr, /2 rows for 2 articles/);
  });

  it('writes subtask 2 rows as id<TAB>frame,frame (possibly empty) to stdout without --out', async () => {
    const { code, stdout } = await onEvalData('predict', '2', models, ['--lang', 'xx']);
    assert.equal(code, 0);
    for (const r of stdout.trimEnd().split('\n')) assert.match(r, /^\d+\t([A-Za-z_]+(,[A-Za-z_]+)*)?$/);
  });

  it('writes one subtask 3 row per paragraph line, including paragraphs without technique', async () => {
    const { code, stdout } = await onEvalData('predict', '3', models, ['--lang', 'xx']);
    assert.equal(code, 0);
    const keys = stdout
      .trimEnd()
      .split('\n')
      .map((r) => r.split('\t').slice(0, 2).join(':'));
    assert.deepEqual(keys, ['901:1', '901:3', '901:6', '901:7', '902:1', '902:3']);
    for (const r of stdout.trimEnd().split('\n')) assert.equal(r.split('\t').length, 3);
  });

  it('gives a line holding only U+FEFF its own row, as the organisers count it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'spinlens-feff-')), 'en');
    mkdirSync(join(dir, 'articles'), { recursive: true });
    writeFileSync(
      join(dir, 'articles', 'article7.txt'),
      'Title here\n\nFirst paragraph.\n\ufeff\nLast paragraph.\n',
    );
    const { stdout } = await spinlens(['predict', '--data', dir, '--subtask', '3', '--models', models]);
    assert.deepEqual(
      stdout
        .trimEnd()
        .split('\n')
        .map((r) => r.split('\t')[1]),
      ['1', '3', '4', '5'],
    );
    assert.match(stdout, /^7\t4\t$/m);
  });

  it('a bad subtask, a folder without articles/ or a missing --data are usage errors', async () => {
    const bad = await onEvalData('predict', '4', models);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Allowed choices are 1, 2, 3/);
    const noArticles = await spinlens([
      'predict',
      '--data',
      'test/fixtures',
      '--subtask',
      '1',
      '--models',
      models,
    ]);
    assert.equal(noArticles.code, 2);
    assert.match(noArticles.stderr, /no articles\/ folder/);
    const noData = await spinlens(['predict', '--subtask', '1']);
    assert.equal(noData.code, 2);
    assert.match(noData.stderr, /--data/);
  });
});
