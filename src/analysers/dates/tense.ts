import type { DateCues } from './lexicon.ts';
import { addDays, type CalendarDate, type DateMention, weekdayOf } from './mention.ts';

export type Tense = 'future' | 'past' | 'unknown';

/** Ends a clause: punctuation, or a complementiser opening reported speech. */
const CLAUSE_BREAK = /[,;:—–()]|(?<![\p{L}])(?:that|dass|que|qu['’]|che|że|что)(?![\p{L}])/giu;

/**
 * The tense a date at `offset` is read in: that of the nearest tense marker in its clause (`will`,
 * `sera`, `prévu` against `was`, `a voté`, `said`), so that in `said on Sunday that the vote would
 * be held on Thursday` Sunday is past and Thursday is ahead.
 */
export function tenseAt(text: string, start: number, end: number, offset: number, cues: DateCues): Tense {
  let from = start;
  let to = end;
  for (const m of text.slice(start, end).matchAll(CLAUSE_BREAK)) {
    const at = start + m.index;
    if (at < offset) from = at + m[0].length;
    else if (at >= offset) {
      to = at;
      break;
    }
  }
  let best: Tense = 'unknown';
  let distance = Number.POSITIVE_INFINITY;
  const clause = text.slice(from, to);
  for (const [tense, pattern] of [
    ['future', cues.future],
    ['past', cues.past],
  ] as const) {
    if (!pattern) continue;
    for (const m of clause.matchAll(pattern)) {
      const at = from + m.index;
      const d = at < offset ? offset - (at + m[0].length) : at - offset;
      if (d < distance) {
        distance = d;
        best = tense;
      }
    }
  }
  return best;
}

/**
 * A weekday or a month named alone, or a day of the month alone, points to its next occurrence
 * in a sentence about the future and to its last one in a sentence about the past. Without a tense
 * marker the mention keeps the reading it came with.
 */
export function orient(m: DateMention, words: string, tense: Tense, ref: CalendarDate): DateMention {
  if (tense === 'unknown' || !needsTense(m)) return m;
  const { stated } = m;
  if (stated.weekday !== undefined && stated.day === undefined && stated.month === undefined) {
    if (!/^\p{L}+$/u.test(words)) return m;
    const back = (weekdayOf(ref) - stated.weekday + 7) % 7;
    return { ...m, date: addDays(ref, tense === 'future' ? (7 - back) % 7 : -back) };
  }
  if (m.grain === 'month' && stated.month !== undefined && stated.day === undefined) {
    const month = stated.month;
    const year =
      tense === 'future'
        ? month >= ref.month
          ? ref.year
          : ref.year + 1
        : month <= ref.month
          ? ref.year
          : ref.year - 1;
    return { ...m, date: { year, month, day: 1 } };
  }
  if (m.grain === 'day' && stated.day !== undefined && stated.month === undefined) {
    const day = stated.day;
    const shift = tense === 'future' ? (day >= ref.day ? 0 : 1) : day <= ref.day ? 0 : -1;
    const index = ref.year * 12 + ref.month - 1 + shift;
    return { ...m, date: { year: Math.floor(index / 12), month: (index % 12) + 1, day } };
  }
  return m;
}

/** A lone weekday, month or day of the month, which the tense of its clause places (other dates need no tense). */
export function needsTense(m: DateMention): boolean {
  const { stated } = m;
  if (m.deixis || stated.year !== undefined) return false;
  return (
    (stated.weekday !== undefined && stated.day === undefined && stated.month === undefined) ||
    (stated.month !== undefined && stated.day === undefined) ||
    (stated.day !== undefined && stated.month === undefined)
  );
}

/** `on the 22nd`, `le 8,`: a day of the month without its month, in this month until a tense says otherwise. */
export function dayOrdinalMentions(
  text: string,
  start: number,
  end: number,
  sentence: number,
  cues: DateCues,
  ref: CalendarDate | null,
): DateMention[] {
  if (!cues.dayOrdinal) return [];
  const out: DateMention[] = [];
  for (const m of text.slice(start, end).matchAll(cues.dayOrdinal)) {
    const day = Number(m[1]);
    if (day < 1 || day > 31) continue;
    const from = start + m.index;
    // `Today, the 29th,`: a day in apposition to another date is the contradiction rules' business.
    if (/,[\s\u00a0]*\p{L}{0,3}[\s\u00a0]*$/u.test(text.slice(Math.max(start, from - 8), from))) continue;
    out.push({
      start: from,
      end: from + m[0].length,
      sentence,
      stated: { day },
      date: ref ? { year: ref.year, month: ref.month, day } : null,
      relative: true,
      grain: 'day',
    });
  }
  return out;
}
