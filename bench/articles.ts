/**
 * SemEval-sized articles for benchmarks: the training data when it is there ($SPINLENS_DATA or
 * ../shared/data/semeval2023-task3/train; a benchmark is no test, it may read it), else generated
 * articles of the same shape (a title and ~20 paragraphs of ~230 characters).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/article/article.ts';
import { semevalParagraphs } from '../src/article/semeval.ts';
import { DEFAULT_DATA } from '../src/cli/train.ts';
import { loadDataset } from '../src/eval/dataset.ts';
import { DATA_LANGUAGES } from '../src/learn/labels.ts';
import { rng } from '../src/learn/random.ts';

export function dataDir(): string {
  return process.env.SPINLENS_DATA ?? DEFAULT_DATA;
}

/** Up to `perLanguage` articles of each training language, or generated English-like ones. */
export function benchArticles(perLanguage: number): { articles: Article[]; source: string } {
  const dir = dataDir();
  if (existsSync(dir)) {
    const articles: Article[] = [];
    for (const folder of Object.keys(DATA_LANGUAGES)) {
      if (!existsSync(join(dir, folder))) continue;
      articles.push(
        ...loadDataset(join(dir, folder))
          .articles.slice(0, perLanguage)
          .map((a) => a.article),
      );
    }
    if (articles.length > 0) return { articles, source: `${dir} (first ${perLanguage} per language)` };
  }
  return { articles: generated(perLanguage * 6), source: 'generated English-like articles' };
}

const WORDS =
  'the minister said budget government people state war crisis plan report country city police court law market prices tax energy election vote party leader officials'.split(
    ' ',
  );

function generated(n: number): Article[] {
  const random = rng(7);
  const sentence = () => {
    const len = 8 + Math.floor(random() * 14);
    const w = Array.from({ length: len }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    return `${w.join(' ')}.`;
  };
  return Array.from({ length: n }, (_, i) => {
    const lines = [sentence(), ''];
    for (let p = 0; p < 20; p++) lines.push(`${sentence()} ${sentence()}`);
    const text = `${lines.join('\n')}\n`;
    const paragraphs = semevalParagraphs(text);
    return {
      id: String(i),
      title: paragraphs[0]!.text,
      text,
      paragraphs,
      language: { code: 'en', confidence: 1, method: 'metadata' },
      metadata: { format: 'semeval', source: `generated-${i}` },
    };
  });
}
