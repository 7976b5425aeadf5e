/** The work of `spinlens stats` (see stats.ts), loaded only when the command runs; also compare's tables. */
import { type CorpusStats, corpusStats, type GroupStats } from '../corpus/stats.ts';
import { TECHNIQUES } from '../learn/labels.ts';
import { type CliIO, EXIT, Output, UsageError, useColor } from './io.ts';
import { openStore } from './open-store.ts';
import type { StatsCommandOptions } from './stats.ts';
import { type Colors, colors, csvRow, formatTable } from './table.ts';

/** Groups shown side by side in the terminal tables; CSV and JSON hold them all. */
const MAX_COLUMNS = 6;

export async function stats(options: StatsCommandOptions, io: CliIO): Promise<number> {
  if (options.technique && !(TECHNIQUES as string[]).includes(options.technique)) {
    throw new UsageError(`unknown technique ${options.technique} (known: ${TECHNIQUES.join(', ')})`);
  }
  if (!Number.isInteger(options.top) || options.top < 0) throw new UsageError('--top expects a number ≥ 0');
  const store = openStore(options.db, io);
  if (!store) return EXIT.inputFailed;
  const out = new Output(io.stdout);
  try {
    const result = corpusStats(store.db, {
      ...(options.by ? { by: options.by } : {}),
      ...(options.technique ? { technique: options.technique } : {}),
      terms: options.top,
    });
    if (options.format === 'json') await out.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (options.format === 'csv') for (const line of statsCsv(result)) await out.write(line);
    else {
      const c = colors(useColor(options.color, { isTTY: io.stdout.isTTY === true }, io.env));
      await out.write(statsTable(result, c));
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}

export const STATS_CSV_HEADER = [
  'section',
  'group',
  'label',
  'count',
  'per_1000_paragraphs',
  'share_of_articles',
];

/** The statistics as one long CSV table: a row per number, so any spreadsheet can pivot it. */
export function* statsCsv(result: CorpusStats): Generator<string> {
  yield csvRow(STATS_CSV_HEADER);
  for (const g of result.groups) {
    yield csvRow(['size', g.group, 'articles', g.articles, '', '']);
    yield csvRow(['size', g.group, 'paragraphs', g.paragraphs, '', '']);
    for (const l of g.genres)
      yield csvRow(['genre', g.group, l.label, l.count, round(l.per1000), round(l.share)]);
    for (const l of g.frames)
      yield csvRow(['frame', g.group, l.label, l.count, round(l.per1000), round(l.share)]);
    for (const l of g.techniques)
      yield csvRow(['technique', g.group, l.label, l.count, round(l.per1000), '']);
    for (const t of g.terms) yield csvRow(['term', g.group, t.term, t.count, '', '']);
  }
  const label = result.technique ?? 'techniques';
  for (const p of result.trend) {
    yield csvRow(['trend', p.month, 'articles', p.articles, '', '']);
    yield csvRow(['trend', p.month, 'paragraphs', p.paragraphs, '', '']);
    yield csvRow(['trend', p.month, label, p.techniques, round(p.per1000), '']);
  }
}

function round(value: number | undefined): number | string {
  return value === undefined ? '' : Math.round(value * 10000) / 10000;
}

export function statsTable(result: CorpusStats, c: Colors): string {
  if (result.groups.length === 0) return 'The store holds no articles.\n';
  const shown = result.groups.slice(0, MAX_COLUMNS);
  const heading = (title: string) => `\n${c.bold(c.cyan(title))}\n`;
  const parts: string[] = [];
  const by = result.by ? `by ${result.by}` : 'whole store';
  parts.push(heading(`Articles and paragraphs (${by})`));
  parts.push(
    formatTable(
      [result.by ?? 'group', 'articles', 'paragraphs', 'opinion %', 'reporting %', 'satire %'],
      result.groups.map((g) => [
        g.group,
        g.articles,
        g.paragraphs,
        percent(g, 'opinion'),
        percent(g, 'reporting'),
        percent(g, 'satire'),
      ]),
      c,
    ),
  );
  const matrix = (title: string, pick: (g: GroupStats) => { label: string; value: number }[]) => {
    const labels = [...new Set(shown.flatMap((g) => pick(g).map((l) => l.label)))];
    if (labels.length === 0) return;
    const rows = labels.map((label) => [
      label,
      ...shown.map((g) => pick(g).find((l) => l.label === label)?.value ?? 0),
    ]);
    rows.sort((a, b) => total(b) - total(a));
    parts.push(heading(title), formatTable(['', ...shown.map((g) => g.group)], rows, c));
  };
  const technique = result.technique ? `${result.technique} per` : 'Techniques per';
  matrix(`${technique} 1,000 paragraphs`, (g) =>
    g.techniques.map((l) => ({ label: l.label, value: l.per1000 })),
  );
  matrix('Frames (% of articles)', (g) =>
    g.frames.map((l) => ({ label: l.label, value: (l.share ?? 0) * 100 })),
  );
  if (shown.some((g) => g.terms.length > 0)) {
    parts.push(
      heading('Top evidence terms'),
      formatTable(
        [result.by ?? 'group', 'terms (findings citing them)'],
        shown.map((g) => [g.group, g.terms.map((t) => `${t.term} ×${t.count}`).join(', ')]),
        c,
      ),
    );
  }
  if (result.trend.length > 0) {
    parts.push(
      heading('Trend by month'),
      formatTable(
        ['month', 'articles', 'paragraphs', result.technique ?? 'techniques', 'per 1,000'],
        result.trend.map((p) => [p.month, p.articles, p.paragraphs, p.techniques, p.per1000]),
        c,
      ),
    );
  }
  if (result.groups.length > shown.length) {
    parts.push(
      c.dim(
        `\n${result.groups.length - shown.length} smaller groups not shown side by side: use --format csv or json\n`,
      ),
    );
  }
  return parts.join('');
}

function percent(g: GroupStats, genre: string): number {
  return (g.genres.find((l) => l.label === genre)?.share ?? 0) * 100;
}

function total(row: (string | number)[]): number {
  return row.reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
}
