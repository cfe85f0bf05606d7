/**
 * Labels of filter codes in the current language, from /api/v1/taxonomy (loaded once).
 */
import type { Taxonomy, Term } from './api.js'
import type { Lang } from '../../common/format.js'
import type { VocabularyField } from '../../common/vocabulary.js'

/** A code-list field: types, services, payment, populations, access or languages. */
export type TermKind = VocabularyField

let loaded: Taxonomy | null = null
const index = new Map<string, Term>()

/** Keeps the taxonomy for label lookups. */
export function useTaxonomy(taxonomy: Taxonomy): void {
  loaded = taxonomy
  const { statuses: _statuses, ...codeLists } = taxonomy
  for (const [kind, terms] of Object.entries(codeLists) as [TermKind, Term[]][]) {
    for (const term of terms) index.set(`${kind}:${term.code}`, term)
  }
}

export function taxonomy(): Taxonomy | null {
  return loaded
}

/** The label of a code, or the code itself while the taxonomy is not loaded. */
export function label(kind: TermKind, code: string, lang: Lang): string {
  return index.get(`${kind}:${code}`)?.[lang] ?? code.replace(/_/g, ' ')
}

/** The group (harm_reduction, treatment, care) of a service code. */
export function serviceGroup(code: string): string {
  return index.get(`services:${code}`)?.group ?? 'care'
}
