/**
 * Spelling-insensitive keys for names. A Russian name reaches a Western article through several
 * transliterations (Zelensky, Zelenski, Selenskyj, Zełenski; Navalny, Navalnyï, Nawalny; Peskov,
 * Peskow), and through Cyrillic: the skeleton maps all of them to one string, and edit distance
 * catches what is left (typos, `kh`/`ch`).
 */

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
};

const LATIN_EXTRA: Record<string, string> = { ł: 'l', ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ı: 'i' };

/** Cyrillic letters to Latin by a simple table (one letter at a time); other characters kept. */
export function transliterate(text: string): string {
  let out = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    const mapped = CYRILLIC[lower];
    if (mapped === undefined) out += char;
    else out += lower === char ? mapped : mapped.charAt(0).toUpperCase() + mapped.slice(1);
  }
  return out;
}

/** Lowercase Latin letters without diacritics: `Zełenski` → `zelenski`, `Hélène` → `helene`. */
export function plain(text: string): string {
  return transliterate(text)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łßøæœđı]/g, (c) => LATIN_EXTRA[c]!)
    .replace(/[^a-z]/g, '');
}

/** Transliteration equivalents, longest first: every spelling of a sound becomes one letter. */
const EQUIVALENTS: [RegExp, string][] = [
  [/shch|szcz|schtsch|chtch/g, 's'],
  [/tsch|tch|sch|ch|sh|sz|cz|zh|zs|rz/g, 's'],
  [/kh/g, 'h'],
  [/ks|x|chs|cks/g, 'x'],
  [/ts|tz/g, 'c'],
  [/ck|q/g, 'k'],
  [/ph/g, 'f'],
  [/w/g, 'v'],
  [/z/g, 's'],
  [/ou|oo/g, 'u'],
  [/[yj]/g, 'i'],
];

/**
 * The skeleton of one name word: transliterated, plain, transliteration equivalents merged,
 * double letters single, a final silent `e` dropped (`Poutine`/`Putin`).
 */
export function skeleton(word: string): string {
  let s = skeletons.get(word);
  if (s === undefined) {
    s = computeSkeleton(word);
    if (skeletons.size >= CACHE_LIMIT) skeletons.clear();
    skeletons.set(word, s);
  }
  return s;
}

/** Names recur within and across articles: their skeletons are cached (bounded). */
const skeletons = new Map<string, string>();
const CACHE_LIMIT = 50_000;

function computeSkeleton(word: string): string {
  let s = plain(word);
  for (const [pattern, replacement] of EQUIVALENTS) s = s.replace(pattern, replacement);
  s = s.replace(/(.)\1+/g, '$1');
  if (s.length > 3) s = s.replace(/(?<=[^aeiou])e$/, '');
  return s;
}

/** Case and declension endings of Slavic names (and a final vowel elsewhere), on a skeleton. */
const ENDINGS = /(?:iego|iemu|ogo|ego|emu|omu|ovi|ami|iem|ah|im|em|om|ie|ia|a|e|i|o|u)$/;

/** The skeleton without an inflection ending, so `Navalnogo`, `Navalny` and `Nawalnego` meet. */
export function stem(word: string): string {
  const s = skeleton(word);
  const cut = s.replace(ENDINGS, '');
  return cut.length >= 3 ? cut : s;
}

/** Largest edit distance for which two stems of these lengths are taken as the same name. */
export function tolerance(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  return n <= 4 ? 0 : n <= 7 ? 1 : 2;
}

/** Levenshtein distance, stopping early once it exceeds `max` (then returns max + 1). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Whether two stems name the same thing: equal, or within the edit-distance tolerance. */
export function similar(a: string, b: string): boolean {
  if (a === b) return true;
  const max = tolerance(a, b);
  return max > 0 && editDistance(a, b, max) <= max;
}

/** Slavic case endings on a surface word, for telling a declined form from another spelling. */
const SURFACE_ENDINGS: Record<string, RegExp> = {
  pl: /(?:iego|ego|emu|owi|iem|em|im|ym|ą|ę|a|u|e|y|i)$/u,
  ru: /(?:ого|его|ому|ему|ым|им|ом|ем|ой|ей|ую|юю|ая|яя|ий|ый|а|я|у|ю|е|ы|и)$/u,
};

/**
 * The spelling of a name word as written, lowercased, with a Polish or Russian case ending
 * removed: `Zełenskiego` and `Zełenski` share one, `Zelenski` has another.
 */
export function spellingKey(word: string, lang: string): string {
  const lower = word
    .toLowerCase()
    .normalize('NFC')
    .replace(/['’]s$/u, '');
  const endings = SURFACE_ENDINGS[lang];
  if (!endings) return lower;
  const cut = lower.replace(endings, '');
  return cut.length >= 3 ? cut : lower;
}

const FEMININE = /(?:aia|aya|aja)$/;
const MASCULINE = /(?:y|i|ii|iy|yi|ij|yj)$/;

/** `Navalnaïa` and `Navalnyï` share a stem but not a person: Russian feminine and masculine forms. */
export function genderClash(a: string, b: string): boolean {
  const pa = plain(a);
  const pb = plain(b);
  return (FEMININE.test(pa) && MASCULINE.test(pb)) || (FEMININE.test(pb) && MASCULINE.test(pa));
}

/** Blocks of stems by two-letter prefix and three-letter suffix, for near-linear fuzzy lookups. */
export class StemIndex {
  readonly #blocks = new Map<string, string[]>();
  readonly #all = new Set<string>();

  add(stem: string): void {
    if (this.#all.has(stem)) return;
    this.#all.add(stem);
    for (const key of blockKeys(stem)) {
      const list = this.#blocks.get(key);
      if (list) list.push(stem);
      else this.#blocks.set(key, [stem]);
    }
  }

  /** Whether a stem equal or `similar` to this one was added. */
  has(stem: string): boolean {
    if (this.#all.has(stem)) return true;
    return blockKeys(stem).some(
      (key) => this.#blocks.get(key)?.some((other) => similar(stem, other)) ?? false,
    );
  }
}

export function blockKeys(stem: string): string[] {
  return [`^${stem.slice(0, 2)}`, `${stem.slice(-3)}$`];
}
