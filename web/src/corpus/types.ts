/**
 * What the corpus endpoints answer, as the server and the CLI declare it: the UI imports the types
 * instead of restating them, so a change of shape is a type error here.
 */
export type { Comparison, EntityGroup, Occurrence, QuoteGroup } from '../../../src/corpus/compare.ts';
/** `spinlens reuse <id> --format json`: one of these, or a list when the id has several stored texts. */
export type { ReuseJson as ReuseResult } from '../../../src/corpus/reuse/json.ts';
export type { CorpusStats, GroupBy, GroupStats, LabelCount, TrendPoint } from '../../../src/corpus/stats.ts';
export type {
  ArticlePage,
  ArticleQuery as ServerArticleQuery,
  ArticleSummary,
  Facets,
} from '../../../src/server/articles.ts';
