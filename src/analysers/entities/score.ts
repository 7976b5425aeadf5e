/**
 * Scores the entities analyser on the hand-labelled anatomy fixtures
 * (`test/fixtures/anatomy/entities.<lang>.json`): precision and recall of mention detection
 * (exact span and type), of clustering (pairwise over the mentions found with the right span:
 * a pair is positive when both mentions are in one cluster), and of the spelling-variant flag
 * (per cluster). Run it to print the table (`--fixtures <dir>` scores another fixture directory,
 * e.g. the blind set `test/fixtures/anatomy/blind`):
 *
 *   node --import tsx src/analysers/entities/score.ts [--fixtures <dir>]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Article } from '../../article/article.ts';
import { buildArticle } from '../../article/build.ts';
import { semevalParagraphs } from '../../article/semeval.ts';
import type { Finding } from '../../pipeline/finding.ts';
import { entitiesAnalyser } from './index.ts';

export interface ExpectedEntity {
  text: string;
  type: 'person' | 'organisation' | 'place';
  /** Hand-given cluster name, shared by mentions of one entity inside the item. */
  cluster: string;
}

export interface EntityItem {
  id: string;
  /** `dev`: written while building the rules; `heldout`: written afterwards, scored before any tuning on it. */
  set: 'dev' | 'heldout';
  paragraphs: string[];
  /** In text order: each is searched after the previous one. */
  entities: ExpectedEntity[];
  /** Clusters spelled two different ways in the item. */
  variants: string[];
  /** A known miss, with the reason: tests mark the item as todo; the scorer still counts it. */
  todo?: string;
}

export interface EntityFixture {
  lang: string;
  description: string;
  items: EntityItem[];
}

export const ANATOMY_LANGUAGES = ['fr', 'en', 'de', 'it', 'pl', 'ru'] as const;
export const FIXTURE_ROOT = new URL('../../../test/fixtures/anatomy/', import.meta.url);

/** A fixture directory given on the command line (`--fixtures test/fixtures/anatomy/blind`), else the tuned fixtures. */
export function fixtureRootFromArgs(argv: string[]): URL {
  const at = argv.indexOf('--fixtures');
  const dir = at >= 0 ? argv[at + 1] : undefined;
  if (at >= 0 && !dir) throw new Error('--fixtures needs a directory');
  return dir ? pathToFileURL(`${resolve(dir)}/`) : FIXTURE_ROOT;
}

export function loadAnatomyFixture<T>(kind: 'entities' | 'dates', lang: string, root: URL = FIXTURE_ROOT): T {
  return JSON.parse(readFileSync(new URL(`${kind}.${lang}.json`, root), 'utf8')) as T;
}

/** A fixture item as an article: a title line, then one line per paragraph. */
export function anatomyArticle(
  id: string,
  paragraphs: string[],
  lang: string,
  published?: string | null,
): Article {
  const text = [`Fixture ${id}`, ...paragraphs].join('\n');
  const metadata: Article['metadata'] = { format: 'semeval', source: id };
  if (published) metadata.published = published;
  return buildArticle({ id, text, paragraphs: semevalParagraphs(text), metadata, languageOverride: lang });
}

/** Offsets of expected texts, each searched after the previous one (and after the title line). */
export function locateInOrder(text: string, needles: string[]): { start: number; end: number }[] {
  let from = text.indexOf('\n') + 1;
  return needles.map((needle) => {
    const start = text.indexOf(needle, from);
    if (start < 0) throw new Error(`fixture text not found: ${JSON.stringify(needle)}`);
    from = start + needle.length;
    return { start, end: start + needle.length };
  });
}

export interface Counts {
  predicted: number;
  expected: number;
  matched: number;
}

export interface EntityScore {
  lang: string;
  paragraphs: number;
  mentions: Counts;
  clustering: Counts;
  variants: Counts;
}

const empty = (): Counts => ({ predicted: 0, expected: 0, matched: 0 });

export function scoreEntities(fixture: EntityFixture, set?: EntityItem['set']): EntityScore {
  const score: EntityScore = {
    lang: fixture.lang,
    paragraphs: 0,
    mentions: empty(),
    clustering: empty(),
    variants: empty(),
  };
  for (const item of fixture.items) {
    if (set && item.set !== set) continue;
    score.paragraphs += item.paragraphs.length;
    const article = anatomyArticle(item.id, item.paragraphs, fixture.lang);
    const found = entitiesAnalyser.analyse(article, { findings: [], options: {} });
    scoreItem(article, item, found, score);
  }
  return score;
}

function scoreItem(article: Article, item: EntityItem, found: Finding[], score: EntityScore): void {
  const gold = locateInOrder(
    article.text,
    item.entities.map((e) => e.text),
  ).map((span, i) => ({ ...span, ...item.entities[i]! }));
  const mentions = found.filter((f) => f.label !== 'spelling-variant');
  score.mentions.predicted += mentions.length;
  score.mentions.expected += gold.length;
  const pairs: { gold: string; predicted: string }[] = [];
  for (const g of gold) {
    const hit = mentions.find((f) => f.span?.start === g.start && f.span.end === g.end);
    if (!hit) continue;
    if (hit.label === g.type) score.mentions.matched++;
    pairs.push({ gold: g.cluster, predicted: String(hit.attributes?.entity) });
  }
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      const sameGold = pairs[i]!.gold === pairs[j]!.gold;
      const samePredicted = pairs[i]!.predicted === pairs[j]!.predicted;
      if (samePredicted) score.clustering.predicted++;
      if (sameGold) score.clustering.expected++;
      if (sameGold && samePredicted) score.clustering.matched++;
    }
  }
  const flagged = new Set<string>();
  for (const f of found.filter((x) => x.label === 'spelling-variant')) {
    score.variants.predicted++;
    const g = gold.find((x) => f.span && x.start === f.span.start && x.end === f.span.end);
    if (g && item.variants.includes(g.cluster) && !flagged.has(g.cluster)) {
      flagged.add(g.cluster);
      score.variants.matched++;
    }
  }
  score.variants.expected += item.variants.length;
}

export function precision(c: Counts): number {
  return c.predicted === 0 ? 1 : c.matched / c.predicted;
}

export function recall(c: Counts): number {
  return c.expected === 0 ? 1 : c.matched / c.expected;
}

export function cells(counts: Counts[]): string {
  return counts.map((c) => `${precision(c).toFixed(2)} / ${recall(c).toFixed(2)}`).join(' | ');
}

function main(): void {
  const root = fixtureRootFromArgs(process.argv);
  const lines = [
    '| lang | set | paragraphs | mentions P/R | clustering pairs P/R | spelling variants P/R |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const lang of ANATOMY_LANGUAGES) {
    const fixture = loadAnatomyFixture<EntityFixture>('entities', lang, root);
    for (const set of [undefined, 'heldout'] as const) {
      const s = scoreEntities(fixture, set);
      lines.push(
        `| ${lang} | ${set ?? 'all'} | ${s.paragraphs} | ${cells([s.mentions, s.clustering, s.variants])} |`,
      );
    }
  }
  console.log(lines.join('\n'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
