/**
 * The numbers the Corpus page draws, from `/api/stats` (the CLI's `stats --format json`): rates
 * per 1,000 paragraphs by group, label × group matrices, the genre mix and the monthly trend as
 * points of a line chart. Pure functions, so tests check the numbers without a browser.
 */
import type { CorpusStats, GroupStats, TrendPoint } from './types.ts';

/** A rate per 1,000 paragraphs as the page prints it. */
export function formatRate(rate: number): string {
  return rate.toFixed(1);
}

export interface GroupRate {
  group: string;
  articles: number;
  paragraphs: number;
  /** Technique findings in the group (only the chosen technique when the stats were filtered). */
  count: number;
  per1000: number;
}

/** Technique findings per 1,000 paragraphs of each group, in the stats' order (largest group first). */
export function techniqueRates(stats: CorpusStats): GroupRate[] {
  return stats.groups.map((g) => {
    const count = g.techniques.reduce((sum, t) => sum + t.count, 0);
    return {
      group: g.group,
      articles: g.articles,
      paragraphs: g.paragraphs,
      count,
      per1000: g.paragraphs > 0 ? (count * 1000) / g.paragraphs : 0,
    };
  });
}

export interface Matrix {
  groups: string[];
  /** Labels found anywhere, most frequent overall first. */
  rows: { label: string; cells: { count: number; per1000: number }[] }[];
  /** The largest rate, for scaling bars. */
  max: number;
}

/** Labels (techniques or frames) × groups, each cell a count and its rate per 1,000 paragraphs. */
export function rateMatrix(stats: CorpusStats, kind: 'techniques' | 'frames'): Matrix {
  const totals = new Map<string, number>();
  for (const g of stats.groups) {
    for (const l of g[kind]) totals.set(l.label, (totals.get(l.label) ?? 0) + l.count);
  }
  const labels = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([label]) => label);
  let max = 0;
  const rows = labels.map((label) => ({
    label,
    cells: stats.groups.map((g) => {
      const found = g[kind].find((l) => l.label === label);
      const cell = { count: found?.count ?? 0, per1000: found?.per1000 ?? 0 };
      max = Math.max(max, cell.per1000);
      return cell;
    }),
  }));
  return { groups: stats.groups.map((g) => g.group), rows, max };
}

export interface GenreShare {
  label: string;
  count: number;
  share: number;
}

/** Each group's predicted genres as shares of its articles; articles without a genre make `(none)`. */
export function genreMix(group: GroupStats): GenreShare[] {
  const parts = group.genres.map((g) => ({ label: g.label, count: g.count, share: g.share ?? 0 }));
  const counted = parts.reduce((sum, p) => sum + p.count, 0);
  if (counted < group.articles) {
    const count = group.articles - counted;
    parts.push({ label: '', count, share: count / group.articles });
  }
  return parts;
}

export interface LinePoint {
  x: number;
  y: number;
  point: TrendPoint;
}

/** The trend as points in a `width` × `height` box (y grows downwards), the top at the highest rate. */
export function trendPoints(trend: readonly TrendPoint[], width: number, height: number): LinePoint[] {
  const max = Math.max(0, ...trend.map((p) => p.per1000));
  const step = trend.length > 1 ? width / (trend.length - 1) : 0;
  return trend.map((point, i) => ({
    x: trend.length > 1 ? i * step : width / 2,
    y: max > 0 ? height - (point.per1000 / max) * height : height,
    point,
  }));
}

/** A bar's width in percent of the largest value, at least a sliver when not zero. */
export function barPercent(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.max(1.5, (value / max) * 100);
}
