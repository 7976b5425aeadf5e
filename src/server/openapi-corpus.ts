/**
 * The store endpoints in /openapi.json: their query parameters come from the very TypeBox
 * schemas the routes validate with, their answers from corpus-schemas.ts.
 */
import type { TObject } from '@sinclair/typebox';
import {
  ArticlePage,
  ArticleQuery,
  ArticlesQuery,
  CompareQuery,
  CompareTextsRequest,
  Comparison,
  CorpusStats,
  Facets,
  FindingList,
  FindingsQuery,
  Reuse,
  StatsQuery,
} from './corpus-schemas.ts';

type Responses = Record<string, object>;

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const json = (description: string, schema: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});

const NO_STORE = error('no_store: the server was started without a store (--db)');
const BAD_PARAMETER = error('bad_parameter: a query parameter is invalid (the message names it)');
const NOT_FOUND = error('article_not_found: no stored article with this id (or hash)');

/** Every property of a query schema as an OpenAPI query parameter. */
function queryParameters(schema: TObject): object[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => {
    const { description, ...rest } = property as { description?: string };
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const ID_PARAMETER = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'article id (file name without .txt, or the corpus record id)',
  schema: { type: 'string' },
};

const get = (summary: string, parameters: object[], responses: Responses) => ({
  get: { summary, parameters, responses: { ...responses, '503': NO_STORE } },
});

export const CORPUS_SCHEMAS = {
  ArticlePage,
  FindingList,
  Facets,
  Reuse,
  CorpusStats,
  Comparison,
  CompareTextsRequest,
};

export function corpusPaths(): Record<string, object> {
  return {
    '/api/articles': get(
      'Stored articles, filtered and paged, newest publication first',
      queryParameters(ArticlesQuery),
      {
        '200': json('one page of the articles matching every filter, and how many match', 'ArticlePage'),
        '400': BAD_PARAMETER,
      },
    ),
    '/api/articles/{id}': get(
      'The stored report of an article (the newest stored text unless ?hash= picks one)',
      [ID_PARAMETER, ...queryParameters(ArticleQuery)],
      {
        '200': json('the report, as `spinlens analyze --format json` prints it', 'Report'),
        '400': BAD_PARAMETER,
        '404': NOT_FOUND,
      },
    ),
    '/api/articles/{id}/findings': get(
      "An article's findings, optionally of one analyser and label",
      [ID_PARAMETER, ...queryParameters(FindingsQuery)],
      { '200': json('the findings in report order', 'FindingList'), '400': BAD_PARAMETER, '404': NOT_FOUND },
    ),
    '/api/articles/{id}/reuse': get('Stored articles sharing text with this one', [ID_PARAMETER], {
      '200': json('as `spinlens reuse <id> --format json`', 'Reuse'),
      '404': NOT_FOUND,
    }),
    '/api/stats': get('Statistics over the store, overall or by group', queryParameters(StatsQuery), {
      '200': json('as `spinlens stats --format json`', 'CorpusStats'),
      '400': BAD_PARAMETER,
    }),
    '/api/compare': {
      ...get(
        'Stored articles side by side: shared and unique quotes, entities, claims',
        queryParameters(CompareQuery),
        {
          '200': json('as `spinlens compare <a> <b> --format json`', 'Comparison'),
          '400': error('bad_ids: fewer than 2 or more than 8 ids'),
          '404': error('article_not_found: the message names the missing id'),
        },
      ),
      post: {
        summary: 'Pasted articles side by side (analysed now, nothing stored; needs no store)',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/CompareTextsRequest' } } },
        },
        responses: {
          '200': json('as `spinlens compare a.txt b.txt --format json`', 'Comparison'),
          '400': error('bad_parameter, missing_text or bad_language'),
          '503': error('overloaded or timeout'),
        },
      },
    },
    '/api/facets': get('The values the article list can be filtered by', [], {
      '200': json(
        'languages, outlets, months (newest first), techniques and frames found in the store',
        'Facets',
      ),
    }),
  };
}
