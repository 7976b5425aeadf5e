/**
 * The statistics, article list and facets as version 2 of the store answered them, by full
 * scans of articles and findings (src/corpus/stats.ts and src/server/articles.ts before the
 * summaries of migration 3), kept as the oracle the summary-based answers must equal.
 */
import type { Database } from 'better-sqlite3';
import type {
  CorpusStats,
  GroupBy,
  GroupStats,
  LabelCount,
  StatsOptions,
  TrendPoint,
} from '../../src/corpus/stats.ts';
import { NO_VALUE } from '../../src/corpus/stats.ts';
import { FRAMES, GENRES, TECHNIQUES } from '../../src/learn/labels.ts';
import type { ArticlePage, ArticleQuery, ArticleSummary, Facets } from '../../src/server/articles.ts';
import { ftsQuery } from '../../src/server/articles.ts';

/** SQL for an article's group key, in terms of the articles row `a`. */
function keyExpression(by: GroupBy | undefined): string {
  switch (by) {
    case 'outlet':
      return `coalesce(nullif(a.outlet, ''), '${NO_VALUE}')`;
    case 'language':
      return 'a.language';
    case 'month':
      return `coalesce(${MONTH}, '${NO_VALUE}')`;
    case 'genre':
      // The predicted genre: three index seeks per article on findings(analyser, label, article).
      return `coalesce((SELECT g.label FROM findings g WHERE g.analyser = 'genre'
        AND g.label IN (${GENRE_LIST}) AND g.article = a.id
        AND json_extract(g.attributes, '$.predicted') = 1), '${NO_VALUE}')`;
    default:
      return `'all'`;
  }
}

/** `YYYY-MM` of an ISO date or date-time; NULL when `published` is absent or not ISO-like. */
const MONTH = `CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(a.published, 1, 7) END`;
const GENRE_LIST = GENRES.map((g) => `'${g}'`).join(', ');

export function scanStats(db: Database, options: StatsOptions = {}): CorpusStats {
  const technique = options.technique ?? null;
  const terms = options.terms ?? 10;
  // Each article's group, computed once: every aggregate below joins this temporary table.
  db.exec('DROP TABLE IF EXISTS temp.stats_keys');
  db.exec('CREATE TEMP TABLE stats_keys (article INTEGER PRIMARY KEY, key TEXT NOT NULL, month TEXT)');
  try {
    const only = options.only ?? [];
    db.prepare(
      `INSERT INTO temp.stats_keys (article, key, month) SELECT article, key, month FROM
         (SELECT a.id AS article, ${keyExpression(options.by)} AS key, ${MONTH} AS month FROM articles a)
       ${only.length > 0 ? `WHERE key IN (${only.map(() => '?').join(', ')})` : ''}`,
    ).run(...only);
    const sizes = db
      .prepare(
        `SELECT k.key, count(*) AS articles,
           coalesce(sum((SELECT count(*) FROM paragraphs p WHERE p.article = k.article)), 0) AS paragraphs
         FROM temp.stats_keys k GROUP BY k.key ORDER BY articles DESC, k.key`,
      )
      .all() as { key: string; articles: number; paragraphs: number }[];
    const groups = new Map<string, GroupStats>(
      sizes.map((s) => [
        s.key,
        {
          group: s.key,
          articles: s.articles,
          paragraphs: s.paragraphs,
          genres: [],
          frames: [],
          techniques: [],
          terms: [],
        },
      ]),
    );
    const labelRows = (where: string, params: unknown[]) =>
      db
        .prepare(
          `SELECT k.key, f.label, count(*) AS count FROM findings f JOIN temp.stats_keys k ON k.article = f.article
           WHERE ${where} GROUP BY k.key, f.label ORDER BY count DESC, f.label`,
        )
        .all(...params) as { key: string; label: string; count: number }[];
    const fill = (
      rows: { key: string; label: string; count: number }[],
      pick: (g: GroupStats) => LabelCount[],
      articleLevel: boolean,
    ) => {
      for (const r of rows) {
        const g = groups.get(r.key);
        if (!g) continue;
        const entry: LabelCount = { label: r.label, count: r.count, per1000: rate(r.count, g.paragraphs) };
        if (articleLevel) entry.share = g.articles > 0 ? r.count / g.articles : 0;
        pick(g).push(entry);
      }
    };
    fill(
      labelRows(
        `f.analyser = 'genre' AND f.label IN (${GENRE_LIST}) AND json_extract(f.attributes, '$.predicted') = 1`,
        [],
      ),
      (g) => g.genres,
      true,
    );
    fill(labelRows(`f.analyser = 'frames'`, []), (g) => g.frames, true);
    const techniqueWhere = `f.analyser = 'techniques'${technique ? ' AND f.label = ?' : ''}`;
    const techniqueParams = technique ? [technique] : [];
    fill(labelRows(techniqueWhere, techniqueParams), (g) => g.techniques, false);

    // Evidence features pinned to words (`word:…`, `title:…`), not bare hashed indexes (`char#12`).
    // The costliest part (every evidence list is parsed): `terms: 0` skips it.
    const evidenceWhere = technique ? techniqueWhere : `f.analyser IN ('techniques', 'frames')`;
    const termRows =
      terms === 0
        ? []
        : (db
            .prepare(
              `SELECT key, term, count FROM (
           SELECT k.key, lower(json_extract(e.value, '$.feature')) AS term, count(*) AS count,
             row_number() OVER (PARTITION BY k.key ORDER BY count(*) DESC, lower(json_extract(e.value, '$.feature'))) AS rank
           FROM findings f JOIN temp.stats_keys k ON k.article = f.article, json_each(f.evidence) e
           WHERE ${evidenceWhere} AND f.evidence IS NOT NULL
             AND instr(json_extract(e.value, '$.feature'), ':') > 0
           GROUP BY k.key, term)
         WHERE rank <= ? ORDER BY key, rank`,
            )
            .all(...techniqueParams, terms) as { key: string; term: string; count: number }[]);
    for (const r of termRows) groups.get(r.key)?.terms.push({ term: r.term, count: r.count });

    const trend = monthlyTrend(db, techniqueWhere, techniqueParams);
    return { by: options.by ?? null, technique, groups: [...groups.values()], trend };
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.stats_keys');
  }
}

/** Articles, paragraphs and technique findings per month of publication (dated articles only). */
function monthlyTrend(db: Database, techniqueWhere: string, params: unknown[]): TrendPoint[] {
  const sizes = db
    .prepare(
      `SELECT k.month, count(*) AS articles,
         coalesce(sum((SELECT count(*) FROM paragraphs p WHERE p.article = k.article)), 0) AS paragraphs
       FROM temp.stats_keys k WHERE k.month IS NOT NULL GROUP BY k.month ORDER BY k.month`,
    )
    .all() as { month: string; articles: number; paragraphs: number }[];
  const counts = new Map(
    (
      db
        .prepare(
          `SELECT k.month, count(*) AS count FROM findings f JOIN temp.stats_keys k ON k.article = f.article
           WHERE ${techniqueWhere} AND k.month IS NOT NULL GROUP BY k.month`,
        )
        .all(...params) as { month: string; count: number }[]
    ).map((r) => [r.month, r.count]),
  );
  return sizes.map((size) => {
    const techniques = counts.get(size.month) ?? 0;
    return { ...size, techniques, per1000: rate(techniques, size.paragraphs) };
  });
}

function rate(count: number, paragraphs: number): number {
  return paragraphs > 0 ? (count * 1000) / paragraphs : 0;
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

export function scanArticles(db: Database, query: ArticleQuery): ArticlePage {
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
export function scanFacets(db: Database): Facets {
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
