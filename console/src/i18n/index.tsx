/** The 中文/English switch: a context with the current locale and its strings. */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { zhCN, type Messages } from './zh-CN';
import { en } from './en';

export type Locale = 'zh-CN' | 'en';

const LOCALE_KEY = 'luoyang.console.locale';
const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

interface I18n {
  readonly locale: Locale;
  readonly t: Messages;
  readonly setLocale: (l: Locale) => void;
}

const I18nContext = createContext<I18n>({ locale: 'zh-CN', t: zhCN, setLocale: () => undefined });

function initialLocale(): Locale {
  // the choice lasts the browser session (the console keeps nothing in localStorage)
  return sessionStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: MESSAGES[locale],
      setLocale(l) {
        sessionStorage.setItem(LOCALE_KEY, l);
        document.documentElement.lang = l;
        setLocaleState(l);
      },
    }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
