/**
 * GET /api/v1/taxonomy: every filter code with its labels, per field: `en` and `es` (kept for
 * older clients) and `labels`, the same code worded in all eight page languages.
 */
import { Type, type Static } from '@sinclair/typebox'
import { perCodeList } from './code-lists.js'

/** The page languages, each a key of `labels` (common/format.ts PAGE_LANGS; the contract imports only TypeBox). */
const LABEL_LANGS = ['en', 'es', 'zh-Hans', 'vi', 'ko', 'tl', 'ru', 'ar'] as const

export const taxonomyLabelsSchema = Type.Object(
  Object.fromEntries(LABEL_LANGS.map((lang) => [lang, Type.String()])) as Record<(typeof LABEL_LANGS)[number], ReturnType<typeof Type.String>>,
  { description: 'The label in each page language (machine-assisted outside English and Spanish)' },
)

export const taxonomyTermSchema = Type.Object({
  code: Type.String(),
  en: Type.String(),
  es: Type.String(),
  labels: taxonomyLabelsSchema,
  group: Type.Optional(Type.String()),
})
export type TaxonomyTerm = Static<typeof taxonomyTermSchema>

export const taxonomySchema = Type.Object({
  ...perCodeList(() => Type.Array(taxonomyTermSchema)),
  statuses: Type.Array(Type.String()),
})
export type Taxonomy = Static<typeof taxonomySchema>
