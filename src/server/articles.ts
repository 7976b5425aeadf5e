/**
 * Reading the store for the API: the filtered, paged article list (full-text search through
 * FTS5), the values the UI offers as filters, and the reused text of an article in the shape
 * `spinlens reuse --format json` prints. Every query is answered by SQLite indexes, a page at a time.
 */
import type { Database } from 'better-sqlite3';
import { FRAMES, GENRES, TECHNIQUES } from '../learn/labels.ts';

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

/** The predicted article-level genre finding of article `a`. */
const GENRE_FINDING = `FROM findings g WHERE g.article = a.id AND g.analyser = 'genre' AND g.paragraph IS NULL
  AND g.label IN (${GENRES.map((g) => `'${g}'`).join(', ')}) AND json_extract(g.attributes, '$.predicted') = 1`;

const ORDER = 'ORDER BY a.published DESC, a.article_id, a.id';

/**
 * A search box's words as an FTS5 query: every word must occur (accents folded by the index),
 * a trailing `*` keeps prefix search. Quoting each word means no input is an FTS5 syntax error.
 * Undefined when the text holds no word at all.
 */
export function ftsQuery(text: string): string | undefined {
  const terms = [...text.matchAll(/([\p{L}\p{N}]+)(\*?)/gu)].map(([, word, star]) => `"${word}"${star}`);
  return terms.length > 0 ? terms.join(' ') : undefined;
}

export function listArticles(db: Database, query: ArticleQuery): ArticlePage {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (query.q !== undefined) {
    add('a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)', ftsQuery(query.q) ?? '""');
  }
  if (query.lang) add('a.language = ?', query.lang);
  if (query.outlet) add('a.outlet = ?', query.outlet);
  // Label filters read the findings(analyser, label) index once instead of probing every article.
  if (query.genre) {
    add(
      `a.id IN (SELECT g.article FROM findings g WHERE g.analyser = 'genre' AND g.label = ?
         AND g.paragraph IS NULL AND json_extract(g.attributes, '$.predicted') = 1)`,
      query.genre,
    );
  }
  if (query.technique) {
    add(
      `a.id IN (SELECT t.article FROM findings t WHERE t.analyser = 'techniques' AND t.label = ?)`,
      query.technique,
    );
  }
  if (query.from) add('a.published >= ?', query.from);
  // `to=2024-03` includes every day of March: compare as many characters as it has.
  if (query.to) add('substr(a.published, 1, ?) <= ?', query.to.length, query.to);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const { total } = db.prepare(`SELECT count(*) AS total FROM articles a ${filter}`).get(...params) as {
    total: number;
  };
  // The page is chosen first, so the per-article summaries are computed for its rows only.
  // DESC puts articles without a date last (NULL sorts lowest in SQLite).
  const rows = db
    .prepare(
      `WITH page AS (SELECT a.id FROM articles a ${filter} ${ORDER} LIMIT ? OFFSET ?)
       SELECT a.article_id AS id, a.content_hash AS hash, a.title, a.outlet, a.language, a.published,
         (SELECT g.label ${GENRE_FINDING} ORDER BY g.score DESC LIMIT 1) AS genre,
         (SELECT g.score ${GENRE_FINDING} ORDER BY g.score DESC LIMIT 1) AS genre_score,
         (SELECT count(*) FROM findings t WHERE t.article = a.id AND t.analyser = 'techniques') AS techniques,
         (SELECT json_group_array(label) FROM (SELECT f.label FROM findings f
            WHERE f.article = a.id AND f.analyser = 'frames' ORDER BY f.score DESC, f.label LIMIT 3)) AS frames
       FROM page JOIN articles a ON a.id = page.id ${ORDER}`,
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
  // One index seek per known label instead of a scan of every finding.
  const labelsIn = (analyser: string, labels: readonly string[]) => {
    const exists = db
      .prepare('SELECT EXISTS (SELECT 1 FROM findings WHERE analyser = ? AND label = ?)')
      .pluck();
    return labels.filter((label) => exists.get(analyser, label) === 1).sort();
  };
  return {
    languages: column('SELECT DISTINCT language FROM articles ORDER BY language'),
    outlets: column(`SELECT DISTINCT outlet FROM articles WHERE outlet <> '' ORDER BY outlet`),
    months: column(
      `SELECT DISTINCT substr(published, 1, 7) AS month FROM articles
       WHERE published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' ORDER BY month DESC`,
    ),
    techniques: labelsIn('techniques', TECHNIQUES),
    frames: labelsIn('frames', FRAMES),
  };
}

function isText(value: string | null): value is string {
  return typeof value === 'string' && value !== '';
}
