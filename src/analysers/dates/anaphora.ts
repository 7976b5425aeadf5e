import type { DateCues } from './lexicon.ts';
import { addDays, type CalendarDate, type DateMention } from './mention.ts';

/** Words naming a day by its distance from the event mentioned before (`la veille`, `nazajutrz`). */
export interface AnaphoraCues {
  pattern: RegExp;
  offsets: ReadonlyMap<string, number>;
}

export function compileAnaphora(words: Record<string, number> | undefined): AnaphoraCues | null {
  const keys = Object.keys(words ?? {}).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return null;
  const escaped = keys.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0]+'));
  return {
    pattern: new RegExp(`(?<![\\p{L}-])(?:${escaped.join('|')})(?![\\p{L}-])`, 'giu'),
    offsets: new Map(Object.entries(words!).map(([k, v]) => [k.toLowerCase(), v])),
  };
}

const offsets = new WeakMap<DateMention, number>();

/**
 * `la veille`, `le lendemain`, `the next day`: days counted from the event mentioned before, not
 * from the publication day. `resolveAnaphora` dates them once every mention is known.
 */
export function anaphoraMentions(
  text: string,
  start: number,
  end: number,
  sentence: number,
  cues: DateCues,
): DateMention[] {
  if (!cues.anaphora) return [];
  const out: DateMention[] = [];
  for (const m of text.slice(start, end).matchAll(cues.anaphora.pattern)) {
    const days = cues.anaphora.offsets.get(m[0].toLowerCase().replace(/[\s\u00a0]+/g, ' '));
    if (days === undefined) continue;
    const mention: DateMention = {
      start: start + m.index,
      end: start + m.index + m[0].length,
      sentence,
      stated: {},
      date: null,
      relative: true,
      grain: 'day',
    };
    offsets.set(mention, days);
    out.push(mention);
  }
  return out;
}

/** Dates of anaphoric mentions, counted from the nearest day-grain date mentioned before each. */
export function resolveAnaphora(mentions: readonly DateMention[]): void {
  let last: CalendarDate | null = null;
  for (const m of mentions) {
    const days = offsets.get(m);
    if (days === undefined) {
      if (m.date && m.grain === 'day') last = m.date;
    } else if (last) m.date = addDays(last, days);
  }
}
