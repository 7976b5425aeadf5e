/**
 * Generates a synthetic news corpus for the batch benchmark and the batch tests: articles in
 * seven languages and of varied lengths, built from the word lists in bench/data/corpus-words.json
 * and invented names, with 1% copies of earlier articles (half whole-article near-duplicates
 * with edited words, half passages pasted into another article) and 0.5% broken records. The
 * copies are listed in a truth file so reuse detection can be scored.
 *
 *   node --import tsx bench/gen-corpus.ts --n 10000 --out /tmp/corpus.jsonl [--seed 1] [--format jsonl|dir]
 *
 * writes the corpus (a JSONL file, or a directory of SemEval-layout .txt files) and
 * `<out>.truth.json` ({copies: [{original, copy, kind}], broken: [id]}).
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface Vocabulary {
  det: string[];
  prep: string[];
  noun: string[];
  verb: string[];
  adj: string[];
  said: string;
  according: string;
}

export interface CopyPair {
  original: string;
  copy: string;
  kind: 'near-duplicate' | 'passage';
}

export interface GeneratedRecord {
  id: string;
  /** The JSONL line (for broken records, possibly not valid JSON). */
  line: string;
  /** The article as a SemEval-layout text file (title, blank line, one paragraph per line). */
  file: string | Uint8Array;
  broken: boolean;
  copy?: CopyPair;
}

export interface GenerateOptions {
  count: number;
  seed?: number;
  /** Share of copies (default 0.01) and of broken records (default 0.005). */
  copies?: number;
  broken?: number;
}

interface Draft {
  id: string;
  lang: string;
  title: string;
  paragraphs: string[];
}

const VOCABULARY = JSON.parse(
  readFileSync(new URL('./data/corpus-words.json', import.meta.url), 'utf8'),
) as Record<string, Vocabulary>;
const LANGUAGES = Object.keys(VOCABULARY);
const QUOTES: Record<string, [string, string]> = {
  en: ['“', '”'],
  fr: ['« ', ' »'],
  de: ['„', '“'],
  it: ['«', '»'],
  es: ['«', '»'],
  pl: ['„', '”'],
  ru: ['«', '»'],
};
const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'din',
  'tor',
  'va',
  'sel',
  'ri',
  'bo',
  'nan',
  'gu',
  'fel',
  'zar',
  'mi',
  'pe',
  'dro',
  'sun',
  'ha',
  'lek',
  'tam',
];
/** Originals are drawn from this many recent articles, so generation needs bounded memory. */
const RECENT = 2000;

/** mulberry32: small, seeded, good enough for test data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* generateCorpus(options: GenerateOptions): Generator<GeneratedRecord> {
  const next = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const between = (low: number, high: number): number => low + Math.floor(next() * (high - low + 1));
  const name = (): string => {
    const word = Array.from({ length: between(2, 3) }, () => pick(SYLLABLES)).join('');
    return word[0]!.toUpperCase() + word.slice(1);
  };
  const capital = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

  const clause = (v: Vocabulary): string => {
    const parts = [pick(v.det), pick(v.adj), pick(v.noun), pick(v.verb)];
    if (next() < 0.4) parts.push(String(between(2, 990)), pick(v.noun));
    else parts.push(pick(v.det), pick(v.noun));
    parts.push(pick(v.prep), name());
    if (next() < 0.5) parts.push(pick(v.prep), pick(v.det), pick(v.adj), pick(v.noun));
    return parts.join(' ');
  };
  const sentence = (lang: string, v: Vocabulary): string => {
    const roll = next();
    if (roll < 0.15) {
      const [open, close] = QUOTES[lang]!;
      return `${open}${capital(clause(v))}${close}, ${v.said} ${name()} ${name()}.`;
    }
    if (roll < 0.25) return `${capital(v.according)} ${name()} ${name()}, ${clause(v)}.`;
    return `${capital(clause(v))}.`;
  };
  const draft = (id: string, lang: string): Draft => {
    const v = VOCABULARY[lang]!;
    const long = next() < 0.05;
    const count = long ? between(20, 40) : between(3, 12);
    const paragraphs = Array.from({ length: count }, () =>
      Array.from({ length: between(1, 4) }, () => sentence(lang, v)).join(' '),
    );
    return { id, lang, title: capital(clause(v)), paragraphs };
  };
  /** Replaces about one word in `every` with another word of the language. */
  const edit = (text: string, lang: string, every: number): string => {
    const v = VOCABULARY[lang]!;
    return text
      .split(' ')
      .map((word) => (next() < 1 / every ? pick(v.noun) : word))
      .join(' ');
  };

  const recent: Draft[] = [];
  // Originals are copied once and copies are never copied, so every link has one explanation.
  const used = new Set<string>();
  const copyRate = options.copies ?? 0.01;
  const brokenRate = options.broken ?? 0.005;
  for (let i = 0; i < options.count; i++) {
    const id = `gen-${String(i).padStart(7, '0')}`;
    const roll = next();
    if (roll < brokenRate) {
      yield broken(id, pick);
      continue;
    }
    let article = draft(id, pick(LANGUAGES));
    let copy: CopyPair | undefined;
    const originals = roll < brokenRate + copyRate ? recent.filter((d) => !used.has(d.id)) : [];
    if (originals.length > 0) {
      const original = pick(originals);
      used.add(original.id);
      if (next() < 0.5) {
        article = {
          id,
          lang: original.lang,
          title: edit(original.title, original.lang, 8),
          paragraphs: original.paragraphs.map((p) => edit(p, original.lang, 30)),
        };
        copy = { original: original.id, copy: id, kind: 'near-duplicate' };
      } else {
        // Consecutive paragraphs of the original making 40 words or more (or all of it).
        let first = between(0, original.paragraphs.length - 1);
        let last = first;
        const size = (): number =>
          original.paragraphs
            .slice(first, last + 1)
            .join(' ')
            .split(' ').length;
        while (size() < 40 && last < original.paragraphs.length - 1) last++;
        while (size() < 40 && first > 0) first--;
        const pasted = original.paragraphs.slice(first, last + 1).map((p) => edit(p, original.lang, 30));
        const own = draft(id, original.lang);
        const at = between(0, own.paragraphs.length);
        own.paragraphs.splice(at, 0, ...pasted);
        article = own;
        copy = { original: original.id, copy: id, kind: 'passage' };
      }
    }
    if (copy) used.add(id);
    recent.push(article);
    if (recent.length > RECENT) recent.shift();
    const published = `20${between(23, 25)}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
    const record = {
      id,
      title: article.title,
      text: article.paragraphs.join('\n\n'),
      lang: article.lang,
      outlet: `${capital(article.lang)} ${['Herald', 'Courier', 'Post', 'Daily', 'Observer'][i % 5]}`,
      date: published,
      url: `https://news.example/${article.lang}/${id}`,
    };
    yield {
      id,
      line: JSON.stringify(record),
      file: `${article.title}\n\n${article.paragraphs.join('\n')}\n`,
      broken: false,
      ...(copy ? { copy } : {}),
    };
  }
}

function broken(id: string, pick: <T>(list: readonly T[]) => T): GeneratedRecord {
  const line = pick([
    `{"id": "${id}", "title": "Cut short", "text": "This record ends`,
    JSON.stringify({ id, title: 'No text here' }),
    JSON.stringify({ id, title: 'Text is a number', text: 42 }),
  ]);
  // As a file: bytes that are not text.
  const file = Uint8Array.from([0x00, 0xff, 0x00, 0xfe, 0x01, 0x02, 0x00, 0x00, 0x9c, 0x00]);
  return { id, line, file, broken: true };
}

export interface Truth {
  copies: CopyPair[];
  broken: string[];
}

/** Writes the corpus as JSONL (or a directory of .txt files) and returns what was injected. */
export async function writeCorpus(
  out: string,
  options: GenerateOptions & { format?: 'jsonl' | 'dir' },
): Promise<Truth> {
  const truth: Truth = { copies: [], broken: [] };
  const note = (record: GeneratedRecord): void => {
    if (record.copy) truth.copies.push(record.copy);
    if (record.broken) truth.broken.push(record.id);
  };
  if (options.format === 'dir') {
    await mkdir(out, { recursive: true });
    for (const record of generateCorpus(options)) {
      note(record);
      await writeFile(join(out, `${record.id}.txt`), record.file);
    }
  } else {
    const stream = createWriteStream(out);
    for (const record of generateCorpus(options)) {
      note(record);
      if (!stream.write(`${record.line}\n`))
        await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  }
  await writeFile(`${out.replace(/\/$/, '')}.truth.json`, JSON.stringify(truth));
  return truth;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '10000' },
      out: { type: 'string', default: 'corpus.jsonl' },
      seed: { type: 'string', default: '1' },
      format: { type: 'string', default: 'jsonl' },
    },
  });
  const truth = await writeCorpus(values.out, {
    count: Number(values.n),
    seed: Number(values.seed),
    format: values.format === 'dir' ? 'dir' : 'jsonl',
  });
  process.stderr.write(
    `${values.out}: ${values.n} records, ${truth.copies.length} copies, ${truth.broken.length} broken\n`,
  );
}
