/**
 * `npm run bench [-- <names...>] [--json]`: runs the benchmarks under bench/ (one module per
 * benchmark, each exporting `benchmark`). Without names, every benchmark not marked `heavy`
 * runs; heavy ones (training all models) run only when named.
 */
import { BENCHMARKS } from './registry.ts';
import type { BenchResult } from './stats.ts';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark ${unknown.join(', ')} (known: ${BENCHMARKS.map((b) => b.name).join(', ')})`,
    );
    process.exitCode = 2;
    return;
  }
  const chosen =
    names.length > 0 ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS.filter((b) => !b.heavy);
  const results: BenchResult[] = [];
  for (const b of chosen) {
    if (!json) console.log(`## ${b.name}: ${b.description}`);
    const result = await b.run((line) => {
      if (!json) console.log(line);
    });
    results.push(result);
    if (!json) console.log('');
  }
  if (json) console.log(JSON.stringify(results, null, 2));
}

await main();
