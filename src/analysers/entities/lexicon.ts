import { lexiconJson, lexiconLines } from '../../lexicons.ts';
import { PhraseMatcher } from '../quotes/trie.ts';
import { spellingKey } from './skeleton.ts';

export type EntityType = 'person' | 'organisation' | 'place';

/** A gazetteer entry: every name of one place, organisation or public figure. */
export interface GazetteerEntry {
  id: string;
  type: EntityType;
}

/** Entity cues of one language plus the shared gazetteers, compiled once. */
export interface EntityLexicon {
  lang: string;
  /** Every gazetteer name, case-sensitive, longest match first. */
  names: PhraseMatcher;
  byName: ReadonlyMap<string, GazetteerEntry>;
  /** Polish and Russian: single-word names by their first letters, so case forms match (`Niemczech`). */
  inflected: ReadonlyMap<string, GazetteerEntry> | null;
  titles: PhraseMatcher;
  stopwords: ReadonlySet<string>;
  connectors: ReadonlySet<string>;
  orgKeywords: ReadonlySet<string>;
  /** Words that make a capitalised run a place (`Hawthorn Road`, `South China Sea`, `Wadi Feinan`). */
  placeKeywords: ReadonlySet<string>;
  /**
   * An organisation whose name runs in lowercase words to a capitalised one (`ministère de la
   * Culture`, `Agence régionale de santé d’Occitanie`): the head words, as a pattern; null when none.
   */
  orgHead: RegExp | null;
  /** Ends with a preposition of place and a space (`à `, `in `, `w `). */
  placeBefore: RegExp;
  /** First names, by spelling key (case endings removed in Polish and Russian). */
  firstNames: ReadonlySet<string>;
  /** Capitalisation does not mark names (German nouns): a name needs other evidence. */
  capitalisedNouns: boolean;
  /** Capitalised abbreviations that are no entity (`GDP`, `TVA`, `XXI`). */
  notAcronyms: ReadonlySet<string>;
}

interface CueFile {
  titles: string[];
  stopwords: string[];
  connectors: string[];
  orgKeywords: string[];
  placePrepositions: string[];
  placeKeywords?: string[];
  orgHeads?: string[];
}

const INFLECTING = new Set(['pl', 'ru']);
const cache = new Map<string, EntityLexicon>();

/** Normalised gazetteer key: typographic apostrophes folded, runs of spaces single. */
export function nameKey(name: string): string {
  return name.replace(/’/g, "'").replace(/[\s\u00a0]+/g, ' ');
}

export function entityLexicon(lang: string): EntityLexicon {
  let lexicon = cache.get(lang);
  if (!lexicon) {
    lexicon = compile(lang);
    cache.set(lang, lexicon);
  }
  return lexicon;
}

function compile(lang: string): EntityLexicon {
  const byName = new Map<string, GazetteerEntry>();
  const add = (file: string, type: EntityType | 'place-kind') => {
    for (const line of lexiconLines(`common/${file}`)) {
      const [id, ...rest] = line.split(' ');
      const namesPart = type === 'place-kind' ? rest.slice(1).join(' ') : rest.join(' ');
      const entry: GazetteerEntry = {
        id: `${file.replace('.txt', '')}:${id}`,
        type: type === 'place-kind' ? 'place' : type,
      };
      for (const name of namesPart.split('|')) {
        const key = nameKey(name.trim());
        if (key && !byName.has(key)) byName.set(key, entry);
      }
    }
  };
  add('people.txt', 'person');
  add('organisations.txt', 'organisation');
  add('places.txt', 'place-kind');

  const own = /^[a-z]{2,3}$/.test(lang) ? safeJson(`${lang}/entities.json`) : undefined;
  const cues: CueFile = own ?? {
    titles: [],
    stopwords: [],
    connectors: [],
    orgKeywords: [],
    placePrepositions: [],
  };
  const firstNames = new Set<string>();
  for (const file of ['common/first-names.txt', `${lang}/first-names.txt`]) {
    for (const name of lexiconLines(file)) firstNames.add(spellingKey(name, lang));
  }
  // The agencies, outlets and institutions the sources analyser cites are organisations too
  // (a one-word outlet that is also a first name, `Marianne`, is left to the name rules).
  const sources = lexiconJson('common/sources.json') as Record<string, unknown>;
  for (const kind of ['agencies', 'outlets', 'institutions']) {
    for (const name of (sources[kind] as string[] | undefined) ?? []) {
      const key = nameKey(name);
      if (key && !byName.has(key) && !(!name.includes(' ') && firstNames.has(spellingKey(name, lang))))
        byName.set(key, { id: `sources:${name}`, type: 'organisation' });
    }
  }
  const prepositions = cues.placePrepositions.map(escapeRegExp).join('|');
  return {
    lang,
    names: new PhraseMatcher(byName.keys(), { afterElision: true }),
    byName,
    inflected: INFLECTING.has(lang) ? inflectedIndex(byName) : null,
    titles: new PhraseMatcher(cues.titles, { foldCase: true, afterElision: true }),
    stopwords: new Set(cues.stopwords),
    connectors: new Set(cues.connectors.map((c) => c.replace(/’/g, "'"))),
    orgKeywords: new Set(cues.orgKeywords),
    placeKeywords: new Set(cues.placeKeywords ?? []),
    orgHead: cues.orgHeads?.length
      ? new RegExp(
          `(?<![\\p{L}])(?:${cues.orgHeads.map(escapeRegExp).join('|')})((?:[\\s\\u00a0]+\\p{Ll}[\\p{Ll}'’-]*){1,5}?)(?:[\\s\\u00a0]+|(?<=['’]))\\p{Lu}[\\p{L}-]+`,
          'gu',
        )
      : null,
    placeBefore: prepositions
      ? new RegExp(`(?<![\\p{L}])(?:${prepositions})(?:[\\s\\u00a0]+|(?<=['’]))$`, 'iu')
      : /$^/,
    firstNames,
    capitalisedNouns: lang === 'de',
    notAcronyms: new Set(lexiconLines('common/not-entity-acronyms.txt')),
  };
}

function safeJson(path: string): CueFile | undefined {
  try {
    return lexiconJson(path) as CueFile;
  } catch {
    return undefined;
  }
}

/** Keys: the name, and the name less its last one or two letters when at least four remain. */
function inflectedIndex(byName: ReadonlyMap<string, GazetteerEntry>): Map<string, GazetteerEntry> {
  const index = new Map<string, GazetteerEntry>();
  for (const [name, entry] of byName) {
    if (name.includes(' ') || name.length < 4 || name === name.toUpperCase()) continue;
    for (const cut of [0, 1, 2]) {
      const key = name.slice(0, name.length - cut);
      if (key.length >= 4 && !index.has(key)) index.set(key, entry);
    }
  }
  return index;
}

/** The gazetteer entry of a declined single word (`Warszawie`, `Германии`), if any. */
export function inflectedEntry(lexicon: EntityLexicon, word: string): GazetteerEntry | undefined {
  if (!lexicon.inflected) return undefined;
  for (let cut = 0; cut <= 4 && word.length - cut >= 4; cut++) {
    const entry = lexicon.inflected.get(word.slice(0, word.length - cut));
    if (entry) return entry;
  }
  return undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
