import type { Article } from '../../article/article.ts';
import { sentencesOf, words } from '../../article/segment.ts';
import { type EntityLexicon, type EntityType, inflectedEntry, nameKey } from './lexicon.ts';
import { similar, spellingKey, stem } from './skeleton.ts';

/** One mention of a person, organisation or place. */
export interface Mention {
  start: number;
  end: number;
  type: EntityType;
  /** The name words as written (particles such as `von der` included). */
  words: string[];
  /** Gazetteer id when the name is in a gazetteer. */
  gazetteer?: string;
  /** Why it is taken as an entity: `gazetteer`, `title`, `first-name`, `known-surname`... */
  evidence: string;
  /** Text of the title or trigger word right before a person's name. */
  title?: string;
}

interface Token {
  start: number;
  end: number;
  text: string;
  /** First word-like token of its sentence. */
  initial: boolean;
  /** Inside a gazetteer name or a title: not part of a capitalised run. */
  taken: boolean;
  /** `text` starts with a capital (tested once: every pass asks). */
  capitalised: boolean;
}

interface Run {
  tokens: Token[];
  title?: string;
}

const UPPER = /^\p{Lu}/u;
const ACRONYM = /^\p{Lu}[\p{Lu}\d]+$/u;
/** An elided article before a name (`l’Élysée`, `dell’Interno`, sentence-initial `L’Espagnol`). */
const ELISION = /^(?:\p{Ll}{1,6}|L)['’](?=\p{Lu})/u;
const POSSESSIVE = /['’]s?$/u;
const INITIAL = /^\p{Lu}$/u;
const RUN_GAP = /^[\s\u00a0]+$/u;
const TITLE_GAP = /^[\s\u00a0,]*$/u;
/** Name particles that may continue a person's name after a first name (`Ursula von der Leyen`). */
export const PARTICLES: ReadonlySet<string> = new Set([
  'von',
  'van',
  'der',
  'de',
  'di',
  'da',
  'del',
  'della',
  'bin',
  'ben',
  'al',
  'le',
  'la',
]);

/** Every entity mention of the article, in text order. */
export function detectMentions(article: Article, lexicon: EntityLexicon): Mention[] {
  const { text } = article;
  const lang = article.language.code;
  const sentences = sentencesOf(article);
  const lowercase = new Set<string>();
  const tokenLists: Token[][] = [];
  const mentions: Mention[] = [];
  const pending: Run[] = [];

  // Pass 1: tokens, the article's lowercase vocabulary, gazetteer names and titles.
  const titleEnds = new Map<number, string>();
  for (const paragraph of article.paragraphs) {
    for (const t of lexicon.titles.findAll(text, paragraph.start, paragraph.end))
      titleEnds.set(t.end, t.text);
  }
  for (const sentence of sentences) {
    const tokens = tokenize(text, sentence.start, sentence.end, lang);
    for (const t of tokens) if (!t.capitalised) lowercase.add(t.text.toLowerCase());
    tokenLists.push(tokens);
  }
  sentences.forEach((sentence, i) => {
    const tokens = tokenLists[i]!;
    const orgs = lowercaseOrganisations(text, sentence.start, sentence.end, lexicon);
    for (const org of orgs) {
      for (const t of tokens) if (t.start >= org.start && t.end <= org.end) t.taken = true;
      mentions.push(org);
    }
    for (const m of lexicon.names.findAll(text, sentence.start, sentence.end)) {
      if (orgs.some((o) => m.start < o.end && o.start < m.end)) continue;
      // `l’Italien Matteo Rinaldi`: a capitalised word after an article and before a name is a demonym.
      if (demonymBefore(text, m.start, m.end, lexicon)) continue;
      const entry = lexicon.byName.get(nameKey(m.text))!;
      const covered = tokens.filter((t) => t.start >= m.start && t.end <= m.end);
      const first = covered[0];
      // `Total`, `Nice`, `Mali` opening a sentence are words when the article uses them lowercase.
      if (covered.length === 1 && first?.initial && lowercase.has(first.text.toLowerCase())) continue;
      // `Michael Wagner` is a person, not the Wagner group: a first name right before claims the word.
      const before = tokens[tokens.indexOf(first!) - 1];
      if (
        entry.type !== 'person' &&
        covered.length === 1 &&
        before &&
        !before.taken &&
        RUN_GAP.test(text.slice(before.end, first!.start)) &&
        isFirstName(lexicon, before.text)
      ) {
        continue;
      }
      for (const t of covered) t.taken = true;
      mentions.push({
        start: m.start,
        end: m.end,
        type: entry.type,
        words: m.text.split(/[\s\u00a0]+/u),
        gazetteer: entry.id,
        evidence: 'gazetteer',
      });
    }
    for (const t of tokens) {
      // Titles: `M.`, `ministre de l’Intérieur`, `Secretary of State` are not names themselves.
      if (titleEndsIn(titleEnds, t)) t.taken = true;
    }
    pending.push(...runs(text, tokens, lexicon, lowercase, titleEnds));
  });

  // Pass 2: runs with their own evidence, then single words that repeat a known surname.
  const singles: Run[] = [];
  for (const run of lexicon.inflected ? pending.flatMap((r) => splitInflected(r, lexicon)) : pending) {
    const mention = classify(run, lexicon);
    if (mention) mentions.push(mention);
    else if (run.tokens.length === 1) singles.push(run);
  }
  const surnames = [
    ...new Set(mentions.filter((m) => m.type === 'person').map((m) => stem(m.words.at(-1)!))),
  ];
  for (const run of singles) {
    const token = run.tokens[0]!;
    const acronym = acronymMention(text, run, lexicon);
    if (acronym) {
      mentions.push(acronym);
      continue;
    }
    const key = stem(token.text);
    const known = surnames.some((s) => similar(s, key));
    if (known && !(token.initial && lowercase.has(token.text.toLowerCase()))) {
      mentions.push(withParticle(text, mentionOf(run, 'person', 'known-surname'), mentions));
    } else if (
      !token.initial &&
      !lexicon.capitalisedNouns &&
      lexicon.placeBefore.test(text.slice(Math.max(0, token.start - 12), token.start))
    ) {
      mentions.push(mentionOf(run, 'place', 'place-preposition'));
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** Connectors that end the lowercase words of an organisation name before its capitalised word. */
const ORG_TAIL_LINK = /(?:^|[\s\u00a0])(?:de|du|des|d['’]|de la|de l['’])$/u;

/** `ministère de la Culture`, `université de Bordeaux`, `Hôpitaux universitaires de Genève`. */
function lowercaseOrganisations(text: string, start: number, end: number, lexicon: EntityLexicon): Mention[] {
  if (!lexicon.orgHead) return [];
  const out: Mention[] = [];
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(lexicon.orgHead)) {
    const before = m[0].slice(0, m[0].length - (/\p{Lu}[\p{L}-]+$/u.exec(m[0])?.[0].length ?? 0));
    if (!ORG_TAIL_LINK.test(before.trimEnd()) && !/['’]$/.test(before)) continue;
    const from = start + m.index;
    out.push({
      start: from,
      end: from + m[0].length,
      type: 'organisation',
      words: m[0].split(/[\s\u00a0]+/u),
      evidence: 'organisation-head',
    });
  }
  return out;
}

/** A gazetteer word used as a demonym: after an article, right before a capitalised name (`le Néerlandais Joris`). */
function demonymBefore(text: string, start: number, end: number, lexicon: EntityLexicon): boolean {
  if (!lexicon.orgHead) return false;
  if (!/(?:^|[\s\u00a0])(?:le|la|les|l['’])[\s\u00a0]*$/iu.test(text.slice(Math.max(0, start - 4), start)))
    return false;
  return /^[\s\u00a0]+\p{Lu}\p{Ll}/u.test(text.slice(end, end + 3));
}

/**
 * Polish and Russian runs may start or end with a declined gazetteer name (`Rzecznik Kremla
 * Dmitrij Pieskow`): those words become runs of their own.
 */
function splitInflected(run: Run, lexicon: EntityLexicon): Run[] {
  if (run.tokens.length < 2) return [run];
  const out: Run[] = [];
  let current: Token[] = [];
  let title = run.title;
  for (const t of run.tokens) {
    // A declined surname stays in the name (`Donaldem Tuskiem`); places and institutions split off.
    if (
      inflectedEntry(lexicon, t.text)?.type !== 'place' &&
      inflectedEntry(lexicon, t.text)?.type !== 'organisation'
    ) {
      current.push(t);
      continue;
    }
    if (current.length > 0) out.push(title ? { tokens: current, title } : { tokens: current });
    out.push({ tokens: [t] });
    current = [];
    title = undefined;
  }
  if (current.length > 0) out.push(title ? { tokens: current, title } : { tokens: current });
  return out;
}

/** `Le Pen` after `Marine Le Pen`: a capitalised particle the full name has joins the surname. */
function withParticle(text: string, mention: Mention, known: readonly Mention[]): Mention {
  const before = /(\p{Lu}\p{Ll}{1,3})[\s\u00a0]+$/u.exec(
    text.slice(Math.max(0, mention.start - 6), mention.start),
  );
  const particle = before?.[1];
  if (!particle || !PARTICLES.has(particle.toLowerCase())) return mention;
  const surname = mention.words[0]!;
  const full = known.some((m) => m.type === 'person' && m.words.join(' ').includes(`${particle} ${surname}`));
  if (!full) return mention;
  return { ...mention, start: mention.start - before[0].length, words: [particle, surname] };
}

function titleEndsIn(titleEnds: Map<number, string>, t: Token): boolean {
  // A token is inside a title when a title ends at or after it and started before its end.
  for (let end = t.end; end <= t.end + 1; end++) if (titleEnds.has(end)) return true;
  return false;
}

/** Word tokens with hyphenated names joined (`Jean-Luc`), elided articles (`l’`) and `’s` removed. */
function tokenize(text: string, start: number, end: number, lang: string): Token[] {
  const raw = words(text, start, end, lang);
  const out: Token[] = [];
  let initial = true;
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i]!;
    if (!w.isWordLike) continue;
    let from = w.start;
    let to = w.end;
    while (
      raw[i + 2]?.isWordLike &&
      text[raw[i + 1]!.start] === '-' &&
      raw[i + 1]!.start === to &&
      raw[i + 2]!.start === raw[i + 1]!.end
    ) {
      to = raw[i + 2]!.end;
      i += 2;
    }
    let piece = text.slice(from, to);
    // Most words hold no apostrophe: the elision pattern need not run on them.
    const elided = hasApostrophe(piece) ? ELISION.exec(piece) : null;
    if (elided) {
      from += elided[0].length;
      piece = piece.slice(elided[0].length);
    }
    if (UPPER.test(piece) && POSSESSIVE.test(piece) && piece.length > 3) {
      const cut = POSSESSIVE.exec(piece)![0].length;
      to -= cut;
      piece = piece.slice(0, -cut);
    }
    out.push({ start: from, end: to, text: piece, initial, taken: false, capitalised: UPPER.test(piece) });
    initial = false;
  }
  return out;
}

function hasApostrophe(word: string): boolean {
  return word.includes("'") || word.includes('’');
}

/** Maximal runs of capitalised words (with name particles and initials inside). */
function runs(
  text: string,
  tokens: Token[],
  lexicon: EntityLexicon,
  lowercase: ReadonlySet<string>,
  titleEnds: Map<number, string>,
): Run[] {
  const out: Run[] = [];
  let current: Token[] = [];
  const flush = () => {
    let list = current;
    current = [];
    // A capitalised sentence opener that the article also writes lowercase is an ordinary word.
    const first = list[0];
    if (
      first?.initial &&
      list.length > 1 &&
      !isFirstName(lexicon, first.text) &&
      lowercase.has(first.text.toLowerCase())
    ) {
      list = list.slice(1);
    }
    while (list.length > 0 && !list.at(-1)!.capitalised) list = list.slice(0, -1);
    // `le Néerlandais Joris Verbeek`: in French a name takes no article, the word after it is a demonym.
    if (
      list.length > 1 &&
      !lexicon.orgKeywords.has(list[0]!.text) &&
      !lexicon.placeKeywords.has(list[0]!.text) &&
      demonymBefore(text, list[0]!.start, list[0]!.end, lexicon)
    )
      list = list.slice(1);
    if (list.length === 0) return;
    const run: Run = { tokens: list };
    const title = titleBefore(text, list[0]!.start, titleEnds);
    if (title) run.title = title;
    out.push(run);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const previous = current.at(-1);
    const adjacent = previous !== undefined && gapOk(text, previous, t);
    if (!adjacent && current.length > 0) flush();
    if (t.taken) {
      flush();
      continue;
    }
    if (nameWord(t, lexicon)) {
      current.push(t);
      continue;
    }
    // A lone abbreviation (`SNCF`) is a run of its own, judged by `acronymMention`.
    if (ACRONYM.test(t.text)) {
      flush();
      out.push({ tokens: [t] });
      continue;
    }
    const next = tokens[i + 1];
    const particle =
      current.length > 0 &&
      adjacent &&
      next !== undefined &&
      !next.taken &&
      next.capitalised &&
      lexicon.connectors.has(t.text.toLowerCase()) &&
      (current.some((c) => lexicon.orgKeywords.has(c.text)) ||
        (current.length === 1 &&
          PARTICLES.has(t.text.toLowerCase()) &&
          isFirstName(lexicon, current[0]!.text)) ||
        (previous !== undefined && lexicon.connectors.has(previous.text.toLowerCase())));
    if (particle) current.push(t);
    else flush();
  }
  flush();
  return out;
}

/**
 * A lone capitalised abbreviation (`NHS`, `SNCF`, `ПАП`): an organisation, unless it is a known
 * place written in capitals or an agency dateline opens the paragraph with it (`PARIS, 1 June`).
 */
function acronymMention(text: string, run: Run, lexicon: EntityLexicon): Mention | null {
  const token = run.tokens[0]!;
  if (!ACRONYM.test(token.text) || token.text.length < 2 || /\d/.test(token.text)) return null;
  if (lexicon.notAcronyms.has(token.text) || lexicon.stopwords.has(token.text)) return null;
  const titleCase = token.text[0] + token.text.slice(1).toLowerCase();
  const entry = lexicon.byName.get(nameKey(titleCase));
  if (entry) return { ...mentionOf(run, entry.type, 'gazetteer-capitals'), gazetteer: entry.id };
  // `PHOENIX (AP) —`, `AVIGNON –`, `MANILA —`: a capitalised word opening the paragraph before a dateline mark.
  const dateline = /(?:^|\n)[\s\u00a0]*$/.test(text.slice(Math.max(0, token.start - 3), token.start));
  if (dateline && /^[\s\u00a0]*[,(—–-]/.test(text.slice(token.end, token.end + 3)))
    return mentionOf(run, 'place', 'dateline');
  if (token.text.length > 6) return null;
  return mentionOf(run, 'organisation', 'acronym');
}

/** A capitalised word that can be part of a name (not a stopword, number or lone acronym). */
function nameWord(t: Token, lexicon: EntityLexicon): boolean {
  if (!t.capitalised || lexicon.stopwords.has(t.text)) return false;
  return !ACRONYM.test(t.text) || t.text.length === 1;
}

function gapOk(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start);
  if (RUN_GAP.test(gap)) return true;
  // `J. K. Rowling`: an initial with its period.
  return INITIAL.test(a.text) && /^\.[\s\u00a0]*$/u.test(gap);
}

function titleBefore(text: string, start: number, titleEnds: Map<number, string>): string | undefined {
  for (let end = start; end >= Math.max(0, start - 3); end--) {
    const title = titleEnds.get(end);
    if (title !== undefined && TITLE_GAP.test(text.slice(end, start))) return title;
  }
  return undefined;
}

export function isFirstName(lexicon: EntityLexicon, word: string): boolean {
  if (lexicon.firstNames.has(spellingKey(word, lexicon.lang))) return true;
  // `Jean-Luc`: each part a first name.
  const parts = word.split('-');
  return parts.length > 1 && parts.every((p) => lexicon.firstNames.has(spellingKey(p, lexicon.lang)));
}

/** The entity a run names, when the run itself gives evidence; null when it needs more. */
function classify(run: Run, lexicon: EntityLexicon): Mention | null {
  const { tokens } = run;
  const single = tokens.length === 1;
  if (single) {
    const entry = inflectedEntry(lexicon, tokens[0]!.text);
    if (entry) {
      return { ...mentionOf(run, entry.type, 'gazetteer-inflected'), gazetteer: entry.id };
    }
  }
  if (run.title) return { ...mentionOf(run, 'person', 'title'), title: run.title };
  const names = tokens.filter((t) => t.capitalised);
  if (!single && isFirstName(lexicon, names[0]!.text)) return mentionOf(run, 'person', 'first-name');
  // `Die Wiener Ärztin Sabine Huber`: the name starts at the first name inside the run.
  const firstName = tokens.findIndex(
    (t, i) => i > 0 && i < tokens.length - 1 && isFirstName(lexicon, t.text),
  );
  if (firstName > 0) return mentionOf({ tokens: tokens.slice(firstName) }, 'person', 'first-name');
  if (!single && names.some((t) => lexicon.orgKeywords.has(t.text))) {
    return mentionOf(run, 'organisation', 'organisation-word');
  }
  if (!single && tokens.some((t) => lexicon.placeKeywords.has(t.text))) {
    return mentionOf(run, 'place', 'place-word');
  }
  if (single || lexicon.capitalisedNouns || names.length > 4) return null;
  // The first word opening a sentence is not evidence enough of a capitalised run.
  if (tokens[0]!.initial && names.length < 2) return null;
  return mentionOf(run, 'person', 'capitalised-run');
}

function mentionOf(run: Run, type: EntityType, evidence: string): Mention {
  const first = run.tokens[0]!;
  const last = run.tokens.at(-1)!;
  return { start: first.start, end: last.end, type, words: run.tokens.map((t) => t.text), evidence };
}
