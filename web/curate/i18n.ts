/**
 * The console's language: one dictionary per page language (i18n/*.ts; all but English and
 * Spanish machine-assisted, marked `reviewed = false`), the choice remembered as the public
 * page remembers it (only the language, under the same key), and the page relabelled — and
 * mirrored for Arabic — on a switch.
 */
import { PAGE_LANGS, type PageLang } from '../../common/format.js'
import { dirOf, isPageLang, LANGUAGE_NAMES, pageLangOf } from '../../common/lang-choice.js'
import { ar } from './i18n/ar.js'
import { en, type Strings } from './i18n/en.js'
import { es } from './i18n/es.js'
import { ko } from './i18n/ko.js'
import { ru } from './i18n/ru.js'
import { tl } from './i18n/tl.js'
import { vi } from './i18n/vi.js'
import { zhHans } from './i18n/zh-Hans.js'

export const STRINGS: Record<PageLang, Strings> = { en, es, 'zh-Hans': zhHans, vi, ko, tl, ru, ar }
const STORAGE_KEY = 'hrl-lang'
let current: PageLang = 'en'

/** The strings of the current language. */
export function t(): Strings {
  return STRINGS[current]
}

export function currentLang(): PageLang {
  return current
}

/** The remembered language, else the first of the browser's languages the console speaks. */
export function initialLang(): PageLang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (isPageLang(saved)) return saved
  } catch {
    // Storage may be disabled; the browser language still works.
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language]
  for (const tag of preferred) {
    const lang = tag ? pageLangOf(tag) : null
    if (lang) return lang
  }
  return 'en'
}

/** Fills the language <select> (#lang-choice) with each language in its own name; `onPick` runs on a choice. */
export function buildLangChoice(select: HTMLSelectElement, onPick: (lang: PageLang) => void): void {
  select.replaceChildren(
    ...PAGE_LANGS.map((lang) => {
      const option = document.createElement('option')
      option.value = lang
      option.lang = lang
      option.textContent = LANGUAGE_NAMES[lang]
      return option
    }),
  )
  select.addEventListener('change', () => {
    if (isPageLang(select.value)) onPick(select.value)
  })
}

/** Switches language and relabels the page's fixed parts ([data-i18n] text, [data-i18n-label] names). */
export function setLang(lang: PageLang, remember: boolean): void {
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
  document.documentElement.dir = dirOf(lang)
  document.title = strings.docTitle
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = strings[el.dataset.i18n as keyof Strings]
    if (typeof value === 'string') el.textContent = value
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const value = strings[el.dataset.i18nLabel as keyof Strings]
    if (typeof value === 'string') el.setAttribute('aria-label', value)
  }
  const choice = document.querySelector<HTMLSelectElement>('#lang-choice')
  if (choice) choice.value = lang
}
