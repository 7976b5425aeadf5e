import { useEffect, useMemo, useState } from 'preact/hooks';
import { AnalysePage } from './analyse/AnalysePage.tsx';
import { ComparePage } from './compare/ComparePage.tsx';
import { I18nContext, i18nFor } from './context.ts';
import { CorpusPage } from './corpus/CorpusPage.tsx';
import { StoredArticlePage } from './corpus/StoredArticlePage.tsx';
import { initialLocale, LOCALES, type Locale, type MessageKey } from './i18n.ts';
import { type PageName, parseRoute, type Route } from './route.ts';

/** The navigation's pages (a stored article belongs to Corpus); routes are in route.ts. */
const NAV: { hash: string; title: MessageKey; pages: PageName[] }[] = [
  { hash: '#/', title: 'navAnalyse', pages: ['analyse'] },
  { hash: '#/corpus', title: 'navCorpus', pages: ['corpus', 'article'] },
  { hash: '#/compare', title: 'navCompare', pages: ['compare'] },
];

function renderPage(route: Route): preact.JSX.Element {
  switch (route.page) {
    case 'corpus':
      return <CorpusPage params={route.params} />;
    case 'article':
      return <StoredArticlePage key={route.id} id={route.id ?? ''} />;
    case 'compare':
      return <ComparePage params={route.params} />;
    default:
      return <AnalysePage />;
  }
}

const STORAGE_KEY = 'spinlens.locale';

export function App() {
  const [locale, setLocale] = useState<Locale>(() =>
    initialLocale(readStorage(STORAGE_KEY), navigator.languages ?? [navigator.language]),
  );
  const [hash, setHash] = useState(location.hash || '#/');
  const i18n = useMemo(() => i18nFor(locale), [locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
    writeStorage(STORAGE_KEY, locale);
  }, [locale]);
  useEffect(() => {
    let current = location.hash || '#/';
    const onHash = () => {
      const next = location.hash || '#/';
      // A new page (not new filters on the same one) starts at the top.
      if (pageKey(parseRoute(next)) !== pageKey(parseRoute(current))) {
        scrollTo(0, 0);
        // Keyboard and screen-reader users continue from the top of the new page, not the old link.
        document.getElementById('page')?.focus({ preventScroll: true });
      }
      current = next;
      setHash(next);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const route = parseRoute(hash);
  return (
    <I18nContext.Provider value={i18n}>
      <header class="top">
        <a class="brand" href="#/">
          spinlens
        </a>
        <span class="tagline">{i18n.t('appTagline')}</span>
        <nav aria-label="spinlens">
          {NAV.map((p) => (
            <a key={p.hash} href={p.hash} aria-current={p.pages.includes(route.page) ? 'page' : undefined}>
              {i18n.t(p.title)}
            </a>
          ))}
        </nav>
        <label class="locale">
          <span class="visually-hidden">{i18n.t('language')}</span>
          <select value={locale} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {l === 'en' ? 'English' : 'Français'}
              </option>
            ))}
          </select>
        </label>
      </header>
      <div id="page" tabIndex={-1}>
        {renderPage(route)}
      </div>
    </I18nContext.Provider>
  );
}

function pageKey(route: Route): string {
  return `${route.page}/${route.id ?? ''}`;
}

/** Storage can be switched off; the choice then lasts for the visit. */
function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not saved: nothing else depends on it.
  }
}
