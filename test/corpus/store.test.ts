import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { defaultAnalysers } from '../../src/analysers/registry.ts';
import { SCHEMA_VERSION } from '../../src/corpus/migrations.ts';
import { sketch } from '../../src/corpus/reuse/sketch.ts';
import { analysersKey, contentHash, Store } from '../../src/corpus/store.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import type { Report } from '../../src/pipeline/report.ts';
import { articleFromText, semevalText } from '../helpers.ts';

const ARTICLES = [
  articleFromText(
    semevalText('Harbour fees to double next spring', [
      'The port authority of Westmere announced on Monday that mooring fees will double from April.',
      '“This is a scandal that will ruin every small fisherman in the bay,” said Tom Ardley, who has fished here for thirty years.',
      'The authority says the money will pay for a new breakwater.',
    ]),
    { id: 'harbour-en' },
  ),
  articleFromText(
    semevalText('La piscine municipale rouvre enfin', [
      'Après deux ans de travaux, la piscine de Montbrac rouvrira ses portes le 3 juillet, a annoncé la mairie.',
      '« Les familles attendaient ce moment depuis trop longtemps », a déclaré l’adjointe aux sports, Claire Venot.',
    ]),
    { id: 'piscine-fr' },
  ),
  articleFromText(
    semevalText('Neue Buslinie verbindet die Dörfer', [
      'Ab Montag fährt eine neue Buslinie stündlich zwischen Hohenau und dem Bahnhof in Kreutal.',
      'Der Landkreis zahlt die Hälfte der Kosten, wie ein Sprecher mitteilte.',
    ]),
    { id: 'bus-de' },
  ),
];

let scratch: string;
let reports: Report[];
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'spinlens-store-'));
  const pipeline = new Pipeline(defaultAnalysers());
  reports = [];
  for (const article of ARTICLES) reports.push(await pipeline.analyse(article));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function open(name: string): Store {
  return new Store(join(scratch, name));
}

const RUN = { analysers: [{ name: 'a', version: '1' }], options: {}, inputs: ['x'] };
const COUNTS = { analysed: 0, skipped: 0, failed: 0 };

describe('corpus store', () => {
  it('creates the schema at the current version, in WAL mode', () => {
    const store = open('schema.db');
    assert.equal(store.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    store.close();
    // Opening again applies nothing and keeps the version.
    const again = open('schema.db');
    assert.equal(again.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    again.close();
  });

  it('refuses a store made by a newer spinlens', () => {
    const path = join(scratch, 'newer.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    assert.throws(() => new Store(path), /newer than this spinlens knows/);
  });

  it('gives back every report exactly as the pipeline built it', () => {
    const store = open('reports.db');
    const run = store.startRun(RUN);
    store.writeBatch(
      run,
      reports.map((report) => ({ report, sketch: sketch(report.article.text) })),
      [],
      COUNTS,
    );
    for (const report of reports) {
      const [stored] = store.articles(report.article.id);
      assert.ok(stored);
      assert.deepEqual(store.report(stored.row), report);
      // The same JSON value `spinlens analyze --format json` printed (keys may come in another order).
      assert.deepEqual(
        JSON.parse(JSON.stringify(store.report(stored.row))),
        JSON.parse(JSON.stringify(report)),
      );
    }
    assert.ok(reports.some((r) => r.findings.some((f) => f.span && f.evidence && f.attributes)));
    store.close();
  });

  it('skips content already analysed by the same analyser versions, re-analyses when a version changes', () => {
    const store = open('versions.db');
    const run = store.startRun(RUN);
    const report = reports[0]!;
    const key = analysersKey(report.analysers);
    const hash = contentHash(report.article.text);
    assert.equal(store.isDone(report.article.id, hash, key), false);
    store.writeBatch(run, [{ report }], [], COUNTS);
    assert.equal(store.isDone(report.article.id, hash, key), true);

    const bumped = report.analysers.map((a, i) => (i === 0 ? { ...a, version: `${a.version}-next` } : a));
    assert.equal(store.isDone(report.article.id, hash, analysersKey(bumped)), false);
    const newer: Report = { ...report, analysers: bumped, findings: report.findings.slice(0, 1) };
    store.writeBatch(run, [{ report: newer }], [], COUNTS);
    const versions = store.articles(report.article.id);
    assert.equal(versions.length, 1, 'same text: the article is updated, not duplicated');
    assert.deepEqual(store.report(versions[0]!.row), newer);
    assert.equal(store.isDone(report.article.id, hash, analysersKey(bumped)), true);
    store.close();
  });

  it('stores failures once per source and error, and forgets them when the source is later stored', () => {
    const store = open('failures.db');
    const run = store.startRun(RUN);
    const source = reports[1]!.article.metadata.source;
    store.writeBatch(run, [], [{ source, error: 'invalid JSON' }], COUNTS);
    store.writeBatch(run, [], [{ source, error: 'invalid JSON' }], COUNTS);
    const count = (): number =>
      (store.db.prepare('SELECT count(*) AS n FROM failures').get() as { n: number }).n;
    assert.equal(count(), 1);
    store.writeBatch(run, [{ report: reports[1]! }], [], COUNTS);
    assert.equal(count(), 0);
    store.close();
  });

  it('records runs with their analysers, status and counts', () => {
    const store = open('runs.db');
    const run = store.startRun(RUN);
    store.finishRun(run, 'interrupted', { analysed: 3, skipped: 2, failed: 1 });
    const row = store.db.prepare('SELECT * FROM runs WHERE id = ?').get(run) as Record<string, unknown>;
    assert.equal(row.status, 'interrupted');
    assert.deepEqual(JSON.parse(row.analysers as string), [{ name: 'a', version: '1' }]);
    assert.deepEqual([row.analysed, row.skipped, row.failed], [3, 2, 1]);
    assert.ok(row.finished);
    store.close();
  });

  it('searches titles and texts with FTS5, accents folded', () => {
    const store = open('fts.db');
    store.writeBatch(
      store.startRun(RUN),
      reports.map((report) => ({ report })),
      [],
      COUNTS,
    );
    const search = (q: string): string[] =>
      (
        store.db
          .prepare(
            'SELECT a.article_id AS id FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? ORDER BY a.article_id',
          )
          .all(q) as { id: string }[]
      ).map((r) => r.id);
    assert.deepEqual(search('breakwater'), ['harbour-en']);
    assert.deepEqual(search('piscine'), ['piscine-fr']);
    assert.deepEqual(search('annonce*'), ['piscine-fr']);
    assert.deepEqual(search('mooring OR Kreutal'), ['bus-de', 'harbour-en']);
    assert.deepEqual(search('Dorfer'), ['bus-de']);
    store.close();
  });
});
