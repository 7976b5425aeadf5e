/**
 * Articles about the same event, side by side, from their reports only: quotes matched across
 * articles by the similarity of their normalised words, entities matched by their canonical names
 * (fuzzy: `Macron` meets `Emmanuel Macron`), claims (sentences no other article comes close to,
 * by word-shingle containment), and the techniques, frames and genre of each.
 */
import { sentencesOf } from '../article/segment.ts';
import type { Report } from '../pipeline/report.ts';
import { anatomySections } from '../report/sections.ts';
import { articleOfReport } from './report-article.ts';

/** Share of the shorter quote's word pairs found in the other for two quotes to be the same. */
export const QUOTE_MATCH = 0.6;
/** Share of a sentence's word pairs found in one sentence of another article for a close match. */
export const CLAIM_MATCH = 0.5;
/** Sentences shorter than this (in words) are not claims (datelines, sign-offs). */
const CLAIM_MIN_WORDS = 5;
/** Character-trigram similarity of two entity names written differently (transliterations). */
const NAME_MATCH = 0.75;

export interface ComparedArticle {
  /** A, B, C... as the text output labels them. */
  key: string;
  id: string;
  title: string;
  outlet: string | null;
  published: string | null;
  language: string;
  genre: string | null;
  frames: string[];
}

/** Where one article says something: its key, line and the words as it writes them. */
export interface Occurrence {
  article: string;
  line: number | null;
  text: string;
}

export interface QuoteGroup {
  /** The words of the first occurrence. */
  text: string;
  speakers: string[];
  in: (Occurrence & { speaker: string | null })[];
}

export interface EntityGroup {
  name: string;
  type: string;
  in: { article: string; name: string; mentions: number; forms: string[] }[];
}

export interface Comparison {
  articles: ComparedArticle[];
  quotes: { shared: QuoteGroup[]; unique: QuoteGroup[] };
  entities: { shared: EntityGroup[]; unique: EntityGroup[] };
  /** Per article: its sentences with no close match in any other article. */
  claims: { article: string; sentences: number; unique: Occurrence[] }[];
  /** Technique label → count per article key. */
  techniques: { label: string; counts: Record<string, number> }[];
}

export function compareReports(reports: readonly Report[]): Comparison {
  const keys = reports.map((_, i) => articleKey(i));
  const sections = reports.map((r) => anatomySections(r));
  const quoteGroups = groupQuotes(
    sections.flatMap((s, i) =>
      s.quotes
        .filter((q) => !q.fragment)
        .map((q) => ({ article: keys[i]!, line: q.line ?? null, text: q.text, speaker: q.speaker })),
    ),
  );
  const entityGroups = groupEntities(
    sections.flatMap((s, i) =>
      s.entities.flatMap((t) =>
        t.entries.map((e) => ({
          article: keys[i]!,
          type: e.type,
          name: e.name,
          mentions: e.mentions,
          forms: e.forms.map((f) => f.text),
        })),
      ),
    ),
  );
  const spread = (g: { in: { article: string }[] }) => new Set(g.in.map((o) => o.article)).size;
  return {
    articles: reports.map((r, i) => describe(r, keys[i]!)),
    quotes: {
      shared: quoteGroups.filter((g) => spread(g) > 1),
      unique: quoteGroups.filter((g) => spread(g) === 1),
    },
    entities: {
      shared: entityGroups.filter((g) => spread(g) > 1),
      unique: entityGroups.filter((g) => spread(g) === 1),
    },
    claims: uniqueClaims(reports, keys),
    techniques: techniqueCounts(reports, keys),
  };
}

export function articleKey(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `A${index}`;
}

function describe(report: Report, key: string): ComparedArticle {
  const { article } = report;
  const genre = report.findings.find(
    (f) => f.analyser === 'genre' && f.paragraph === undefined && f.attributes?.predicted === true,
  );
  return {
    key,
    id: article.id,
    title: article.title,
    outlet: article.metadata.outlet ?? null,
    published: article.metadata.published ?? null,
    language: article.language.code,
    genre: genre?.label ?? null,
    frames: report.findings.filter((f) => f.analyser === 'frames').map((f) => f.label),
  };
}

// ── Text similarity ─────────────────────────────────────────────────────────────────────────

/** Lowercased words without accents or punctuation: what two spellings of one quote share. */
export function normalizedWords(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Word pairs (single words for one-word texts). */
export function shingles(words: readonly string[]): Set<string> {
  if (words.length < 2) return new Set(words);
  const out = new Set<string>();
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  return out;
}

/** |A ∩ B| / min(|A|, |B|): a quote cut short by one outlet still matches the whole one. */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

// ── Quotes ──────────────────────────────────────────────────────────────────────────────────

type QuoteOccurrence = Occurrence & { speaker: string | null };

/** Greedy single-link grouping: a quote joins the first group holding a close enough quote. */
function groupQuotes(quotes: QuoteOccurrence[]): QuoteGroup[] {
  const groups: { group: QuoteGroup; sets: Set<string>[] }[] = [];
  for (const quote of quotes) {
    const set = shingles(normalizedWords(quote.text));
    const home = groups.find((g) => g.sets.some((s) => containment(s, set) >= QUOTE_MATCH));
    if (home) {
      home.group.in.push(quote);
      home.sets.push(set);
      if (quote.speaker && !home.group.speakers.includes(quote.speaker))
        home.group.speakers.push(quote.speaker);
    } else {
      groups.push({
        group: { text: quote.text, speakers: quote.speaker ? [quote.speaker] : [], in: [quote] },
        sets: [set],
      });
    }
  }
  return groups.map((g) => g.group);
}

// ── Entities ────────────────────────────────────────────────────────────────────────────────

interface EntityMention {
  article: string;
  type: string;
  name: string;
  mentions: number;
  forms: string[];
}

function groupEntities(entries: EntityMention[]): EntityGroup[] {
  const groups: { group: EntityGroup; names: string[][] }[] = [];
  for (const e of entries) {
    const names = [e.name, ...e.forms].map(normalizedWords).filter((w) => w.length > 0);
    const home = groups.find((g) => sameEntity(g.group.type, g.names, e.type, names));
    const member = { article: e.article, name: e.name, mentions: e.mentions, forms: e.forms };
    if (home) {
      home.group.in.push(member);
      home.names.push(...names);
    } else groups.push({ group: { name: e.name, type: e.type, in: [member] }, names });
  }
  return groups.map((g) => g.group).sort((a, b) => total(b) - total(a));
}

function total(g: EntityGroup): number {
  return g.in.reduce((n, m) => n + m.mentions, 0);
}

/**
 * Same written name (any form), or, for the same type, one name's words inside the other's
 * (`Macron` ⊂ `Emmanuel Macron`) or names close letter by letter (`Navalny` / `Navalnyi`).
 */
function sameEntity(typeA: string, a: string[][], typeB: string, b: string[][]): boolean {
  const joined = (w: string[]) => w.join(' ');
  const setA = new Set(a.map(joined));
  if (b.some((w) => setA.has(joined(w)))) return true;
  if (typeA !== typeB) return false;
  return a.some((x) =>
    b.some((y) => within(x, y) || within(y, x) || trigramSimilarity(joined(x), joined(y)) >= NAME_MATCH),
  );
}

function within(small: string[], large: string[]): boolean {
  return small.length < large.length && small.every((w) => w.length > 2 && large.includes(w));
}

function trigramSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const padded = ` ${s} `;
    const out = new Set<string>();
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
    return out;
  };
  const x = grams(a);
  const y = grams(b);
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / (x.size + y.size - shared);
}

// ── Claims ──────────────────────────────────────────────────────────────────────────────────

function uniqueClaims(reports: readonly Report[], keys: string[]): Comparison['claims'] {
  const perArticle = reports.map((report) => {
    const article = articleOfReport(report);
    const lineOf = new Map(article.paragraphs.map((p) => [p.index, p.line]));
    return sentencesOf(article)
      .filter((s) => article.paragraphs[s.paragraph]?.kind === 'body')
      .map((s) => {
        const text = article.text.slice(s.start, s.end);
        const words = normalizedWords(text);
        return { text, line: lineOf.get(s.paragraph) ?? null, words: words.length, set: shingles(words) };
      })
      .filter((s) => s.words >= CLAIM_MIN_WORDS);
  });
  // Shingle → articles holding it, so a sentence is only compared with sentences sharing a pair.
  const index = new Map<string, { article: number; sentence: number }[]>();
  perArticle.forEach((sentences, article) => {
    sentences.forEach((s, sentence) => {
      for (const sh of s.set) {
        const list = index.get(sh) ?? [];
        list.push({ article, sentence });
        index.set(sh, list);
      }
    });
  });
  return perArticle.map((sentences, article) => ({
    article: keys[article]!,
    sentences: sentences.length,
    unique: sentences
      .filter((s) => {
        const candidates = new Set<string>();
        for (const sh of s.set)
          for (const hit of index.get(sh) ?? [])
            if (hit.article !== article) candidates.add(`${hit.article}:${hit.sentence}`);
        return ![...candidates].some((c) => {
          const [a, i] = c.split(':').map(Number) as [number, number];
          return containment(s.set, perArticle[a]![i]!.set) >= CLAIM_MATCH;
        });
      })
      .map((s) => ({ article: keys[article]!, line: s.line, text: s.text })),
  }));
}

// ── Techniques ──────────────────────────────────────────────────────────────────────────────

function techniqueCounts(reports: readonly Report[], keys: string[]): Comparison['techniques'] {
  const rows = new Map<string, Record<string, number>>();
  reports.forEach((report, i) => {
    for (const f of report.findings) {
      if (f.analyser !== 'techniques') continue;
      const counts = rows.get(f.label) ?? Object.fromEntries(keys.map((k) => [k, 0]));
      counts[keys[i]!]! += 1;
      rows.set(f.label, counts);
    }
  });
  return [...rows]
    .map(([label, counts]) => ({ label, counts }))
    .sort((a, b) => sum(b.counts) - sum(a.counts) || a.label.localeCompare(b.label));
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((n, v) => n + v, 0);
}
