import type { Article } from '../article/article.ts';
import type { Analyser, AnalysisOptions } from './analyser.ts';
import type { Finding } from './finding.ts';
import { buildReport, type Report } from './report.ts';

/**
 * The pipeline: runs the enabled analysers over an article, in an order that satisfies their
 * `after` dependencies, and assembles the report.
 */
export class Pipeline {
  readonly analysers: readonly Analyser[];
  #prepared: Promise<void> | undefined;

  constructor(analysers: readonly Analyser[]) {
    this.analysers = orderByDependencies(analysers);
  }

  /** Loads whatever the analysers need; called implicitly by `analyse`, once. */
  prepare(): Promise<void> {
    this.#prepared ??= Promise.all(this.analysers.map((a) => a.prepare?.())).then(() => undefined);
    return this.#prepared;
  }

  async analyse(article: Article, options: AnalysisOptions = {}): Promise<Report> {
    await this.prepare();
    return this.analyseSync(article, options);
  }

  /** Same as `analyse`, for callers that already awaited `prepare()`. */
  analyseSync(article: Article, options: AnalysisOptions = {}): Report {
    const findings: Finding[] = [];
    const timings: Record<string, number> = {};
    for (const analyser of this.analysers) {
      const started = performance.now();
      const produced = analyser.analyse(article, { findings, options });
      timings[analyser.name] = performance.now() - started;
      for (const finding of produced) findings.push(finding);
    }
    return buildReport(article, findings, this.analysers, timings);
  }
}

export class PipelineError extends Error {}

function orderByDependencies(analysers: readonly Analyser[]): Analyser[] {
  const byName = new Map(analysers.map((a) => [a.name, a]));
  if (byName.size !== analysers.length) throw new PipelineError('two analysers share a name');
  const ordered: Analyser[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (analyser: Analyser, chain: string[]): void => {
    const seen = state.get(analyser.name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      throw new PipelineError(
        `analysers depend on each other in a cycle: ${[...chain, analyser.name].join(' → ')}`,
      );
    }
    state.set(analyser.name, 'visiting');
    for (const name of analyser.after ?? []) {
      const dependency = byName.get(name);
      // A missing dependency is not an error: the analyser simply sees no findings from it.
      if (dependency) visit(dependency, [...chain, analyser.name]);
    }
    state.set(analyser.name, 'done');
    ordered.push(analyser);
  };
  for (const analyser of analysers) visit(analyser, []);
  return ordered;
}
