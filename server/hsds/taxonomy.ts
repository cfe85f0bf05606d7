/**
 * Our vocabulary as HSDS 3.0 taxonomies and taxonomy terms. Each vocabulary field is one
 * taxonomy named "harm-reduction-locator:<field>" — the name the HSDS importer recognises
 * (server/importers/sources/hsds.ts), so an export imports back onto the same codes.
 */
import { ACCESS, LANGUAGES, PAYMENT, POPULATIONS, SERVICES, TYPES, type VocabularyField } from '../vocabulary.js'
import { hsdsId, isHsdsIdOf } from './ids.js'

/** taxonomy_terms.kind → the vocabulary field (and taxonomy) it belongs to. */
export const FIELD_OF_KIND = {
  type: 'types',
  service: 'services',
  payment: 'payment',
  population: 'populations',
  access: 'access',
  language: 'languages',
} as const satisfies Record<string, VocabularyField>
export type TermKindName = keyof typeof FIELD_OF_KIND
export type TaxonomyField = (typeof FIELD_OF_KIND)[TermKindName]

export const TAXONOMY_PREFIX = 'harm-reduction-locator:'

const TAXONOMY_DESCRIPTIONS: Record<TaxonomyField, string> = {
  types: 'Site types: what kind of place a location is (harm reduction program, treatment facility, clinic, …).',
  services: 'Services offered: harm reduction supplies, treatment and medications, care.',
  payment: 'Payment accepted.',
  populations: 'Populations served.',
  access: 'How people get in: walk-in, appointment only, mobile unit, mail delivery, wheelchair access.',
  languages: 'Languages spoken (ISO 639 codes).',
}

export interface HsdsTaxonomy {
  id: string
  name: string
  description: string
  version: string
}

/** The taxonomies, in a fixed order. */
export const TAXONOMIES: readonly HsdsTaxonomy[] = (Object.keys(TAXONOMY_DESCRIPTIONS) as TaxonomyField[]).map((field) => ({
  id: hsdsId('taxonomy', field),
  name: TAXONOMY_PREFIX + field,
  description: TAXONOMY_DESCRIPTIONS[field],
  version: '1',
}))

/** The taxonomy with this HSDS id (current or legacy, server/hsds/ids.ts), or undefined. */
export function taxonomyByHsdsId(id: string): HsdsTaxonomy | undefined {
  return TAXONOMIES.find((t) => isHsdsIdOf(id, 'taxonomy', t.name.slice(TAXONOMY_PREFIX.length)))
}

/** The field of a taxonomy's HSDS id, or undefined. */
export function fieldOfTaxonomyId(id: string): TaxonomyField | undefined {
  const found = taxonomyByHsdsId(id)
  return found ? (found.name.slice(TAXONOMY_PREFIX.length) as TaxonomyField) : undefined
}

/** A row of taxonomy_terms (or the same shape built from the vocabulary in memory). */
export interface TermRow {
  kind: string
  code: string
  label_en: string
  label_es: string
}

export interface HsdsTaxonomyTerm {
  id: string
  code: string
  name: string
  description: string
  taxonomy: string
  taxonomy_id?: string
  language: string
}

/** One vocabulary term as an HSDS taxonomy_term (English name; the Spanish label in the description). */
export function taxonomyTerm(row: TermRow): HsdsTaxonomyTerm {
  const field = FIELD_OF_KIND[row.kind as TermKindName]
  return {
    id: hsdsId('taxonomy_term', `${row.kind}:${row.code}`),
    code: row.code,
    name: row.label_en,
    description: `${row.label_en} (es: ${row.label_es})`,
    taxonomy: TAXONOMY_PREFIX + (field ?? row.kind),
    ...(field ? { taxonomy_id: hsdsId('taxonomy', field) } : {}),
    language: 'en',
  }
}

/**
 * A source code with no vocabulary term (kept in source_attributes.unmapped_codes). Its
 * taxonomy is not a vocabulary field, so the importer keeps it as an unmapped code again.
 */
export function sourceCodeTerm(code: string): HsdsTaxonomyTerm {
  return {
    id: hsdsId('taxonomy_term', `source_code:${code}`),
    code,
    name: code,
    description: "A code from the listing's source that has no term in our vocabulary.",
    taxonomy: `${TAXONOMY_PREFIX}source_codes`,
    language: 'en',
  }
}

/** The flag on demo records (generated for a fresh install, not real services). */
export const DEMO_TERM: HsdsTaxonomyTerm = {
  id: hsdsId('taxonomy_term', 'flag:demo'),
  code: 'demo',
  name: 'Demo data',
  description: 'Demo data generated for a fresh install: not a real service.',
  taxonomy: `${TAXONOMY_PREFIX}flags`,
  language: 'en',
}

export const DEMO_ALERT = 'Demo data — not a real service.'

const languageLabels = new Map(LANGUAGES.map((l) => [l.code, l]))

/** A language's English name, when the vocabulary lists it. */
export function languageName(code: string): string | undefined {
  return languageLabels.get(code)?.en
}

const vocabularyRows = new Map<string, TermRow>(
  [
    ...[...TYPES, ...SERVICES, ...PAYMENT, ...POPULATIONS, ...ACCESS].map((t) => ({ kind: t.kind as string, code: t.code, label_en: t.en, label_es: t.es })),
    ...LANGUAGES.map((l) => ({ kind: 'language', code: l.code, label_en: l.en, label_es: l.es })),
  ].map((row) => [`${row.kind}:${row.code}`, row]),
)

/** The HSDS term of one of our codes (a code the vocabulary does not list is named by itself). */
export function vocabularyTerm(kind: TermKindName, code: string): HsdsTaxonomyTerm {
  return taxonomyTerm(vocabularyRows.get(`${kind}:${code}`) ?? { kind, code, label_en: code, label_es: code })
}
