/**
 * The page's language: which dictionary is in use (i18n/*.ts), the choice remembered in
 * localStorage — only the language, never a search — and the static page relabelled (and
 * mirrored for Arabic) on a switch. Code labels come from /api/v1/taxonomy and, for the
 * languages it does not label, web/src/term-labels.ts.
 */
import { PAGE_LANGS, type PageLang } from '../../common/format.js'
import { ar } from './i18n/ar.js'
import { en, type Strings } from './i18n/en.js'
import { es } from './i18n/es.js'
import { ko } from './i18n/ko.js'
import { ru } from './i18n/ru.js'
import { tl } from './i18n/tl.js'
import { vi } from './i18n/vi.js'
import { zhHans } from './i18n/zh-Hans.js'

export type { Strings }

const STRINGS: Record<PageLang, Strings> = { en, es, 'zh-Hans': zhHans, vi, ko, tl, ru, ar }
const STORAGE_KEY = 'hrl-lang'

/** Each language in its own name, for the language switcher (shared with /lite, /update and the console). */
export { LANGUAGE_NAMES } from '../../common/lang-choice.js'

/** Languages written right to left. */
const RTL: ReadonlySet<PageLang> = new Set(['ar'])

let current: PageLang = 'en'

/** The strings of the current language. */
export function t(): Strings {
  return STRINGS[current]
}

export function currentLang(): PageLang {
  return current
}

const isPageLang = (value: string | null): value is PageLang => PAGE_LANGS.includes(value as PageLang)

/**
 * The page language for a browser language tag: 'zh', 'zh-CN', 'zh-Hans-CN', 'zh-SG' →
 * 'zh-Hans'; 'fil' → 'tl'; 'es-MX' → 'es'; one the page does not speak (or Traditional
 * Chinese, which it does not write) → null.
 */
export function pageLangOf(tag: string): PageLang | null {
  const lower = tag.toLowerCase()
  const [base = '', ...rest] = lower.split('-')
  if (base === 'zh') {
    if (rest.includes('hant') || rest.includes('tw') || rest.includes('hk') || rest.includes('mo')) return null
    return 'zh-Hans'
  }
  if (base === 'fil') return 'tl'
  return isPageLang(base) ? base : null
}

/** The remembered language, else the first of the browser's languages the page speaks. */
export function initialLang(): PageLang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (isPageLang(saved)) return saved
  } catch {
    // Storage can be disabled (private modes); the browser language still works.
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language]
  for (const tag of preferred) {
    const lang = tag ? pageLangOf(tag) : null
    if (lang) return lang
  }
  return 'en'
}

/** Switches language, remembers only that choice, and relabels the static page. */
export function setLang(lang: PageLang, remember: boolean): void {
  current = lang
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang)
    } catch {
      // Not remembered; nothing else to do.
    }
  }
  document.documentElement.lang = lang
  document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr'
  document.title = STRINGS[lang].docTitle
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = STRINGS[lang][el.dataset.i18n as keyof Strings]
    if (typeof value === 'string') el.textContent = value
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const value = STRINGS[lang][el.dataset.i18nLabel as keyof Strings]
    if (typeof value === 'string') el.setAttribute('aria-label', value)
  }
}
