/** What the corpus endpoints answer: the CLI's own JSON shapes, plus the article list and facets. */
export type { Comparison, EntityGroup, Occurrence, QuoteGroup } from '../../../src/corpus/compare.ts';
export type { CorpusStats, GroupBy, GroupStats, LabelCount, TrendPoint } from '../../../src/corpus/stats.ts';

export interface ArticleSummary {
  id: string;
  hash: string;
  title: string;
  outlet?: string;
  language: string;
  published?: string;
  genre?: { label: string; score: number };
  techniques: number;
  frames: string[];
}

export interface ArticlePage {
  total: number;
  articles: ArticleSummary[];
}

export interface Facets {
  languages: string[];
  outlets: string[];
  months: string[];
  techniques: string[];
  frames: string[];
}

/** `spinlens reuse <id> --format json`: one of these, or a list when the id has several stored texts. */
export interface ReuseResult {
  id: string;
  contentHash: string;
  source: string;
  links: ReuseLink[];
}

export interface ReuseLink {
  other: { id: string; title: string; source: string };
  jaccard: number;
  nearDuplicate: boolean;
  passages: { here: Span; there: Span; similarity: number }[];
}

interface Span {
  start: number;
  end: number;
}
