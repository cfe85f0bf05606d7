/**
 * The console's language: English or Spanish dictionaries (i18n/en.ts, i18n/es.ts), the
 * choice remembered as the public page remembers it (only the language, under the same key).
 */
import type { Lang } from '../../common/format.js'
import { en, type Strings } from './i18n/en.js'
import { es } from './i18n/es.js'

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
    // Storage may be disabled; the browser language still works.
  }
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en'
}

/** Switches language and relabels the page's fixed parts ([data-i18n] text, [data-i18n-label] names). */
export function setLang(lang: Lang, remember: boolean): void {
  current = lang
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang)
    } catch {
      // Not remembered; nothing else to do.
    }
  }
  const strings = STRINGS[lang]
  document.documentElement.lang = lang
  document.title = strings.docTitle
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = strings[el.dataset.i18n as keyof Strings]
    if (typeof value === 'string') el.textContent = value
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const value = strings[el.dataset.i18nLabel as keyof Strings]
    if (typeof value === 'string') el.setAttribute('aria-label', value)
  }
}
