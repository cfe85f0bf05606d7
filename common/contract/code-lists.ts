/**
 * The six code-list fields (types, services, payment, populations, access, languages) as
 * schema properties, so no schema lists them by hand: the vocabulary names them once.
 */
import { Type, type TArray, type TSchema, type TString } from '@sinclair/typebox'
import { VOCABULARY_FIELDS, type VocabularyField } from '../vocabulary.js'

/** One property per code-list field, each made by `schemaOf`, in the vocabulary's order. */
export function perCodeList<T extends TSchema>(schemaOf: (field: VocabularyField) => T): Record<VocabularyField, T> {
  return Object.fromEntries(VOCABULARY_FIELDS.map((field) => [field, schemaOf(field)])) as Record<VocabularyField, T>
}

/** The codes a site has, one array per field, as responses carry them. */
export const codeArrays = (): Record<VocabularyField, TArray<TString>> => perCodeList(() => Type.Array(Type.String()))
