/**
 * The checks a mapping file passes before any row is read: known keys only (a typo would
 * otherwise be ignored and its column never read), value shapes and vocabulary codes, and, per
 * CSV file, every column the mapping names present in the header. Each failure names the
 * mapping file, the key's line and the key, with the closest known key or column.
 */
import { ENCODINGS } from './decode.js'
import { CSV_QUIRKS, FileProblem } from './sources/files.js'
import { isVocabularyCode, VOCABULARY_FIELDS, type VocabularyField } from './codes.js'
import type { LoadedMapping, MappingSpec } from './mapping.js'

/** The keys a mapping may have (a typo would otherwise be ignored, and its column never read). */
const FIELD_KEYS = ['id', 'name', 'organization', 'description_field', 'address1', 'address2', 'city', 'region', 'postalCode',
  'phone', 'website', 'email', 'latitude', 'longitude', 'serviceName'] as const satisfies readonly (keyof MappingSpec)[]
const MAPPING_KEYS = ['description', 'source', 'encoding', 'quirks', ...FIELD_KEYS, ...VOCABULARY_FIELDS, 'codes', 'attributes'] as const
// Does not compile when MappingSpec gains a key that MAPPING_KEYS does not list.
export const mappingKeysListed: Exclude<keyof MappingSpec, (typeof MAPPING_KEYS)[number]> extends never ? true : never = true
const CODES_KEYS = ['table', 'columns', 'split', 'flagColumnsAfter', 'flagValues']

export type Fail = (key: string, message: string) => never
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The line of a key in mapping text; a dotted key's parts are found one after the other. */
export function keyLine(text: string, key: string): number {
  let at = 0
  for (const part of key.split('.')) {
    const found = text.slice(at).search(new RegExp(`"${part.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}"\\s*:`))
    if (found < 0) break
    at += found
  }
  return text.slice(0, at).split('\n').length
}

export function checkSpec(spec: unknown, fail: Fail): asserts spec is MappingSpec {
  if (!isObject(spec)) return fail('mapping', 'must be a JSON object')
  checkKeys(spec, MAPPING_KEYS, '', fail)
  if (typeof spec.source !== 'string' || !spec.source) fail('source', 'is required (the source name every record of the import carries)')
  if (!spec.name) fail('name', 'is required (the column holding the site name)')
  if (spec.encoding !== undefined && !(ENCODINGS as readonly unknown[]).includes(spec.encoding)) fail('encoding', `must be one of ${ENCODINGS.join(', ')}`)
  for (const quirk of [spec.quirks ?? []].flat()) {
    if (!(CSV_QUIRKS as readonly unknown[]).includes(quirk)) fail('quirks', `has unknown quirk ${JSON.stringify(quirk)} (known: ${CSV_QUIRKS.join(', ')})`)
  }
  for (const key of FIELD_KEYS) checkFieldSpec(spec[key], key, fail)
  for (const field of VOCABULARY_FIELDS) checkListSpec(spec[field], field, fail)
  if (spec.codes !== undefined) {
    if (!isObject(spec.codes)) return fail('codes', 'must be an object with a "table"')
    checkKeys(spec.codes, CODES_KEYS, 'codes', fail)
    if (typeof spec.codes.table !== 'string') fail('codes.table', 'is required (the code table file, relative to the mapping)')
    checkColumnList(spec.codes.columns, 'codes.columns', fail)
    if (spec.codes.flagColumnsAfter !== undefined && typeof spec.codes.flagColumnsAfter !== 'string') fail('codes.flagColumnsAfter', 'must be a column name')
  }
  checkColumnList(spec.attributes, 'attributes', fail)
}

/** Refuses keys outside `known`, suggesting the one a typo most likely meant. */
function checkKeys(object: Record<string, unknown>, known: readonly string[], parent: string, fail: Fail): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue
    const near = closestName(key, known)
    fail(parent ? `${parent}.${key}` : key, `is not a mapping key${near ? `: did you mean "${near}"?` : ` (known keys: ${known.join(', ')})`}`)
  }
}

function checkColumnList(value: unknown, key: string, fail: Fail): void {
  if (value !== undefined && !(Array.isArray(value) && value.every((c) => typeof c === 'string'))) fail(key, 'must be a list of column names')
}

/** A column name, or one object form: { column }, { columns, join }, { const } (and for id, { derive }). */
function checkFieldSpec(spec: unknown, key: string, fail: Fail): void {
  if (spec === undefined || typeof spec === 'string') return
  const forms = key === 'id' ? ['column', 'columns', 'const', 'derive'] : ['column', 'columns', 'const']
  if (!isObject(spec)) return fail(key, `must be a column name or an object with one of ${forms.join(', ')}`)
  checkKeys(spec, [...forms, 'join'], key, fail)
  if (forms.filter((f) => f in spec).length !== 1) fail(key, `needs exactly one of ${forms.join(', ')}`)
  if ('column' in spec && typeof spec.column !== 'string') fail(`${key}.column`, 'must be a column name')
  if ('const' in spec && spec.const !== null && typeof spec.const !== 'string') fail(`${key}.const`, 'must be text or null')
  for (const form of ['columns', 'derive']) if (form in spec) checkColumnList(spec[form], `${key}.${form}`, fail)
}

/** Codes, or one object form: { const }, { column, split, map }; every code must be in the vocabulary. */
function checkListSpec(list: unknown, field: VocabularyField, fail: Fail): void {
  if (list === undefined) return
  let values: unknown[]
  if (Array.isArray(list)) values = list
  else {
    if (!isObject(list)) return fail(field, 'must be a list of codes, { "const": [...] } or { "column": ... }')
    checkKeys(list, ['const', 'column', 'split', 'map'], field, fail)
    if (('const' in list) === ('column' in list)) fail(field, 'needs exactly one of const, column')
    if ('column' in list && typeof list.column !== 'string') fail(`${field}.column`, 'must be a column name')
    if (list.map !== undefined && !(isObject(list.map) && Object.values(list.map).every(Array.isArray))) fail(`${field}.map`, 'must map source values to lists of codes')
    values = 'const' in list ? [list.const].flat() : Object.values((list.map ?? {}) as Record<string, unknown[]>).flat()
  }
  for (const v of values) if (typeof v !== 'string' || !isVocabularyCode(field, v)) fail(field, `has unknown code ${JSON.stringify(v)}`)
}

/** Every column the mapping reads, with the key that names it. */
export function mappingColumns(spec: MappingSpec): { key: string; column: string }[] {
  const found: { key: string; column: string }[] = []
  const add = (key: string, columns: string | string[] | undefined) => { for (const column of [columns ?? []].flat()) found.push({ key, column }) }
  for (const key of FIELD_KEYS) {
    const field = spec[key]
    if (typeof field === 'string') add(key, field)
    else if (field && 'column' in field) add(key, field.column)
    else if (field && 'columns' in field) add(`${key}.columns`, field.columns)
    else if (field && 'derive' in field) add(`${key}.derive`, field.derive)
  }
  for (const key of VOCABULARY_FIELDS) {
    const list = spec[key]
    if (list && !Array.isArray(list) && 'column' in list) add(key, list.column)
  }
  add('codes.columns', spec.codes?.columns)
  add('codes.flagColumnsAfter', spec.codes?.flagColumnsAfter)
  add('attributes', spec.attributes)
  return found
}

/**
 * Refuses a CSV whose header lacks a column the mapping reads: that value would be null in
 * every row (a "Lat" for "lat" puts every site on its ZIP centroid). Names are case-sensitive,
 * as the rows' keys are.
 */
export function checkHeader(mapping: LoadedMapping, header: readonly string[], csvFile: string): void {
  const missing = mappingColumns(mapping.spec).filter(({ column }) => !header.includes(column))
  const first = missing[0]
  if (!first) return
  const near = closestName(first.column, header)
  const hint = near ? `did you mean "${near}"?${near.toLowerCase() === first.column.toLowerCase() ? ' Column names are case-sensitive.' : ''}`
    : `its columns are ${header.slice(0, 40).map((c) => `"${c}"`).join(', ')}${header.length > 40 ? `, … (${header.length} in all)` : ''}`
  const others = missing.length > 1 ? `; also missing: ${missing.slice(1).map((m) => `"${m.column}" (${m.key})`).join(', ')}` : ''
  throw new FileProblem({ file: mapping.file, line: mapping.lineOf(first.key), field: first.key, message: `names column "${first.column}", which ${csvFile} does not have: ${hint}${others}` })
}

/**
 * The candidate a typo most likely meant: equal ignoring case, spaces and _ - ., or a small
 * edit away (1 for short names, 2 for longer ones); null when none is that close.
 */
export function closestName(name: string, candidates: readonly string[]): string | null {
  const simple = (s: string) => s.toLowerCase().replace(/[\s_.-]+/g, '')
  const target = simple(name)
  let best: string | null = null
  let bestDistance = target.length <= 3 ? 0 : target.length <= 6 ? 1 : 2
  for (const candidate of candidates) {
    const distance = editDistance(target, simple(candidate))
    if (distance < bestDistance || (distance === bestDistance && best === null)) [best, bestDistance] = [candidate, distance]
  }
  return best
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = row
  }
  return previous[b.length] as number
}
