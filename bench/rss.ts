/**
 * Child process of bench/models.ts: loads the given model files into one store and prints the
 * resident memory in MB, so the figure holds models only (no articles, no benchmark state).
 */
import { ModelStore } from '../src/learn/store.ts';

const [dir, ...languages] = process.argv.slice(2);
const store = new ModelStore(dir!);
for (const l of languages) store.load(l);
process.stdout.write(`${process.memoryUsage().rss / 1e6}\n`);
