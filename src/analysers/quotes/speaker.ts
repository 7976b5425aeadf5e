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
  /** `stop`: a word that ends any speaker phrase (`qui`, `which`). */
  kind: 'pronoun' | 'title' | 'det' | 'conn' | 'word' | 'name' | 'other' | 'stop';
}

const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*(?:(?<=s)['’](?=[\s\u00a0]))?/gu;
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
  const found = phraseAfter(text, from, limit, lexicon);
  if (found?.pronoun) return found;
  // `said the union leader, Tom Briggs`: the name in apposition, not the description.
  if (found && !isName(found.text)) {
    // `said the council’s cabinet member for culture, Priya Raman`: a few more words may end the description.
    const comma = /^[^,.;:!?«»“”"]{0,60}?,[\s\u00a0]+/u.exec(text.slice(found.end, limit));
    const name = comma ? nameAt(text, found.end + comma[0].length, limit) : null;
    if (name) return name;
  }
  // `a regretté devant la presse Sophie Garnier.`, `przyznał prezes klubu Piotr Wiśniewski`,
  // `said the team captain, Lisa Grant`: a few lowercase words (a place, a title) before a full
  // name that ends the clause.
  if (!found || (!isName(found.text) && found.text.split(/[\s\u00a0]+/).length === 1)) {
    const lead = /^(?:[\s\u00a0]+[\p{Ll}][\p{L}'’-]*){1,4},?[\s\u00a0]+/u.exec(text.slice(from, limit));
    const name = lead ? nameAt(text, from + lead[0].length, limit) : null;
    if (name) return name;
  }
  return found;
}

/** Particles that may stand inside a personal name (`Charles de Gaulle`, `Ursula von der Leyen`). */
const PARTICLES = new Set([
  'de',
  'du',
  'des',
  'van',
  'von',
  'der',
  'den',
  'di',
  'da',
  'del',
  'della',
  'bin',
  'ibn',
  'al',
  'la',
  'le',
]);

/** Every word capitalised (particles aside): a name, not a description (`Tom Briggs`, not `the union leader`). */
function isName(phrase: string): boolean {
  const words = phrase.split(/[\s\u00a0]+/);
  return /^\p{Lu}/u.test(words[0]!) && words.every((w) => /^\p{Lu}/u.test(w) || PARTICLES.has(w));
}

/** A full name (two or more capitalised words) starting at `at` and ending its clause. */
function nameAt(text: string, at: number, limit: number): SpeakerMention | null {
  const m =
    /^\p{Lu}[\p{L}'’-]+(?:[\s\u00a0]+(?:\p{Lu}[\p{L}'’-]+|(?:de|van|von|der|di|da|del|du|bin|al)(?=[\s\u00a0]+\p{Lu})))+/u.exec(
      text.slice(at, limit),
    );
  if (!m || TEMPORAL.has(normaliseCue(m[0].split(/[\s\u00a0]+/)[0]!))) return null;
  if (!/^[\s\u00a0]*(?:[,.;:!?)»”“"]|$)/.test(text.slice(at + m[0].length, limit))) return null;
  return { text: m[0], start: at, end: at + m[0].length, pronoun: false };
}

function phraseAfter(
  text: string,
  from: number,
  limit: number,
  lexicon: QuoteLexicon,
): SpeakerMention | null {
  const end = Math.min(limit, from + REACH);
  const tokens = tokenize(text, from, end, lexicon);
  const taken: Token[] = [];
  let cursor = from;
  let i = 0;
  // `a déclaré jeudi le ministre`: a day or an adverb may stand between the cue and the speaker.
  while (i < tokens.length && i < 2 && TEMPORAL.has(normaliseCue(word(text, tokens[i]!)))) i++;
  if (i > 0) cursor = tokens[i - 1]!.end;
  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!gapAllowed(text, cursor, token.start, taken.at(-1), lexicon) || token.kind === 'stop') break;
    if (token.kind === 'other') {
      const run = nounRunAfterGenitive(text, tokens, i, taken.at(-1), lexicon);
      if (run === 0) break;
      for (let k = i; k < i + run; k++) taken.push(tokens[k]!);
      // `les chiffres du ministère`: the phrase goes on through a genitive connector.
      const next = tokens[i + run];
      if (
        !next ||
        !isGenitive(text, next, lexicon) ||
        !/^[\s\u00a0]+$/.test(text.slice(tokens[i + run - 1]!.end, next.start))
      )
        break;
      cursor = tokens[i + run - 1]!.end;
      i += run - 1;
      continue;
    }
    if (token.kind === 'pronoun') {
      if (taken.length === 0) return mention(text, [token], true);
      break;
    }
    if (token.kind === 'det' && taken.length > 0 && taken.at(-1)!.kind !== 'conn') break;
    // `claimed on Twitter`: a phrase after a cue does not open with a connector (`du`, `der` do: determiners too).
    if (
      token.kind === 'conn' &&
      taken.length === 0 &&
      !lexicon.determiners.has(normaliseCue(word(text, token)))
    )
      break;
    taken.push(token);
    cursor = token.end;
    if (taken.length >= MAX_TOKENS) break;
  }
  return phrase(text, taken);
}

/**
 * After a determiner, or after `of`, `de`, `di`…, up to two ordinary words may end a speaker phrase
 * (`said the magazine`, `une source proche du dossier`) when punctuation or the end of the region
 * follows them.
 * Returns how many tokens to take, 0 when the phrase stops here.
 */
function nounRunAfterGenitive(
  text: string,
  tokens: readonly Token[],
  i: number,
  previous: Token | undefined,
  lexicon: QuoteLexicon,
): number {
  let k = i;
  let sawGenitive = false;
  for (let j = i - 1; j >= 0 && j >= i - 2; j--) {
    if (isGenitive(text, tokens[j]!, lexicon)) sawGenitive = true;
  }
  // `said the magazine.`: a determiner and up to two ordinary words, ending the phrase.
  if (!previous || !(previous.kind === 'det' || (sawGenitive && previous.kind === 'conn'))) return 0;
  while (k < tokens.length && k < i + 2 && tokens[k]!.kind === 'other') {
    if (k > i && !/^[\s\u00a0]+$/.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))) break;
    k++;
  }
  // The run must end the phrase (punctuation or the end of the region follows it) or go on through a genitive.
  if (
    k < tokens.length &&
    !/^[\s\u00a0]*[,.;:!?)»”“"]/.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))
  ) {
    return isGenitive(text, tokens[k]!, lexicon) ? k - i : 0;
  }
  return k - i;
}

function isGenitive(text: string, token: Token, lexicon: QuoteLexicon): boolean {
  return token.kind === 'conn' && lexicon.genitives.has(normaliseCue(word(text, token)));
}

function word(text: string, token: Token): string {
  return text.slice(token.start, token.end);
}

/** The speaker phrase that ends right at `to` (before a cue: `John Smith said`, `le ministre a déclaré`). */
export function speakerBefore(
  text: string,
  to: number,
  limit: number,
  lexicon: QuoteLexicon,
): SpeakerMention | null {
  const found = phraseBefore(text, to, limit, lexicon);
  // `Marie Lambert, la porte-parole du gouvernement, a indiqué`: the name the description follows.
  if (found && !found.pronoun && !isName(found.text)) {
    const comma = /,[\s\u00a0]*$/.exec(text.slice(limit, found.start));
    const name = comma ? phraseBefore(text, found.start - comma[0].length, limit, lexicon) : null;
    if (name && isName(name.text) && name.text.includes(' ') && text.slice(limit, name.start).trim() === '')
      return name;
  }
  if (!found && /,[\s\u00a0]*$/.test(text.slice(limit, to)))
    return subjectBeforeRelative(text, to, limit, lexicon);
  return found;
}

/** `Laura Kent, who visited the site on Monday, said`: the subject before a relative clause. */
function subjectBeforeRelative(
  text: string,
  to: number,
  limit: number,
  lexicon: QuoteLexicon,
): SpeakerMention | null {
  const region = normaliseCue(text.slice(limit, to));
  for (const relative of lexicon.relatives) {
    const at = region.lastIndexOf(`, ${relative} `);
    if (at < 0) continue;
    const subject = phraseBefore(text, limit + at, limit, lexicon);
    if (subject && !subject.pronoun && text.slice(limit, subject.start).trim() === '') return subject;
  }
  return null;
}

function phraseBefore(text: string, to: number, limit: number, lexicon: QuoteLexicon): SpeakerMention | null {
  const tokens = tokenize(text, Math.max(limit, to - REACH), to, lexicon);
  const taken: Token[] = [];
  let cursor = to;
  let last = tokens.length - 1;
  // `He has always said`: one adverb may stand between the speaker and the cue.
  const adverb = tokens[last];
  // `Ministers have promised`: an auxiliary between the subject and the cue.
  if (adverb && lexicon.lang === 'en' && AUXILIARIES.has(normaliseCue(word(text, adverb)))) {
    cursor = adverb.start;
    last--;
  } else if (adverb && adverb.kind === 'other' && isAdverb(word(text, adverb), lexicon)) {
    cursor = adverb.start;
    last--;
    if (tokens[last] && AUXILIARIES.has(normaliseCue(word(text, tokens[last]!)))) {
      cursor = tokens[last]!.start;
      last--;
    }
  }
  for (let i = last; i >= 0; i--) {
    const token = tokens[i]!;
    // `The agency's chief economist, Li Wei, warned`: the name in apposition right before the cue.
    const apposition =
      taken.length === 0 && i === last && /^,[\s\u00a0]*$/.test(text.slice(token.end, cursor));
    if ((!apposition && !gapAllowed(text, token.end, cursor, token, lexicon)) || token.kind === 'stop') break;
    if (token.kind === 'other') {
      // `sources close to the negotiations said`: ordinary nouns right after a genitive connector.
      // `la direction de l’hôpital assure`: a determiner and noun before a genitive connector too.
      const j = taken.length === 0 || taken[0]!.kind === 'conn' ? i : -1;
      const back = j >= 0 ? genitiveRunBefore(text, tokens, j, lexicon) : 0;
      if (back === 0) break;
      for (let k = i; k > i - back; k--) taken.unshift(tokens[k]!);
      cursor = tokens[i - back + 1]!.start;
      i -= back - 1;
      if (taken[0]!.kind === 'det' && !startsWithConnector(tokens[i - 1])) break;
      continue;
    }
    if (token.kind === 'pronoun') {
      if (taken.length === 0) return mention(text, [token], true);
      break;
    }
    taken.unshift(token);
    cursor = token.start;
    if (token.kind === 'det' && !startsWithConnector(tokens[i - 1])) break;
    if (taken.length >= MAX_TOKENS) break;
  }
  // A leading connector is dropped, unless it doubles as a determiner (German `der`, French `du`).
  while (
    taken.length > 0 &&
    taken[0]!.kind === 'conn' &&
    !lexicon.determiners.has(normaliseCue(word(text, taken[0]!)))
  ) {
    taken.shift();
  }
  return phrase(text, taken);
}

/**
 * Walking back from a cue over ordinary words (at most two): they belong to the speaker when a
 * determiner precedes them (`the actor insisted`), or a genitive connector after a speaker word
 * (`sources close to the negotiations said`). Returns how many tokens to take, 0 when neither.
 */
function genitiveRunBefore(text: string, tokens: readonly Token[], i: number, lexicon: QuoteLexicon): number {
  let k = i;
  while (k >= 0 && i - k < 2 && tokens[k]!.kind === 'other') k--;
  for (let m = Math.max(k, 0) + 1; m <= i; m++) {
    if (!/^[\s\u00a0]+$/.test(text.slice(tokens[m - 1]!.end, tokens[m]!.start))) return 0;
  }
  if (tokens[k]?.kind === 'det') return i - k + 1;
  const conn = tokens[k];
  const head = tokens[k - 1];
  if (!conn || !isGenitive(text, conn, lexicon)) return 0;
  if (!head || (head.kind !== 'word' && head.kind !== 'name')) return 0;
  return i - k;
}

function startsWithConnector(token: Token | undefined): boolean {
  return token?.kind === 'conn';
}

/** Only spaces may separate words of a phrase, or the dot of an abbreviated title (`M. Dupont`). */
function gapAllowed(
  text: string,
  from: number,
  to: number,
  before: Token | undefined,
  lexicon: QuoteLexicon,
) {
  const gap = text.slice(from, to);
  if (/^[\s\u00a0\u202f]*$/.test(gap)) return true;
  // `a U.S. official`: the final dot of a dotted abbreviation.
  if (
    before &&
    /^\.[\s\u00a0]+$/.test(gap) &&
    /^(?:\p{Lu}\.)+\p{Lu}$/u.test(text.slice(before.start, before.end))
  )
    return true;
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
  const named = kept.some((t) => t.kind === 'name' || t.kind === 'word' || t.kind === 'title');
  if (!named && !(kept[0]?.kind === 'det' && kept.length >= 2)) return null;
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
        tokens.push({
          start,
          end: start + elided[1]!.length,
          kind: lexicon.determiners.has(head) ? 'det' : 'conn',
        });
        start += elided[1]!.length;
      }
    }
    tokens.push({ start, end, kind: classify(text.slice(start, end), lexicon) });
  }
  return tokens;
}

function classify(word: string, lexicon: QuoteLexicon): Token['kind'] {
  const key = normaliseCue(word);
  if (lexicon.notSpeaker.has(key)) return 'stop';
  // `the agency's chief economist`, `the organisers' spokesman`: a possessive modifies the speaker.
  if (lexicon.lang === 'en' && /\p{L}(?:'s|s')$/u.test(key)) return 'word';
  if (lexicon.pronouns.has(key)) return 'pronoun';
  if (lexicon.titles.has(key)) return 'title';
  // `du`, `des`: connectors first, so `le porte-parole du gouvernement` holds together.
  if (lexicon.connectors.has(key)) return 'conn';
  if (lexicon.determiners.has(key)) return 'det';
  if (lexicon.speakerWords.has(key)) return 'word';
  if (/^\p{Lu}/u.test(word) && !TEMPORAL.has(key)) return 'name';
  return 'other';
}

const ADVERBS = new Set([
  'also',
  'always',
  'later',
  'then',
  'again',
  'never',
  'once',
  'still',
  'often',
  'already',
]);
const AUXILIARIES = new Set(['has', 'had', 'have']);

function isAdverb(word: string, lexicon: QuoteLexicon): boolean {
  const key = normaliseCue(word);
  return lexicon.lang === 'en' && (ADVERBS.has(key) || (key.length > 4 && key.endsWith('ly')));
}

/** Capitalised words that are never part of a speaker's name: days and months. */
const TEMPORAL = new Set(
  [
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july',
    'august september october november december montag dienstag mittwoch donnerstag freitag samstag sonntag',
    'januar februar märz juni juli oktober dezember yesterday today gestern heute ieri oggi wczoraj dziś',
    'вчера сегодня however but and mais et aber und ma e ale и но also aussi auch anche także также then',
    'puis dann poi potem затем meanwhile moreover however später lundi mardi mercredi jeudi vendredi samedi',
    'dimanche hier soir matin lunedì martedì mercoledì giovedì venerdì sabato domenica poi inoltre anche',
  ]
    .join(' ')
    .split(' '),
);
