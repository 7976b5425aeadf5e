import { labelDisplayName } from '../../../src/report/labels.ts';
import { formatScore } from '../../../src/report/layout.ts';
import { useI18n } from '../context.ts';
import { articleHash } from '../route.ts';
import type { ArticlePage } from './types.ts';

interface Props {
  page: ArticlePage;
  offset: number;
  limit: number;
  chosen: readonly string[];
  onChoose: (id: string, chosen: boolean) => void;
  /** The hash of another page of the same list. */
  pageHash: (offset: number) => string;
}

/** One page of the article list: title links to the stored analysis, a box to add it to a comparison. */
export function ArticleList({ page, offset, limit, chosen, onChoose, pageHash }: Props) {
  const { t } = useI18n();
  if (page.total === 0) return <p class="muted">{t('noArticles')}</p>;
  const last = Math.min(offset + page.articles.length, page.total);
  return (
    <div>
      <p class="muted" aria-live="polite" id="list-count">
        {offset + 1}–{last} {t('of')} {page.total}
      </p>
      <ul class="article-list">
        {page.articles.map((a) => {
          const isChosen = chosen.includes(a.id);
          const facts = [
            a.outlet,
            a.published,
            a.language,
            a.genre && `${labelDisplayName(a.genre.label)} ${formatScore(a.genre.score)}`,
            `${t('techniquesShort')}: ${a.techniques}`,
            a.frames.map(labelDisplayName).join(', '),
          ].filter(Boolean);
          return (
            <li key={`${a.id}-${a.hash}`} data-id={a.id}>
              <label class="choose">
                <input
                  type="checkbox"
                  checked={isChosen}
                  onChange={(e) => onChoose(a.id, e.currentTarget.checked)}
                />
                <span class="visually-hidden">
                  {t('addToCompare')}: {a.title}
                </span>
              </label>
              <div class="item">
                <a href={articleHash(a.id)} class="item-title" dir="auto" lang={a.language}>
                  {a.title || a.id}
                </a>
                <span class="muted item-facts" dir="auto">
                  <span class="item-id">{a.id}</span> · {facts.join(' · ')}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
      <nav class="pager" aria-label={t('pages')}>
        {offset > 0 ? (
          <a href={pageHash(Math.max(0, offset - limit))} rel="prev">
            ← {t('previous')}
          </a>
        ) : (
          <span />
        )}
        {last < page.total && (
          <a href={pageHash(offset + limit)} rel="next">
            {t('next')} →
          </a>
        )}
      </nav>
    </div>
  );
}
