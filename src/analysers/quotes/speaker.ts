import type { QuoteLexicon } from './lexicon.ts';
import { normaliseCue } from './lexicon.ts';

/** A speaker phrase found in the text: a name, a description, or a pronoun. */
export interface SpeakerMention {
  text: string;
  start: number;
  end: number;
  pronoun: boolean;
}

interface Token {
  start: number;
  end: number;
  kind: 'pronoun' | 'title' | 'det' | 'conn' | 'word' | 'name' | 'other';
}

const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;
const MAX_TOKENS = 10;
/** How far a speaker phrase may reach from its cue. */
const REACH = 120;

/** The speaker phrase that starts right at `from` (after a cue: `said John Smith`, `selon le ministre`). */
export function speakerAfter(
  text: string,
  from: number,
  limit: number,
  lexicon: QuoteLexicon,
): SpeakerMention | null {
  const tokens = tokenize(text, from, Math.min(limit, from + REACH), lexicon);
  const taken: Token[] = [];
  let cursor = from;
  for (const token of tokens) {
    if (!gapAllowed(text, cursor, token.start, taken.at(-1), lexicon)) break;
    if (token.kind === 'other') break;
    if (token.kind === 'pronoun') {
      if (taken.length === 0) return mention(text, [token], true);
      break;
    }
    if (token.kind === 'det' && taken.length > 0 && taken.at(-1)!.kind !== 'conn') break;
    taken.push(token);
    cursor = token.end;
    if (taken.length >= MAX_TOKENS) break;
  }
  return phrase(text, taken);
}

/** The speaker phrase that ends right at `to` (before a cue: `John Smith said`, `le ministre a déclaré`). */
export function speakerBefore(
  text: string,
  to: number,
  limit: number,
  lexicon: QuoteLexicon,
): SpeakerMention | null {
  const tokens = tokenize(text, Math.max(limit, to - REACH), to, lexicon);
  const taken: Token[] = [];
  let cursor = to;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (!gapAllowed(text, token.end, cursor, token, lexicon)) break;
    if (token.kind === 'other') break;
    if (token.kind === 'pronoun') {
      if (taken.length === 0) return mention(text, [token], true);
      break;
    }
    taken.unshift(token);
    cursor = token.start;
    if (token.kind === 'det' && !startsWithConnector(tokens[i - 1])) break;
    if (taken.length >= MAX_TOKENS) break;
  }
  while (taken.length > 0 && taken[0]!.kind === 'conn') taken.shift();
  return phrase(text, taken);
}

function startsWithConnector(token: Token | undefined): boolean {
  return token?.kind === 'conn';
}

/** Only spaces may separate words of a phrase, or the dot of an abbreviated title (`M. Dupont`). */
function gapAllowed(text: string, from: number, to: number, before: Token | undefined, lexicon: QuoteLexicon) {
  const gap = text.slice(from, to);
  if (/^[\s\u00a0\u202f]*$/.test(gap)) return true;
  return (
    before?.kind === 'title' &&
    /^\.[\s\u00a0\u202f]+$/.test(gap) &&
    lexicon.titles.has(normaliseCue(text.slice(before.start, before.end)))
  );
}

/** Trims dangling connectors and determiners; keeps the phrase only if it names someone. */
function phrase(text: string, taken: Token[]): SpeakerMention | null {
  let end = taken.length;
  while (end > 0 && (taken[end - 1]!.kind === 'conn' || taken[end - 1]!.kind === 'det')) end--;
  const kept = taken.slice(0, end);
  if (!kept.some((t) => t.kind === 'name' || t.kind === 'word' || t.kind === 'title')) return null;
  if (kept.length === 1 && kept[0]!.kind === 'title' && !/^\p{Lu}/u.test(text[kept[0]!.start]!)) return null;
  return mention(text, kept, false);
}

function mention(text: string, tokens: Token[], pronoun: boolean): SpeakerMention {
  const start = tokens[0]!.start;
  const end = tokens.at(-1)!.end;
  return { text: text.slice(start, end), start, end, pronoun };
}

function tokenize(text: string, from: number, to: number, lexicon: QuoteLexicon): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m && m.index < to; m = WORD.exec(text)) {
    let start = m.index;
    const end = Math.min(m.index + m[0].length, to);
    const elided = /^([\p{L}]{1,3}['’])/u.exec(m[0]);
    if (elided && end - start > elided[1]!.length) {
      // `l'Intérieur`, `d'Alembert`: the article is its own (connector or determiner) token.
      const head = normaliseCue(elided[1]!);
      if (lexicon.determiners.has(head) || lexicon.connectors.has(head)) {
        tokens.push({ start, end: start + elided[1]!.length, kind: lexicon.determiners.has(head) ? 'det' : 'conn' });
        start += elided[1]!.length;
      }
    }
    tokens.push({ start, end, kind: classify(text.slice(start, end), lexicon) });
  }
  return tokens;
}

function classify(word: string, lexicon: QuoteLexicon): Token['kind'] {
  const key = normaliseCue(word);
  if (lexicon.pronouns.has(key)) return 'pronoun';
  if (lexicon.titles.has(key)) return 'title';
  // `du`, `des`: connectors first, so `le porte-parole du gouvernement` holds together.
  if (lexicon.connectors.has(key)) return 'conn';
  if (lexicon.determiners.has(key)) return 'det';
  if (lexicon.speakerWords.has(key)) return 'word';
  if (/^\p{Lu}/u.test(word) && !TEMPORAL.has(key)) return 'name';
  return 'other';
}

/** Capitalised words that are never part of a speaker's name: days and months. */
const TEMPORAL = new Set(
  [
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july',
    'august september october november december montag dienstag mittwoch donnerstag freitag samstag sonntag',
    'januar februar märz juni juli oktober dezember yesterday today gestern heute ieri oggi wczoraj dziś',
    'вчера сегодня however but and mais et aber und ma e ale и но also aussi auch anche także также then',
    'puis dann poi potem затем meanwhile moreover however später',
  ]
    .join(' ')
    .split(' '),
);
