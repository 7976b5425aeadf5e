import type { Article } from '../../article/article.ts';

/** A sentence of the article, with the paragraph it belongs to. */
export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

/** Every sentence of the article in text order (a stand-in until the shared segmenter lands). */
export function articleSentences(article: Article): Sentence[] {
  const segmenter = new Intl.Segmenter(article.language.code === 'und' ? 'en' : article.language.code, {
    granularity: 'sentence',
  });
  const out: Sentence[] = [];
  for (const para of article.paragraphs) {
    for (const s of segmenter.segment(para.text)) {
      const lead = s.segment.length - s.segment.trimStart().length;
      const trail = s.segment.length - s.segment.trimEnd().length;
      if (s.segment.trim() === '') continue;
      out.push({ start: para.start + s.index + lead, end: para.start + s.index + s.segment.length - trail, paragraph: para.index });
    }
  }
  return out;
}

/** The sentence containing `offset` (binary search), or undefined. */
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
  // Offsets between sentences (spaces) belong to the sentence before them.
  return lo > 0 ? sentences[lo - 1] : sentences[0];
}
