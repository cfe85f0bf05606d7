/**
 * The vocabulary's labels in every page language: English and Spanish from common/vocabulary.ts,
 * the six others from common/i18n/<lang>.ts (machine-assisted, marked `reviewed = false`).
 * The taxonomy API, /lite, the provider page, the curator console and the map page all read
 * labels here, so a code is worded the same everywhere.
 */
import type { PageLang } from './format.js'
import { PAGE_LANGS } from './format.js'
import { labels as ar } from './i18n/ar.js'
import { labels as ko } from './i18n/ko.js'
import type { VocabularyLabels } from './i18n/labels.js'
import { labels as ru } from './i18n/ru.js'
import { labels as tl } from './i18n/tl.js'
import { labels as vi } from './i18n/vi.js'
import { labels as zhHans } from './i18n/zh-Hans.js'
import { FILTER_FIELDS, LANGUAGES } from './vocabulary.js'

/** The page languages whose labels are not in the vocabulary itself. */
export type OtherLang = Exclude<PageLang, 'en' | 'es'>

/** Each other language's labels. */
export const OTHER_LABELS: Record<OtherLang, VocabularyLabels> = { 'zh-Hans': zhHans, vi, ko, tl, ru, ar }

/** A term's label in every page language, keyed by language. */
export type TermLabels = Record<PageLang, string>

const isOther = (lang: PageLang): lang is OtherLang => lang !== 'en' && lang !== 'es'

const CLOSED = new Map<string, { en: string; es: string }>(Object.values(FILTER_FIELDS).flatMap((terms) => terms.map((term) => [term.code, term] as const)))
const SPOKEN = new Map(LANGUAGES.map((l) => [l.code, l] as const))

/**
 * The label of a code in `lang` (`field` 'languages' for a spoken language, any other field
 * for the closed lists), or null when there is none: termLabel('services', 'naloxone', 'vi').
 */
export function termLabel(field: string, code: string, lang: PageLang): string | null {
  const spoken = field === 'languages'
  if (isOther(lang)) return (spoken ? OTHER_LABELS[lang].languages : OTHER_LABELS[lang].codes)[code] ?? null
  const term = spoken ? SPOKEN.get(code) : CLOSED.get(code)
  return term ? term[lang] : null
}

/** A term's labels in all eight languages, English standing in for a missing one (the tests require none missing). */
export function termLabels(field: string, term: { code: string; en: string; es: string }): TermLabels {
  return Object.fromEntries(
    PAGE_LANGS.map((lang) => [lang, lang === 'en' || lang === 'es' ? term[lang] : (termLabel(field, term.code, lang) ?? term.en)]),
  ) as TermLabels
}
