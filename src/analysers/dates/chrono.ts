import * as chrono from 'chrono-node';
import type { DateCues } from './lexicon.ts';
import {
  addDays,
  type CalendarDate,
  type DateMention,
  type Deixis,
  type Grain,
  weekdayOf,
} from './mention.ts';

type ChronoLocale = 'en' | 'fr' | 'de' | 'it' | 'ru';
const LOCALES: Record<ChronoLocale, chrono.Chrono> = {
  en: chrono.en.casual,
  fr: chrono.fr.casual,
  de: chrono.de.casual,
  it: chrono.it.casual,
  ru: chrono.ru.casual,
};

/**
 * Clock times are not dates, and their parsers are the slowest and the most eager (`à 10`,
 * `12 000`): a copy of each locale's parser runs without them.
 */
const TIME_PARSER = /TimeExpression|CasualTime|SpecificTime/;
const parsers = new Map<string, chrono.Chrono>();

function parserFor(lang: ChronoLocale): chrono.Chrono {
  let parser = parsers.get(lang);
  if (!parser) {
    parser = LOCALES[lang].clone();
    parser.parsers = parser.parsers.filter((p) => !TIME_PARSER.test(p.constructor.name));
    parsers.set(lang, parser);
  }
  return parser;
}

export function hasChrono(lang: string): lang is ChronoLocale {
  return lang in LOCALES;
}

const LEADING = /^[\s\u00a0,;:(—–-]+/u;
const TRAILING = /[\s\u00a0,;:)—–-]+$/u;
/** A final period belongs to the sentence after a year or a long word, to the date after `Jan.`/`3.`. */
const FINAL_PERIOD = /(?<=\d{4}|\p{L}{5,})\.$/u;
/** Month abbreviations whose period belongs to the date (`Jan.`, `févr.`), even at the end of a sentence. */
const ABBREVIATION =
  /(?<![\p{L}])(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|avr|juil|déc)\.$/iu;

/** Whether the period ending `piece` (at `end` in `text`) ends the sentence rather than an abbreviation. */
function finalPeriod(text: string, end: number, piece: string): boolean {
  if (FINAL_PERIOD.test(piece)) return true;
  // `samedi 14 juin.` at the end of its sentence: the period after a full month name is the sentence's.
  return (
    /\p{L}\.$/u.test(piece) &&
    !ABBREVIATION.test(piece) &&
    /^(?:[\s\u00a0]+\p{Lu}|[\s\u00a0]*$)/u.test(text.slice(end, end + 3))
  );
}

/**
 * Date mentions chrono-node finds in `text.slice(start, end)` (one sentence). `ref` is the
 * publication day, or null: relative dates and dates without a year then stay unresolved.
 */
export function chronoMentions(
  text: string,
  start: number,
  end: number,
  sentence: number,
  cues: DateCues,
  lang: ChronoLocale,
  ref: CalendarDate | null,
): DateMention[] {
  // chrono-node knows only the straight apostrophe (`aujourd'hui`); the swap keeps offsets.
  const slice = text.slice(start, end).replace(/’/g, "'");
  if (!cues.hint.test(slice)) return [];
  const refDate = ref ? new Date(ref.year, ref.month - 1, ref.day, 12) : new Date(2000, 0, 1, 12);
  const out: DateMention[] = [];
  for (const result of parserFor(lang).parse(slice, refDate, { forwardDate: false })) {
    const tags = result.tags();
    for (const part of endpoints(result, cues)) {
      const component = part.component;
      const known = (unit: chrono.Component) => component.isCertain(unit);
      if (!known('day') && !known('month') && !known('year') && !known('weekday')) continue;
      const span = trim(slice, part.start, part.end, cues);
      if (!span) continue;
      const words = slice.slice(span.start, span.end);
      if (cues.connectiveEnd.test(words)) continue;
      const deixis = deixisOf(words, tags, cues);
      const relative =
        deixis !== undefined ||
        tags.has('result/relativeDate') ||
        [...tags].some((t) => t.startsWith('casualReference/')) ||
        (!/\d/.test(words) && !cues.months.test(words));
      const stated: DateMention['stated'] = {};
      if (!relative) {
        for (const unit of ['year', 'month', 'day', 'weekday'] as const) {
          if (known(unit)) stated[unit] = component.get(unit) ?? undefined;
        }
      } else if (known('weekday') && cues.weekdays.test(words))
        stated.weekday = component.get('weekday') ?? undefined;
      if (!relative && !cues.weekdays.test(words)) delete stated.weekday;
      const grain: Grain = cues.week.test(words)
        ? 'week'
        : relative && cues.yearUnit.test(words)
          ? 'year'
          : relative && cues.monthUnit.test(words)
            ? 'month'
            : relative || known('day') || known('weekday')
              ? 'day'
              : known('month')
                ? 'month'
                : 'year';
      const resolvable = ref !== null || (!relative && stated.year !== undefined);
      let date: CalendarDate | null = resolvable
        ? { year: component.get('year')!, month: component.get('month')!, day: component.get('day')! }
        : null;
      // A weekday alone: news mostly report the past, so the last one unless it is at most two days ahead.
      if (ref && stated.weekday !== undefined && cues.weekdays.exec(words)?.[0].length === words.length) {
        date = addDays(ref, nearestWeekday(ref, stated.weekday));
      }
      const mention: DateMention = {
        start: start + span.start,
        end: start + span.end,
        sentence,
        stated,
        date,
        relative,
        grain,
      };
      if (deixis) mention.deixis = deixis;
      out.push(mention);
    }
  }
  return out;
}

/**
 * A result and the offsets it covers, or a range's two endpoints (`samedi à dimanche`, `Dec. 8 to
 * Dec. 10`): each is a date of its own.
 */
function endpoints(
  result: chrono.ParsedResult,
  cues: DateCues,
): { component: chrono.ParsedComponents; start: number; end: number }[] {
  const whole = { component: result.start, start: result.index, end: result.index + result.text.length };
  if (!result.end || !cues.rangeLink) return [whole];
  const link = cues.rangeLink.exec(result.text.slice(1));
  if (!link) return [whole];
  const cut = result.index + 1 + link.index;
  // Each endpoint names a day, a month or a year of its own (not `the year to March`).
  const named = (words: string) => /\d/.test(words) || cues.months.test(words) || cues.weekdays.test(words);
  if (
    !named(result.text.slice(0, cut - result.index)) ||
    !named(result.text.slice(cut - result.index + link[0].length))
  )
    return [whole];
  return [
    { component: result.start, start: result.index, end: cut },
    { component: result.end, start: cut + link[0].length, end: whole.end },
  ];
}

function deixisOf(words: string, tags: Set<string>, cues: DateCues): Deixis | undefined {
  if (tags.has('casualReference/today') || cues.deixis.today.test(words)) return 'today';
  if (tags.has('casualReference/yesterday') || cues.deixis.yesterday.test(words)) return 'yesterday';
  if (tags.has('casualReference/tomorrow') || cues.deixis.tomorrow.test(words)) return 'tomorrow';
  return undefined;
}

/** The span without surrounding punctuation and leading prepositions or articles (`le`, `on`, `am`). */
export function trim(
  text: string,
  start: number,
  end: number,
  cues: DateCues,
): { start: number; end: number } | null {
  let s = start + (LEADING.exec(text.slice(start, end))?.[0].length ?? 0);
  let e = end;
  for (;;) {
    const piece = text.slice(s, e);
    const trailing = TRAILING.exec(piece)?.[0].length ?? (finalPeriod(text, e, piece) ? 1 : 0);
    if (trailing === 0) break;
    e -= trailing;
  }
  const lead = cues.strip.exec(text.slice(s, e));
  if (lead && lead[0].length < e - s) s += lead[0].length;
  return s < e ? { start: s, end: e } : null;
}

/** The month a month name means (`mars`, `März`, `марте`), read by chrono-node from `1 <name> 2000`. */
export function chronoMonth(lang: ChronoLocale, name: string): number | undefined {
  for (const probe of [`1 ${name} 2000`, `1. ${name} 2000`]) {
    const result = LOCALES[lang].parse(probe, new Date(2000, 0, 1, 12))[0];
    if (result?.start.isCertain('month')) return result.start.get('month') ?? undefined;
  }
  return undefined;
}

/** Offset in days to a weekday named alone: back up to four days, else forward (one or two). */
export function nearestWeekday(ref: CalendarDate, weekday: number): number {
  const back = (weekdayOf(ref) - weekday + 7) % 7;
  return back <= 4 ? -back : 7 - back;
}
