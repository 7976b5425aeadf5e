/**
 * `spinlens compare <a> <b> [...]`: articles about the same event side by side (ids in the store,
 * or files analysed on the fly); `--outlets A,B`: outlets side by side over the store.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_DB } from '../corpus/defaults.ts';
import type { CliIO } from './io.ts';

export interface CompareOptions {
  db: string;
  format: 'text' | 'json';
  analysers?: string[];
  outlets?: string[];
  color: boolean;
}

export function registerCompare(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('compare')
    .description('compare articles about the same event (quotes, entities, claims, techniques), or outlets')
    .argument('[articles...]', 'article ids in the store, or article files to analyse now')
    .option('--db <file>', 'store file (for ids and --outlets)', DEFAULT_DB)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-a, --analysers <names>', 'analysers to run on files (default: all)', list)
    .option('--outlets <names>', 'compare outlets over the store instead (comma-separated)', list)
    .option('--no-color', 'no colours (also: NO_COLOR=1)')
    .addHelpText(
      'after',
      `
Quotes match when most of the shorter one's word pairs appear in the other; entities by their
names (fuzzy); a claim is a sentence with no close match in any other article.

Examples:
  spinlens compare --db news.db article-101 article-207
  spinlens compare one.txt two.txt --format json
  spinlens compare --db news.db --outlets "Le Matin,Daily Bugle"`,
    )
    .action(async (articles: string[], options: CompareOptions) => {
      const { compare } = await import('./compare-run.ts');
      setExit(await compare(articles, options, io));
    });
}

function list(value: string): string[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError('expected a comma-separated list.');
  return names;
}
