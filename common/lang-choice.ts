/**
 * Which page language a person gets: a language tag read as one of the eight (`zh-CN` →
 * 'zh-Hans', `fil` → 'tl'), an Accept-Language header read by its q-values, each language's
 * own name for a switcher, and the writing direction. Used by the server-rendered pages
 * (/lite, /update/<token>) and the curator console.
 */
import { PAGE_LANGS, type PageLang } from './format.js'

/** Each language in its own name, for a language switcher. */
export const LANGUAGE_NAMES: Record<PageLang, string> = {
  en: 'English',
  es: 'Español',
  'zh-Hans': '简体中文',
  vi: 'Tiếng Việt',
  ko: '한국어',
  tl: 'Tagalog',
  ru: 'Русский',
  ar: 'العربية',
}

/** True for one of the eight language codes exactly as the pages write them ('zh-Hans', not 'zh'). */
export function isPageLang(value: unknown): value is PageLang {
  return typeof value === 'string' && (PAGE_LANGS as readonly string[]).includes(value)
}

/**
 * The page language for a language tag: 'zh', 'zh-CN', 'zh-Hans-CN' → 'zh-Hans'; 'fil' → 'tl';
 * 'es-MX' → 'es'; one no page speaks (or Traditional Chinese, which they do not write) → null.
 */
export function pageLangOf(tag: string): PageLang | null {
  const [base = '', ...rest] = tag.trim().toLowerCase().split('-')
  if (base === 'zh') return rest.some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part)) ? null : 'zh-Hans'
  if (base === 'fil') return 'tl'
  return base !== 'zh-hans' && isPageLang(base) ? base : null
}

/**
 * The best page language an Accept-Language header asks for, by q-value (ties keep the
 * header's order; q=0 means "not this one"), or null when it names none the pages speak:
 * 'fr;q=0.9, vi;q=0.8, en;q=0.5' → 'vi'.
 */
export function langFromAcceptLanguage(header: string | undefined): PageLang | null {
  if (!header) return null
  const wanted = header
    .split(',')
    .slice(0, 30)
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';')
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p)).find(Boolean)
      return { lang: pageLangOf(tag), q: q ? Number(q[1]) : 1, order }
    })
    .filter((w): w is { lang: PageLang; q: number; order: number } => w.lang !== null && w.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
  return wanted[0]?.lang ?? null
}

/**
 * A request's language: the one the page asked for by name (a `lang` field or query), else the
 * browser's Accept-Language, else English. An explicit 'es' wins over a Vietnamese browser.
 */
export function chooseLang(explicit: unknown, acceptLanguage: string | undefined): PageLang {
  if (isPageLang(explicit)) return explicit
  if (typeof explicit === 'string' && explicit) {
    const tagged = pageLangOf(explicit)
    if (tagged) return tagged
  }
  return langFromAcceptLanguage(acceptLanguage) ?? 'en'
}

/** Languages written right to left. */
const RTL: ReadonlySet<PageLang> = new Set(['ar'])

/** 'rtl' for Arabic, 'ltr' for the rest: the `dir` of a page's <html>. */
export function dirOf(lang: PageLang): 'rtl' | 'ltr' {
  return RTL.has(lang) ? 'rtl' : 'ltr'
}
