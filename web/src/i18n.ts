/**
 * The page's language: which dictionary is in use (i18n/en.ts, i18n/es.ts), the choice
 * remembered in localStorage — only the language, never a search — and the static page
 * relabelled on a switch. Code labels come from /api/v1/taxonomy instead.
 */
import type { Lang } from '../../common/format.js'
import { en, type Strings } from './i18n/en.js'
import { es } from './i18n/es.js'

export type { Strings }

const STRINGS: Record<Lang, Strings> = { en, es }
const STORAGE_KEY = 'hrl-lang'

let current: Lang = 'en'

/** The strings of the current language. */
export function t(): Strings {
  return STRINGS[current]
}

export function currentLang(): Lang {
  return current
}

/** The remembered language, else the browser's preference. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'en' || saved === 'es') return saved
  } catch {
    // Storage can be disabled (private modes); the browser language still works.
  }
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en'
}

/** Switches language, remembers only that choice, and relabels the static page. */
export function setLang(lang: Lang, remember: boolean): void {
  current = lang
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang)
    } catch {
      // Not remembered; nothing else to do.
    }
  }
  document.documentElement.lang = lang
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
