import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { parseArticleLabels, parseParagraphLabels } from '../../src/eval/semeval-format.ts';
import type { Report } from '../../src/pipeline/report.ts';
import { buildReport } from '../../src/pipeline/report.ts';
import { spinlens } from '../cli/helpers.ts';
import { articleFromText, semevalText } from '../helpers.ts';
import { handMadeReports, storeWith } from './stats-fixtures.ts';

let scratch: string;
let db: string;
let reports: Report[];
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'spinlens-export-'));
  db = join(scratch, 'export.db');
  reports = handMadeReports();
  // A span whose words hold a comma and quotes, to exercise CSV quoting.
  reports[1]!.findings.push({
    analyser: 'quotes',
    label: 'direct-quote',
    score: 0.9,
    paragraph: 1,
    span: { start: reports[1]!.article.paragraphs[1]!.start, end: reports[1]!.article.paragraphs[1]!.end },
    attributes: { speaker: 'the "council", officially' },
  });
  storeWith(db, reports);
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('spinlens export', () => {
  it('jsonl: one report per line, the JSON analyze prints, in article id order', async () => {
    const { code, stdout } = await spinlens(['export', '--db', db, '--format', 'jsonl']);
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    const parsed = lines.map((l) => JSON.parse(l) as Report);
    assert.deepEqual(
      parsed.map((r) => r.article.id),
      ['bugle-1', 'bugle-2', 'matin-1'],
    );
    const original = reports.find((r) => r.article.id === 'bugle-2')!;
    assert.deepEqual(parsed[1], JSON.parse(JSON.stringify(original)));
  });

  it('csv: one row per finding with line, span words and attributes, quoted where needed', async () => {
    const out = join(scratch, 'findings.csv');
    const { code } = await spinlens(['export', '--db', db, '--format', 'csv', '--out', out]);
    assert.equal(code, 0);
    const text = await readFile(out, 'utf8');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    assert.equal(
      rows.length,
      reports.reduce((n, r) => n + r.findings.length, 0),
    );
    assert.deepEqual(Object.keys(rows[0]!), [
      'article_id',
      'analyser',
      'label',
      'score',
      'line',
      'span_start',
      'span_end',
      'span_text',
      'attributes',
    ]);
    const quote = rows.find((r) => r.analyser === 'quotes')!;
    assert.equal(quote.article_id, 'bugle-2');
    assert.equal(quote.line, '3', 'paragraph 1 sits on line 3 (title, blank line, paragraph)');
    assert.equal(
      quote.span_text,
      'The night shelter on Dock Street closed on Friday, allegedly ahead of schedule.',
    );
    assert.deepEqual(JSON.parse(quote.attributes!), { speaker: 'the "council", officially' });
    assert.ok(
      text.includes('"{""speaker"":""the \\""council\\"", officially""}"'),
      'quotes doubled, field quoted',
    );
    const doubt = rows.find((r) => r.article_id === 'bugle-1' && r.label === 'Doubt')!;
    assert.deepEqual([doubt.line, doubt.span_start, doubt.span_text], ['4', '', '']);
    const genre = rows.find((r) => r.analyser === 'genre')!;
    assert.equal(genre.line, '', 'article-level findings have no line');
  });

  it('semeval: the label files predict writes, from the stored findings', async () => {
    const st1 = await spinlens(['export', '--db', db, '--format', 'semeval', '--subtask', '1']);
    assert.equal(st1.stdout, 'bugle-1\topinion\nbugle-2\treporting\nmatin-1\treporting\n');
    const st2 = await spinlens(['export', '--db', db, '--format', 'semeval', '--subtask', '2']);
    // Frames in the inventory's order; an article without frames keeps its row.
    assert.equal(st2.stdout, 'bugle-1\tMorality,Political\nbugle-2\tPolitical\nmatin-1\t\n');
    const st3 = await spinlens(['export', '--db', db, '--format', 'semeval', '--subtask', '3']);
    // Every paragraph line (title = 1, the blank line 2 skipped), techniques in the inventory's order.
    assert.equal(
      st3.stdout,
      [
        'bugle-1\t1\t',
        'bugle-1\t3\tLoaded_Language',
        'bugle-1\t4\tLoaded_Language,Doubt',
        'bugle-1\t5\t',
        'bugle-2\t1\t',
        'bugle-2\t3\tDoubt',
        'bugle-2\t4\t',
        'matin-1\t1\tLoaded_Language',
        'matin-1\t3\t',
        '',
      ].join('\n'),
    );
    // The organisers' parsers read them back.
    assert.equal(parseArticleLabels(st1.stdout).length, 3);
    assert.equal(parseParagraphLabels(st3.stdout).filter((r) => r.labels.length > 0).length, 4);
  });

  it('semeval: articles the subtask analyser did not run on get no row and a note', async () => {
    const path = join(scratch, 'partial.db');
    const lone = articleFromText(semevalText('A quiet day', ['Nothing happened in the harbour today.']), {
      id: 'quiet-1',
      lang: 'en',
    });
    const language = { name: 'language', version: '1', description: 'language', analyse: () => [] };
    storeWith(path, [...handMadeReports(), buildReport(lone, [], [language], {})]);
    const { code, stdout, stderr } = await spinlens([
      'export',
      '--db',
      path,
      '--format',
      'semeval',
      '--subtask',
      '3',
    ]);
    assert.equal(code, 0);
    assert.doesNotMatch(stdout, /quiet-1/);
    assert.match(stderr, /quiet-1: no techniques findings in the store, no row/);
  });

  it('usage errors: semeval without subtask, subtask without semeval', async () => {
    assert.equal((await spinlens(['export', '--db', db, '--format', 'semeval'])).code, 2);
    assert.equal((await spinlens(['export', '--db', db, '--format', 'csv', '--subtask', '1'])).code, 2);
    assert.equal((await spinlens(['export', '--db', db])).code, 2);
  });
});
