import type { Article, Paragraph } from './article.ts';
import { nonBlankLines } from './lines.ts';

/**
 * Paragraphs of a SemEval-2023 Task 3 article file: line 1 is the title, every other non-blank
 * line is a paragraph, numbered by its line in the file (blank lines are skipped, so numbers jump).
 */
export function semevalParagraphs(text: string): Paragraph[] {
  return nonBlankLines(text).map(({ line, start, end }, index) => ({
    index,
    line,
    kind: line === 1 ? 'title' : 'body',
    start,
    end,
    text: text.slice(start, end),
  }));
}

/** `article123.txt` → `123`; `foo.txt` → `foo`. */
export function semevalArticleId(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.txt$/i, '');
  return base.replace(/^article(?=.)/, '');
}

/** Lines that get a subtask-3 row: paragraphs, and lines holding only U+FEFF (the organisers count them, Python's strip() keeps U+FEFF). */
export function semevalRowLines(article: Article): number[] {
  const lines = new Set(article.paragraphs.map((p) => p.line));
  article.text.split('\n').forEach((line, i) => {
    if (line.includes('\ufeff') && line.replace(/[\s\ufeff]/g, '') === '') lines.add(i + 1);
  });
  return [...lines].sort((a, b) => a - b);
}
