/** Shared benchmark plumbing: a benchmark's shape and summary statistics of repeated runs. */

export interface Measure {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
}

export interface BenchResult {
  name: string;
  measures: Measure[];
  notes: string[];
}

export interface Benchmark {
  name: string;
  description: string;
  /** Minutes of CPU: only run when named. */
  heavy?: boolean;
  run(log: (line: string) => void): Promise<BenchResult>;
}

export function summarise(name: string, unit: string, values: readonly number[]): Measure {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { name, unit, median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: values.length };
}

const fmt = (x: number): string =>
  Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3);

export function formatMeasure(m: Measure): string {
  return m.runs > 1
    ? `${m.name}: ${fmt(m.median)} ${m.unit} (median of ${m.runs}, range ${fmt(m.min)}–${fmt(m.max)})`
    : `${m.name}: ${fmt(m.median)} ${m.unit}`;
}

/** Measures kept for the result and logged as they come. */
export function measureLog(log: (line: string) => void): { measures: Measure[]; emit: (m: Measure) => void } {
  const measures: Measure[] = [];
  const emit = (m: Measure): void => {
    measures.push(m);
    log(formatMeasure(m));
  };
  return { measures, emit };
}
