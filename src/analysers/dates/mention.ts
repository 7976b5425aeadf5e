/** A date expression found in the text, before it becomes a finding. */
export interface DateMention {
  start: number;
  end: number;
  /** Index of the sentence (in `sentencesOf(article)`) holding it. */
  sentence: number;
  /** Components the text states (not implied from the publication date). */
  stated: { year?: number; month?: number; day?: number; weekday?: number };
  /** The calendar date meant, when it can be known (day precision even for coarser grains). */
  date: CalendarDate | null;
  relative: boolean;
  grain: Grain;
  /** Set for expressions naming the publication day or its neighbour (`today`, `hier`, `jutro`). */
  deixis?: Deixis;
}

export type Grain = 'day' | 'week' | 'month' | 'year';
export type Deixis = 'today' | 'yesterday' | 'tomorrow';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** 0 = Sunday … 6 = Saturday, as in `Date.getUTCDay` and chrono-node. */
export function weekdayOf(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The ISO form at the mention's grain: `2025-03-04`, `2025-03`, `2025`. */
export function isoAt(date: CalendarDate, grain: Grain): string {
  const y = String(date.year).padStart(4, '0');
  const m = String(date.month).padStart(2, '0');
  const d = String(date.day).padStart(2, '0');
  if (grain === 'year') return y;
  if (grain === 'month') return `${y}-${m}`;
  return `${y}-${m}-${d}`;
}

/** The publication day of an ISO date or date-time (`2025-03-06T08:00+01:00` → 6 March 2025). */
export function publicationDay(published: string | undefined): CalendarDate | null {
  const m = published ? /^(\d{4})-(\d{2})-(\d{2})/.exec(published) : null;
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= 31 ? date : null;
}

/** Orders two dates compared at the coarser of two grains: negative, 0 or positive. */
export function compareAt(a: CalendarDate, b: CalendarDate, grain: Grain): number {
  if (a.year !== b.year || grain === 'year') return a.year - b.year;
  if (a.month !== b.month || grain === 'month') return a.month - b.month;
  return a.day - b.day;
}

export function coarser(a: Grain, b: Grain): Grain {
  const order: Grain[] = ['day', 'week', 'month', 'year'];
  return order[Math.max(order.indexOf(a), order.indexOf(b))]!;
}
