/**
 * Corpus statistics, aggregated by SQLite over the store: counts of articles and paragraphs,
 * genre mix, frame and technique rates per 1,000 paragraphs, top evidence terms, and a monthly
 * trend, overall or per group (outlet, language, month of publication, predicted genre). Nothing
 * is loaded row by row into memory: every number comes out of a GROUP BY, so the cost grows with
 * the store on disk, not with the heap.
 */
import type { Database } from 'better-sqlite3';
import { GENRES } from '../learn/labels.ts';

export const GROUP_BY = ['outlet', 'language', 'month', 'genre'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface StatsOptions {
  by?: GroupBy;
  /** Only this technique in the technique table, the evidence terms and the trend. */
  technique?: string;
  /** Evidence terms kept per group (default 10). */
  terms?: number;
  /** Only these groups (e.g. two outlets to set side by side). */
  only?: readonly string[];
}

export interface LabelCount {
  label: string;
  count: number;
  /** Findings per 1,000 paragraphs of the group. */
  per1000: number;
  /** Share of the group's articles with this label (article-level labels: genres, frames). */
  share?: number;
}

export interface GroupStats {
  group: string;
  articles: number;
  paragraphs: number;
  genres: LabelCount[];
  frames: LabelCount[];
  techniques: LabelCount[];
  /** Strongest evidence features of technique (and frame) findings, by how often they are cited. */
  terms: { term: string; count: number }[];
}

export interface TrendPoint {
  month: string;
  articles: number;
  paragraphs: number;
  techniques: number;
  per1000: number;
}

export interface CorpusStats {
  by: GroupBy | null;
  technique: string | null;
  groups: GroupStats[];
  trend: TrendPoint[];
}

export const NO_VALUE = '(none)';

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

export function corpusStats(db: Database, options: StatsOptions = {}): CorpusStats {
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
