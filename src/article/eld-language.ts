import { eld } from 'eld/small';

/**
 * The language eld names for a text, exactly `eld.detect(text).language`, about four times faster:
 * for callers that need the code only (no scores, no reliability). eld reads every n-gram's
 * per-language scores with a `for…in` over a small object, which is most of its time; here each
 * n-gram's scores are read once into a flat list and kept (only n-grams of eld's database, at most
 * its ~81,000, and only those seen). Everything else is eld's own procedure on eld's own data: its
 * small database, byte dictionary and separator pattern, loaded from the installed package by path
 * (the package does not export them). If they cannot be loaded, `eld.detect` answers.
 * test/analysers/eld-language.test.ts checks the two agree.
 */

interface EldInternals {
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
  dictionary: readonly string[];
  separators: RegExp;
}

/** eld subtracts this from every stored score to keep its database small, and adds it back. */
const BASE_NGRAM_SCORE = 53;
/** eld cuts a text at the first space after this many UTF-8 bytes, and anywhere after the next limit. */
const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;

async function loadInternals(): Promise<EldInternals | undefined> {
  try {
    const src = new URL('../', import.meta.resolve('eld/small'));
    const [data, dictionary, patterns] = await Promise.all([
      import(new URL('ngrams/small.js', src).href),
      import(new URL('dictionary.js', src).href),
      import(new URL('regexPatterns.js', src).href),
    ]);
    const { languages, ngrams } = data.ngramsData;
    if (
      !languages ||
      !ngrams ||
      !Array.isArray(dictionary.dictionary) ||
      !(patterns.separators instanceof RegExp)
    ) {
      return undefined;
    }
    return { languages, ngrams, dictionary: dictionary.dictionary, separators: patterns.separators };
  } catch {
    return undefined;
  }
}

const internals = await loadInternals();
/** Whether eld's files loaded (else every call goes to `eld.detect`). */
export const eldInternalsLoaded = internals !== undefined;
const languageCount = internals ? Object.keys(internals.languages).length : 0;
/** Per n-gram: language index, score, language index, score… (n-grams absent from the database are not kept). */
const scoreLists = new Map<string, number[]>();
const scores: number[] = new Array(languageCount).fill(0);

export function eldLanguage(text: string): string {
  if (!internals) return eld.detect(text).language;
  const words = utf8Words(
    text.substring(0, 1000).replace(internals.separators, ' ').trim().toLowerCase(),
    internals.dictionary,
  );
  scores.fill(0);
  for (const gram of byteNgrams(words)) {
    const list = scoreList(gram, internals.ngrams);
    if (!list) continue;
    for (let k = 0; k < list.length; k += 2) scores[list[k]!]! += list[k + 1]!;
  }
  // The first language with the highest positive score, as eld's getMaxLang.
  let best = -1;
  let max = 0;
  for (let i = 0; i < languageCount; i++) {
    const score = scores[i]!;
    if (score > 0 && score > max) {
      max = score;
      best = i;
    }
  }
  return best === -1 ? '' : internals.languages[best]!;
}

function scoreList(gram: string, ngrams: EldInternals['ngrams']): number[] | undefined {
  let list = scoreLists.get(gram);
  if (list === undefined) {
    const entry = ngrams[gram];
    if (!entry) return undefined;
    list = [];
    for (const language in entry) list.push(Number(language), entry[language]! + BASE_NGRAM_SCORE);
    scoreLists.set(gram, list);
  }
  return list;
}

/** eld's n-grams of its byte words: 4 bytes with a stride of 3, the first with a leading space, the last with a trailing one. */
function byteNgrams(words: readonly string[]): Set<string> {
  const grams = new Set<string>();
  for (const word of words) {
    const len = Math.min(word.length, 70);
    let j = 0;
    for (; j + 4 < len; j += 3) grams.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    grams.add(`${j === 0 ? ' ' : ''}${word.substring(len !== 3 ? len - 4 : 0)} `);
  }
  return grams;
}

/** eld's words of UTF-8 bytes, each byte one character of its dictionary, cut as eld cuts them. */
function utf8Words(text: string, dictionary: readonly string[]): string[] {
  const words: string[] = [];
  let encoded = '';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32) {
        if (encoded !== '') {
          words.push(encoded);
          encoded = '';
        }
        if (bytes > CUT_AFTER) break;
      } else {
        encoded += text[i];
      }
      bytes++;
    } else if (code < 0x800) {
      encoded += dictionary[0xc0 | (code >> 6)]! + dictionary[0x80 | (code & 0x3f)]!;
      bytes += 2;
    } else if (code < 0xd800 || code >= 0xe000) {
      encoded +=
        dictionary[0xe0 | (code >> 12)]! +
        dictionary[0x80 | ((code >> 6) & 0x3f)]! +
        dictionary[0x80 | (code & 0x3f)]!;
      bytes += 3;
    } else {
      i++;
      code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
      encoded +=
        dictionary[0xf0 | (code >> 18)]! +
        dictionary[0x80 | ((code >> 12) & 0x3f)]! +
        dictionary[0x80 | ((code >> 6) & 0x3f)]! +
        dictionary[0x80 | (code & 0x3f)]!;
      bytes += 4;
    }
    if (bytes > ENFORCE_CUT_AFTER) break;
  }
  if (encoded !== '') words.push(encoded);
  return words;
}
