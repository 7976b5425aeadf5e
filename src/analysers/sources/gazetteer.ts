import { lexiconText } from '../../lexicons.ts';
import { PhraseMatcher } from '../quotes/trie.ts';

/** Source cues of one language (plus the shared names), compiled once. */
export interface SourceGazetteer {
  lang: string;
  /** Agencies, outlets and institutions by name. */
  names: PhraseMatcher;
  nameKind: ReadonlyMap<string, NameKind>;
  institutions: HintedPatterns;
  roles: HintedPatterns;
  photoCredits: HintedPatterns;
  vague: PhraseMatcher;
  /** `Source :` standing alone at the end of a paragraph (group 1 = the label). */
  emptyLabel: RegExp | null;
  /** `Source : internet` (group 1 = label, group 2 = the unspecific source). */
  unspecificLabel: RegExp | null;
  /** A leading article, which a cited source's span leaves out (`the Interior Ministry` → `Interior Ministry`). */
  article: RegExp | null;
}

/**
 * Patterns that start with optional words are tried at every position; a cheap literal hint
 * (`Ministry`, `©`) tells whether a paragraph is worth trying them on at all.
 */
export interface HintedPatterns {
  hint: RegExp;
  patterns: readonly RegExp[];
}

export type NameKind = 'agency' | 'outlet' | 'institution';

interface CommonFile {
  agencies: string[];
  outlets: string[];
  institutions: string[];
  photoCredit: string[];
  photoCreditHint: string;
}

interface LanguageFile {
  institutionPatterns?: string[];
  rolePatterns?: string[];
  institutionHint?: string;
  articles?: string[];
  roleHint?: string;
  photoCredit?: string[];
  vague?: string[];
  sourceLabels?: string[];
  unspecific?: string[];
}

const cache = new Map<string, SourceGazetteer>();

/** The gazetteer for a language; languages without their own file get the shared names only. */
export function sourceGazetteer(lang: string): SourceGazetteer {
  let gazetteer = cache.get(lang);
  if (!gazetteer) {
    const common = readJson<CommonFile>('common/sources.json') ?? {
      agencies: [],
      outlets: [],
      institutions: [],
      photoCredit: [],
      photoCreditHint: '$^',
    };
    const own =
      (/^[a-z]{2,3}$/.test(lang) ? readJson<LanguageFile>(`${lang}/sources.json`) : undefined) ?? {};
    gazetteer = compile(lang, common, own);
    cache.set(lang, gazetteer);
  }
  return gazetteer;
}

function readJson<T>(path: string): T | undefined {
  const json = lexiconText(path);
  return json === undefined ? undefined : (JSON.parse(json) as T);
}

function compile(lang: string, common: CommonFile, own: LanguageFile): SourceGazetteer {
  const nameKind = new Map<string, NameKind>();
  for (const name of common.institutions) nameKind.set(fold(name), 'institution');
  for (const name of common.outlets) nameKind.set(fold(name), 'outlet');
  for (const name of common.agencies) nameKind.set(fold(name), 'agency');
  const names = [...common.agencies, ...common.outlets, ...common.institutions];
  const labels = own.sourceLabels ?? [];
  const labelGroup = labels.map(escapeRegExp).join('|');
  return {
    lang,
    names: new PhraseMatcher(names, { afterElision: true }),
    nameKind,
    institutions: hinted(own.institutionHint, own.institutionPatterns ?? []),
    roles: hinted(own.roleHint, own.rolePatterns ?? []),
    photoCredits: hinted(common.photoCreditHint, [...common.photoCredit, ...(own.photoCredit ?? [])]),
    vague: new PhraseMatcher(own.vague ?? [], { foldCase: true, afterElision: true }),
    emptyLabel: labelGroup
      ? new RegExp(`(?:^|(?<=[.!?]\\s+))(${labelGroup})[\\s\\u00a0]*:?[\\s\\u00a0.…-]*$`, 'giu')
      : null,
    unspecificLabel:
      labelGroup && own.unspecific?.length
        ? new RegExp(
            `(?:^|(?<=[.!?]\\s+))(${labelGroup})[\\s\\u00a0]*:[\\s\\u00a0]*(${own.unspecific.map(escapeRegExp).join('|')})[\\s.]*$`,
            'giu',
          )
        : null,
    article: own.articles?.length
      ? new RegExp(
          `^(?:${own.articles
            .map(escapeRegExp)
            .map((a) => (/['’]$/.test(a) ? a : `${a}[\\s\\u00a0]+`))
            .join('|')})`,
          'iu',
        )
      : null,
  };
}

/** Typographic apostrophes folded: the key of `nameKind`. */
export function fold(name: string): string {
  return name.replace(/’/g, "'");
}

function hinted(hint: string | undefined, patterns: string[]): HintedPatterns {
  return {
    hint: patterns.length > 0 && hint ? new RegExp(hint, 'u') : /$^/,
    patterns: patterns.map((p) => new RegExp(p, 'gu')),
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
