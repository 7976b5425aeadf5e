import { useEffect, useState } from 'preact/hooks';
import { labelDisplayName } from '../../../src/report/labels.ts';
import { type ArticleQuery, corpusStats, facets, listArticles } from '../api.ts';
import { useI18n } from '../context.ts';
import type { MessageKey } from '../i18n.ts';
import { type Loaded, useLoad } from '../load.ts';
import { Loading, Problem } from '../Problem.tsx';
import { compareHash, corpusHash } from '../route.ts';
import { LAST_CORPUS, sessionSet } from '../session.ts';
import { ArticleList } from './ArticleList.tsx';
import { GenreMix, GroupBars, RateMatrix, TrendChart } from './Charts.tsx';
import { rateMatrix, techniqueRates } from './charts.ts';
import { useChosen } from './chosen.ts';
import type { Facets } from './types.ts';

export const PAGE_SIZE = 20;
const GROUP_BY: { value: string; label: MessageKey }[] = [
  { value: 'outlet', label: 'byOutlet' },
  { value: 'language', label: 'byLanguage' },
  { value: 'month', label: 'byMonth' },
  { value: 'genre', label: 'byGenre' },
];
const GENRES = ['reporting', 'opinion', 'satire'];
/** List filters, as named in the hash and in `/api/articles`. */
const FILTERS = ['q', 'lang', 'outlet', 'genre', 'technique', 'from', 'to'] as const;

/** Charts over the whole store, then the searchable, paginated article list; every choice lives in the hash. */
export function CorpusPage({ params }: { params: URLSearchParams }) {
  const { t } = useI18n();
  const by = params.get('by') || 'outlet';
  const chartTechnique = params.get('tech') ?? '';
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const current = { by, tech: chartTechnique, ...filters, offset };
  const go = (changes: Record<string, string | number | undefined>) => {
    location.hash = corpusHash({ ...current, ...changes });
  };

  const options = useLoad('facets', facets);
  const stats = useLoad(`${by}|${chartTechnique}`, (signal) => corpusStats(by, chartTechnique, signal));
  const query: ArticleQuery = { ...filters, limit: PAGE_SIZE, offset };
  const list = useLoad(JSON.stringify(query), (signal) => listArticles(query, signal));
  const [chosen, choose] = useChosen();

  useEffect(() => {
    sessionSet(LAST_CORPUS, corpusHash(current));
  });

  const noStore = [options, stats, list].find(
    (l): l is Extract<Loaded<unknown>, { state: 'failed' }> =>
      l.state === 'failed' && l.error.code === 'no_store',
  );
  if (noStore) {
    return (
      <main class="corpus">
        <h1>{t('navCorpus')}</h1>
        <Problem error={noStore.error} />
      </main>
    );
  }
  const facetList = options.state === 'done' ? options.data : undefined;

  return (
    <main class="corpus">
      <h1>{t('navCorpus')}</h1>
      <section class="stats" aria-labelledby="stats-title">
        <h2 id="stats-title">{t('statsTitle')}</h2>
        <div class="controls">
          <label class="field inline">
            <span>{t('groupBy')}</span>
            <select name="by" value={by} onChange={(e) => go({ by: e.currentTarget.value })}>
              {GROUP_BY.map((g) => (
                <option key={g.value} value={g.value}>
                  {t(g.label)}
                </option>
              ))}
            </select>
          </label>
          <label class="field inline">
            <span>{t('filterTechnique')}</span>
            <select name="tech" value={chartTechnique} onChange={(e) => go({ tech: e.currentTarget.value })}>
              <option value="">{t('allTechniques')}</option>
              {facetList?.techniques.map((label) => (
                <option key={label} value={label}>
                  {labelDisplayName(label)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {stats.state === 'loading' && <Loading />}
        {stats.state === 'failed' && <Problem error={stats.error} />}
        {stats.state === 'done' && (
          <div class="charts">
            <GroupBars
              id="chart-rates"
              title={`${chartTechnique ? labelDisplayName(chartTechnique) : t('chartTechniqueRate')} · ${t('per1000')}`}
              rates={techniqueRates(stats.data)}
            />
            <GenreMix id="chart-genres" title={t('chartGenres')} groups={stats.data.groups} />
            <TrendChart id="chart-trend" title={t('chartTrend')} trend={stats.data.trend} />
            <RateMatrix
              id="chart-techniques"
              title={`${t('chartTechniqueMatrix')} · ${t('per1000')}`}
              matrix={rateMatrix(stats.data, 'techniques')}
            />
            <RateMatrix
              id="chart-frames"
              title={`${t('chartFrameMatrix')} · ${t('per1000')}`}
              matrix={rateMatrix(stats.data, 'frames')}
            />
          </div>
        )}
      </section>

      <section class="listing" aria-labelledby="list-title">
        <h2 id="list-title">{t('articleList')}</h2>
        <Filters filters={filters} facets={facetList} onChange={(changes) => go({ ...changes, offset: 0 })} />
        {chosen.length > 0 && (
          <p class="chosen-bar">
            <a class="button primary" href={compareHash(chosen)}>
              {t('compareSelected')} ({chosen.length})
            </a>{' '}
            <button type="button" onClick={() => choose(undefined, false)}>
              {t('clearChoice')}
            </button>
          </p>
        )}
        {list.state === 'loading' && <Loading />}
        {list.state === 'failed' && <Problem error={list.error} />}
        {list.state === 'done' && (
          <ArticleList
            page={list.data}
            offset={offset}
            limit={PAGE_SIZE}
            chosen={chosen}
            onChoose={choose}
            pageHash={(o) => corpusHash({ ...current, offset: o })}
          />
        )}
      </section>
    </main>
  );
}

interface FiltersProps {
  filters: Record<(typeof FILTERS)[number], string>;
  facets: Facets | undefined;
  onChange: (changes: Record<string, string>) => void;
}

/** Search on Enter or the button; every select applies at once. */
function Filters({ filters, facets: f, onChange }: FiltersProps) {
  const { t } = useI18n();
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  const select = (
    name: (typeof FILTERS)[number],
    label: MessageKey,
    values: readonly string[],
    show = (v: string) => v,
  ) => (
    <label class="field">
      <span>{t(label)}</span>
      <select name={name} value={filters[name]} onChange={(e) => onChange({ [name]: e.currentTarget.value })}>
        <option value="">{t('any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {show(v)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ q: q.trim() });
      }}
    >
      <label class="field search">
        <span>{t('searchLabel')}</span>
        <span class="search-row">
          <input type="search" name="q" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
          <button type="submit">{t('search')}</button>
        </span>
      </label>
      {select('lang', 'filterLanguage', f?.languages ?? [])}
      {select('outlet', 'filterOutlet', f?.outlets ?? [])}
      {select('genre', 'filterGenre', GENRES, labelDisplayName)}
      {select('technique', 'filterTechnique', f?.techniques ?? [], labelDisplayName)}
      {select('from', 'filterFrom', f?.months ?? [])}
      {select('to', 'filterTo', f?.months ?? [])}
      {FILTERS.some((name) => filters[name]) && (
        <button
          type="button"
          class="link reset"
          onClick={() => onChange(Object.fromEntries(FILTERS.map((name) => [name, ''])))}
        >
          {t('resetFilters')}
        </button>
      )}
    </form>
  );
}
