import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import { runBatch } from '../../src/corpus/batch.ts';
import { Store } from '../../src/corpus/store.ts';
import type { Report } from '../../src/pipeline/report.ts';
import {
  ArticlePage,
  Comparison,
  CorpusStats,
  Facets,
  FindingList,
  Reuse,
} from '../../src/server/corpus-schemas.ts';
import { spinlens } from '../cli/helpers.ts';
import { ARTICLE, testServer } from './helpers.ts';

const CORPUS = 'test/fixtures/server/corpus.jsonl';
/** A corrected text of `bahn-de`: the id then has two stored versions. */
const UPDATE = 'test/fixtures/server/corpus-update.jsonl';

/** Every stored report by article id (newest version), read straight from the store. */
function storedReports(db: string): Map<string, Report> {
  const store = new Store(db, { mustExist: true });
  try {
    const ids = store.db.prepare('SELECT DISTINCT article_id FROM articles').pluck().all() as string[];
    return new Map(ids.map((id) => [id, store.report(store.articles(id).at(-1)!.row)!]));
  } finally {
    store.close();
  }
}

function assertShape(schema: TSchema, value: unknown): void {
  const errors = [...Value.Errors(schema, value)].slice(0, 3);
  assert.deepEqual(errors, [], JSON.stringify(errors.map((e) => `${e.path}: ${e.message}`)));
}

describe('store endpoints', () => {
  let scratch: string;
  let db: string;
  let app: FastifyInstance;
  let reports: Map<string, Report>;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'spinlens-api-store-'));
    db = join(scratch, 'corpus.db');
    await runBatch({ inputs: [CORPUS], db, workers: 1 });
    await runBatch({ inputs: [UPDATE], db, workers: 1 });
    reports = storedReports(db);
    app = await testServer(undefined, { db });
  });
  after(async () => {
    await app.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const get = (url: string) => app.inject(url);

  test('GET /api/articles lists every stored text, newest publication first, undated last', async () => {
    const response = await get('/api/articles');
    assert.equal(response.statusCode, 200);
    const page = response.json();
    assertShape(ArticlePage, page);
    assert.equal(page.total, 9, 'eight articles, one of them stored in two versions');
    const dates = page.articles.map((a: { published?: string }) => a.published ?? '');
    const dated = dates.filter(Boolean);
    assert.deepEqual(dated, [...dated].sort().reverse());
    assert.equal(dates.at(-1), '', 'the undated Polish article comes last');
    const tram = page.articles.find((a: { id: string }) => a.id === 'tram-en');
    assert.equal(tram.title, 'City council approves new tram line to the airport');
    assert.equal(tram.outlet, 'Northgate Herald');
    assert.equal(tram.language, 'en');
    assert.equal(tram.published, '2025-03-04');
    assert.equal(tram.hash.length, 64);
  });

  test('each summary agrees with the stored report: genre, technique count, top frames', async () => {
    const { articles } = (await get('/api/articles?limit=500')).json();
    for (const summary of articles) {
      if (summary.id === 'bahn-de') continue; // two versions; the report map holds the newest only
      const report = reports.get(summary.id)!;
      const techniques = report.findings.filter((f) => f.analyser === 'techniques').length;
      assert.equal(summary.techniques, techniques, summary.id);
      const frames = report.findings
        .filter((f) => f.analyser === 'frames')
        .sort((a, b) => b.score - a.score)
        .slice(0, 3)
        .map((f) => f.label);
      assert.deepEqual([...summary.frames].sort(), [...frames].sort(), summary.id);
      const genre = report.findings.find(
        (f) => f.analyser === 'genre' && f.paragraph === undefined && f.attributes?.predicted === true,
      );
      assert.deepEqual(summary.genre, genre && { label: genre.label, score: genre.score }, summary.id);
    }
  });

  test('full-text search folds accents and case, and every word must occur', async () => {
    const ids = async (url: string) =>
      ((await get(url)).json().articles as { id: string }[]).map((a) => a.id).sort();
    assert.deepEqual(await ids('/api/articles?q=tram'), ['tram-en', 'tram-en-copy', 'tram-op-en']);
    assert.deepEqual(await ids('/api/articles?q=MUNICIPALITE'), ['velo-fr']);
    assert.deepEqual(await ids('/api/articles?q=tram%20fares'), ['tram-en', 'tram-en-copy']);
    assert.deepEqual(await ids('/api/articles?q=tram%20pistes'), []);
    assert.deepEqual(await ids('/api/articles?q=крокодил'), []);
    assert.deepEqual(await ids('/api/articles?q=мост'), ['most-ru']);
    assert.deepEqual(await ids('/api/articles?q=cycl*'), ['velo-fr']);
    // FTS5 syntax in the box is just words, never a 500.
    for (const q of ['"', 'AND OR NOT', 'tram)', '*', 'NEAR(', '']) {
      const response = await get(`/api/articles?q=${encodeURIComponent(q)}`);
      assert.equal(response.statusCode, 200, q);
    }
  });

  test('filters: language, outlet, genre, technique, dates, and paging', async () => {
    const ids = async (query: string) => {
      const response = await get(`/api/articles?${query}`);
      assert.equal(response.statusCode, 200, query);
      return (response.json().articles as { id: string }[]).map((a) => a.id).sort();
    };
    assert.deepEqual(await ids('lang=fr'), ['velo-fr']);
    assert.deepEqual(await ids('outlet=Daily%20Courier'), ['tram-en-copy', 'tram-op-en']);
    assert.deepEqual(await ids('from=2025-04&to=2025-04'), [
      'bahn-de',
      'bahn-de',
      'porto-it',
      'tram-en-copy',
      'tram-op-en',
    ]);
    assert.deepEqual(await ids('from=2025-05-01'), ['most-ru']);
    assert.deepEqual(await ids('to=2025-03-10'), ['tram-en']);
    assert.deepEqual(await ids('lang=&outlet='), await ids(''), 'empty filters mean any');

    const withLabel = (analyser: string, label: string, articleLevel: boolean) =>
      [...reports]
        .filter(([, r]) =>
          r.findings.some(
            (f) =>
              f.analyser === analyser &&
              f.label === label &&
              (!articleLevel || (f.paragraph === undefined && f.attributes?.predicted === true)),
          ),
        )
        .flatMap(([id]) => (id === 'bahn-de' ? [] : [id]))
        .sort();
    const { techniques } = (await get('/api/facets')).json();
    const technique = techniques[0] ?? 'Loaded_Language';
    assert.deepEqual(
      (await ids(`technique=${technique}`)).filter((id) => id !== 'bahn-de'),
      withLabel('techniques', technique, false),
    );
    for (const genre of ['opinion', 'reporting', 'satire']) {
      assert.deepEqual(
        (await ids(`genre=${genre}`)).filter((id) => id !== 'bahn-de'),
        withLabel('genre', genre, true),
      );
    }

    const first = (await get('/api/articles?limit=4')).json();
    const second = (await get('/api/articles?limit=4&offset=4')).json();
    const all = (await get('/api/articles')).json();
    assert.equal(first.total, 9);
    assert.equal(second.total, 9);
    assert.deepEqual([...first.articles, ...second.articles], all.articles.slice(0, 8));
  });

  test('bad list parameters are 400 bad_parameter naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['lang=French', 'lang'],
      ['genre=poetry', 'genre'],
      ['technique=Shouting', 'technique'],
      ['from=March', 'from'],
      ['to=2025-3-1', 'to'],
    ]) {
      const response = await get(`/api/articles?${query}`);
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json().code, 'bad_parameter', query);
      assert.match(response.json().message, new RegExp(field!), query);
    }
  });

  test('GET /api/articles/:id is the stored report; ?hash= picks a version; 404 article_not_found', async () => {
    const response = await get('/api/articles/tram-en');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), reports.get('tram-en'));

    const { articles } = (await get('/api/articles?q=Bahnstrecke')).json();
    assert.equal(articles.length, 2);
    const texts = new Set<string>();
    for (const { hash } of articles) {
      const version = (await get(`/api/articles/bahn-de?hash=${hash.slice(0, 12)}`)).json() as Report;
      texts.add(version.article.text);
    }
    assert.equal(texts.size, 2);
    const newest = (await get('/api/articles/bahn-de')).json() as Report;
    assert.match(newest.article.text, /acht Wochen/, 'the newest stored text by default');

    for (const url of ['/api/articles/nope', '/api/articles/bahn-de?hash=00000000']) {
      const missing = await get(url);
      assert.equal(missing.statusCode, 404, url);
      assert.equal(missing.json().code, 'article_not_found', url);
    }
    assert.equal((await get('/api/articles/bahn-de?hash=xyz')).json().code, 'bad_parameter');
  });

  test('?reuse=1 adds reuse findings on the paragraphs another stored article repeats', async () => {
    const plain = (await get('/api/articles/tram-en')).json() as Report;
    const withReuse = (await get('/api/articles/tram-en?reuse=1')).json() as Report;
    assert.ok(!plain.findings.some((f) => f.analyser === 'reuse'));
    const reused = withReuse.findings.filter((f) => f.analyser === 'reuse');
    assert.ok(reused.length > 0);
    assert.ok(reused.every((f) => f.evidence?.some((e) => e.note?.includes('tram-en-copy'))));
  });

  test('GET /api/articles/:id/findings filters by analyser and label', async () => {
    const all = (await get('/api/articles/velo-fr/findings')).json();
    assertShape(FindingList, all);
    assert.deepEqual(all.findings, reports.get('velo-fr')!.findings);
    const quotes = (await get('/api/articles/velo-fr/findings?analyser=quotes')).json().findings;
    assert.ok(quotes.length > 0);
    assert.ok(quotes.every((f: { analyser: string }) => f.analyser === 'quotes'));
    const label = quotes[0].label;
    const one = (await get(`/api/articles/velo-fr/findings?analyser=quotes&label=${label}`)).json().findings;
    assert.deepEqual(
      one,
      quotes.filter((f: { label: string }) => f.label === label),
    );
    assert.deepEqual((await get('/api/articles/velo-fr/findings?analyser=nothing')).json(), { findings: [] });
    assert.equal((await get('/api/articles/nope/findings')).statusCode, 404);
  });

  test('GET /api/articles/:id/reuse is what `spinlens reuse --format json` prints', async () => {
    for (const id of ['tram-en', 'bahn-de', 'most-ru']) {
      const response = await get(`/api/articles/${id}/reuse`);
      assert.equal(response.statusCode, 200);
      assertShape(Reuse, response.json());
      const cli = await spinlens(['reuse', id, '--db', db, '--format', 'json']);
      assert.equal(cli.code, 0);
      assert.deepEqual(response.json(), JSON.parse(cli.stdout), id);
    }
    const tram = (await get('/api/articles/tram-en/reuse')).json();
    assert.equal(tram.links[0].other.id, 'tram-en-copy');
    assert.ok(Array.isArray((await get('/api/articles/bahn-de/reuse')).json()), 'two versions: a list');
    assert.equal((await get('/api/articles/nope/reuse')).json().code, 'article_not_found');
  });

  test('GET /api/stats is what `spinlens stats --format json` prints', async () => {
    for (const [query, args] of [
      ['', []],
      ['?by=outlet', ['--by', 'outlet']],
      ['?by=language', ['--by', 'language']],
      ['?by=month', ['--by', 'month']],
      [
        '?by=genre&technique=Name_Calling-Labeling',
        ['--by', 'genre', '--technique', 'Name_Calling-Labeling'],
      ],
    ] as const) {
      const response = await get(`/api/stats${query}`);
      assert.equal(response.statusCode, 200, query);
      assertShape(CorpusStats, response.json());
      const cli = await spinlens(['stats', '--db', db, '--format', 'json', ...args]);
      assert.deepEqual(response.json(), JSON.parse(cli.stdout), query);
    }
    const byLanguage = (await get('/api/stats?by=language')).json();
    assert.deepEqual(byLanguage.groups.map((g: { group: string }) => g.group).sort(), [
      'de',
      'en',
      'fr',
      'it',
      'pl',
      'ru',
    ]);
    for (const query of ['by=author', 'technique=Shouting']) {
      const bad = await get(`/api/stats?${query}`);
      assert.equal(bad.statusCode, 400, query);
      assert.equal(bad.json().code, 'bad_parameter', query);
    }
  });

  test('GET /api/compare is what `spinlens compare --format json` prints', async () => {
    const response = await get('/api/compare?ids=tram-en,tram-en-copy,velo-fr');
    assert.equal(response.statusCode, 200);
    assertShape(Comparison, response.json());
    const cli = await spinlens([
      'compare',
      'tram-en',
      'tram-en-copy',
      'velo-fr',
      '--db',
      db,
      '--format',
      'json',
    ]);
    assert.deepEqual(response.json(), JSON.parse(cli.stdout));
    const { quotes, articles } = response.json();
    assert.deepEqual(
      articles.map((a: { id: string }) => a.id),
      ['tram-en', 'tram-en-copy', 'velo-fr'],
    );
    assert.ok(
      quotes.shared.some((g: { text: string }) => g.text.includes('traffic nightmare')),
      'the mayor is quoted in both tram articles',
    );
  });

  test('GET /api/compare with too few, too many or unknown ids', async () => {
    for (const ids of ['tram-en', '', ',,', Array.from({ length: 9 }, () => 'tram-en').join(',')]) {
      const response = await get(`/api/compare?ids=${ids}`);
      assert.equal(response.statusCode, 400, ids);
      assert.equal(response.json().code, ids === '' ? 'bad_parameter' : 'bad_ids', ids);
    }
    assert.equal((await get('/api/compare')).json().code, 'bad_parameter');
    const missing = await get('/api/compare?ids=tram-en,no-such-article');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'article_not_found');
    assert.match(missing.json().message, /no-such-article/);
  });

  test('GET /api/facets lists the values the list can be filtered by', async () => {
    const response = await get('/api/facets');
    assert.equal(response.statusCode, 200);
    const facets = response.json();
    assertShape(Facets, facets);
    assert.deepEqual(facets.languages, ['de', 'en', 'fr', 'it', 'pl', 'ru']);
    assert.deepEqual(facets.outlets, [
      'Daily Courier',
      'Gazzetta di Esempio',
      'Kurier Przykładowy',
      'Le Matin du Nord',
      'Nordkurier Beispiel',
      'Northgate Herald',
    ]);
    assert.deepEqual(facets.months, ['2025-05', '2025-04', '2025-03']);
    const labels = (analyser: string) =>
      [...new Set([...reports.values()].flatMap((r) => r.findings.filter((f) => f.analyser === analyser)))]
        .map((f) => f.label)
        .filter((label, i, all) => all.indexOf(label) === i)
        .sort();
    assert.deepEqual(facets.techniques, labels('techniques'));
    assert.deepEqual(facets.frames, labels('frames'));
  });

  test('POST /api/analyze?store=1 stores the article; the list, report, stats and facets then show it', async () => {
    const articlesInStats = async () => (await get('/api/stats')).json().groups[0].articles;
    const before = await articlesInStats();
    const text = 'Der Stadtrat hat am Montag einen neuen Park beschlossen. Die Arbeiten beginnen im Herbst.';
    const response = await app.inject({
      method: 'POST',
      url: '/api/analyze?store=1',
      payload: { title: 'Ein neuer Park für die Altstadt', text },
    });
    assert.equal(response.statusCode, 200);
    const report = response.json() as Report;
    const stored = await get(`/api/articles/${report.article.id}`);
    assert.equal(stored.statusCode, 200);
    assert.deepEqual(stored.json().findings, report.findings);
    assert.equal((await get('/api/articles?q=Stadtrat%20Park')).json().total, 1);
    assert.equal(await articlesInStats(), before + 1, 'cached statistics are recomputed after a write');

    const viaBody = await app.inject({
      method: 'POST',
      url: '/api/analyze',
      payload: { text: 'Il sindaco ha inaugurato ieri la nuova biblioteca comunale.', store: true },
    });
    assert.equal((await get(`/api/articles/${viaBody.json().article.id}`)).statusCode, 200);

    const notStored = await app.inject({
      method: 'POST',
      url: '/api/analyze',
      payload: { text: 'Un texte qui ne sera pas gardé dans la base.' },
    });
    assert.equal((await get(`/api/articles/${notStored.json().article.id}`)).statusCode, 404);

    // A write by another connection (a batch) is seen too.
    await runBatch({ inputs: [ARTICLE], db, workers: 1, analysers: ['language'] });
    assert.equal(await articlesInStats(), before + 3);
    assert.ok((await get('/api/facets')).json().outlets.length > 0);

    const bad = await app.inject({
      method: 'POST',
      url: '/api/analyze?store=yes',
      payload: { text: 'x y z' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'bad_parameter');
  });

  test('every store endpoint is in /openapi.json', async () => {
    const doc = (await get('/openapi.json')).json();
    for (const path of [
      '/api/articles',
      '/api/articles/{id}',
      '/api/articles/{id}/findings',
      '/api/articles/{id}/reuse',
      '/api/stats',
      '/api/compare',
      '/api/facets',
    ]) {
      assert.ok(doc.paths[path]?.get, path);
    }
    assert.ok(doc.paths['/api/compare'].post);
    const listParameters = doc.paths['/api/articles'].get.parameters.map((p: { name: string }) => p.name);
    assert.deepEqual(listParameters, [
      'q',
      'lang',
      'outlet',
      'genre',
      'technique',
      'from',
      'to',
      'limit',
      'offset',
    ]);
    assert.ok(doc.components.schemas.ArticlePage.properties.articles);
  });
});

describe('without a store', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await testServer();
  });
  after(() => app.close());

  test('the store endpoints answer 503 no_store', async () => {
    for (const url of [
      '/api/articles',
      '/api/articles/tram-en',
      '/api/articles/tram-en/findings',
      '/api/articles/tram-en/reuse',
      '/api/stats',
      '/api/compare?ids=a,b',
      '/api/facets',
    ]) {
      const response = await app.inject(url);
      assert.equal(response.statusCode, 503, url);
      assert.equal(response.json().code, 'no_store', url);
    }
    const store = await app.inject({
      method: 'POST',
      url: '/api/analyze?store=1',
      payload: { text: 'Hello there.' },
    });
    assert.equal(store.statusCode, 503);
    assert.equal(store.json().code, 'no_store');
    assert.equal((await app.inject('/api/health')).json().store, false);
  });

  test('POST /api/compare analyses pasted articles and compares them', async () => {
    const mayor = '"We will open the new bridge before winter," said the mayor, Paul Grant.';
    const response = await app.inject({
      method: 'POST',
      url: '/api/compare',
      payload: {
        texts: [
          { title: 'Bridge to open before winter', text: `The bridge works are nearly done.\n\n${mayor}` },
          { title: 'New bridge soon', text: `Residents are impatient.\n\n${mayor}`, lang: 'en' },
        ],
      },
    });
    assert.equal(response.statusCode, 200);
    const comparison = response.json();
    assertShape(Comparison, comparison);
    assert.deepEqual(
      comparison.articles.map((a: { title: string }) => a.title),
      ['Bridge to open before winter', 'New bridge soon'],
    );
    assert.equal(comparison.quotes.shared.length, 1);
    assert.deepEqual(comparison.quotes.shared[0].speakers, ['Paul Grant']);
  });

  test('POST /api/compare with bad bodies', async () => {
    const post = (payload: object) => app.inject({ method: 'POST', url: '/api/compare', payload });
    const cases: [object, number, string][] = [
      [{ texts: [{ text: 'only one' }] }, 400, 'bad_parameter'],
      [{ texts: Array.from({ length: 9 }, () => ({ text: 'again' })) }, 400, 'bad_parameter'],
      [{ texts: [{ text: 'one' }, { title: 'no text' }] }, 400, 'bad_parameter'],
      [{ texts: [{ text: 'one' }, { text: 'two', lang: 'English' }] }, 400, 'bad_parameter'],
      [{ texts: [{ text: 'one' }, { text: '   ' }] }, 400, 'missing_text'],
      [{ articles: [] }, 400, 'bad_parameter'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await post(payload);
      assert.equal(response.statusCode, status, JSON.stringify(payload));
      assert.equal(response.json().code, code, JSON.stringify(payload));
    }
  });
});
