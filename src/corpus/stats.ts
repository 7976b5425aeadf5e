/**
 * Corpus statistics over the store: counts of articles and paragraphs, genre mix, frame and
 * technique rates per 1,000 paragraphs, top evidence terms, and a monthly trend, overall or per
 * group (outlet, language, month of publication, predicted genre). The numbers are read from the
 * running totals per group the writer keeps (`summary.ts`), so the cost grows with the number of
 * groups and distinct terms, not with the number of articles or findings.
 */
import type { Database } from 'better-sqlite3';

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

/** The group of articles without a value (no outlet, no date, no predicted genre). */
export const NO_VALUE = '(none)';

interface LabelRow {
  key: string;
  label: string;
  count: number;
}

export function corpusStats(db: Database, options: StatsOptions = {}): CorpusStats {
  const technique = options.technique ?? null;
  const terms = options.terms ?? 10;
  const dim = options.by ?? 'all';
  const only = options.only ?? [];
  const inOnly = only.length > 0 ? `AND key IN (${only.map(() => '?').join(', ')})` : '';
  const sizes = db
    .prepare(
      `SELECT key, articles, paragraphs FROM stats_groups WHERE dim = ? AND articles > 0 ${inOnly}
       ORDER BY articles DESC, key`,
    )
    .all(dim, ...only) as { key: string; articles: number; paragraphs: number }[];
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
  const labelRows = (analyser: string, label: string | null) =>
    db
      .prepare(
        `SELECT key, label, count FROM stats_labels WHERE dim = ? AND analyser = ? AND count > 0
           ${label === null ? '' : 'AND label = ?'} ${inOnly}
         ORDER BY count DESC, label`,
      )
      .all(dim, analyser, ...(label === null ? [] : [label]), ...only) as LabelRow[];
  const fill = (rows: LabelRow[], pick: (g: GroupStats) => LabelCount[], articleLevel: boolean) => {
    for (const r of rows) {
      const g = groups.get(r.key);
      if (!g) continue;
      const entry: LabelCount = { label: r.label, count: r.count, per1000: rate(r.count, g.paragraphs) };
      if (articleLevel) entry.share = g.articles > 0 ? r.count / g.articles : 0;
      pick(g).push(entry);
    }
  };
  fill(labelRows('genre', null), (g) => g.genres, true);
  fill(labelRows('frames', null), (g) => g.frames, true);
  fill(labelRows('techniques', technique), (g) => g.techniques, false);

  // Evidence terms of technique and frame findings (of the one technique when given).
  const scope = technique ? `analyser = 'techniques' AND label = ?` : `analyser IN ('techniques', 'frames')`;
  const scopeParams = technique ? [technique] : [];
  const termRows =
    terms === 0
      ? []
      : (db
          .prepare(
            `SELECT key, term, count FROM (
               SELECT key, term, sum(count) AS count,
                 row_number() OVER (PARTITION BY key ORDER BY sum(count) DESC, term) AS rank
               FROM stats_terms WHERE dim = ? AND ${scope} ${inOnly} GROUP BY key, term HAVING sum(count) > 0)
             WHERE rank <= ? ORDER BY key, rank`,
          )
          .all(dim, ...scopeParams, ...only, terms) as { key: string; term: string; count: number }[]);
  for (const r of termRows) groups.get(r.key)?.terms.push({ term: r.term, count: r.count });

  const trend = only.length > 0 ? groupTrend(db, dim, only, technique) : storeTrend(db, technique);
  return { by: options.by ?? null, technique, groups: [...groups.values()], trend };
}

/** Articles, paragraphs and technique findings per month of publication (dated articles only). */
function storeTrend(db: Database, technique: string | null): TrendPoint[] {
  const sizes = db
    .prepare(
      `SELECT key AS month, articles, paragraphs FROM stats_groups
       WHERE dim = 'month' AND key <> '${NO_VALUE}' AND articles > 0 ORDER BY key`,
    )
    .all() as { month: string; articles: number; paragraphs: number }[];
  const counts = db
    .prepare(
      `SELECT key, sum(count) FROM stats_labels WHERE dim = 'month' AND analyser = 'techniques'
       ${technique ? 'AND label = ?' : ''} GROUP BY key`,
    )
    .raw()
    .all(...(technique ? [technique] : [])) as [string, number][];
  return trendPoints(sizes, new Map(counts));
}

/** The trend of the articles in some groups only, summed from their summary rows and findings. */
function groupTrend(
  db: Database,
  dim: string,
  only: readonly string[],
  technique: string | null,
): TrendPoint[] {
  const chosen = `WITH chosen AS (SELECT s.article, s.month, s.paragraphs FROM article_groups g
      JOIN article_summary s ON s.article = g.article
      WHERE g.dim = ? AND g.key IN (${only.map(() => '?').join(', ')}) AND s.month IS NOT NULL)`;
  const sizes = db
    .prepare(
      `${chosen} SELECT month, count(*) AS articles, sum(paragraphs) AS paragraphs FROM chosen
       GROUP BY month ORDER BY month`,
    )
    .all(dim, ...only) as { month: string; articles: number; paragraphs: number }[];
  const counts = db
    .prepare(
      `${chosen} SELECT c.month, count(*) FROM chosen c JOIN findings f ON f.article = c.article
       WHERE f.analyser = 'techniques' ${technique ? 'AND f.label = ?' : ''} GROUP BY c.month`,
    )
    .raw()
    .all(dim, ...only, ...(technique ? [technique] : [])) as [string, number][];
  return trendPoints(sizes, new Map(counts));
}

function trendPoints(
  sizes: { month: string; articles: number; paragraphs: number }[],
  counts: Map<string, number>,
): TrendPoint[] {
  return sizes.map((size) => {
    const techniques = counts.get(size.month) ?? 0;
    return { ...size, techniques, per1000: rate(techniques, size.paragraphs) };
  });
}

function rate(count: number, paragraphs: number): number {
  return paragraphs > 0 ? (count * 1000) / paragraphs : 0;
}
