import type { Article } from './article.ts';
import { buildArticle } from './build.ts';
import type { DecodedText } from './decode.ts';
import { looksHardWrapped, plainTextParagraphs } from './plaintext.ts';
import { semevalArticleId, semevalParagraphs } from './semeval.ts';

export type TextLayout = 'semeval' | 'text';

/** SemEval article files are named by number: `article111111111.txt` or `111111111.txt`. */
const SEMEVAL_NAME = /^(article)?\d+\.txt$/i;
/** Longest first line still taken for a SemEval title (their 99th percentile is 177 characters). */
const MAX_SEMEVAL_TITLE = 250;

/**
 * How a `.txt` file (or text on stdin) is read when no format is forced:
 * - SemEval layout (line 1 is the title, every other non-blank line a paragraph) when the file is
 *   named like a SemEval article, or when its text is not hard-wrapped and its first line is a
 *   plausible title (line 1, at most 250 characters);
 * - plain prose otherwise: hard-wrapped text (blank-line-separated runs of short lines broken
 *   mid-sentence, which no SemEval file has), or text whose first line is missing or too long
 *   to be a title.
 * Both number one-line paragraphs the same way; they differ in whether runs of lines are merged
 * and in whether the first line is always the title.
 */
export function chooseTextLayout(text: string, fileName?: string): TextLayout {
  if (fileName && SEMEVAL_NAME.test(baseName(fileName))) return 'semeval';
  if (looksHardWrapped(text)) return 'text';
  const firstLineEnd = text.indexOf('\n');
  const firstLine = (firstLineEnd === -1 ? text : text.slice(0, firstLineEnd)).replace(/^\ufeff/, '').trim();
  return firstLine.length > 0 && firstLine.length <= MAX_SEMEVAL_TITLE ? 'semeval' : 'text';
}

export interface TextArticleContext {
  source: string;
  /** The file's path or name; absent for stdin. */
  fileName?: string;
  layout: TextLayout | 'auto';
  languageOverride?: string;
}

/** An Article from a SemEval-layout or plain-text file. */
export function textArticle(decoded: DecodedText, context: TextArticleContext): Article {
  const { text, encoding } = decoded;
  const { fileName, source } = context;
  const layout = context.layout === 'auto' ? chooseTextLayout(text, fileName) : context.layout;
  const paragraphs = layout === 'semeval' ? semevalParagraphs(text) : plainTextParagraphs(text);
  const id = !fileName ? 'stdin' : layout === 'semeval' ? semevalArticleId(fileName) : stem(fileName);
  return buildArticle({
    id,
    text,
    paragraphs,
    metadata: { format: layout, source, encoding },
    languageOverride: context.languageOverride,
  });
}

export function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

/** File name without directory and last extension. */
export function stem(path: string): string {
  return baseName(path).replace(/\.[^.]*$/, '');
}
