/**
 * Words of the text-only page in the eight page languages, one file per language (i18n/*.ts;
 * all but English and Spanish machine-assisted, marked `reviewed = false`). Code labels come
 * from the vocabulary (common/term-labels.ts).
 */
import type { PageLang } from '../../../common/format.js'
import { termLabel } from '../../../common/term-labels.js'
import { PAGE_RADII_MI } from '../../../common/vocabulary.js'
import { ar } from './i18n/ar.js'
import { en, type LiteStrings } from './i18n/en.js'
import { es } from './i18n/es.js'
import { ko } from './i18n/ko.js'
import { ru } from './i18n/ru.js'
import { tl } from './i18n/tl.js'
import { vi } from './i18n/vi.js'
import { zhHans } from './i18n/zh-Hans.js'

export type { LiteStrings }

export const LITE_STRINGS: Record<PageLang, LiteStrings> = { en, es, 'zh-Hans': zhHans, vi, ko, tl, ru, ar }

/**
 * The geocoder's name for a place in the page's language: its "ZIP 21201, Baltimore, MD"
 * reads "código postal 21201, Baltimore, MD" in Spanish, "邮编 21201, Baltimore, MD" in Chinese.
 */
export function placeName(label: string, lang: PageLang): string {
  return lang === 'en' ? label : label.replace(/^ZIP (\d{5})\b/, `${LITE_STRINGS[lang].zipPrefix} $1`)
}

/** A vocabulary code in words ('services', 'naloxone', 'vi' → 'Naloxone (Narcan)' in Vietnamese); the code itself if unknown. */
export function codeLabel(field: string, code: string, lang: PageLang): string {
  return termLabel(field, code, lang) ?? code
}

/** The query that keeps a page's language on a link: '?lang=vi' (English too, so a choice of English outlasts a browser's other preference). */
export function langQuery(lang: PageLang): string {
  return `?lang=${lang}`
}

export { sourceLabel } from '../../../common/source-labels.js'

/** Services offered as checkboxes on the text page: what people most often look for. */
export const LITE_SERVICES = [
  'syringe_services',
  'naloxone',
  'fentanyl_test_strips',
  'wound_care',
  'hiv_testing',
  'methadone',
  'buprenorphine',
  'detox',
  'outpatient',
  'primary_care',
] as const

/** The distances offered, the same as the map page's (common/vocabulary.ts). */
export const LITE_RADII = PAGE_RADII_MI
