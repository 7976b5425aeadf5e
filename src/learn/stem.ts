/**
 * Stemmers per language: Snowball stemmers from @orama/stemmers where one exists; Polish has
 * none there, so it gets a suffix-truncation stemmer (longest known inflectional ending removed,
 * keeping a stem of at least 3 letters). Results are cached: a word is stemmed once per process.
 */
import { stemmer as en } from '@orama/stemmers/english';
import { stemmer as fr } from '@orama/stemmers/french';
import { stemmer as de } from '@orama/stemmers/german';
import { stemmer as it } from '@orama/stemmers/italian';
import { stemmer as ru } from '@orama/stemmers/russian';

export type Stemmer = (word: string) => string;

// Common Polish noun/adjective/verb endings, longest first so the longest match wins.
const POLISH_SUFFIXES = [
  'owania',
  'owanie',
  'iejsze',
  'ających',
  'ującego',
  'ującej',
  'owego',
  'owej',
  'owym',
  'owych',
  'ami',
  'ach',
  'iem',
  'owi',
  'ów',
  'om',
  'ego',
  'emu',
  'ymi',
  'imi',
  'ych',
  'ich',
  'iej',
  'ej',
  'ym',
  'im',
  'ie',
  'ia',
  'ii',
  'ą',
  'ę',
  'a',
  'e',
  'i',
  'o',
  'u',
  'y',
].sort((a, b) => b.length - a.length);

/** Suffix-truncation stemmer for languages without a Snowball stemmer (Polish). */
export function suffixStemmer(suffixes: readonly string[], minStem = 3): Stemmer {
  return (word) => {
    for (const s of suffixes) {
      if (word.length - s.length >= minStem && word.endsWith(s)) return word.slice(0, -s.length);
    }
    return word;
  };
}

const BASE: Record<string, Stemmer> = { en, fr, de, it, ru, pl: suffixStemmer(POLISH_SUFFIXES) };

const cached = new Map<string, Stemmer>();

/** A cached stemmer for an ISO language code; unknown languages get the identity. */
export function stemmerFor(language: string): Stemmer {
  let s = cached.get(language);
  if (s) return s;
  const base = BASE[language];
  if (!base) {
    s = (w) => w;
  } else {
    const cache = new Map<string, string>();
    s = (w) => {
      let r = cache.get(w);
      if (r === undefined) {
        // Digits and very short words are kept as they are.
        r = w.length <= 3 || /\d/.test(w) ? w : base(w);
        if (cache.size < 500_000) cache.set(w, r);
      }
      return r;
    };
  }
  cached.set(language, s);
  return s;
}
