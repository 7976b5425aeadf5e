import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { generateCorpus } from '../../bench/gen-corpus.ts';
import { runBatch } from '../../src/corpus/batch.ts';
import { SCHEMA_VERSION } from '../../src/corpus/migrations.ts';
import { corpusStats, GROUP_BY, type StatsOptions } from '../../src/corpus/stats.ts';
import { Store } from '../../src/corpus/store.ts';
import { type ArticleQuery, facets, listArticles } from '../../src/server/articles.ts';
import { dumpStore } from './dump.ts';
import { handMadeReports, storeWith } from './stats-fixtures.ts';
import { scanArticles, scanFacets, scanStats } from './v2-queries.ts';

const ANALYSERS = ['language', 'genre', 'frames', 'techniques'];

let scratch: string;
/** A store written by the real batch (version 3: summaries kept by the writer). */
let batchDb: string;
let outlets: string[];

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'spinlens-summary-'));
  const records = [...generateCorpus({ count: 40, seed: 7, copies: 0, broken: 0 })];
  outlets = [...new Set(records.map((r) => (JSON.parse(r.line) as { outlet: string }).outlet))].slice(0, 2);
  const corpus = join(scratch, 'corpus.jsonl');
  await writeFile(corpus, records.map((r) => `${r.line}\n`).join(''));
  batchDb = join(scratch, 'batch.db');
  await runBatch({ inputs: [corpus], db: batchDb, workers: 1, analysers: ANALYSERS });
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Turns a store back into version 2: the tables of migration 3 dropped, as an older spinlens left it. */
function toVersion2(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.exec(`DROP VIEW article_groups; DROP TABLE article_summary; DROP TABLE stats_groups;
      DROP TABLE stats_labels; DROP TABLE stats_terms; PRAGMA user_version = 2`);
  } finally {
    db.close();
  }
}

/** Every stats option worth comparing: each grouping, with and without a technique and `only`. */
function statsOptions(techniques: readonly string[], only: readonly string[]): StatsOptions[] {
  const options: StatsOptions[] = [];
  for (const by of [undefined, ...GROUP_BY]) {
    for (const technique of [undefined, ...techniques]) {
      options.push({ ...(by ? { by } : {}), ...(technique ? { technique } : {}) });
    }
  }
  options.push({ by: 'outlet', only }, { by: 'outlet', only, technique: techniques[0] ?? 'Doubt' });
  options.push({ terms: 0 }, { by: 'language', terms: 3 });
  return options;
}

function listQueries(db: Database.Database): ArticleQuery[] {
  const page = { limit: 7, offset: 0 };
  const f = scanFacets(db);
  return [
    page,
    { ...page, offset: 7 },
    { limit: 100, offset: 0 },
    ...f.languages.map((lang) => ({ ...page, lang })),
    ...f.outlets.slice(0, 3).map((outlet) => ({ ...page, outlet })),
    ...['opinion', 'reporting', 'satire'].map((genre) => ({ ...page, genre })),
    ...f.techniques.slice(0, 4).map((technique) => ({ ...page, technique })),
    { ...page, from: '2024', to: '2024-06' },
    { ...page, lang: f.languages[0], genre: 'reporting', technique: f.techniques[0] },
    { ...page, q: 'the' },
  ];
}

/** Everything the readers answer from a store, through the code under test. */
function answers(path: string, techniques: readonly string[]) {
  const store = new Store(path, { mustExist: true });
  try {
    return {
      stats: statsOptions(techniques, outlets).map((o) => corpusStats(store.db, o)),
      lists: listQueries(store.db).map((q) => listArticles(store.db, q)),
      facets: facets(store.db),
    };
  } finally {
    store.close();
  }
}

/** The same answers by version 2's full scans. */
function scanAnswers(path: string, techniques: readonly string[]) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return {
      stats: statsOptions(techniques, outlets).map((o) => scanStats(db, o)),
      lists: listQueries(db).map((q) => scanArticles(db, q)),
      facets: scanFacets(db),
    };
  } finally {
    db.close();
  }
}

/** The summary tables' rows, sorted, without totals that fell to zero. */
function summaries(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return {
      articles: db.prepare('SELECT * FROM article_summary ORDER BY article').all(),
      groups: db.prepare('SELECT * FROM stats_groups WHERE articles <> 0 ORDER BY dim, key').all(),
      labels: db
        .prepare('SELECT * FROM stats_labels WHERE count <> 0 ORDER BY dim, key, analyser, label')
        .all(),
      terms: db
        .prepare('SELECT * FROM stats_terms WHERE count <> 0 ORDER BY dim, key, analyser, label, term')
        .all(),
    };
  } finally {
    db.close();
  }
}

function techniquesIn(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return scanFacets(db).techniques.slice(0, 2);
  } finally {
    db.close();
  }
}

describe('store summaries (migration 3)', () => {
  it('the batch store has findings to count in several groups', () => {
    const f = answers(batchDb, []).facets;
    assert.ok(f.languages.length >= 4, `languages ${f.languages}`);
    assert.ok(f.outlets.length >= 10 && f.months.length >= 10);
    assert.ok(f.techniques.length > 0 && f.frames.length > 0);
  });

  it('answers statistics, article lists and facets exactly as the full scans of version 2 did', () => {
    const techniques = techniquesIn(batchDb);
    assert.deepEqual(answers(batchDb, techniques), scanAnswers(batchDb, techniques));
    const hand = join(scratch, 'hand.db');
    storeWith(hand, handMadeReports());
    assert.deepEqual(answers(hand, ['Doubt']), scanAnswers(hand, ['Doubt']));
  });

  it('migrates a version-2 store on open: every row kept, summaries as the writer makes them', async () => {
    const old = join(scratch, 'v2.db');
    await copyFile(batchDb, old);
    toVersion2(old);
    const before = dumpStore(old);
    const techniques = techniquesIn(old);
    const scanned = scanAnswers(old, techniques);

    const store = new Store(old, { mustExist: true });
    assert.equal(store.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    store.close();
    assert.deepEqual(dumpStore(old), before);
    assert.deepEqual(summaries(old), summaries(batchDb));
    assert.deepEqual(answers(old, techniques), scanned);
  });

  it('keeps the totals right when articles are analysed again with other findings', async () => {
    const path = join(scratch, 'again.db');
    const reports = handMadeReports();
    storeWith(path, reports);
    // The same articles (same text) re-analysed: bugle-1 turns to reporting and loses its
    // Doubt and frames; matin-1 gains a frame. The writer updates the rows in place.
    const [bugle1, , matin1] = reports;
    for (const f of bugle1!.findings) {
      if (f.analyser === 'genre') f.attributes = { predicted: f.label === 'reporting' };
    }
    bugle1!.findings = bugle1!.findings.filter((f) => f.label !== 'Doubt' && f.analyser !== 'frames');
    matin1!.findings.push({ analyser: 'frames', label: 'Morality', score: 0.9 });
    for (const r of reports) r.analysers = r.analysers.map((a) => ({ ...a, version: 'test2' }));
    storeWith(path, [bugle1!, matin1!]);

    const rebuilt = join(scratch, 'again-rebuilt.db');
    await copyFile(path, rebuilt);
    toVersion2(rebuilt);
    new Store(rebuilt).close();
    assert.deepEqual(summaries(path), summaries(rebuilt));
    assert.deepEqual(answers(path, ['Doubt']), scanAnswers(path, ['Doubt']));
    const store = new Store(path, { mustExist: true });
    const byGenre = corpusStats(store.db, { by: 'genre' });
    store.close();
    assert.deepEqual(
      byGenre.groups.map((g) => [g.group, g.articles]),
      [['reporting', 3]],
    );
  });
});
