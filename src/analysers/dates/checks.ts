import type { Evidence, Finding } from '../../pipeline/finding.ts';
import type { DateCues } from './lexicon.ts';
import {
  type CalendarDate,
  coarser,
  compareAt,
  type DateMention,
  isoAt,
  WEEKDAY_NAMES,
  weekdayOf,
} from './mention.ts';

/**
 * Consistency checks over the date mentions of one article. Each rule is small and precise, and
 * names itself and the spans involved in its evidence:
 * - `weekday-mismatch`: a weekday stated with a date that falls on another day (`mardi 3 mars 2025`);
 * - `date-contradiction` / `deictic-day`: `today, the 29th` in an article published on the 31st;
 * - `date-contradiction` / `same-event`: one event noun dated two ways (`le sommet du 12 mars` … `le sommet du 14 mars`);
 * - `date-contradiction` / `ordering`: `le 5 mars, avant la réunion du 3 mars` inside one sentence.
 */

const ANALYSER = 'dates';
const CLAUSE_BREAK = /[;:]|\b(?:that|which|que|qui|dass|che|że|что|который)\b/iu;
const MAX_ORDER_GAP = 80;
const DEIXIS_GAP = /^[\s\u00a0,(—–-]*$/u;

export interface CheckInput {
  text: string;
  mentions: DateMention[];
  paragraphOf: (offset: number) => number | undefined;
  published: CalendarDate | null;
  cues: DateCues;
}

export function checkDates(input: CheckInput): Finding[] {
  return [
    ...weekdayMismatches(input),
    ...deicticContradictions(input),
    ...sameEvent(input),
    ...ordering(input),
  ];
}

function finding(
  input: CheckInput,
  label: string,
  score: number,
  at: DateMention,
  attributes: Finding['attributes'],
  evidence: Evidence[],
): Finding {
  const f: Finding = {
    analyser: ANALYSER,
    label,
    score,
    span: { start: at.start, end: at.end },
    attributes,
    evidence,
  };
  const paragraph = input.paragraphOf(at.start);
  if (paragraph !== undefined) f.paragraph = paragraph;
  return f;
}

function weekdayMismatches(input: CheckInput): Finding[] {
  const out: Finding[] = [];
  for (const m of input.mentions) {
    const stated = m.stated.weekday;
    if (stated === undefined || m.stated.day === undefined || !m.date) continue;
    const actual = weekdayOf(m.date);
    if (actual === stated) continue;
    const iso = isoAt(m.date, 'day');
    out.push(
      finding(
        input,
        'weekday-mismatch',
        m.stated.year !== undefined ? 0.95 : 0.8,
        m,
        { rule: 'weekday-date', stated: WEEKDAY_NAMES[stated]!, actual: WEEKDAY_NAMES[actual]!, iso },
        [
          {
            feature: 'rule:weekday-date',
            span: { start: m.start, end: m.end },
            note: `${iso} is a ${WEEKDAY_NAMES[actual]}, not a ${WEEKDAY_NAMES[stated]}`,
          },
        ],
      ),
    );
  }
  return out;
}

/** `today, the 29th`, `hier lundi`: a deictic day next to a date or weekday that is not the same day. */
function deicticContradictions(input: CheckInput): Finding[] {
  const out: Finding[] = [];
  const { text, mentions, published, cues } = input;
  if (!published) return out;
  mentions.forEach((m, i) => {
    if (!m.deixis || !m.date) return;
    const next = mentions[i + 1];
    const gap = next ? text.slice(m.end, next.start) : '';
    let stated: DateMention['stated'] | undefined;
    let other: { start: number; end: number } | undefined;
    if (next && next.sentence === m.sentence && !next.relative && DEIXIS_GAP.test(stripGap(gap, cues))) {
      stated = next.stated;
      other = { start: next.start, end: next.end };
    } else if (
      next &&
      next.sentence === m.sentence &&
      next.relative &&
      next.stated.weekday !== undefined &&
      DEIXIS_GAP.test(gap)
    ) {
      stated = { weekday: next.stated.weekday };
      other = { start: next.start, end: next.end };
    } else {
      const day = cues.dayAfterDeictic.exec(text.slice(m.end, m.end + 40));
      if (day) {
        const from = m.end + day.index + day[0].lastIndexOf(day[1]!);
        stated = { day: Number(day[1]) };
        // The ordinal's suffix belongs to the stated day (`the 29th` → `29th`).
        other = { start: from, end: m.end + day.index + day[0].length };
      }
    }
    if (!stated || !other) return;
    const date = m.date;
    const clash =
      (stated.day !== undefined && stated.day !== date.day) ||
      (stated.month !== undefined && stated.month !== date.month) ||
      (stated.year !== undefined && stated.year !== date.year) ||
      (stated.weekday !== undefined && stated.weekday !== weekdayOf(date));
    if (!clash) return;
    const said = text.slice(other.start, other.end);
    const deictic = text.slice(m.start, m.end);
    const pub = isoAt(published, 'day');
    // Anchored on the stated day, the words that contradict the publication date (the blind sets' convention).
    const anchor: DateMention = { ...m, start: other.start, end: other.end };
    out.push(
      finding(
        input,
        'date-contradiction',
        0.9,
        anchor,
        { rule: 'deictic-day', deixis: m.deixis, iso: isoAt(date, 'day'), stated: said, published: pub },
        [
          {
            feature: 'rule:deictic-day',
            span: { start: m.start, end: m.end },
            note: `“${deictic}” is ${isoAt(date, 'day')} (published ${pub})`,
          },
          { feature: 'rule:deictic-day', span: other, note: `but the text says “${said}”` },
        ],
      ),
    );
  });
  return out;
}

/** The gap between a deictic day and a date, without an article or preposition (`today, the`). */
function stripGap(gap: string, cues: DateCues): string {
  const trimmed = gap.replace(/^[\s\u00a0,(—–-]+/u, '');
  const lead = cues.strip.exec(trimmed);
  return lead ? trimmed.slice(lead[0].length) : gap;
}

/** The same event noun dated two different days (`le sommet du 12 mars` … `le sommet du 14 mars`). */
function sameEvent(input: CheckInput): Finding[] {
  const out: Finding[] = [];
  const first = new Map<string, DateMention>();
  for (const m of input.mentions) {
    if (!m.date || m.grain !== 'day' || m.relative) continue;
    const before = input.text.slice(Math.max(0, m.start - 40), m.start);
    const event = input.cues.eventBefore.exec(before);
    if (!event) continue;
    const key = event[1]!.toLowerCase();
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, m);
      continue;
    }
    if (compareAt(earlier.date!, m.date, 'day') === 0) continue;
    const a = isoAt(earlier.date!, 'day');
    const b = isoAt(m.date, 'day');
    out.push(
      finding(input, 'date-contradiction', 0.6, m, { rule: 'same-event', event: key, first: a, second: b }, [
        {
          feature: 'rule:same-event',
          span: { start: earlier.start, end: earlier.end },
          note: `“${key}” dated ${a} here`,
        },
        { feature: 'rule:same-event', span: { start: m.start, end: m.end }, note: `and ${b} here` },
      ]),
    );
  }
  return out;
}

/** `A … before … B` with A later than B (or `after` with A earlier), inside one sentence. */
function ordering(input: CheckInput): Finding[] {
  const out: Finding[] = [];
  const { mentions, text, cues } = input;
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i]!;
    const b = mentions[i + 1]!;
    if (a.sentence !== b.sentence || !a.date || !b.date) continue;
    const gap = text.slice(a.end, b.start);
    if (gap.length > MAX_ORDER_GAP || CLAUSE_BREAK.test(gap)) continue;
    const grain = coarser(a.grain === 'week' ? 'day' : a.grain, b.grain === 'week' ? 'day' : b.grain);
    const order = compareAt(a.date, b.date, grain);
    const says = cues.before.test(gap) ? 'before' : cues.after.test(gap) ? 'after' : undefined;
    if (!says || (says === 'before' && order <= 0) || (says === 'after' && order >= 0)) continue;
    const isoA = isoAt(a.date, grain);
    const isoB = isoAt(b.date, grain);
    out.push(
      finding(input, 'date-contradiction', 0.75, b, { rule: 'ordering', says, first: isoA, second: isoB }, [
        { feature: 'rule:ordering', span: { start: a.start, end: a.end }, note: `${isoA}` },
        {
          feature: 'rule:ordering',
          span: { start: b.start, end: b.end },
          note: `said to come ${says === 'before' ? 'after' : 'before'} it, yet is ${isoB}`,
        },
      ]),
    );
  }
  return out;
}
