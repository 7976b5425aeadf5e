import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadDataset } from '../../src/eval/dataset.ts';
import { buildTask } from '../../src/eval/tasks.ts';

const dir = join(import.meta.dirname, '..', 'fixtures', 'eval', 'xx');

test('loads articles, overrides and every label file of a language folder', () => {
  const ds = loadDataset(dir, 'en');
  assert.equal(ds.folder, 'xx');
  assert.equal(ds.language, 'en');
  assert.deepEqual(
    ds.articles.map((a) => a.article.id),
    ['901', '902'],
  );
  const [a, b] = ds.articles;
  assert.equal(a!.genre, 'opinion');
  assert.deepEqual(a!.frames, ['Economic', 'Political']);
  assert.deepEqual(b!.frames, []);
  assert.deepEqual([...a!.techniques!.keys()], [1, 3, 6, 7]);
  assert.deepEqual(a!.techniques!.get(6), ['Loaded_Language', 'Name_Calling-Labeling']);
  // The subtask-1/2 copy comes from the override folder when there is one.
  assert.equal(a!.article12, a!.article);
  assert.match(b!.article12.text, /and the south/);
  assert.doesNotMatch(b!.article.text, /and the south/);
});

test('keeps the BOM so span offsets land on the right characters', () => {
  const ds = loadDataset(dir, 'en');
  const a = ds.articles[0]!;
  assert.equal(a.article.text.charCodeAt(0), 0xfeff);
  const span = a.spans![0]!;
  assert.equal(a.article.text.slice(span.start, span.end), 'disgraceful');
  assert.equal(a.article.title, 'The mayor shocks the town');
  // Line numbers skip blank lines and the CRLF stays out of the paragraph.
  assert.deepEqual(
    a.article.paragraphs.map((p) => p.line),
    [1, 3, 6, 7],
  );
  assert.equal(a.article.paragraphs[2]!.text, 'Critics called the plan a disgraceful tax grab!');
});

test('builds one row per labelled paragraph for subtask 3, and one per article otherwise', () => {
  const ds = loadDataset(dir, 'en');
  const st3 = buildTask(ds, 3);
  assert.deepEqual(st3.keys, ['901_1', '901_3', '901_6', '901_7', '902_1', '902_3']);
  const L = st3.labels.length;
  const row = (r: number) => st3.labels.filter((_, j) => st3.gold[r * L + j] === 1);
  assert.deepEqual(row(2), ['Loaded_Language', 'Name_Calling-Labeling']);
  assert.deepEqual(row(1), []);
  const st1 = buildTask(ds, 1);
  assert.deepEqual(st1.keys, ['901', '902']);
  assert.match(st1.units[1]!.article.text, /and the south/);
});
