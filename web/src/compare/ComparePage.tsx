import { useState } from 'preact/hooks';
import { compareArticles, listArticles } from '../api.ts';
import { useI18n } from '../context.ts';
import { useLoad } from '../load.ts';
import { Loading, Problem } from '../Problem.tsx';
import { articleHash, compareHash, compareIds } from '../route.ts';
import { ComparisonView } from './ComparisonView.tsx';

/** Articles chosen in the hash (`#/compare?ids=a,b`), a picker to change them, and the comparison. */
export function ComparePage({ params }: { params: URLSearchParams }) {
  const { t } = useI18n();
  const ids = compareIds(params);
  const setIds = (next: string[]) => {
    location.hash = compareHash(next);
  };
  const comparison = useLoad(
    ids.length >= 2 ? ids.join(',') : '',
    ids.length >= 2 ? (signal) => compareArticles(ids, signal) : undefined,
  );

  const titles = new Map(
    comparison.state === 'done'
      ? comparison.data.articles.map((a) => [a.id, `${a.key} · ${a.title || a.id}`])
      : [],
  );

  return (
    <main class="compare">
      <h1>{t('compareTitle')}</h1>
      <section class="picker" aria-labelledby="chosen-title">
        <h2 id="chosen-title">{t('compareChosen')}</h2>
        {ids.length > 0 && (
          <ul class="chosen">
            {ids.map((id) => (
              <li key={id}>
                <a href={articleHash(id)} dir="auto">
                  {titles.get(id) ?? id}
                </a>
                <button
                  type="button"
                  class="remove"
                  onClick={() => setIds(ids.filter((other) => other !== id))}
                  aria-label={`${t('remove')} ${id}`}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        {ids.length < 2 && <p class="muted">{t('compareNeedTwo')}</p>}
        <Picker chosen={ids} onAdd={(id) => setIds([...ids, id])} />
      </section>
      {ids.length >= 2 && comparison.state === 'loading' && <Loading />}
      {ids.length >= 2 && comparison.state === 'failed' && <Problem error={comparison.error} />}
      {ids.length >= 2 && comparison.state === 'done' && <ComparisonView comparison={comparison.data} />}
    </main>
  );
}

/** Add an article by its id, or search the store and add from the results. */
function Picker({ chosen, onAdd }: { chosen: readonly string[]; onAdd: (id: string) => void }) {
  const { t } = useI18n();
  const [id, setId] = useState('');
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string>();
  const results = useLoad(
    searched ?? '',
    searched === undefined ? undefined : (signal) => listArticles({ q: searched, limit: 10 }, signal),
  );
  return (
    <div class="pick">
      <form
        class="actions"
        onSubmit={(e) => {
          e.preventDefault();
          const value = id.trim();
          if (value && !chosen.includes(value)) onAdd(value);
          setId('');
        }}
      >
        <label class="field inline">
          <span>{t('addById')}</span>
          <input type="text" name="id" value={id} onInput={(e) => setId(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('add')}</button>
      </form>
      <form
        class="actions"
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(q.trim());
        }}
      >
        <label class="field inline">
          <span>{t('searchLabel')}</span>
          <input type="search" name="q" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      {searched !== undefined && results.state === 'loading' && <Loading />}
      {searched !== undefined && results.state === 'failed' && <Problem error={results.error} />}
      {searched !== undefined && results.state === 'done' && (
        <ul class="search-results">
          {results.data.articles.length === 0 && <li class="muted">{t('noArticles')}</li>}
          {results.data.articles.map((a) => (
            <li key={`${a.id}-${a.hash}`}>
              <button type="button" disabled={chosen.includes(a.id)} onClick={() => onAdd(a.id)}>
                {t('add')}
              </button>{' '}
              <span dir="auto" lang={a.language}>
                {a.title || a.id}
              </span>{' '}
              <span class="muted">
                {a.id}
                {a.outlet && ` · ${a.outlet}`}
                {a.published && ` · ${a.published}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
