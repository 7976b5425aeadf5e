/**
 * Scores the dates analyser on the hand-labelled anatomy fixtures
 * (`test/fixtures/anatomy/dates.<lang>.json`): precision and recall of date detection (exact
 * span), of resolution (exact span and the same ISO date, `null` included), and of the
 * contradiction findings (same label, rule and span). Run it to print the table (`--fixtures <dir>`
 * scores another fixture directory, e.g. the blind set `test/fixtures/anatomy/blind`):
 *
 *   node --import tsx src/analysers/dates/score.ts [--fixtures <dir>]
 */
import { fileURLToPath } from 'node:url';
import {
  ANATOMY_LANGUAGES,
  anatomyArticle,
  type Counts,
  cells,
  fixtureRootFromArgs,
  loadAnatomyFixture,
  locateInOrder,
} from '../entities/score.ts';
import { datesAnalyser } from './index.ts';

export interface ExpectedDate {
  text: string;
  /** The ISO date at the expression's grain (`2025-03-04`, `2025-03`, `2025`), or null when unresolvable. */
  iso: string | null;
}

export interface ExpectedContradiction {
  label: 'weekday-mismatch' | 'date-contradiction';
  rule: string;
  /** The span the finding is anchored on (its first occurrence in the item). */
  text: string;
}

export interface DateItem {
  id: string;
  set: 'dev' | 'heldout';
  /** Publication date the item is read with, or null for an article without one. */
  published: string | null;
  paragraphs: string[];
  /** In text order. */
  dates: ExpectedDate[];
  contradictions: ExpectedContradiction[];
  todo?: string;
}

export interface DateFixture {
  lang: string;
  description: string;
  items: DateItem[];
}

export interface DateScore {
  lang: string;
  paragraphs: number;
  detection: Counts;
  resolution: Counts;
  contradictions: Counts;
}

const empty = (): Counts => ({ predicted: 0, expected: 0, matched: 0 });

export function scoreDates(fixture: DateFixture, set?: DateItem['set']): DateScore {
  const score: DateScore = {
    lang: fixture.lang,
    paragraphs: 0,
    detection: empty(),
    resolution: empty(),
    contradictions: empty(),
  };
  for (const item of fixture.items) {
    if (set && item.set !== set) continue;
    score.paragraphs += item.paragraphs.length;
    const article = anatomyArticle(item.id, item.paragraphs, fixture.lang, item.published);
    const found = datesAnalyser.analyse(article, { findings: [], options: {} });
    const dates = found.filter((f) => f.label === 'date');
    const gold = locateInOrder(
      article.text,
      item.dates.map((d) => d.text),
    );
    for (const counts of [score.detection, score.resolution]) {
      counts.predicted += dates.length;
      counts.expected += gold.length;
    }
    gold.forEach((span, i) => {
      const hit = dates.find((f) => f.span?.start === span.start && f.span.end === span.end);
      if (!hit) return;
      score.detection.matched++;
      if (hit.attributes?.iso === item.dates[i]!.iso) score.resolution.matched++;
    });
    const checks = found.filter((f) => f.label !== 'date');
    score.contradictions.predicted += checks.length;
    score.contradictions.expected += item.contradictions.length;
    for (const c of item.contradictions) {
      const [span] = locateInOrder(article.text, [c.text]);
      const hit = checks.some(
        (f) =>
          f.label === c.label &&
          f.attributes?.rule === c.rule &&
          f.span?.start === span!.start &&
          f.span.end === span!.end,
      );
      if (hit) score.contradictions.matched++;
    }
  }
  return score;
}

function main(): void {
  const root = fixtureRootFromArgs(process.argv);
  const lines = [
    '| lang | set | paragraphs | detection P/R | resolution P/R | contradictions P/R |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const lang of ANATOMY_LANGUAGES) {
    const fixture = loadAnatomyFixture<DateFixture>('dates', lang, root);
    for (const set of [undefined, 'heldout'] as const) {
      const s = scoreDates(fixture, set);
      lines.push(
        `| ${lang} | ${set ?? 'all'} | ${s.paragraphs} | ${cells([s.detection, s.resolution, s.contradictions])} |`,
      );
    }
  }
  console.log(lines.join('\n'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
