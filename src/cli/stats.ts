/**
 * `spinlens stats`: statistics over the store, overall or per outlet, language, month or genre,
 * as an aligned terminal table, CSV (one long table, one row per number) or JSON.
 */
import { type Command, Option } from 'commander';
import { DEFAULT_DB } from '../corpus/defaults.ts';
import { GROUP_BY, type GroupBy } from '../corpus/stats.ts';
import type { CliIO } from './io.ts';

export interface StatsCommandOptions {
  db: string;
  by?: GroupBy;
  technique?: string;
  format: 'table' | 'csv' | 'json';
  top: number;
  color: boolean;
}

export function registerStats(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('stats')
    .description('statistics over the store: genre mix, frame and technique rates, evidence terms, trends')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .addOption(new Option('--by <group>', 'one column per group').choices([...GROUP_BY]))
    .option('-t, --technique <name>', 'only this technique (in rates, evidence terms and the trend)')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'),
    )
    .option('--top <n>', 'evidence terms per group (0: none, faster)', (v) => Number.parseInt(v, 10), 10)
    .option('--no-color', 'no colours in the table (also: NO_COLOR=1)')
    .addHelpText(
      'after',
      `
Rates are findings per 1,000 paragraphs; genres and frames also give the share of articles.
Months come from the articles' published dates.

Examples:
  spinlens stats --db news.db
  spinlens stats --db news.db --by outlet --technique Loaded_Language
  spinlens stats --db news.db --by month --format csv > trend.csv`,
    )
    .action(async (options: StatsCommandOptions) => {
      const { stats } = await import('./stats-run.ts');
      setExit(await stats(options, io));
    });
}
