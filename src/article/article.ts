/**
 * The Article: the one data structure every analyser reads.
 *
 * Offsets (`start`, `end`) are UTF-16 code-unit indexes into `Article.text`, the decoded
 * original text (for HTML input, the extracted article text). `text.slice(start, end)` is
 * always exactly the paragraph, without its line terminator.
 */

export type ParagraphKind = 'title' | 'body';

export interface Paragraph {
  /** 0-based position in `Article.paragraphs`. */
  index: number;
  /** 1-based line number in the source file, as used by SemEval label files (title = line 1). */
  line: number;
  kind: ParagraphKind;
  start: number;
  end: number;
  text: string;
}

export type InputFormat = 'semeval' | 'text' | 'html' | 'jsonl' | 'csv';

export interface ArticleMetadata {
  format: InputFormat;
  /** Where the article came from: a file path, `-` for stdin, or `corpus.jsonl:12` for a record. */
  source: string;
  outlet?: string;
  url?: string;
  author?: string;
  /** ISO 8601 date or date-time, when known. */
  published?: string;
  /** Encoding the bytes were decoded from. */
  encoding?: string;
}

export interface LanguageGuess {
  /** ISO 639-1 code, or `und` when undetermined. */
  code: string;
  /** 0..1 */
  confidence: number;
  /** How the language was decided. */
  method: 'detected' | 'override' | 'metadata';
  /** Runner-up candidates with their scores, best first. */
  alternatives?: { code: string; score: number }[];
}

export interface Article {
  id: string;
  title: string;
  text: string;
  paragraphs: Paragraph[];
  language: LanguageGuess;
  metadata: ArticleMetadata;
}

/** The paragraphs that carry body text (the title excluded). */
export function bodyParagraphs(article: Article): Paragraph[] {
  return article.paragraphs.filter((p) => p.kind === 'body');
}
