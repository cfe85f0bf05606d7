/**
 * GET /api/v1/taxonomy: every filter code with its English and Spanish labels, per field.
 */
import { Type, type Static } from '@sinclair/typebox'
import { perCodeList } from './code-lists.js'

export const taxonomyTermSchema = Type.Object({ code: Type.String(), en: Type.String(), es: Type.String(), group: Type.Optional(Type.String()) })
export type TaxonomyTerm = Static<typeof taxonomyTermSchema>

export const taxonomySchema = Type.Object({
  ...perCodeList(() => Type.Array(taxonomyTermSchema)),
  statuses: Type.Array(Type.String()),
})
export type Taxonomy = Static<typeof taxonomySchema>
