/**
 * The column mapping of a CSV source (data/mappings/*.json): which columns hold the name,
 * address parts, phone, coordinates, types and services, with constants allowed. `mapRow`
 * turns one row into an ImportRecord and the problems that keep it out. Pure.
 */
import { basename, dirname, resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import { timezoneFor } from '../../data/demo/timezones.js'
import { ENCODINGS, type Encoding } from './decode.js'
import { CSV_QUIRKS, FileProblem, parseJson, type CsvQuirk } from './sources/files.js'
import { applyCodes, emptyTerms, isVocabularyCode, loadCodeTable, VOCABULARY_FIELDS, type CodeTable, type VocabularyField } from './codes.js'
import { checkCoordinates, parseCoordinate } from './coordinates.js'
import { cleanPhone, cleanText, derivedSourceId, normalizeName, restoreZip } from './normalize.js'
import { emptyRecord, type MappedRow, type RowOrigin, type RowProblem, type SiteStatus } from './record.js'

/** A column name, several joined, or a constant. */
export type FieldSpec = string | { column: string } | { columns: string[]; join?: string } | { const: string | null }

/** Constant codes, or a column whose values (split on `split`) map through `map`. */
export type ListSpec = string[] | { const: string[] } | { column: string; split?: string; map?: Record<string, string[]> }

export interface MappingSpec {
  description?: string
  source: string
  encoding?: Encoding
  /** Repairs for known breakage in the source's CSV. */
  quirks?: CsvQuirk[]
  /** The source's own id column, or the columns to derive a stable id from (default name + address + ZIP). */
  id?: FieldSpec | { derive: string[] }
  name: FieldSpec
  organization?: FieldSpec
  description_field?: FieldSpec
  address1?: FieldSpec
  address2?: FieldSpec
  city?: FieldSpec
  region?: FieldSpec
  postalCode?: FieldSpec
  phone?: FieldSpec
  website?: FieldSpec
  email?: FieldSpec
  latitude?: FieldSpec
  longitude?: FieldSpec
  serviceName?: FieldSpec
  types?: ListSpec
  services?: ListSpec
  payment?: ListSpec
  populations?: ListSpec
  access?: ListSpec
  languages?: ListSpec
  /** Source codes through a code table: columns holding codes, and/or one flag column per code. */
  codes?: { table: string; columns?: string[]; split?: string; flagColumnsAfter?: string; flagValues?: string[] }
  /** Columns copied into source_attributes as they are. */
  attributes?: string[]
}

export interface LoadedMapping {
  spec: MappingSpec
  codeTable: CodeTable | null
  /** The mapping file's name, and the line of a (dotted) key in it, for problems. */
  file: string
  lineOf: (key: string) => number
}

/** The keys a mapping may have (a typo would otherwise be ignored, and its column never read). */
const FIELD_KEYS = ['id', 'name', 'organization', 'description_field', 'address1', 'address2', 'city', 'region', 'postalCode',
  'phone', 'website', 'email', 'latitude', 'longitude', 'serviceName'] as const satisfies readonly (keyof MappingSpec)[]
const MAPPING_KEYS = ['description', 'source', 'encoding', 'quirks', ...FIELD_KEYS, ...VOCABULARY_FIELDS, 'codes', 'attributes'] as const
// Does not compile when MappingSpec gains a key that MAPPING_KEYS does not list.
export const mappingKeysListed: Exclude<keyof MappingSpec, (typeof MAPPING_KEYS)[number]> extends never ? true : never = true
const CODES_KEYS = ['table', 'columns', 'split', 'flagColumnsAfter', 'flagValues']

type Fail = (key: string, message: string) => never
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads and checks a mapping file; every problem is a FileProblem naming the file, line and key. */
export function loadMapping(path: string): LoadedMapping {
  const file = basename(path)
  let text: string
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
  } catch (err) {
    throw new FileProblem({ file, line: 0, field: 'mapping', message: `cannot be read (${(err as Error).message})` })
  }
  const spec = parseJson(text, path)
  const lineOf = (key: string) => keyLine(text, key)
  const fail: Fail = (key, message) => { throw new FileProblem({ file, line: lineOf(key), field: key, message }) }
  checkSpec(spec, fail)
  let codeTable: CodeTable | null = null
  // A code table path is relative to the mapping file.
  if (spec.codes) {
    try {
      codeTable = loadCodeTable(resolve(dirname(path), spec.codes.table))
    } catch (err) {
      fail('codes.table', `cannot be loaded: ${(err as Error).message}`)
    }
  }
  return { spec, codeTable, file, lineOf }
}

/** The line of a key in mapping text; a dotted key's parts are found one after the other. */
function keyLine(text: string, key: string): number {
  let at = 0
  for (const part of key.split('.')) {
    const found = text.slice(at).search(new RegExp(`"${part.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}"\\s*:`))
    if (found < 0) break
    at += found
  }
  return text.slice(0, at).split('\n').length
}

function checkSpec(spec: unknown, fail: Fail): asserts spec is MappingSpec {
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

function fieldValue(row: Record<string, string>, spec: FieldSpec | undefined): string | null {
  if (spec === undefined) return null
  if (typeof spec === 'string') return cleanText(row[spec])
  if ('const' in spec) return spec.const
  if ('column' in spec) return cleanText(row[spec.column])
  const parts = spec.columns.map((c) => cleanText(row[c])).filter((v): v is string => v !== null)
  return parts.length ? parts.join(spec.join ?? ' ') : null
}

function columnOf(spec: FieldSpec | undefined): string {
  if (spec === undefined || typeof spec === 'string') return spec ?? ''
  return 'column' in spec ? spec.column : 'columns' in spec ? spec.columns.join('+') : ''
}

const TERRITORY_TZ: Record<string, string> = {
  GU: 'Pacific/Guam', MP: 'Pacific/Saipan', AS: 'Pacific/Pago_Pago', VI: 'America/St_Thomas', PR: 'America/Puerto_Rico',
}

/** The IANA timezone of a site from its state (and longitude where a state is split). */
export function timezoneOf(region: string | null, lon: number | null): string {
  if (!region) return 'America/New_York'
  return timezoneFor(region, lon ?? 0) ?? TERRITORY_TZ[region] ?? 'America/New_York'
}

const MAX_FIELD = 1000
const MAX_NAME = 500

/** Maps one CSV row; `source` names the source for derived ids only. */
export function mapRow(row: Record<string, string>, origin: RowOrigin, mapping: LoadedMapping): MappedRow {
  const { spec, codeTable } = mapping
  const problems: RowProblem[] = []
  const problem = (field: string, message: string) => problems.push({ ...origin, field, message })
  for (const [column, value] of Object.entries(row)) {
    if (value && value.length > MAX_FIELD) problem(column, `is longer than ${MAX_FIELD} characters (${value.length})`)
  }
  const name = fieldValue(row, spec.name)
  if (!name) problem(columnOf(spec.name) || 'name', 'is missing (every site needs a name)')
  else if (name.length > MAX_NAME) problem(columnOf(spec.name), `is longer than ${MAX_NAME} characters`)

  const zip = restoreZip(fieldValue(row, spec.postalCode))
  if (zip.error) problem(columnOf(spec.postalCode), zip.error)
  const latRaw = fieldValue(row, spec.latitude)
  const lonRaw = fieldValue(row, spec.longitude)
  const lat = parseCoordinate(latRaw)
  const lon = parseCoordinate(lonRaw)
  for (const p of checkCoordinates(lat, lon)) {
    const column = p.field === 'latitude' ? columnOf(spec.latitude) : p.field === 'longitude' ? columnOf(spec.longitude) : `${columnOf(spec.latitude)}/${columnOf(spec.longitude)}`
    problem(column, p.message)
  }

  const address1 = fieldValue(row, spec.address1)
  const regionRaw = fieldValue(row, spec.region)
  const region = regionRaw && /^[a-z]{2}$/i.test(regionRaw) ? regionRaw.toUpperCase() : regionRaw
  const sourceId = sourceIdOf(row, spec, name ?? '', address1, zip.zip)
  if (!sourceId) problem(columnOf(spec.id as FieldSpec) || 'id', 'is missing (the source id keeps re-imports free of duplicates)')

  const terms = emptyTerms()
  const unmapped: string[] = []
  for (const field of VOCABULARY_FIELDS) {
    const list = spec[field]
    if (!list) continue
    if (Array.isArray(list)) terms[field].push(...list)
    else if ('const' in list) terms[field].push(...list.const)
    else {
      const cell = cleanText(row[list.column])
      for (const value of cell ? cell.split(list.split ?? ';').map((v) => v.trim()).filter(Boolean) : []) {
        const mapped = list.map ? list.map[value] ?? list.map[value.toLowerCase()] : isVocabularyCode(field, value) ? [value] : undefined
        if (mapped) terms[field].push(...mapped)
        else unmapped.push(value)
      }
    }
  }
  if (spec.codes && codeTable) {
    const codes: string[] = []
    for (const column of spec.codes.columns ?? []) {
      const cell = cleanText(row[column])
      if (cell) codes.push(...cell.split(spec.codes.split ?? /[;,]/).map((c) => c.trim()).filter(Boolean))
    }
    if (spec.codes.flagColumnsAfter) {
      const columns = Object.keys(row)
      const start = columns.indexOf(spec.codes.flagColumnsAfter) + 1
      const on = new Set(spec.codes.flagValues ?? ['1', 'true', 'yes', 'y', 'x'])
      for (const column of columns.slice(start)) if (on.has((row[column] ?? '').trim().toLowerCase())) codes.push(column)
    }
    unmapped.push(...applyCodes(codeTable, codes, terms))
  }

  const attributes: Record<string, unknown> = {}
  for (const column of spec.attributes ?? []) {
    const value = cleanText(row[column])
    if (value !== null) attributes[column] = value
  }
  if (unmapped.length) attributes.unmapped_codes = [...new Set(unmapped)].sort()
  if (zip.restored) attributes.zip_restored_from = cleanText(fieldValue(row, spec.postalCode))

  if (!name || !sourceId || problems.length) return { origin, record: null, problems, unmapped, raw: row, ...(sourceId ? { sourceId } : {}) }
  const record = emptyRecord(sourceId, name)
  const valid = !Number.isNaN(lat) && !Number.isNaN(lon)
  Object.assign(record, {
    organizationName: fieldValue(row, spec.organization) ?? name,
    description: fieldValue(row, spec.description_field),
    address1, address2: fieldValue(row, spec.address2), city: fieldValue(row, spec.city), region, postalCode: zip.zip,
    latitude: valid ? lat : null, longitude: valid ? lon : null, timezone: timezoneOf(region, lon),
    status: 'active' as SiteStatus, website: fieldValue(row, spec.website), email: fieldValue(row, spec.email),
    serviceName: fieldValue(row, spec.serviceName) ?? 'Services',
    phones: [cleanPhone(fieldValue(row, spec.phone))].filter((p): p is string => p !== null),
    attributes,
  })
  for (const field of VOCABULARY_FIELDS) record[field] = [...new Set(terms[field])].sort()
  return { origin, record, problems, unmapped, raw: row }
}

function sourceIdOf(row: Record<string, string>, spec: MappingSpec, name: string, address: string | null, zip: string | null): string | null {
  const id = spec.id
  if (id && typeof id === 'object' && 'derive' in id) {
    const parts = id.derive.map((c) => (/zip|postal/i.test(c) ? restoreZip(row[c]).zip ?? '' : normalizeName(cleanText(row[c]))))
    return derivedSourceId(parts.join('|'), null, null)
  }
  if (id !== undefined) return fieldValue(row, id)
  return name ? derivedSourceId(name, address, zip) : null
}

