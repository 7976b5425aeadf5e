import type { Article } from '../../article/article.ts';
import { type Sentence, sentencesOf } from '../../article/segment.ts';

export type { Sentence };

/** Every sentence of the article in text order, from the shared segmenter (cached per article). */
export function articleSentences(article: Article): readonly Sentence[] {
  return sentencesOf(article);
}

/** The sentence containing `offset` (binary search); an offset between sentences belongs to the one before. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return lo > 0 ? sentences[lo - 1] : sentences[0];
}
