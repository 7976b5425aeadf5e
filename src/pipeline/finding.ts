/**
 * Findings: what analysers return. Reports, the API, the UI and the corpus store consume only
 * findings, so everything an analyser wants to show must be expressible here.
 */

export interface Span {
  /** UTF-16 offset into `Article.text`, inclusive. */
  start: number;
  /** UTF-16 offset into `Article.text`, exclusive. */
  end: number;
}

export interface Evidence {
  /** What the evidence is, e.g. a feature name `w:scandale` or a rule name. */
  feature: string;
  /** Contribution to the score (model weight × value), when the evidence comes from a model. */
  weight?: number;
  /** Where in the text the evidence lies, when it can be pinned down. */
  span?: Span;
  /** A short human-readable explanation. */
  note?: string;
}

export type AttributeValue = string | number | boolean | null;

export interface Finding {
  /** Name of the analyser that produced it. */
  analyser: string;
  /** What was found, e.g. `opinion`, `Loaded_Language`, `repeated-sentence`. */
  label: string;
  /** 0..1, higher is more confident. */
  score: number;
  /** Index of the paragraph (in `Article.paragraphs`) the finding belongs to; absent for article-level findings. */
  paragraph?: number;
  /** Exact characters the finding names; absent for paragraph- or article-level findings. */
  span?: Span;
  evidence?: Evidence[];
  /** Analyser-specific details (e.g. the speaker of a quote, the id of a repeated passage). */
  attributes?: Record<string, AttributeValue>;
}
