import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Locale, type Translate, translateName, translator } from './i18n.ts';

export interface I18n {
  locale: Locale;
  t: Translate;
  /** A category or analyser display name in the interface language. */
  name: (english: string) => string;
}

export function i18nFor(locale: Locale): I18n {
  return { locale, t: translator(locale), name: (english) => translateName(locale, english) };
}

export const I18nContext = createContext<I18n>(i18nFor('en'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
