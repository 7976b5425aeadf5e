/**
 * Reading the store for the API: the filtered, paged article list (full-text search through
 * FTS5), the values the UI offers as filters, and the reused text of an article in the shape
 * `spinlens reuse --format json` prints. Every query is answered by SQLite indexes over the per-article
 * summaries and per-group totals the store keeps (`src/corpus/summary.ts`), a page at a time.
 */
import type { Database } from 'better-sqlite3';
import { NO_VALUE } from '../corpus/stats.ts';
import { FRAMES, TECHNIQUES } from '../learn/labels.ts';

export interface ArticleQuery {
  q?: string;
  lang?: string;
  outlet?: string;
  genre?: string;
  technique?: string;
  /** Published on or after: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  from?: string;
  /** Published on or before (the whole month or year when shorter than a day). */
  to?: string;
  limit: number;
  offset: number;
}

export interface ArticleSummary {
  id: string;
  hash: string;
  title: string;
  outlet?: string;
  language: string;
  published?: string;
  genre?: { label: string; score: number };
  /** Number of technique findings. */
  techniques: number;
  /** The three strongest frames. */
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

interface SummaryRow {
  id: string;
  hash: string;
  title: string;
  outlet: string | null;
  language: string;
  published: string | null;
  genre: string | null;
  genre_score: number | null;
  techniques: number;
  frames: string;
}

/** Newest first; the summary indexes are in this order, so a page is read, not sorted. */
const ORDER = 'ORDER BY s.published DESC, s.article_id, s.article';

/**
 * A search box's words as an FTS5 query: every word must occur (accents folded by the index),
 * a trailing `*` keeps prefix search. Quoting each word means no input is an FTS5 syntax error.
 * Undefined when the text holds no word at all.
 */
export function ftsQuery(text: string): string | undefined {
  const terms = [...text.matchAll(/([\p{L}\p{N}]+)(\*?)/gu)].map(([, word, star]) => `"${word}"${star}`);
  return terms.length > 0 ? terms.join(' ') : undefined;
}

/** Filters and pages over `article_summary` (one row per article, indexed per filter). */
export function listArticles(db: Database, query: ArticleQuery): ArticlePage {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (query.q !== undefined) {
    add(
      's.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)',
      ftsQuery(query.q) ?? '""',
    );
  }
  if (query.lang) add('s.language = ?', query.lang);
  if (query.outlet) add('s.outlet = ?', query.outlet);
  if (query.genre) add('s.genre = ?', query.genre);
  // Read from the findings(analyser, label) index once instead of probing every article.
  if (query.technique) {
    add(
      `s.article IN (SELECT t.article FROM findings t WHERE t.analyser = 'techniques' AND t.label = ?)`,
      query.technique,
    );
  }
  if (query.from) add('s.published >= ?', query.from);
  // `to=2024-03` includes every day of March: compare as many characters as it has.
  if (query.to) add('substr(s.published, 1, ?) <= ?', query.to.length, query.to);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const { total } = db
    .prepare(`SELECT count(*) AS total FROM article_summary s ${filter}`)
    .get(...params) as {
    total: number;
  };
  // DESC puts articles without a date last (NULL sorts lowest in SQLite). CROSS JOIN fixes the
  // join order: with LIMIT a parameter, SQLite would otherwise scan every summary and probe the page.
  const rows = db
    .prepare(
      `WITH page AS (SELECT s.article FROM article_summary s ${filter} ${ORDER} LIMIT ? OFFSET ?)
       SELECT a.article_id AS id, a.content_hash AS hash, a.title, a.outlet, a.language, a.published,
         s.genre, s.genre_score, s.techniques, s.frames
       FROM page CROSS JOIN article_summary s ON s.article = page.article
         CROSS JOIN articles a ON a.id = s.article ${ORDER}`,
    )
    .all(...params, query.limit, query.offset) as SummaryRow[];
  return { total, articles: rows.map(summary) };
}

function summary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    hash: row.hash,
    title: row.title,
    ...(row.outlet ? { outlet: row.outlet } : {}),
    language: row.language,
    ...(row.published ? { published: row.published } : {}),
    ...(row.genre !== null && row.genre_score !== null
      ? { genre: { label: row.genre, score: row.genre_score } }
      : {}),
    techniques: row.techniques,
    frames: JSON.parse(row.frames) as string[],
  };
}

/** Every value the article list can be filtered by, sorted; months as `YYYY-MM`, newest first. */
export function facets(db: Database): Facets {
  const column = (sql: string) => (db.prepare(sql).pluck().all() as (string | null)[]).filter(isText);
  // Groups and labels from the running totals (a few hundred rows), outlets from their index.
  const groups = (dim: string, order: 'ASC' | 'DESC') =>
    column(
      `SELECT key FROM stats_groups WHERE dim = '${dim}' AND key <> '${NO_VALUE}' AND articles > 0
       ORDER BY key ${order}`,
    );
  const labelsIn = (analyser: string, known: readonly string[]) => {
    const found = new Set(
      column(`SELECT label FROM stats_labels WHERE dim = 'all' AND analyser = '${analyser}' AND count > 0`),
    );
    return known.filter((label) => found.has(label)).sort();
  };
  return {
    languages: groups('language', 'ASC'),
    outlets: column(`SELECT DISTINCT outlet FROM article_summary WHERE outlet <> '' ORDER BY outlet`),
    months: groups('month', 'DESC'),
    techniques: labelsIn('techniques', TECHNIQUES),
    frames: labelsIn('frames', FRAMES),
  };
}

function isText(value: string | null): value is string {
  return typeof value === 'string' && value !== '';
}
