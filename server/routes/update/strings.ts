/**
 * Words of the provider update page (/update/<token>) in the eight page languages, one file
 * per language (i18n/*.ts; all but English and Spanish machine-assisted, marked
 * `reviewed = false`). Code labels come from the vocabulary (common/term-labels.ts).
 */
import type { PageLang } from '../../../common/format.js'
import { ar } from './i18n/ar.js'
import { en, type UpdateStrings } from './i18n/en.js'
import { es } from './i18n/es.js'
import { ko } from './i18n/ko.js'
import { ru } from './i18n/ru.js'
import { tl } from './i18n/tl.js'
import { vi } from './i18n/vi.js'
import { zhHans } from './i18n/zh-Hans.js'

export type { UpdateStrings }

export const UPDATE_STRINGS: Record<PageLang, UpdateStrings> = { en, es, 'zh-Hans': zhHans, vi, ko, tl, ru, ar }
