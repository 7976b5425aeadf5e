/**
 * Scores the quotes and sources analysers on the hand-labelled anatomy fixtures
 * (`test/fixtures/anatomy/quotes.<lang>.json`): precision and recall of quote detection (exact
 * span and overlap), of speaker attribution, and of sources. Run it to print the table
 * (`--fixtures <dir>` scores another fixture directory, e.g. the blind set
 * `test/fixtures/anatomy/blind`):
 *
 *   node --import tsx src/analysers/quotes/score.ts [--fixtures <dir>]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../article/article.ts';
import { buildArticle } from '../../article/build.ts';
import { semevalParagraphs } from '../../article/semeval.ts';
import type { Finding } from '../../pipeline/finding.ts';
import { FIXTURE_ROOT, fixtureRootFromArgs } from '../entities/score.ts';
import { sourcesAnalyser } from '../sources/index.ts';
import { quotesAnalyser } from './index.ts';

export interface ExpectedQuote {
  label: 'direct-quote' | 'indirect-quote';
  /** The exact quoted words; located by its first occurrence in the article text. */
  text: string;
  speaker: string | null;
  /** A known miss of the analyser, with the reason: tests mark it as todo; the scorer still counts it. */
  todo?: string;
}

export interface ExpectedSource {
  label: 'cited-source' | 'photo-credit' | 'vague-source' | 'empty-source';
  text: string;
  todo?: string;
}

export interface FixtureItem {
  id: string;
  /** `dev`: written while building the rules; `heldout`: written afterwards and scored before any tuning on it. */
  set?: 'dev' | 'heldout';
  paragraphs: string[];
  quotes: ExpectedQuote[];
  sources: ExpectedSource[];
}

export interface Fixture {
  lang: string;
  description: string;
  items: FixtureItem[];
}

export const FIXTURE_LANGUAGES = ['fr', 'en', 'de', 'it', 'pl', 'ru'] as const;

export function loadFixture(lang: string, root: URL = FIXTURE_ROOT): Fixture {
  return JSON.parse(readFileSync(new URL(`quotes.${lang}.json`, root), 'utf8')) as Fixture;
}

/** A fixture item as an article: a title line, then one line per paragraph. */
export function fixtureArticle(item: FixtureItem, lang: string): Article {
  const text = [`Fixture ${item.id}`, ...item.paragraphs].join('\n');
  return buildArticle({
    id: item.id,
    text,
    paragraphs: semevalParagraphs(text),
    metadata: { format: 'semeval', source: item.id },
    languageOverride: lang,
  });
}

export interface Counts {
  predicted: number;
  expected: number;
  matched: number;
}

export interface LanguageScore {
  lang: string;
  paragraphs: number;
  /** Quote detection, both labels, a match needing the same label and the exact span. */
  exact: Counts;
  /** Same, a match needing the same label and overlapping spans. */
  overlap: Counts;
  direct: Counts;
  indirect: Counts;
  /** Speakers on overlap-matched quotes: predicted = quotes given a speaker, expected = quotes that have one. */
  speaker: Counts;
  /** Sources: same label and exact span. */
  sources: Counts;
}

const empty = (): Counts => ({ predicted: 0, expected: 0, matched: 0 });

export function scoreLanguage(fixture: Fixture, set?: FixtureItem['set']): LanguageScore {
  const score: LanguageScore = {
    lang: fixture.lang,
    paragraphs: 0,
    exact: empty(),
    overlap: empty(),
    direct: empty(),
    indirect: empty(),
    speaker: empty(),
    sources: empty(),
  };
  for (const item of fixture.items) {
    if (set && (item.set ?? 'dev') !== set) continue;
    const article = fixtureArticle(item, fixture.lang);
    score.paragraphs += item.paragraphs.length;
    const context = { findings: [], options: {} };
    const quotes = quotesAnalyser.analyse(article, context);
    const sources = sourcesAnalyser.analyse(article, context);
    scoreQuotes(article, item.quotes, quotes, score);
    scoreSources(article, item.sources, sources, score.sources);
  }
  return score;
}

function scoreQuotes(
  article: Article,
  expected: ExpectedQuote[],
  found: Finding[],
  score: LanguageScore,
): void {
  const gold = expected.map((e) => ({ ...e, ...locate(article.text, e.text, e.label) }));
  score.exact.predicted += found.length;
  score.overlap.predicted += found.length;
  score.exact.expected += gold.length;
  score.overlap.expected += gold.length;
  for (const [label, counts] of [
    ['direct-quote', score.direct],
    ['indirect-quote', score.indirect],
  ] as const) {
    counts.predicted += found.filter((f) => f.label === label).length;
    counts.expected += gold.filter((g) => g.label === label).length;
  }
  const usedExact = new Set<Finding>();
  const usedOverlap = new Set<Finding>();
  for (const g of gold) {
    const exact = found.find(
      (f) => !usedExact.has(f) && f.label === g.label && f.span?.start === g.start && f.span.end === g.end,
    );
    if (exact) {
      usedExact.add(exact);
      score.exact.matched++;
      (g.label === 'direct-quote' ? score.direct : score.indirect).matched++;
    }
    const overlapping = found.find(
      (f) =>
        !usedOverlap.has(f) && f.label === g.label && f.span && f.span.start < g.end && g.start < f.span.end,
    );
    if (!overlapping) continue;
    usedOverlap.add(overlapping);
    score.overlap.matched++;
    const speaker = overlapping.attributes?.speaker;
    if (typeof speaker === 'string') score.speaker.predicted++;
    if (g.speaker !== null) score.speaker.expected++;
    if (g.speaker !== null && typeof speaker === 'string' && sameSpeaker(speaker, g.speaker))
      score.speaker.matched++;
  }
}

function scoreSources(article: Article, expected: ExpectedSource[], found: Finding[], counts: Counts): void {
  counts.predicted += found.length;
  counts.expected += expected.length;
  const used = new Set<Finding>();
  for (const e of expected) {
    const at = locate(article.text, e.text, e.label);
    const hit = found.find(
      (f) => !used.has(f) && f.label === e.label && f.span?.start === at.start && f.span.end === at.end,
    );
    if (hit) {
      used.add(hit);
      counts.matched++;
    }
  }
}

/** Offsets of an expected text, searched after the title line (which never holds a labelled span). */
export function locate(text: string, needle: string, label: string): { start: number; end: number } {
  const start = text.indexOf(needle, text.indexOf('\n') + 1);
  if (start < 0) throw new Error(`fixture text not found for ${label}: ${JSON.stringify(needle)}`);
  return { start, end: start + needle.length };
}

/**
 * Speakers agree when equal ignoring case, or when the words of one run inside the other's
 * (`Jan Kowalski` / `trener Jan Kowalski`).
 */
export function sameSpeaker(predicted: string, expected: string): boolean {
  // A leading elided article is not part of the name (`l’Office fédéral …` / `Office fédéral …`).
  const words = (s: string) =>
    s
      .toLowerCase()
      .replace(/’/g, "'")
      .replace(/^(?:l|d)'/, '')
      .split(/[\s\u00a0]+/)
      .filter(Boolean);
  const a = words(predicted);
  const b = words(expected);
  const inside = (short: string[], long: string[]) =>
    short.length > 0 && long.some((_, i) => short.every((w, k) => long[i + k] === w));
  return inside(a, b) || inside(b, a);
}

export function precision(c: Counts): number {
  return c.predicted === 0 ? 1 : c.matched / c.predicted;
}

export function recall(c: Counts): number {
  return c.expected === 0 ? 1 : c.matched / c.expected;
}

function row(lang: string, paragraphs: number, c: Counts[]): string {
  const cells = c.map((x) => `${precision(x).toFixed(2)} / ${recall(x).toFixed(2)}`);
  return `| ${lang} | ${paragraphs} | ${cells.join(' | ')} |`;
}

function main(): void {
  const root = fixtureRootFromArgs(process.argv);
  const lines = [
    '| lang | paragraphs | quotes exact P/R | quotes overlap P/R | direct exact P/R | indirect exact P/R | speaker P/R | sources exact P/R |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const lang of FIXTURE_LANGUAGES) {
    const fixture = loadFixture(lang, root);
    const s = scoreLanguage(fixture);
    lines.push(row(lang, s.paragraphs, [s.exact, s.overlap, s.direct, s.indirect, s.speaker, s.sources]));
    if (fixture.items.some((item) => item.set === 'heldout')) {
      const h = scoreLanguage(fixture, 'heldout');
      lines.push(
        row(`${lang} (held-out only)`, h.paragraphs, [
          h.exact,
          h.overlap,
          h.direct,
          h.indirect,
          h.speaker,
          h.sources,
        ]),
      );
    }
  }
  console.log(lines.join('\n'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
