/**
 * TypeBox schemas of the store endpoints: their query strings are validated with them (a bad
 * value is a 400 `bad_parameter` naming the field) and /openapi.json documents their answers.
 * The answer schemas mirror the TypeScript types of stats.ts, compare.ts and articles.ts.
 */
import { type TSchema, Type } from '@sinclair/typebox';
import { GROUP_BY } from '../corpus/stats.ts';
import { GENRES, TECHNIQUES } from '../learn/labels.ts';
import { Finding, LANGUAGE_PATTERN } from './schemas.ts';

export const MAX_PAGE = 500;
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 8;

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: compared with the articles' ISO `published` dates. */
const DATE_PATTERN = '^\\d{4}(-\\d{2}(-\\d{2})?)?$';

/** A yes/no query parameter: `?reuse=1`. */
export const FLAG_VALUES = ['1', 'true', '0', 'false'] as const;

export function isOn(flag: string | undefined): boolean {
  return flag === '1' || flag === 'true';
}

/** A string from a fixed list (one `enum`, so a wrong value gets one clear error). */
const oneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], ...(description ? { description } : {}) }));

export const ArticlesQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: 500,
        description: 'words that must all occur (title or text); word* for prefixes',
      }),
    ),
    lang: Type.Optional(Type.String({ pattern: LANGUAGE_PATTERN })),
    outlet: Type.Optional(Type.String()),
    genre: Type.Optional(oneOf(GENRES, 'predicted genre')),
    technique: Type.Optional(oneOf(TECHNIQUES, 'articles with at least one finding of this technique')),
    from: Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'published on or after' })),
    to: Type.Optional(
      Type.String({ pattern: DATE_PATTERN, description: 'published on or before (2024-03: all of March)' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);

export const ArticleParams = Type.Object({ id: Type.String({ minLength: 1 }) });

export const ArticleQuery = Type.Object(
  {
    hash: Type.Optional(
      Type.String({
        pattern: '^[0-9a-f]{8,64}$',
        description: 'content hash (or its first 8+ hex digits) of one stored version; the newest by default',
      }),
    ),
    reuse: Type.Optional(
      oneOf(FLAG_VALUES, 'add `reuse` findings: paragraphs that also appear in other stored articles'),
    ),
  },
  { additionalProperties: false },
);

export const FindingsQuery = Type.Object(
  {
    hash: ArticleQuery.properties.hash,
    analyser: Type.Optional(Type.String()),
    label: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const StatsQuery = Type.Object(
  {
    by: Type.Optional(oneOf(GROUP_BY, 'one group per outlet, language, month of publication or genre')),
    technique: Type.Optional(oneOf(TECHNIQUES, 'only this technique in the rates, terms and trend')),
  },
  { additionalProperties: false },
);

export const CompareQuery = Type.Object(
  {
    ids: Type.String({
      description: `${MIN_COMPARED} to ${MAX_COMPARED} stored article ids, comma-separated`,
    }),
  },
  { additionalProperties: false },
);

export const CompareTextsRequest = Type.Object({
  texts: Type.Array(
    Type.Object({
      text: Type.String({ minLength: 1 }),
      title: Type.Optional(Type.String()),
      lang: Type.Optional(Type.String({ pattern: LANGUAGE_PATTERN })),
    }),
    { minItems: MIN_COMPARED, maxItems: MAX_COMPARED },
  ),
});

// ── Answers ──────────────────────────────────────────────────────────────────────────────────

export const ArticleSummary = Type.Object({
  id: Type.String(),
  hash: Type.String({ description: 'sha256 of the text, hex' }),
  title: Type.String(),
  outlet: Type.Optional(Type.String()),
  language: Type.String(),
  published: Type.Optional(Type.String()),
  genre: Type.Optional(Type.Object({ label: Type.String(), score: Type.Number() })),
  techniques: Type.Integer({ description: 'number of technique findings' }),
  frames: Type.Array(Type.String(), { description: 'the three strongest frames' }),
});

export const ArticlePage = Type.Object({
  total: Type.Integer({ description: 'articles matching the filters, all pages' }),
  articles: Type.Array(ArticleSummary),
});

export const FindingList = Type.Object({ findings: Type.Array(Finding) });

export const Facets = Type.Object({
  languages: Type.Array(Type.String()),
  outlets: Type.Array(Type.String()),
  months: Type.Array(Type.String({ description: 'YYYY-MM, newest first' })),
  techniques: Type.Array(Type.String()),
  frames: Type.Array(Type.String()),
});

const Span = Type.Object({ start: Type.Integer(), end: Type.Integer() });

const ReuseOne = Type.Object({
  id: Type.String(),
  contentHash: Type.String(),
  source: Type.String(),
  links: Type.Array(
    Type.Object({
      other: Type.Object({ id: Type.String(), title: Type.String(), source: Type.String() }),
      jaccard: Type.Number(),
      nearDuplicate: Type.Boolean(),
      passages: Type.Array(Type.Object({ here: Span, there: Span, similarity: Type.Number() })),
    }),
  ),
});

export const Reuse = Type.Union([ReuseOne, Type.Array(ReuseOne)], {
  description: 'as `spinlens reuse <id> --format json`: a list when the id has several stored texts',
});

const LabelCount = Type.Object({
  label: Type.String(),
  count: Type.Integer(),
  per1000: Type.Number({ description: 'findings per 1,000 paragraphs of the group' }),
  share: Type.Optional(Type.Number({ description: "share of the group's articles (genres, frames)" })),
});

export const CorpusStats = Type.Object({
  by: Type.Union([oneOf(GROUP_BY), Type.Null()]),
  technique: Type.Union([Type.String(), Type.Null()]),
  groups: Type.Array(
    Type.Object({
      group: Type.String(),
      articles: Type.Integer(),
      paragraphs: Type.Integer(),
      genres: Type.Array(LabelCount),
      frames: Type.Array(LabelCount),
      techniques: Type.Array(LabelCount),
      terms: Type.Array(Type.Object({ term: Type.String(), count: Type.Integer() })),
    }),
  ),
  trend: Type.Array(
    Type.Object({
      month: Type.String(),
      articles: Type.Integer(),
      paragraphs: Type.Integer(),
      techniques: Type.Integer(),
      per1000: Type.Number(),
    }),
  ),
});

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const Occurrence = Type.Object({
  article: Type.String({ description: 'the article key: A, B, C...' }),
  line: Nullable(Type.Integer()),
  text: Type.String(),
});

const QuoteGroup = Type.Object({
  text: Type.String(),
  speakers: Type.Array(Type.String()),
  in: Type.Array(Type.Composite([Occurrence, Type.Object({ speaker: Nullable(Type.String()) })])),
});

const EntityGroup = Type.Object({
  name: Type.String(),
  type: Type.String(),
  in: Type.Array(
    Type.Object({
      article: Type.String(),
      name: Type.String(),
      mentions: Type.Integer(),
      forms: Type.Array(Type.String()),
    }),
  ),
});

export const Comparison = Type.Object({
  articles: Type.Array(
    Type.Object({
      key: Type.String(),
      id: Type.String(),
      title: Type.String(),
      outlet: Nullable(Type.String()),
      published: Nullable(Type.String()),
      language: Type.String(),
      genre: Nullable(Type.String()),
      frames: Type.Array(Type.String()),
    }),
  ),
  quotes: Type.Object({ shared: Type.Array(QuoteGroup), unique: Type.Array(QuoteGroup) }),
  entities: Type.Object({ shared: Type.Array(EntityGroup), unique: Type.Array(EntityGroup) }),
  claims: Type.Array(
    Type.Object({ article: Type.String(), sentences: Type.Integer(), unique: Type.Array(Occurrence) }),
  ),
  techniques: Type.Array(
    Type.Object({ label: Type.String(), counts: Type.Record(Type.String(), Type.Integer()) }),
  ),
});
