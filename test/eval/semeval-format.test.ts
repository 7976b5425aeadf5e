import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatArticleLabels,
  formatParagraphLabels,
  parseArticleLabels,
  parseParagraphLabels,
  parseSpans,
} from '../../src/eval/semeval-format.ts';

test('parses article label rows, empty label lists and CRLF', () => {
  const rows = parseArticleLabels('11\tEconomic,Morality\r\n12\t\r\n13\n');
  assert.deepEqual(rows, [
    { id: '11', labels: ['Economic', 'Morality'] },
    { id: '12', labels: [] },
    { id: '13', labels: [] },
  ]);
});

test('parses paragraph rows and round-trips them', () => {
  const text = '5\t1\t\n5\t3\tDoubt,Slogans\n';
  const rows = parseParagraphLabels(text);
  assert.deepEqual(rows[1], { id: '5', line: 3, labels: ['Doubt', 'Slogans'] });
  assert.equal(formatParagraphLabels(rows), text);
  assert.equal(formatArticleLabels([{ id: '7', labels: ['satire'] }]), '7\tsatire\n');
});

test('parses spans and names the file and line of a bad row', () => {
  assert.deepEqual(parseSpans('9\tDoubt\t4\t20\n'), [{ id: '9', technique: 'Doubt', start: 4, end: 20 }]);
  assert.throws(() => parseSpans('9\tDoubt\tfour\t20\n', 'x.tsv'), /x\.tsv:1/);
  assert.throws(() => parseParagraphLabels('9\t1\ta\tb\n', 'y.tsv'), /y\.tsv:1/);
});
