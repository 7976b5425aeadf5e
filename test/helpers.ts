import type { Article } from '../src/article/article.ts';
import { buildArticle } from '../src/article/build.ts';
import { semevalParagraphs } from '../src/article/semeval.ts';

export interface TextArticleOptions {
  id?: string;
  /** Forces the language (as `--lang` does); detected from the text otherwise. */
  lang?: string;
}

/**
 * An Article from text in the SemEval layout (title on line 1, then one paragraph per line),
 * built by the real ingest code.
 */
export function articleFromText(text: string, options: TextArticleOptions = {}): Article {
  const id = options.id ?? 'test';
  return buildArticle({
    id,
    text,
    paragraphs: semevalParagraphs(text),
    metadata: { format: 'semeval', source: `${id}.txt` },
    ...(options.lang ? { languageOverride: options.lang } : {}),
  });
}

/** `title`, a blank line, then each paragraph on its own line. */
export function semevalText(title: string, paragraphs: readonly string[]): string {
  return `${title}\n\n${paragraphs.join('\n')}\n`;
}
