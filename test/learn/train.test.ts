import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadDataset } from '../../src/eval/dataset.ts';
import { calibrated, fbetaThreshold, fitPlatt } from '../../src/learn/calibration.ts';
import { experimentByName } from '../../src/learn/configs.ts';
import { decodeModel, loadModel, MODEL_SCHEMA, readModelInfo } from '../../src/learn/model.ts';
import { decisionValues, featuresOf, predictLabels } from '../../src/learn/predict.ts';
import { RECIPE_EXPERIMENTS, recipeFor } from '../../src/learn/recipe.ts';
import { dataHash, trainAll } from '../../src/learn/train.ts';
import { trainedFixture } from './train-fixture.ts';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('training on the same data twice writes identical bytes', () => {
  const a = mkdtempSync(join(tmpdir(), 'spinlens-a-'));
  const b = mkdtempSync(join(tmpdir(), 'spinlens-b-'));
  trainAll('test/fixtures/eval', a, { command: 'spinlens train --data test/fixtures/eval' });
  trainAll('test/fixtures/eval', b, { command: 'spinlens train --data test/fixtures/eval' });
  const files = readdirSync(a).sort();
  assert.deepEqual(files, ['multi.splm', 'xx.splm']);
  assert.deepEqual(readdirSync(b).sort(), files);
  for (const f of files) assert.equal(sha(join(a, f)), sha(join(b, f)), f);
});

test('a model file records schema, data hash, command and recipe', () => {
  const out = mkdtempSync(join(tmpdir(), 'spinlens-info-'));
  trainAll('test/fixtures/eval', out, {
    command: 'spinlens train --data test/fixtures/eval',
    noMultilingual: true,
  });
  const info = readModelInfo(join(out, 'xx.splm'));
  assert.equal(info.schema, MODEL_SCHEMA);
  assert.equal(info.language, 'xx');
  assert.equal(info.command, 'spinlens train --data test/fixtures/eval');
  assert.equal(info.dataHash, dataHash('test/fixtures/eval', ['xx']));
  assert.match(info.dataHash, /^[0-9a-f]{64}$/);
  assert.equal(info.recipe['3'], RECIPE_EXPERIMENTS[3]);
});

test('a recipe override trains and records other experiments, the opinion head following subtask 3', () => {
  const out = mkdtempSync(join(tmpdir(), 'spinlens-recipe-'));
  const recipe = { 1: 'weights-words-logit', 3: 'style-words' } as const;
  trainAll('test/fixtures/eval', out, { command: 'test', noMultilingual: true, recipe });
  const model = loadModel(join(out, 'xx.splm'));
  assert.deepEqual(model.recipe, {
    ...RECIPE_EXPERIMENTS,
    ...recipe,
    opinion: 'balanced, subtask-3 features',
  });
  assert.equal(model.heads.genre.features.charMax, 0);
  assert.equal(model.heads.techniques.features.charMax, 0);
  assert.equal(model.heads.opinion.features.charMax, 0);
  assert.deepEqual(model.heads.frames.features, experimentByName(RECIPE_EXPERIMENTS[2]).learn.features);
});

test('the recipe resolves to the named experiments of configs.ts', () => {
  for (const s of [1, 2, 3] as const) {
    const r = recipeFor(s);
    assert.deepEqual(r.learn, experimentByName(RECIPE_EXPERIMENTS[s]).learn);
  }
  assert.throws(() => recipeFor(1, 'no-such-experiment'), /unknown experiment/);
});

test('save and load keep the scores; the trained model separates the synthetic classes', () => {
  const { data, models } = trainedFixture();
  const path = join(models, 'en.splm');
  const once = loadModel(path);
  const twice = decodeModel(readFileSync(path));
  const article = loadDataset(join(data, 'en')).articles[0]!.article;
  for (const name of ['genre', 'frames', 'techniques', 'opinion'] as const) {
    const z1 = decisionValues(once.heads[name], featuresOf(article, once.heads[name]));
    const z2 = decisionValues(twice.heads[name], featuresOf(article, twice.heads[name]));
    assert.deepEqual([...z1], [...z2]);
  }
  const dataset = loadDataset(join(data, 'en'));
  const genres = predictLabels(
    once,
    'genre',
    dataset.articles.map((a) => ({ article: a.article12 })),
  );
  const right = genres.filter((g, i) => g[0] === dataset.articles[i]!.genre).length;
  assert.ok(right >= dataset.articles.length - 1, `${right} of ${dataset.articles.length} genres right`);
  const head = once.heads.techniques;
  for (const l of head.labels) {
    assert.ok(l.thresholds.recall <= l.thresholds.f1 && l.thresholds.f1 <= l.thresholds.precision, l.label);
  }
});

test('Platt scaling matches observed frequencies and F-beta orders the operating points', () => {
  // Decision values where the positive rate rises with z: 10%, 50%, 90% at z = −2, 0, 2.
  const z: number[] = [];
  const y: number[] = [];
  for (const [value, rate] of [
    [-2, 0.1],
    [0, 0.5],
    [2, 0.9],
  ] as const) {
    for (let i = 0; i < 100; i++) {
      z.push(value);
      y.push(i < rate * 100 ? 1 : 0);
    }
  }
  const p = fitPlatt(z, y);
  assert.ok(Math.abs(calibrated(p, -2) - 0.1) < 0.03);
  assert.ok(Math.abs(calibrated(p, 0) - 0.5) < 0.03);
  assert.ok(Math.abs(calibrated(p, 2) - 0.9) < 0.03);
  const precise = fbetaThreshold(z, y, 0.5, 0);
  const recall = fbetaThreshold(z, y, 2, 0);
  assert.ok(recall < precise);
  assert.equal(fbetaThreshold([1, 2], [0, 1], 1, 42), 42, 'too few positives: fallback');
});
