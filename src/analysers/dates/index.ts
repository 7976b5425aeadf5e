import type { Article } from '../../article/article.ts';
import { sentencesOf } from '../../article/segment.ts';
import type { Analyser } from '../../pipeline/analyser.ts';
import type { Finding } from '../../pipeline/finding.ts';
import { anaphoraMentions, resolveAnaphora } from './anaphora.ts';
import { checkDates } from './checks.ts';
import { chronoMentions, chronoMonth, hasChrono } from './chrono.ts';
import { type DateCues, dateCues } from './lexicon.ts';
import {
  addDays,
  type CalendarDate,
  type DateMention,
  isoAt,
  publicationDay,
  WEEKDAY_NAMES,
} from './mention.ts';
import { longestFirst, polishMentions } from './polish.ts';
import { dayOrdinalMentions, needsTense, orient, tenseAt } from './tense.ts';

export const DATES_ANALYSER = 'dates';

/** Scores: a stated calendar date is near certain; relative expressions depend on the reading. */
const SCORES = { absolute: 0.9, relative: 0.8, year: 0.75 } as const;

/**
 * Dates and time: absolute and relative date expressions (chrono-node for en fr de it ru, our
 * own rules for Polish), resolved against the publication date when the article has one, and
 * checked for consistency (weekday against date, `today` against the publication day, one event
 * dated two ways, `before`/`after` against the dates' order).
 */
export const datesAnalyser: Analyser = {
  name: DATES_ANALYSER,
  version: '1.0.0',
  description: 'Date expressions resolved against the publication date; weekday and ordering contradictions.',
  analyse(article) {
    const cues = dateCues(article.language.code);
    if (!cues) return [];
    const published = publicationDay(article.metadata.published);
    const mentions = findMentions(article, cues, published);
    const paragraphOf = paragraphLookup(article);
    const findings = mentions.map((m) => toFinding(article, m, paragraphOf(m.start)));
    findings.push(...checkDates({ text: article.text, mentions, paragraphOf, published, cues }));
    return findings;
  },
};

/** Every date mention of the article in text order. */
export function findMentions(
  article: Article,
  cues: DateCues,
  published: CalendarDate | null,
): DateMention[] {
  const lang = article.language.code;
  const out: DateMention[] = [];
  sentencesOf(article).forEach((s, index) => {
    const found =
      lang === 'pl'
        ? polishMentions(article.text, s.start, s.end, index, published)
        : hasChrono(lang)
          ? chronoMentions(article.text, s.start, s.end, index, cues, lang, published)
          : [];
    if (lang !== 'pl') found.push(...monthMentions(article.text, s.start, s.end, index, cues, published));
    if (cues.daysPattern)
      found.push(...relativeWordMentions(article.text, s.start, s.end, index, dayWords(cues), published));
    if (cues.yearsPattern)
      found.push(...relativeWordMentions(article.text, s.start, s.end, index, yearWords(cues), published));
    if (cues.year) found.push(...yearMentions(article.text, s.start, s.end, index, cues.year));
    if (cues.yearRange) found.push(...yearRangeMentions(article.text, s.start, s.end, index, cues.yearRange));
    found.push(...dayOrdinalMentions(article.text, s.start, s.end, index, cues, published));
    found.push(...anaphoraMentions(article.text, s.start, s.end, index, cues));
    for (const m of longestFirst(found)) {
      // `в 2025 году`, `1 lipca 2026 roku`: the year's noun is part of the date.
      const noun =
        cues.yearNoun && /\d{4}$/.test(article.text.slice(m.start, m.end))
          ? cues.yearNoun.exec(article.text.slice(m.end, Math.min(s.end + 2, m.end + 8)))
          : null;
      if (noun) m.end += noun[0].length;
      const words = article.text.slice(m.start, m.end);
      if (cues.notDate?.test(words)) continue;
      if (!published || !needsTense(m)) out.push(m);
      else out.push(orient(m, words, tenseAt(article.text, s.start, s.end, m.start, cues), published));
    }
  });
  resolveAnaphora(out);
  return out;
}

/** A word (`avant-hier`, `l’an prochain`) that chrono-node misses, as an offset from publication. */
interface RelativeWords {
  pattern: RegExp;
  offsetOf(word: string): number | undefined;
  grain: 'day' | 'year';
  resolve(published: CalendarDate, offset: number): CalendarDate;
}

function relativeWordMentions(
  text: string,
  start: number,
  end: number,
  sentence: number,
  words: RelativeWords,
  published: CalendarDate | null,
): DateMention[] {
  const out: DateMention[] = [];
  for (const m of text.slice(start, end).matchAll(words.pattern)) {
    const offset = words.offsetOf(m[0]);
    if (offset === undefined) continue;
    const from = start + m.index;
    out.push({
      start: from,
      end: from + m[0].length,
      sentence,
      stated: {},
      date: published ? words.resolve(published, offset) : null,
      relative: true,
      grain: words.grain,
    });
  }
  return out;
}

/** `avant-hier`, `l’altro ieri`: day words; `l’an prochain`, `l’an dernier`: year words. */
function dayWords(cues: DateCues): RelativeWords {
  return {
    pattern: cues.daysPattern!,
    offsetOf: (word) =>
      cues.days.get(word.toLowerCase().replace(/’/g, "'")) ?? cues.days.get(word.toLowerCase()),
    grain: 'day',
    resolve: addDays,
  };
}

function yearWords(cues: DateCues): RelativeWords {
  return {
    pattern: cues.yearsPattern!,
    offsetOf: (word) => cues.years.get(word.toLowerCase()),
    grain: 'year',
    resolve: (published, offset) => ({ year: published.year + offset, month: 1, day: 1 }),
  };
}

/** `mars 2024`, `en mars`: month-grained dates some chrono-node locales leave alone. */
function monthMentions(
  text: string,
  start: number,
  end: number,
  sentence: number,
  cues: DateCues,
  published: CalendarDate | null,
): DateMention[] {
  const out: DateMention[] = [];
  const slice = text.slice(start, end);
  const monthOf = (name: string) => monthNumber(cues, name);
  for (const m of cues.monthYear ? slice.matchAll(cues.monthYear) : []) {
    const month = monthOf(m[1]!);
    if (!month) continue;
    const year = Number(m[2]);
    const from = start + m.index;
    out.push({
      start: from,
      end: from + m[0].length,
      sentence,
      stated: { year, month },
      date: { year, month, day: 1 },
      relative: false,
      grain: 'month',
    });
  }
  for (const m of cues.monthAlone ? slice.matchAll(cues.monthAlone) : []) {
    const month = monthOf(m[1]!);
    if (!month) continue;
    const from = start + m.index;
    const date = published ? { year: published.year, month, day: 1 } : null;
    out.push({
      start: from,
      end: from + m[0].length,
      sentence,
      stated: { month },
      date,
      relative: false,
      grain: 'month',
    });
  }
  return out;
}

/** The month number of a month name, by chrono-node's own parse of it with a day. */
function monthNumber(cues: DateCues, name: string): number | undefined {
  const key = `${cues.lang}:${name.toLowerCase()}`;
  let month = monthCache.get(key);
  if (month === undefined && hasChrono(cues.lang)) {
    month = chronoMonth(cues.lang, name) ?? 0;
    monthCache.set(key, month);
  }
  return month || undefined;
}

const monthCache = new Map<string, number>();

/** `en 2019`, `in 2019`: a year after a preposition, which chrono-node leaves alone. */
function yearMentions(
  text: string,
  start: number,
  end: number,
  sentence: number,
  pattern: RegExp,
): DateMention[] {
  const out: DateMention[] = [];
  for (const m of text.slice(start, end).matchAll(pattern)) {
    const from = start + m.index;
    out.push(yearMention(from, from + m[1]!.length, sentence, Number(m[1])));
  }
  return out;
}

/** A year written out: stated, and resolved to its first day at year grain. */
function yearMention(start: number, end: number, sentence: number, year: number): DateMention {
  return {
    start,
    end,
    sentence,
    stated: { year },
    date: { year, month: 1, day: 1 },
    relative: false,
    grain: 'year',
  };
}

/** `entre 2016 et 2019`, `from 2012 to 2024`, `2021–2024`: both years of a range are dates. */
function yearRangeMentions(
  text: string,
  start: number,
  end: number,
  sentence: number,
  pattern: RegExp,
): DateMention[] {
  const out: DateMention[] = [];
  for (const m of text.slice(start, end).matchAll(pattern)) {
    const first = start + m.index;
    const second = first + m[0].length - m[2]!.length;
    for (const [from, digits] of [
      [first, m[1]!],
      [second, m[2]!],
    ] as const) {
      out.push(yearMention(from, from + 4, sentence, Number(digits)));
    }
  }
  return out;
}

function toFinding(article: Article, m: DateMention, paragraph: number | undefined): Finding {
  const weekday = m.stated.weekday;
  const finding: Finding = {
    analyser: DATES_ANALYSER,
    label: 'date',
    score: m.relative ? SCORES.relative : m.grain === 'year' ? SCORES.year : SCORES.absolute,
    span: { start: m.start, end: m.end },
    attributes: {
      iso: m.date ? isoAt(m.date, m.grain) : null,
      relative: m.relative,
      weekday: weekday === undefined ? null : WEEKDAY_NAMES[weekday]!,
      grain: m.grain,
      text: article.text.slice(m.start, m.end),
    },
  };
  if (paragraph !== undefined) finding.paragraph = paragraph;
  return finding;
}

function paragraphLookup(article: Article): (offset: number) => number | undefined {
  const starts = article.paragraphs;
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = starts[mid]!;
      if (offset < p.start) hi = mid - 1;
      else if (offset >= p.end) lo = mid + 1;
      else return p.index;
    }
    return undefined;
  };
}
