import { lexiconJson } from '../../lexicons.ts';
import {
  addDays,
  type CalendarDate,
  type DateMention,
  type Deixis,
  type Grain,
  weekdayOf,
} from './mention.ts';

/**
 * Polish date rules (chrono-node has no Polish): `3 marca 2024`, `we wtorek 3 marca`, `3.03.2024`,
 * `w marcu 2024`, `w 2024 r.`, `wczoraj`, `w zeszły wtorek`, `w zeszłym tygodniu`, `trzy dni temu`.
 */

interface PolishFile {
  monthsGenitive: string[];
  monthsNominative: string[];
  monthsLocative: string[];
  weekdays: string[][];
  days: Record<string, number>;
  lastWords: string[];
  nextWords: string[];
  thisWords: string[];
  units: Record<string, 'week' | 'month' | 'year'>;
  agoUnits: Record<string, number>;
  numbers: Record<string, number | null>;
}

interface Rules {
  month: Map<string, number>;
  weekday: Map<string, number>;
  file: PolishFile;
  absolute: RegExp;
  numeric: RegExp;
  monthYear: RegExp;
  year: RegExp;
  weekdayRel: RegExp;
  days: RegExp;
  period: RegExp;
  ago: RegExp;
}

let rules: Rules | undefined;

/** Every rule needs a digit or one of these word starts: other sentences are skipped at once. */
const HINT =
  /\d|temu|wczoraj|dzi[śs]|jutro|pojutrze|tydz|tygod|miesi|rok|poniedzia|wtor|[śs]rod|czwart|pi[ąa]t|sobot|niedziel|stycz|lut|marc|marz|kwie|maj|czerw|lip|sierp|wrze|pa[źz]dz|listop|grud/iu;

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const S = '[\\s\\u00a0]+';
const alt = (words: Iterable<string>) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');

function compile(): Rules {
  const file = lexiconJson('pl/dates.json') as PolishFile;
  const month = new Map<string, number>();
  for (const list of [file.monthsGenitive, file.monthsNominative, file.monthsLocative]) {
    list.forEach((name, i) => {
      month.set(name, i + 1);
    });
  }
  const weekday = new Map<string, number>();
  file.weekdays.forEach((forms, i) => {
    for (const form of forms) weekday.set(form, i);
  });
  const wd = alt(weekday.keys());
  const modifiers = alt([...file.lastWords, ...file.nextWords, ...file.thisWords]);
  return {
    month,
    weekday,
    file,
    absolute: new RegExp(
      `${B}((?:w|we|dnia|od|do)${S})?((?:(${wd}),?${S})?(\\d{1,2})\\.?${S}(${alt(file.monthsGenitive)})(?:${S}(\\d{4})${E})?)${E}`,
      'giu',
    ),
    numeric: new RegExp(`${B}((?:dnia|w dniu)${S})?((\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}))${E}`, 'giu'),
    monthYear: new RegExp(
      `${B}((?:w|we|od|do)${S})?((${alt([...file.monthsLocative, ...file.monthsNominative])})(?:${S}(\\d{4}))?)${E}(?!${S}r\\.)`,
      'giu',
    ),
    // `w 2019 r.`, `od 2015`: a year after a preposition, unless a count of something follows (`do 2000 osób`).
    year: new RegExp(
      `${B}((?:w|od|do|po|przed|sprzed)${S})((?:19|20)\\d{2})(?![\\p{N}])(?![\\s\\u00a0]*(?:%|os[óo]b|zł|złotych|euro|km|ton|głos|żołnierzy|mieszkańców|pracowników|uczniów|miejsc))`,
      'giu',
    ),
    weekdayRel: new RegExp(`${B}((?:w|we)${S})((?:(${modifiers})${S})?(${wd}))${E}`, 'giu'),
    days: new RegExp(`${B}()(${alt(Object.keys(file.days))})${E}`, 'giu'),
    period: new RegExp(`${B}((?:w|we)${S})?((${modifiers})${S}(${alt(Object.keys(file.units))}))${E}`, 'giu'),
    ago: new RegExp(
      `${B}()(((?:\\d+|${alt(Object.keys(file.numbers))})${S})?(${alt(Object.keys(file.agoUnits))})${S}temu)${E}`,
      'giu',
    ),
  };
}

export function polishMentions(
  text: string,
  start: number,
  end: number,
  sentence: number,
  ref: CalendarDate | null,
): DateMention[] {
  rules ??= compile();
  const r = rules;
  const slice = text.slice(start, end);
  const found: DateMention[] = [];
  if (!HINT.test(slice)) return found;
  const add = (m: RegExpExecArray, mention: Omit<DateMention, 'start' | 'end' | 'sentence'>) => {
    const from = start + m.index + (m[1]?.length ?? 0);
    found.push({ ...mention, start: from, end: from + m[2]!.length, sentence });
  };
  const lower = (s: string | undefined) => s?.toLowerCase() ?? '';

  for (const m of slice.matchAll(r.absolute)) {
    const stated: DateMention['stated'] = { month: r.month.get(lower(m[5])), day: Number(m[4]) };
    if (m[3]) stated.weekday = r.weekday.get(lower(m[3]));
    if (m[6]) stated.year = Number(m[6]);
    const year = stated.year ?? ref?.year;
    add(m, {
      stated,
      date: year !== undefined ? { year, month: stated.month!, day: stated.day! } : null,
      relative: false,
      grain: 'day',
    });
  }
  for (const m of slice.matchAll(r.numeric)) {
    const date = { year: Number(m[5]), month: Number(m[4]), day: Number(m[3]) };
    if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) continue;
    add(m, { stated: { ...date }, date, relative: false, grain: 'day' });
  }
  for (const m of slice.matchAll(r.monthYear)) {
    const month = r.month.get(lower(m[3]))!;
    const stated: DateMention['stated'] = { month };
    if (m[4]) stated.year = Number(m[4]);
    // A bare nominative month name is too often something else (`Maj`, `Marzec` as a name).
    if (!m[4] && !m[1]) continue;
    const year = stated.year ?? ref?.year;
    add(m, {
      stated,
      date: year !== undefined ? { year, month, day: 1 } : null,
      relative: false,
      grain: 'month',
    });
  }
  for (const m of slice.matchAll(r.year)) {
    const year = Number(m[2]);
    add(m, { stated: { year }, date: { year, month: 1, day: 1 }, relative: false, grain: 'year' });
  }
  for (const m of slice.matchAll(r.weekdayRel)) {
    const weekday = r.weekday.get(lower(m[4]))!;
    const modifier = lower(m[3]);
    add(m, {
      stated: { weekday },
      date: ref ? addDays(ref, weekdayOffset(ref, weekday, modifier, r.file)) : null,
      relative: true,
      grain: 'day',
    });
  }
  for (const m of slice.matchAll(r.days)) {
    const offset = r.file.days[lower(m[2])]!;
    const mention: Omit<DateMention, 'start' | 'end' | 'sentence'> = {
      stated: {},
      date: ref ? addDays(ref, offset) : null,
      relative: true,
      grain: 'day',
    };
    const deixis: Deixis | undefined =
      offset === 0 ? 'today' : offset === -1 ? 'yesterday' : offset === 1 ? 'tomorrow' : undefined;
    if (deixis) mention.deixis = deixis;
    add(m, mention);
  }
  for (const m of slice.matchAll(r.period)) {
    const unit = r.file.units[lower(m[4])]!;
    const modifier = lower(m[3]);
    const sign = r.file.lastWords.includes(modifier) ? -1 : r.file.nextWords.includes(modifier) ? 1 : 0;
    add(m, { stated: {}, date: ref ? shift(ref, unit, sign) : null, relative: true, grain: unit });
  }
  for (const m of slice.matchAll(r.ago)) {
    const count = m[3] ? numberOf(m[3].trim(), r.file) : 1;
    if (count === null) continue;
    const days = r.file.agoUnits[lower(m[4])]!;
    const grain: Grain = days === 1 ? 'day' : days === 7 ? 'week' : days === 30 ? 'month' : 'year';
    const date = ref ? agoDate(ref, count, days) : null;
    add(m, { stated: {}, date, relative: true, grain: grain === 'week' ? 'week' : grain });
  }
  return longestFirst(found);
}

function numberOf(word: string, file: PolishFile): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return file.numbers[word.toLowerCase()] ?? null;
}

function agoDate(ref: CalendarDate, count: number, unitDays: number): CalendarDate {
  if (unitDays === 30) return shiftMonths(ref, -count);
  if (unitDays === 365) return { ...ref, year: ref.year - count };
  return addDays(ref, -count * unitDays);
}

/** The weekday meant: the last one (up to four days back, else the next), or the previous/next one with a modifier. */
function weekdayOffset(ref: CalendarDate, weekday: number, modifier: string, file: PolishFile): number {
  const back = (weekdayOf(ref) - weekday + 7) % 7;
  if (file.lastWords.includes(modifier)) return -(back || 7);
  if (file.nextWords.includes(modifier)) return 7 - back;
  return back <= 4 ? -back : 7 - back;
}

function shift(ref: CalendarDate, unit: 'week' | 'month' | 'year', sign: number): CalendarDate {
  if (unit === 'week') return addDays(ref, 7 * sign);
  if (unit === 'month') return shiftMonths(ref, sign);
  return { year: ref.year + sign, month: 1, day: 1 };
}

function shiftMonths(ref: CalendarDate, months: number): CalendarDate {
  const index = ref.year * 12 + ref.month - 1 + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

/** Overlapping matches: the earliest, then the longest, wins. */
export function longestFirst(mentions: DateMention[]): DateMention[] {
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DateMention[] = [];
  for (const m of mentions) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}
