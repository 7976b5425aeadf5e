import { lexiconJson } from '../../lexicons.ts';
import { type AnaphoraCues, compileAnaphora } from './anaphora.ts';

/** Per-language date cues (`lexicons/<lang>/dates.json`), compiled once. */
export interface DateCues {
  lang: string;
  /** A sentence without any of these is not worth parsing. */
  hint: RegExp;
  months: RegExp;
  weekdays: RegExp;
  week: RegExp;
  /** Units that make a relative expression month- or year-grained (`le mois dernier`, `last year`). */
  monthUnit: RegExp;
  yearUnit: RegExp;
  /** `mars 2024` (group 1 month, group 2 year) and `en mars` (group 1 month), global. */
  monthYear: RegExp | null;
  monthAlone: RegExp | null;
  /** Prepositions and articles taken off the front of a span (`le`, `on`, `am`). */
  strip: RegExp;
  deixis: { today: RegExp; yesterday: RegExp; tomorrow: RegExp };
  /** A bare day of the month right after `today` (`today, the 29th`): group 1 is the day. */
  dayAfterDeictic: RegExp;
  /** `before`/`after` connectives, anchored at the end of the text between two dates. */
  before: RegExp;
  after: RegExp;
  /** An event noun and its link word right before a date (`le sommet du`): group 1 is the noun. */
  eventBefore: RegExp;
  /** Day words chrono-node misses (`avant-hier`), with their offset from the publication day. */
  days: ReadonlyMap<string, number>;
  daysPattern: RegExp | null;
  /** Year words chrono-node misses (`l’an prochain`), with their offset in years from the publication year. */
  years: ReadonlyMap<string, number>;
  yearsPattern: RegExp | null;
  /** An expression ending with `before`/`after` is an offset from another event, not a date. */
  connectiveEnd: RegExp;
  /** A year after a preposition (`en 2019`), global, group 1 the year. */
  year: RegExp | null;
  /** Words that put the nearest date in the future (`will`, `sera`, `prévu`) or in the past (`was`, `a voté`), global. */
  future: RegExp | null;
  past: RegExp | null;
  /** A day of the month without its month (`on the 22nd`, `le 8,`), global, group 1 the day. */
  dayOrdinal: RegExp | null;
  /** Expressions chrono-node reads as dates that are not (`now`, `the past year`, `sat`). */
  notDate: RegExp | null;
  /** The link between a range's two endpoints (`samedi à dimanche`, `Dec. 8 to Dec. 10`), a dash or a word. */
  rangeLink: RegExp | null;
  /** Two years joined as a range (`entre 2016 et 2019`, `2021 and 2024`), global, groups 1 and 2 the years. */
  yearRange: RegExp | null;
  /** The noun after a year that belongs to the date (`2025 году`, `2026 roku`, `2019 r.`). */
  yearNoun: RegExp | null;
  /** Dates counted from the event mentioned before (`la veille`, `two days earlier`). */
  anaphora: AnaphoraCues | null;
}

interface CueFile {
  months?: string;
  weekdays?: string;
  relative?: string;
  week?: string;
  monthUnit?: string;
  yearUnit?: string;
  monthAfter?: string;
  strip: string;
  today: string;
  yesterday: string;
  tomorrow: string;
  dayAfterDeictic: string;
  before: string;
  after: string;
  eventNouns: string;
  eventLink: string;
  year?: string;
  days?: Record<string, number>;
  years?: Record<string, number>;
  future?: string;
  past?: string;
  dayOrdinal?: string;
  notDate?: string;
  rangeLinks?: string;
  yearNoun?: string;
  anaphora?: Record<string, number>;
}

/** Languages with date rules: chrono-node's locales plus our own Polish rules. */
export const DATE_LANGUAGES = new Set(['en', 'fr', 'de', 'it', 'ru', 'pl']);

const cache = new Map<string, DateCues>();

/** Whole-word alternatives, longest first, global. */
function wordsPattern(words: string[]): RegExp {
  const alt = [...words]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  return new RegExp(`(?<![\\p{L}-])(?:${alt})(?![\\p{L}-])`, 'giu');
}

export function dateCues(lang: string): DateCues | undefined {
  if (!DATE_LANGUAGES.has(lang)) return undefined;
  let cues = cache.get(lang);
  if (!cues) {
    const f = lexiconJson(`${lang}/dates.json`) as CueFile;
    const whole = (alt: string) => `(?<![\\p{L}\\p{N}])(?:${alt})(?![\\p{L}])`;
    const hint = [f.months, f.weekdays, f.relative, '\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}'].filter(Boolean);
    cues = {
      lang,
      hint: new RegExp(hint.map((h) => `(?:${h})`).join('|'), 'iu'),
      months: new RegExp(whole(f.months ?? '$^'), 'iu'),
      weekdays: new RegExp(whole(f.weekdays ?? '$^'), 'iu'),
      week: new RegExp(`(?<![\\p{L}])(?:${f.week ?? '$^'})`, 'iu'),
      monthUnit: new RegExp(`(?<![\\p{L}])(?:${f.monthUnit ?? '$^'})(?![\\p{L}])`, 'iu'),
      yearUnit: new RegExp(`(?<![\\p{L}])(?:${f.yearUnit ?? '$^'})(?![\\p{L}])`, 'iu'),
      monthYear: f.months
        ? new RegExp(`(?<![\\p{L}\\p{N}])(${f.months})[\\s\\u00a0]+((?:19|20)\\d{2})(?!\\d)`, 'giu')
        : null,
      monthAlone:
        f.months && f.monthAfter
          ? new RegExp(
              `(?<=(?:^|[\\s(])(?:${f.monthAfter})[\\s\\u00a0]+)(${f.months})(?![\\p{L}])(?![\\s\\u00a0]+\\d)`,
              'giu',
            )
          : null,
      strip: new RegExp(`^(?:${f.strip})(?:[\\s\\u00a0]+|(?<=['’]))`, 'iu'),
      deixis: {
        today: new RegExp(`^(?:${f.today})$`, 'iu'),
        yesterday: new RegExp(`^(?:${f.yesterday})$`, 'iu'),
        tomorrow: new RegExp(`^(?:${f.tomorrow})$`, 'iu'),
      },
      dayAfterDeictic: new RegExp(f.dayAfterDeictic, 'iu'),
      before: new RegExp(`${whole(f.before)}[^.;:!?]{0,40}$`, 'iu'),
      after: new RegExp(`${whole(f.after)}[^.;:!?]{0,40}$`, 'iu'),
      eventBefore: new RegExp(
        `(?<![\\p{L}])(${f.eventNouns})[\\s\\u00a0]+(?:${f.eventLink})[\\s\\u00a0]*$`,
        'iu',
      ),
      year: f.year ? new RegExp(f.year, 'giu') : null,
      future: f.future ? new RegExp(f.future, 'giu') : null,
      past: f.past ? new RegExp(f.past, 'giu') : null,
      dayOrdinal: f.dayOrdinal ? new RegExp(f.dayOrdinal, 'giu') : null,
      notDate: f.notDate ? new RegExp(`^(?:${f.notDate})$`, 'iu') : null,
      rangeLink: f.rangeLinks
        ? new RegExp(`[\\s\\u00a0]*[-–][\\s\\u00a0]*|[\\s\\u00a0]+(?:${f.rangeLinks})[\\s\\u00a0]+`, 'iu')
        : null,
      anaphora: compileAnaphora(f.anaphora),
      yearNoun: f.yearNoun ? new RegExp(`^[\\s\\u00a0]+(?:${f.yearNoun})(?![\\p{L}])`, 'iu') : null,
      yearRange: f.rangeLinks
        ? new RegExp(
            `(?<![\\p{L}\\p{N}.,])((?:19|20)\\d{2})(?:[\\s\\u00a0]*[-–][\\s\\u00a0]*|[\\s\\u00a0]+(?:${f.rangeLinks})[\\s\\u00a0]+)((?:19|20)\\d{2})(?![\\p{N}%])(?![\\s\\u00a0]*(?:%|\\p{Sc}))`,
            'giu',
          )
        : null,
      days: new Map(Object.entries(f.days ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      daysPattern: f.days ? wordsPattern(Object.keys(f.days)) : null,
      years: new Map(Object.entries(f.years ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      yearsPattern: f.years ? wordsPattern(Object.keys(f.years)) : null,
      connectiveEnd: new RegExp(
        `(?<![\\p{L}])(?:${f.before}|${f.after}|later|earlier|plus tard|später|dopo|później|позже)$`,
        'iu',
      ),
    };
    cache.set(lang, cues);
  }
  return cues;
}
