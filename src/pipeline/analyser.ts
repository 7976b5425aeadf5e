import type { Article } from '../article/article.ts';
import type { Finding } from './finding.ts';

export interface AnalysisContext {
  /** Findings of the analysers that ran before this one (those named in `after` are guaranteed to have run). */
  readonly findings: readonly Finding[];
  /** Options shared by all analysers. */
  readonly options: AnalysisOptions;
}

export interface AnalysisOptions {
  /** Favour recall over precision where an analyser has thresholds. */
  recall?: boolean;
  /** Also show technique spans the paragraph classifier did not predict (spans analyser). */
  showAllSpans?: boolean;
}

/**
 * An analyser is an independent module: it reads the Article (and, when it declares them in
 * `after`, the findings of other analysers) and returns findings. It never mutates its inputs.
 */
export interface Analyser {
  readonly name: string;
  /** Bumped when the analyser's output for the same input may change (code or model). */
  readonly version: string;
  readonly description: string;
  /** Analysers whose findings this one reads; the pipeline runs them first. */
  readonly after?: readonly string[];
  /** One-time preparation (e.g. loading models) before the first article. */
  prepare?(): Promise<void>;
  analyse(article: Article, context: AnalysisContext): Finding[];
}
