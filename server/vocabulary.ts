/**
 * The vocabulary's codes (common/vocabulary.ts) as the search tables number them: facet ids,
 * bit masks per field, and the allowed codes of each filter field.
 * Bit positions are used only by the derived search table (rebuilt from source tables),
 * so they may be reassigned without a data migration — but keep them stable anyway.
 */
import { FILTER_FIELDS, LANGUAGES, type FilterField } from '../common/vocabulary.js'

export {
  ACCESS,
  FILTER_FIELDS,
  LANGUAGE_CODE,
  LANGUAGES,
  PAYMENT,
  POPULATIONS,
  SERVICES,
  SITE_STATUSES,
  TYPES,
  VOCABULARY_FIELDS,
  type CodeOf,
  type FilterField,
  type SiteStatus,
  type Term,
  type TermKind,
  type VocabularyField,
} from '../common/vocabulary.js'

const codeSets = Object.fromEntries(Object.entries(FILTER_FIELDS).map(([field, terms]) => [field, terms.map((x) => x.code)])) as Record<FilterField, string[]>

/** The allowed codes of one filter field, in vocabulary order. */
export function codesOf(field: FilterField): string[] {
  return codeSets[field]
}

/**
 * A number per (field, code), unique across fields: the facet id in the derived search tables.
 * Fields are 100 apart so an id also tells its field; listed languages are 1000 + their index.
 */
export const FIELD_BASE: Record<FilterField, number> = { types: 100, services: 200, payment: 300, populations: 400, access: 500 }
export const LANGUAGE_BASE = 1000

export function termId(field: FilterField, code: string): number {
  const index = codeSets[field].indexOf(code)
  if (index < 0) throw new Error(`unknown ${field} code ${code}`)
  return FIELD_BASE[field] + index
}

/** Bit mask of codes within one field; every field has fewer than 31 codes, so it fits an SQL int4. */
export function maskOf(field: FilterField, codes: readonly string[]): number {
  let mask = 0
  for (const code of codes) {
    const index = codeSets[field].indexOf(code)
    if (index >= 0) mask += 2 ** index
  }
  return mask
}

/** Codes present in a mask, in vocabulary order. */
export function codesFromMask(field: FilterField, mask: number): string[] {
  // Sites share a few hundred distinct masks: each list is built once (frozen, as it is shared).
  const cache = maskCodes[field]
  let codes = cache.get(mask)
  if (!codes) {
    codes = Object.freeze(codeSets[field].filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1)) as string[]
    if (cache.size >= 10_000) cache.clear()
    cache.set(mask, codes)
  }
  return codes
}
const maskCodes = Object.fromEntries(Object.keys(FILTER_FIELDS).map((f) => [f, new Map<number, string[]>()])) as Record<FilterField, Map<number, string[]>>

/** Facet id of a listed language, or null for a language the taxonomy does not list. */
export function languageTermId(code: string): number | null {
  const index = LANGUAGES.findIndex((l) => l.code === code)
  return index < 0 ? null : LANGUAGE_BASE + index
}
