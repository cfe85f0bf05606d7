/**
 * Labels of filter codes in the current language, from /api/v1/taxonomy (loaded once).
 */
import type { Taxonomy, Term } from './api.js'
import type { PageLang } from '../../common/format.js'
import type { VocabularyField } from '../../common/vocabulary.js'
import { termLabel } from './term-labels.js'

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

/**
 * The label of a code: the taxonomy's own in English and Spanish, the page's table
 * (term-labels.ts) in the other languages; the code itself while the taxonomy is not loaded.
 */
export function label(kind: TermKind, code: string, lang: PageLang): string {
  const term = index.get(`${kind}:${code}`)
  if (lang === 'en' || lang === 'es') return term?.[lang] ?? code.replace(/_/g, ' ')
  return termLabel(kind, code, lang) ?? term?.en ?? code.replace(/_/g, ' ')
}

/** The group (harm_reduction, treatment, care) of a service code. */
export function serviceGroup(code: string): string {
  return index.get(`services:${code}`)?.group ?? 'care'
}
