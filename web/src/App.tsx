import { useEffect, useMemo, useState } from 'preact/hooks';
import { AnalysePage } from './analyse/AnalysePage.tsx';
import { I18nContext, i18nFor } from './context.ts';
import { initialLocale, LOCALES, type Locale, type MessageKey } from './i18n.ts';

/**
 * Pages by hash route (`#/`, later `#/corpus`, `#/compare`), so the server needs no fallback
 * route and every page is a plain link.
 */
const PAGES: { hash: string; title: MessageKey; render: () => preact.JSX.Element }[] = [
  { hash: '#/', title: 'navAnalyse', render: () => <AnalysePage /> },
];

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
    const onHash = () => setHash(location.hash || '#/');
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const page = PAGES.find((p) => p.hash === hash) ?? PAGES[0]!;
  return (
    <I18nContext.Provider value={i18n}>
      <header class="top">
        <a class="brand" href="#/">
          spinlens
        </a>
        <span class="tagline">{i18n.t('appTagline')}</span>
        <nav aria-label="spinlens">
          {PAGES.map((p) => (
            <a key={p.hash} href={p.hash} aria-current={p === page ? 'page' : undefined}>
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
      {page.render()}
    </I18nContext.Provider>
  );
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
