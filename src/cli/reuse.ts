/**
 * `spinlens reuse <id>`: the stored articles that share text with an article, near-duplicates
 * first, with the passages on both sides.
 */
import { type Command, Option } from 'commander';
import { DEFAULT_DB } from '../corpus/defaults.ts';
import type { CliIO } from './io.ts';

export interface ReuseOptions {
  db: string;
  format: 'text' | 'json';
}

export function registerReuse(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('reuse')
    .description('list the stored articles that reuse text of an article, with the shared passages')
    .argument('<id>', 'article id (file name without .txt, or the corpus record id)')
    .option('--db <file>', 'store file', DEFAULT_DB)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (id: string, options: ReuseOptions) => {
      const { reuse } = await import('./reuse-run.ts');
      setExit(await reuse(id, options, io));
    });
}
