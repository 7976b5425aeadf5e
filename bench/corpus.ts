/**
 * Corpus benchmark: generates a corpus (bench/gen-corpus.ts), runs `spinlens batch` on it in a
 * child process with every shipped analyser, and reports articles/s, peak RSS, the store's size
 * and the precision and recall of reused-text detection on the injected copies.
 *
 *   npm run bench -- corpus            (10,000 articles; SPINLENS_BENCH_CORPUS=100000 for more)
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type Truth, writeCorpus } from './gen-corpus.ts';
import { type Benchmark, type BenchResult, formatMeasure, summarise } from './stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_COUNT = 10_000;

export const corpusBenchmark: Benchmark = {
  name: 'corpus',
  description:
    'spinlens batch over a generated corpus: articles/s, peak RSS, store size, reuse precision/recall',
  heavy: true,
  async run(log) {
    const count = Number(process.env.SPINLENS_BENCH_CORPUS ?? DEFAULT_COUNT);
    const scratch = await mkdtemp(join(tmpdir(), 'spinlens-bench-corpus-'));
    try {
      const corpus = join(scratch, 'corpus.jsonl');
      const db = join(scratch, 'bench.db');
      const truth = await writeCorpus(corpus, { count, seed: 1 });
      log(`${count} records, ${truth.copies.length} copies, ${truth.broken.length} broken → ${corpus}`);
      const batch = await runBatchProcess(corpus, db, log);
      const size = ['', '-wal']
        .map((s) => (existsSync(db + s) ? statSync(db + s).size : 0))
        .reduce((a, b) => a + b);
      const scores = scoreReuse(db, truth);
      const result: BenchResult = {
        name: 'corpus',
        measures: [
          summarise('articles analysed', 'articles', [batch.analysed]),
          summarise('batch wall time (with start-up)', 's', [batch.wall]),
          summarise('throughput (wall)', 'articles/s', [batch.analysed / batch.wall]),
          summarise('peak RSS', 'MB', [batch.peakRss / 1024]),
          summarise('store size', 'MB', [size / 1024 / 1024]),
          summarise('reuse recall', '', [scores.recall]),
          summarise('reuse precision', '', [scores.precision]),
        ],
        notes: [batch.summary, ...scores.notes],
      };
      for (const m of result.measures) log(formatMeasure(m));
      for (const n of result.notes) log(n);
      return result;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  },
};

interface BatchRun {
  analysed: number;
  wall: number;
  /** kB, from the kernel's high-water mark of the batch process (threads included). */
  peakRss: number;
  summary: string;
}

function runBatchProcess(corpus: string, db: string, log: (line: string) => void): Promise<BatchRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'batch', '--db', db, corpus], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let peakRss = 0;
  const poll = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakRss = Math.max(peakRss, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // The process has just exited.
    }
  }, 200);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const line of chunk.split('\n')) if (line.startsWith('spinlens: batch:')) log(line);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => {
      clearInterval(poll);
      const summary = stderr.trimEnd().split('\n').at(-1) ?? '';
      const analysed = Number(/(\d+) analysed/.exec(summary)?.[1]);
      if (!Number.isFinite(analysed)) reject(new Error(`batch failed: ${stderr.slice(-2000)}`));
      else resolve({ analysed, wall: (performance.now() - started) / 1000, peakRss, summary });
    });
  });
}

/** Precision and recall of the stored links against the injected copies (any link counts). */
export function scoreReuse(db: string, truth: Truth): { recall: number; precision: number; notes: string[] } {
  const d = new Database(db, { readonly: true });
  try {
    const key = (a: string, b: string): string => (a < b ? `${a} ${b}` : `${b} ${a}`);
    const links = d
      .prepare(
        `SELECT x.article_id AS a, y.article_id AS b, l.near_duplicate AS near FROM reuse_links l
         JOIN articles x ON x.id = l.a JOIN articles y ON y.id = l.b`,
      )
      .all() as { a: string; b: string; near: number }[];
    const expected = new Map(truth.copies.map((c) => [key(c.original, c.copy), c.kind]));
    const found = new Set(links.map((l) => key(l.a, l.b)));
    const hits = [...expected.keys()].filter((k) => found.has(k)).length;
    const correct = links.filter((l) => expected.has(key(l.a, l.b))).length;
    const nearAsNear = links.filter(
      (l) => l.near === 1 && expected.get(key(l.a, l.b)) === 'near-duplicate',
    ).length;
    const nearTotal = truth.copies.filter((c) => c.kind === 'near-duplicate').length;
    return {
      recall: expected.size ? hits / expected.size : 1,
      precision: links.length ? correct / links.length : 1,
      notes: [
        `reuse: ${links.length} links stored, ${hits}/${expected.size} injected copies found, ` +
          `${nearAsNear}/${nearTotal} whole-article copies flagged near-duplicate`,
      ],
    };
  } finally {
    d.close();
  }
}
