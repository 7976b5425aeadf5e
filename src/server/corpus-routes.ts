/**
 * The store endpoints: stored articles (list, report, findings, reused text), statistics,
 * comparisons and the filters' values. They read the store the server was started with
 * (`--db`); without one they answer 503 `no_store`. The JSON is what the matching CLI command
 * prints with `--format json`.
 */
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { compareReports } from '../corpus/compare.ts';
import { reuseJson } from '../corpus/reuse/json.ts';
import { withReuse } from '../corpus/reuse-findings.ts';
import { corpusStats } from '../corpus/stats.ts';
import type { Store, StoredArticle } from '../corpus/store.ts';
import type { Report } from '../pipeline/report.ts';
import type { Analysis } from './analysis.ts';
import { facets, listArticles } from './articles.ts';
import {
  ArticleParams,
  ArticleQuery,
  ArticlesQuery,
  CompareQuery,
  CompareTextsRequest,
  FindingsQuery,
  isOn,
  MAX_COMPARED,
  MIN_COMPARED,
  StatsQuery,
} from './corpus-schemas.ts';
import { ApiError } from './errors.ts';
import { jsonOptions } from './ingest.ts';
import type { StoreCache } from './store-cache.ts';

export interface CorpusContext {
  store: Store | undefined;
  /** Whole-store aggregates (stats, facets) until the store changes; present with the store. */
  cache: StoreCache | undefined;
  analysis: Analysis;
  /** When a request must be answered by, as a `performance.now()` time. */
  deadline: (elapsedMs: number) => number;
}

export function noStore(): ApiError {
  return new ApiError(
    503,
    'no_store',
    'this server has no store: start it with `spinlens serve --db <file>`',
  );
}

export function registerCorpusRoutes(app: FastifyInstance, context: CorpusContext): void {
  const store = (): Store => {
    if (!context.store) throw noStore();
    return context.store;
  };
  const cached = <T>(key: string, compute: (store: Store) => T): T => {
    const s = store();
    // A store always comes with its cache.
    return context.cache!.get(key, () => compute(s));
  };

  // Empty filters (`?lang=&outlet=`) mean "any", as a form left blank does.
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (!query) return;
    for (const [name, value] of Object.entries(query)) if (value === '') delete query[name];
  });

  app.get('/api/articles', { schema: { querystring: ArticlesQuery } }, async (request) =>
    listArticles(store().db, request.query as Static<typeof ArticlesQuery>),
  );

  app.get(
    '/api/articles/:id',
    { schema: { params: ArticleParams, querystring: ArticleQuery } },
    async (request): Promise<Report> => {
      const query = request.query as Static<typeof ArticleQuery>;
      const report = storedReport(store(), request);
      return isOn(query.reuse) ? withReuse(store(), report) : report;
    },
  );

  app.get(
    '/api/articles/:id/findings',
    { schema: { params: ArticleParams, querystring: FindingsQuery } },
    async (request) => {
      const { analyser, label } = request.query as Static<typeof FindingsQuery>;
      const findings = storedReport(store(), request).findings.filter(
        (f) =>
          (analyser === undefined || f.analyser === analyser) && (label === undefined || f.label === label),
      );
      return { findings };
    },
  );

  app.get('/api/articles/:id/reuse', { schema: { params: ArticleParams } }, async (request) => {
    const { id } = request.params as Static<typeof ArticleParams>;
    return reuseJson(store(), versionsOf(store(), id));
  });

  app.get('/api/stats', { schema: { querystring: StatsQuery } }, async (request) => {
    const { by, technique } = request.query as Static<typeof StatsQuery>;
    return cached(`stats:${by ?? ''}:${technique ?? ''}`, (s) =>
      corpusStats(s.db, { ...(by ? { by } : {}), ...(technique ? { technique } : {}) }),
    );
  });

  app.get('/api/compare', { schema: { querystring: CompareQuery } }, async (request) => {
    const ids = (request.query as Static<typeof CompareQuery>).ids
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    if (ids.length < MIN_COMPARED || ids.length > MAX_COMPARED) {
      throw new ApiError(
        400,
        'bad_ids',
        `ids must name ${MIN_COMPARED} to ${MAX_COMPARED} stored articles, comma-separated (got ${ids.length})`,
      );
    }
    const s = store();
    return compareReports(ids.map((id) => latestReport(s, versionsOf(s, id))));
  });

  app.post('/api/compare', { schema: { body: CompareTextsRequest } }, async (request, reply) => {
    const { texts } = request.body as Static<typeof CompareTextsRequest>;
    context.analysis.admit();
    for (const text of texts) jsonOptions(text);
    const deadline = context.deadline(reply.elapsedTime);
    const analysed = await Promise.all(
      texts.map((body) => context.analysis.analyse({ kind: 'json', body }, deadline)),
    );
    return compareReports(analysed.map((a) => a.report));
  });

  app.get('/api/facets', async () => cached('facets', (s) => facets(s.db)));
}

/** Every stored version of an article id, oldest first; 404 when there is none. */
function versionsOf(store: Store, id: string): StoredArticle[] {
  const versions = store.articles(id);
  if (versions.length === 0)
    throw new ApiError(404, 'article_not_found', `no article ${JSON.stringify(id)} in the store`);
  return versions;
}

function latestReport(store: Store, versions: readonly StoredArticle[]): Report {
  return store.report(versions.at(-1)!.row)!;
}

/** The report of `:id`, the version `?hash=` names or else the newest. */
function storedReport(store: Store, request: FastifyRequest): Report {
  const { id } = request.params as Static<typeof ArticleParams>;
  const { hash } = request.query as { hash?: string };
  const versions = versionsOf(store, id);
  if (hash === undefined) return latestReport(store, versions);
  const chosen = versions.find((v) => v.contentHash.startsWith(hash));
  if (!chosen) {
    throw new ApiError(
      404,
      'article_not_found',
      `article ${JSON.stringify(id)} has no stored text with hash ${hash}`,
    );
  }
  return store.report(chosen.row)!;
}
