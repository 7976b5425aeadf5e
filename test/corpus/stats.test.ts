import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { type CorpusStats, corpusStats } from '../../src/corpus/stats.ts';
import { Store } from '../../src/corpus/store.ts';
import { spinlens } from '../cli/helpers.ts';
import { handMadeReports, storeWith } from './stats-fixtures.ts';

let scratch: string;
let db: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'spinlens-stats-'));
  db = join(scratch, 'stats.db');
  storeWith(db, handMadeReports());
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function statsOf(options: Parameters<typeof corpusStats>[1]): CorpusStats {
  const store = new Store(db, { mustExist: true });
  try {
    return corpusStats(store.db, options);
  } finally {
    store.close();
  }
}

const near = (actual: number | undefined, expected: number) =>
  assert.ok(Math.abs((actual ?? Number.NaN) - expected) < 1e-9, `${actual} ≈ ${expected}`);

describe('corpus statistics', () => {
  it('counts articles, paragraphs, genres, frames and techniques over the whole store', () => {
    const { groups } = statsOf({});
    assert.equal(groups.length, 1);
    const all = groups[0]!;
    assert.deepEqual([all.group, all.articles, all.paragraphs], ['all', 3, 9]);
    assert.deepEqual(
      all.techniques.map((t) => [t.label, t.count]),
      [
        ['Loaded_Language', 3],
        ['Doubt', 2],
      ],
    );
    near(all.techniques[0]!.per1000, 3000 / 9);
    near(all.techniques[1]!.per1000, 2000 / 9);
    assert.deepEqual(
      all.genres.map((g) => [g.label, g.count]),
      [
        ['reporting', 2],
        ['opinion', 1],
      ],
    );
    near(all.genres[0]!.share, 2 / 3);
    assert.deepEqual(
      all.frames.map((f) => [f.label, f.count]),
      [
        ['Political', 2],
        ['Morality', 1],
      ],
    );
    near(all.frames[0]!.share, 2 / 3);
    near(all.frames[0]!.per1000, 2000 / 9);
    assert.deepEqual(all.terms[0], { term: 'word:disgrace', count: 2 });
    assert.equal(all.terms.length, 5);
  });

  it('groups by outlet, language, month and predicted genre', () => {
    const byOutlet = statsOf({ by: 'outlet' }).groups;
    assert.deepEqual(
      byOutlet.map((g) => [g.group, g.articles, g.paragraphs]),
      [
        ['Daily Bugle', 2, 7],
        ['Le Matin', 1, 2],
      ],
    );
    near(byOutlet[0]!.techniques.find((t) => t.label === 'Doubt')!.per1000, 2000 / 7);
    near(byOutlet[1]!.techniques[0]!.per1000, 500);
    assert.deepEqual(
      statsOf({ by: 'language' }).groups.map((g) => [g.group, g.articles]),
      [
        ['en', 2],
        ['fr', 1],
      ],
    );
    // A date-time counts in its month, like a date.
    assert.deepEqual(
      statsOf({ by: 'month' }).groups.map((g) => [g.group, g.articles, g.paragraphs]),
      [
        ['2024-01', 2, 6],
        ['2024-02', 1, 3],
      ],
    );
    const byGenre = statsOf({ by: 'genre' }).groups;
    assert.deepEqual(
      byGenre.map((g) => [g.group, g.articles, g.paragraphs]),
      [
        ['reporting', 2, 5],
        ['opinion', 1, 4],
      ],
    );
    assert.deepEqual(
      byGenre[1]!.genres.map((g) => [g.label, g.share]),
      [['opinion', 1]],
    );
  });

  it('narrows rates, terms and the trend to one technique', () => {
    const result = statsOf({ technique: 'Doubt', terms: 1 });
    assert.deepEqual(
      result.groups[0]!.techniques.map((t) => [t.label, t.count]),
      [['Doubt', 2]],
    );
    assert.deepEqual(result.groups[0]!.terms, [{ term: 'word:allegedly', count: 1 }]);
    assert.deepEqual(
      result.trend.map((p) => [p.month, p.articles, p.paragraphs, p.techniques]),
      [
        ['2024-01', 2, 6, 1],
        ['2024-02', 1, 3, 1],
      ],
    );
    near(result.trend[0]!.per1000, 1000 / 6);
  });

  it('gives a monthly trend of all techniques', () => {
    assert.deepEqual(
      statsOf({}).trend.map((p) => [p.month, p.techniques]),
      [
        ['2024-01', 4],
        ['2024-02', 1],
      ],
    );
  });

  it('prints JSON, CSV and an aligned table', async () => {
    const json = await spinlens(['stats', '--db', db, '--by', 'outlet', '--format', 'json']);
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.stdout) as CorpusStats;
    assert.equal(parsed.by, 'outlet');
    assert.deepEqual(Object.keys(parsed.groups[0]!), [
      'group',
      'articles',
      'paragraphs',
      'genres',
      'frames',
      'techniques',
      'terms',
    ]);

    const csv = await spinlens(['stats', '--db', db, '--by', 'outlet', '--format', 'csv']);
    assert.equal(csv.code, 0);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.section === 'technique' && r.group === 'Le Matin');
    assert.deepEqual(row, {
      section: 'technique',
      group: 'Le Matin',
      label: 'Loaded_Language',
      count: '1',
      per_1000_paragraphs: '500',
      share_of_articles: '',
    });
    assert.ok(rows.some((r) => r.section === 'trend' && r.group === '2024-02' && r.label === 'articles'));

    const table = await spinlens(['stats', '--db', db, '--by', 'outlet']);
    assert.equal(table.code, 0);
    assert.ok(!table.stdout.includes('\u001b['), 'no colours when not on a terminal');
    const lines = table.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('outlet'))!;
    const bugle = lines.find((l) => l.startsWith('Daily Bugle'))!;
    // Numbers are right-aligned under their header.
    assert.equal(bugle.indexOf(' 2 ') + 1, header.indexOf('articles') + 'articles'.length - 1);
    assert.match(table.stdout, /Loaded_Language\s+285\.71\s+500/);
  });

  it('refuses an unknown technique and a missing store', async () => {
    const unknown = await spinlens(['stats', '--db', db, '--technique', 'Shouting']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown technique Shouting/);
    const missing = await spinlens(['stats', '--db', join(scratch, 'none.db')]);
    assert.equal(missing.code, 1);
  });
});
