/** The work of `spinlens compare` (see compare.ts), loaded only when the command runs. */
import { existsSync } from 'node:fs';
import { openInputs } from '../article/sources.ts';
import { type Comparison, compareReports, type QuoteGroup } from '../corpus/compare.ts';
import { corpusStats } from '../corpus/stats.ts';
import type { Store } from '../corpus/store.ts';
import { Pipeline } from '../pipeline/pipeline.ts';
import type { Report } from '../pipeline/report.ts';
import type { CompareOptions } from './compare.ts';
import { type CliIO, EXIT, errorLine, Output, UsageError, useColor } from './io.ts';
import { openStore } from './open-store.ts';
import { chooseAnalysers } from './options.ts';
import { statsTable } from './stats-run.ts';
import { type Colors, colors, formatTable } from './table.ts';

/** Characters of a quote or claim shown in the text output. */
const SHOWN_CHARS = 160;

export async function compare(inputs: string[], options: CompareOptions, io: CliIO): Promise<number> {
  const out = new Output(io.stdout);
  const c = colors(useColor(options.color, { isTTY: io.stdout.isTTY === true }, io.env));
  if (options.outlets) {
    if (inputs.length > 0) throw new UsageError('give either articles or --outlets, not both');
    if (options.outlets.length < 2) throw new UsageError('--outlets needs two outlets or more');
    return compareOutlets(options.outlets, options, io, out, c);
  }
  if (inputs.length < 2) throw new UsageError('compare needs two articles or more');
  const reports = await loadReports(inputs, options, io);
  if (!reports) return EXIT.inputFailed;
  const comparison = compareReports(reports);
  await out.write(
    options.format === 'json' ? `${JSON.stringify(comparison, null, 2)}\n` : comparisonText(comparison, c),
  );
  return EXIT.ok;
}

async function compareOutlets(
  outlets: string[],
  options: CompareOptions,
  io: CliIO,
  out: Output,
  c: Colors,
): Promise<number> {
  const store = openStore(options.db, io);
  if (!store) return EXIT.inputFailed;
  try {
    const stats = { ...corpusStats(store.db, { by: 'outlet', only: outlets }), trend: [] };
    const missing = outlets.filter((o) => !stats.groups.some((g) => g.group === o));
    if (missing.length > 0) {
      io.stderr.write(errorLine(`no articles from ${missing.join(', ')} in ${options.db}`));
      return EXIT.inputFailed;
    }
    stats.groups.sort((a, b) => outlets.indexOf(a.group) - outlets.indexOf(b.group));
    await out.write(options.format === 'json' ? `${JSON.stringify(stats, null, 2)}\n` : statsTable(stats, c));
    return EXIT.ok;
  } finally {
    store.close();
  }
}

/** Reports of the inputs, in order: stored ones by id, files analysed now. Undefined after an error. */
async function loadReports(
  inputs: string[],
  options: CompareOptions,
  io: CliIO,
): Promise<Report[] | undefined> {
  let store: Store | undefined;
  let pipeline: Pipeline | undefined;
  const reports: Report[] = [];
  try {
    for (const input of inputs) {
      if (existsSync(input) || input === '-') {
        pipeline ??= new Pipeline(await chooseAnalysers(options.analysers));
        const set = await openInputs([input], io.stdin ? { stdin: io.stdin } : {});
        for await (const item of set.items) {
          if (!item.ok) {
            io.stderr.write(errorLine(`${item.source}: ${item.error.problem}`));
            return undefined;
          }
          reports.push(await pipeline.analyse(item.article));
        }
        continue;
      }
      store ??= openStore(options.db, io);
      if (!store) return undefined;
      const latest = store.articles(input).at(-1);
      const report = latest && store.report(latest.row);
      if (!report) {
        io.stderr.write(errorLine(`${input}: no such file, and no article with this id in ${options.db}`));
        return undefined;
      }
      reports.push(report);
    }
    return reports;
  } finally {
    store?.close();
  }
}

// ── Text output ─────────────────────────────────────────────────────────────────────────────

export function comparisonText(comparison: Comparison, c: Colors): string {
  const parts: string[] = [];
  const heading = (title: string) => parts.push(`\n${c.bold(c.cyan(title))}\n`);
  const keys = comparison.articles.map((a) => a.key);
  heading(`Comparing ${comparison.articles.length} articles`);
  for (const a of comparison.articles) {
    const facts = [a.outlet, a.published, a.language, a.genre, a.frames.join(', ')].filter(Boolean);
    parts.push(`  ${c.bold(a.key)}  ${a.id} · ${a.title}\n${c.dim(`     ${facts.join(' · ')}`)}\n`);
  }

  heading('Quotes');
  const quote = (g: QuoteGroup) => {
    const where = g.in.map((o) => `${o.article}${o.line === null ? '' : ` line ${o.line}`}`).join(', ');
    const who = g.speakers.length > 0 ? ` — ${g.speakers.join(' / ')}` : '';
    return `  “${cut(g.text)}”${who}\n${c.dim(`     ${where}`)}\n`;
  };
  const { shared, unique } = comparison.quotes;
  parts.push(c.bold(`  in several articles (${shared.length})\n`), ...shared.map(quote));
  for (const key of keys) {
    const own = unique.filter((g) => g.in[0]!.article === key);
    if (own.length > 0) parts.push(c.bold(`  only in ${key} (${own.length})\n`), ...own.map(quote));
  }
  if (shared.length === 0 && unique.length === 0) parts.push(c.dim('  no quotes found\n'));

  heading('People, organisations and places');
  const entity = (g: Comparison['entities']['shared'][number]) =>
    `  ${g.name} ${c.dim(`(${g.type})`)}  ${g.in.map((m) => `${m.article} ×${m.mentions}`).join(', ')}\n`;
  parts.push(c.bold(`  in several articles (${comparison.entities.shared.length})\n`));
  parts.push(...comparison.entities.shared.map(entity));
  for (const key of keys) {
    const own = comparison.entities.unique.filter((g) => g.in[0]!.article === key);
    if (own.length > 0) {
      parts.push(
        `${c.bold(`  only in ${key}:`)} ${own.map((g) => `${g.name} ×${g.in[0]!.mentions}`).join(', ')}\n`,
      );
    }
  }

  heading('Claims no other article makes');
  for (const claims of comparison.claims) {
    parts.push(c.bold(`  ${claims.article}: ${claims.unique.length} of ${claims.sentences} sentences\n`));
    for (const s of claims.unique) parts.push(`    ${c.dim(`line ${s.line ?? '?'}`)}  ${cut(s.text)}\n`);
  }

  heading('Persuasion techniques (findings per article)');
  if (comparison.techniques.length === 0) parts.push(c.dim('  none found\n'));
  else {
    const rows = comparison.techniques.map((t) => [t.label, ...keys.map((k) => t.counts[k] ?? 0)]);
    parts.push(formatTable(['', ...keys], rows, c));
  }
  return parts.join('');
}

function cut(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SHOWN_CHARS ? `${flat.slice(0, SHOWN_CHARS - 1)}…` : flat;
}
