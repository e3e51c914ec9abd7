/**
 * The console's languages: Chinese first, English by a switch kept in localStorage. One context
 * gives our texts (t), the antd locale and the dayjs locale, so one switch flips all three.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Lang = 'zh' | 'en';
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const STORAGE_KEY = 'kaoping.lang';
const DICTS: Record<Lang, Record<MessageKey, string>> = { zh, en };

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage may be disabled; Chinese is the default
  }
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = DICTS[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => String(vars[k] ?? m)) : text;
}

function applyLang(lang: Lang) {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = translate(lang, 'app.name');
}

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: Translate;
  /** a date-time from the API in the language's format (2026年3月1日 08:00) */
  date: (iso: string | null) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = storedLang();
    applyLang(l);
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not persisted; the switch still applies to this page
    }
    applyLang(l);
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const t: Translate = (key, vars) => translate(lang, key, vars);
    return {
      lang,
      setLang,
      t,
      date: (iso) => (iso ? dayjs(iso).format(t('date.format')) : ''),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside <I18nProvider>');
  return v;
}

export type { MessageKey };
