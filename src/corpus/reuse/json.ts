/**
 * An article's reused text as data: what `spinlens reuse <id> --format json` prints and
 * `GET /api/articles/:id/reuse` answers.
 */
import type { Store, StoredArticle } from '../store.ts';

export interface ReuseJson {
  id: string;
  contentHash: string;
  source: string;
  links: {
    other: { id: string; title: string; source: string };
    jaccard: number;
    nearDuplicate: boolean;
    passages: {
      here: { start: number; end: number };
      there: { start: number; end: number };
      similarity: number;
    }[];
  }[];
}

/** What `spinlens reuse <id> --format json` prints: one object, or a list for several stored texts. */
export function reuseJson(store: Store, versions: readonly StoredArticle[]): ReuseJson | ReuseJson[] {
  const json = versions.map((article) => ({
    id: article.articleId,
    contentHash: article.contentHash,
    source: article.source,
    links: store.reuse.links(article.row).map(({ other, ...link }) => ({
      other: { id: other.articleId, title: other.title, source: other.source },
      ...link,
    })),
  }));
  return json.length === 1 ? json[0]! : json;
}
