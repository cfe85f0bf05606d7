/**
 * Code tables the project owns (data/mappings/*-codes.json): a source's service codes, or
 * their names, onto vocabulary codes. A table's `names` section holds names a source writes
 * with no code (FindTreatment.gov's exports). Codes and names with no vocabulary term are
 * reported, not dropped.
 */
import { readFileSync } from 'node:fs'
import { FILTER_FIELDS, LANGUAGE_CODE, VOCABULARY_FIELDS, type FilterField, type VocabularyField } from '../vocabulary.js'

export { VOCABULARY_FIELDS, type VocabularyField } from '../vocabulary.js'
export type Terms = Record<VocabularyField, string[]>

export interface CodeEntry extends Partial<Terms> {
  name?: string
}

export interface CodeTable {
  byCode: Map<string, CodeEntry>
  byName: Map<string, string>
  /** Entries of the `names` section, by name key: names with no source code. */
  nameOnly: Map<string, CodeEntry>
}

const ALLOWED = Object.fromEntries(Object.entries(FILTER_FIELDS).map(([field, terms]) => [field, new Set<string>(terms.map((t) => t.code))])) as Record<
  FilterField,
  Set<string>
>

/** True when `code` belongs to the vocabulary field. */
export function isVocabularyCode(field: VocabularyField, code: string): boolean {
  return field === 'languages' ? LANGUAGE_CODE.test(code) : ALLOWED[field].has(code)
}

// A literal, not built from VOCABULARY_FIELDS: it runs once per imported row, and Terms checks it.
export const emptyTerms = (): Terms => ({ types: [], services: [], payment: [], populations: [], access: [], languages: [] })

const nameKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

export interface CodeTableJson {
  codes: Record<string, CodeEntry>
  names?: Record<string, CodeEntry>
}

/** Builds a table from its JSON; throws naming the first entry that points outside the vocabulary. */
export function codeTableFrom(json: CodeTableJson, label = 'code table'): CodeTable {
  const byCode = new Map<string, CodeEntry>()
  const byName = new Map<string, string>()
  const nameOnly = new Map<string, CodeEntry>()
  const check = (key: string, entry: CodeEntry) => {
    for (const field of VOCABULARY_FIELDS) {
      for (const value of entry[field] ?? []) {
        if (!isVocabularyCode(field, value)) throw new Error(`${label}: ${key} maps to unknown ${field} code "${value}"`)
      }
    }
  }
  for (const [code, entry] of Object.entries(json.codes)) {
    check(code, entry)
    byCode.set(code.toUpperCase(), entry)
    if (entry.name) byName.set(nameKey(entry.name), code.toUpperCase())
  }
  for (const [name, entry] of Object.entries(json.names ?? {})) {
    check(`"${name}"`, entry)
    if (byName.has(nameKey(name)))
      throw new Error(`${label}: the name "${name}" is listed under names and is already the name of code ${byName.get(nameKey(name))}`)
    nameOnly.set(nameKey(name), entry)
  }
  return { byCode, byName, nameOnly }
}

const cache = new Map<string, CodeTable>()

/** Loads (once) a code table file. */
export function loadCodeTable(path: string): CodeTable {
  let table = cache.get(path)
  if (!table) {
    table = codeTableFrom(JSON.parse(readFileSync(path, 'utf8')) as CodeTableJson, path)
    cache.set(path, table)
  }
  return table
}

/**
 * Adds the terms of source codes (or service names) to `terms`; returns the codes that map to
 * nothing (a name with no code as the file writes it).
 */
export function applyCodes(table: CodeTable, codesOrNames: readonly string[], terms: Terms): string[] {
  const unmapped: string[] = []
  for (const raw of codesOrNames) {
    const text = raw.trim()
    if (!text) continue
    const code = table.byCode.has(text.toUpperCase()) ? text.toUpperCase() : table.byName.get(nameKey(text))
    const entry = code ? table.byCode.get(code) : table.nameOnly.get(nameKey(text))
    let mapped = false
    for (const field of VOCABULARY_FIELDS) {
      for (const value of entry?.[field] ?? []) {
        terms[field].push(value)
        mapped = true
      }
    }
    if (!mapped) unmapped.push(code ?? text)
  }
  return unmapped
}
