import { lexiconText } from '../../lexicons.ts';
import { PhraseMatcher } from './trie.ts';

/** How a reporting cue relates to its speaker. */
export type CueKind =
  /** a verb of saying; the speaker stands before it (`X said`) or, inverted, after it (`said X`) */
  | 'verb'
  /** a verb carrying its own pronoun subject (`a-t-il ajouté`, `sagte er`) */
  | 'inverted'
  /** a preposition followed by the speaker (`according to X`, `selon X`) */
  | 'prep'
  /** a postposition preceded by the speaker (`X zufolge`) */
  | 'postp'
  /** a preposition that only attributes right after a quote (German `„…“, so X`) */
  | 'afterQuote'
  /** a preposition that attributes only at the head of a sentence, before a comma (`Pour l’économiste X, …`) */
  | 'lead';

export interface Cue {
  kind: CueKind;
  start: number;
  end: number;
  text: string;
}

/** The reporting-verb lexicon of one language, compiled once. */
export interface QuoteLexicon {
  lang: string;
  /** Drops the subject pronoun (it, pl, ru): a bare verb refers to the last speaker. */
  proDrop: boolean;
  pronouns: ReadonlySet<string>;
  selfPronouns: ReadonlySet<string>;
  titles: ReadonlySet<string>;
  determiners: ReadonlySet<string>;
  connectors: ReadonlySet<string>;
  speakerWords: ReadonlySet<string>;
  /** Impersonal subjects and passive auxiliaries (`on`, `man`, `si`, `się`, `is said`): a cue next to one attributes nothing. */
  impersonal: ReadonlySet<string>;
  /** Connectors after which a speaker phrase may run on through ordinary nouns (`a source close to the talks`). */
  genitives: ReadonlySet<string>;
  complementizers: readonly string[];
  /** Verbs whose reported clause may follow without `that` (English `said the plan failed`). */
  zeroComplementizer: ReadonlySet<string>;
  /** Relative and demonstrative pronouns (`ce qui explique`, `which says`): never part of a speaker. */
  notSpeaker: ReadonlySet<string>;
  /** Verbs followed by their object, never by an inverted speaker (`told Reuters`). */
  objectFollows: ReadonlySet<string>;
  /** Participles of saying after a comma (`…, adding that`, `…, ajoutant que`): the sentence's subject speaks. */
  gerunds: ReadonlySet<string>;
  /** Relative pronouns opening a clause between a speaker and the verb (`Laura Kent, who …, said`). */
  relatives: readonly string[];
  /** Words right before quotation marks that make a short quoted phrase a scare quote, a title or a name (`so-called`, `le film`, `агентство`). */
  scareMarkers: ReadonlySet<string>;
  /** Matches `, but ` / `, mais ` … at the start of a string: a second clause that may report other speech. */
  clauseLink: RegExp;
  contrasts: ReadonlySet<string>;
  subjectFirst: boolean;
  subjectAdverbs: ReadonlySet<string>;
  /** A second reported clause joined to the first (`… and that …`, `… et qu’…`). */
  coordinated: RegExp | null;
  /** Finds every cue of a text. */
  cues: PhraseMatcher;
  kindOf: ReadonlyMap<string, CueKind>;
}

interface LexiconFile {
  verbs?: string[];
  participles?: string[];
  auxiliaries?: string[];
  present?: string[];
  invertedOnly?: string[];
  pluralParticiples?: boolean;
  prepositions?: string[];
  postpositions?: string[];
  afterQuoteOnly?: string[];
  leadPrepositions?: string[];
  inverted?: string[];
  complementizers?: string[];
  pronouns?: string[];
  selfPronouns?: string[];
  proDrop?: boolean;
  titles?: string[];
  determiners?: string[];
  connectors?: string[];
  speakerWords?: string[];
  impersonal?: string[];
  genitives?: string[];
  clauseLinks?: string[];
  zeroComplementizer?: string[];
  objectFollows?: string[];
  notSpeaker?: string[];
  scareMarkers?: string[];
  relatives?: string[];
  gerunds?: string[];
  /** Words that carry reported content on after a comma (`, aber nicht um jeden Preis`). */
  contrasts?: string[];
  /** Subject–verb order: a short plain lead before a verb of saying is its subject (`The department now says`). */
  subjectFirst?: boolean;
  /** Adverbs that may stand between that subject and the verb. */
  subjectAdverbs?: string[];
}

/** Lowercase, one space between words, typographic apostrophe folded: the key of `kindOf`. */
export function normaliseCue(text: string): string {
  const lower = text.toLowerCase();
  // Most cues and words are one plain word: skip the replacements (a hot path).
  if (!/[\s\u00a0\u202f’]/.test(lower)) return lower;
  return lower.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/’/g, "'");
}

const cache = new Map<string, QuoteLexicon | null>();

/** The lexicon for a language, or null when none is shipped. */
export function quoteLexicon(lang: string): QuoteLexicon | null {
  let lexicon = cache.get(lang);
  if (lexicon === undefined) {
    const json = /^[a-z]{2,3}$/.test(lang) ? lexiconText(`${lang}/reporting-verbs.json`) : undefined;
    lexicon = json === undefined ? null : compile(lang, JSON.parse(json) as LexiconFile);
    cache.set(lang, lexicon);
  }
  return lexicon;
}

function compile(lang: string, file: LexiconFile): QuoteLexicon {
  const kindOf = new Map<string, CueKind>();
  const add = (phrases: Iterable<string>, kind: CueKind): void => {
    for (const phrase of phrases) {
      const key = normaliseCue(phrase);
      if (!kindOf.has(key)) kindOf.set(key, kind);
    }
  };
  add(file.inverted ?? [], 'inverted');
  add(invertedForms(file), 'inverted');
  add(file.verbs ?? [], 'verb');
  add(compoundForms(file), 'verb');
  add(file.present ?? [], 'verb');
  add(file.prepositions ?? [], 'prep');
  add(file.postpositions ?? [], 'postp');
  add(file.afterQuoteOnly ?? [], 'afterQuote');
  add(file.leadPrepositions ?? [], 'lead');
  // Present forms that double as nouns (`lance`, `juge`) only attribute right after a quote.
  add(file.invertedOnly ?? [], 'afterQuote');
  const lower = (words: string[] | undefined): Set<string> =>
    new Set((words ?? []).map((w) => normaliseCue(w)));
  return {
    lang,
    proDrop: file.proDrop ?? false,
    pronouns: lower(file.pronouns),
    selfPronouns: lower(file.selfPronouns),
    titles: lower(file.titles),
    determiners: lower(file.determiners),
    connectors: lower(file.connectors),
    speakerWords: lower(file.speakerWords),
    impersonal: lower(file.impersonal),
    genitives: lower(file.genitives),
    complementizers: (file.complementizers ?? []).map((w) => normaliseCue(w)),
    zeroComplementizer: lower(file.zeroComplementizer),
    objectFollows: lower(file.objectFollows),
    notSpeaker: lower(file.notSpeaker),
    scareMarkers: lower(file.scareMarkers),
    gerunds: lower(file.gerunds),
    contrasts: lower(file.contrasts),
    subjectFirst: file.subjectFirst ?? false,
    subjectAdverbs: lower(file.subjectAdverbs),
    coordinated: coordinatedClause(file),
    relatives: (file.relatives ?? []).map((w) => normaliseCue(w)),
    clauseLink: new RegExp(`^,[\\s\\u00a0]+(?:${(file.clauseLinks ?? ['$^']).join('|')})[\\s\\u00a0]+`, 'iu'),
    cues: new PhraseMatcher(kindOf.keys(), { foldCase: true, afterElision: true }),
    kindOf,
  };
}

function coordinatedClause(file: LexiconFile): RegExp | null {
  const links = file.clauseLinks ?? [];
  const complementizers = file.complementizers ?? [];
  if (links.length === 0 || complementizers.length === 0) return null;
  const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]");
  const comp = complementizers.map((w) => (w.endsWith("'") ? esc(w) : `${esc(w)}(?=[\\s\\u00a0])`)).join('|');
  return new RegExp(
    `,?[\\s\\u00a0]+(?:${links.map(esc).join('|')})[\\s\\u00a0]+(?:${comp})[\\s\\u00a0]*`,
    'iu',
  );
}

/** French-style compound tenses: `a déclaré`, `ont déclaré`; Italian `ha detto`. */
function compoundForms(file: LexiconFile): string[] {
  const auxiliaries = file.auxiliaries ?? (file.pluralParticiples ? ['a', 'ont', 'avait', 'aurait'] : []);
  return (file.participles ?? []).flatMap((p) => auxiliaries.map((aux) => `${aux} ${p}`));
}

/** French subject inversion after a quote: `a-t-il ajouté`, `ajoute-t-elle`, `dit-il`. */
function invertedForms(file: LexiconFile): string[] {
  if (!file.pluralParticiples) return [];
  const forms: string[] = [];
  for (const p of file.participles ?? []) {
    for (const subject of [
      'a-t-il',
      'a-t-elle',
      'a-t-on',
      'ont-ils',
      'ont-elles',
      'avait-il',
      'avait-elle',
    ]) {
      forms.push(`${subject} ${p}`);
    }
  }
  for (const verb of [...(file.present ?? []), ...(file.invertedOnly ?? [])]) {
    const [head, ...rest] = verb.split(' ');
    const link = /[aeé]$/.test(head!) ? '-t-' : '-';
    for (const pronoun of ['il', 'elle', 'on']) forms.push([`${head}${link}${pronoun}`, ...rest].join(' '));
  }
  return forms;
}

/** Every cue of `text.slice(from, to)`, in order, with its kind. */
export function findCueMatches(lexicon: QuoteLexicon, text: string, from = 0, to = text.length): Cue[] {
  const cues: Cue[] = [];
  for (const m of lexicon.cues.findAll(text, from, to)) {
    const kind = lexicon.kindOf.get(normaliseCue(m.text));
    if (kind) cues.push({ kind, ...m });
  }
  return cues;
}
