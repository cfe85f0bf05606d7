/**
 * The column mapping of a CSV source (data/mappings/*.json): which columns hold the name,
 * address parts, phone, coordinates, types and services, with constants allowed. `mapRow`
 * turns one row into an ImportRecord and the problems that keep it out. Pure.
 */
import { basename, dirname, resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import { timezoneFor } from '../../data/demo/timezones.js'
import type { Encoding } from './decode.js'
import { FileProblem, parseJson, type CsvQuirk } from './sources/files.js'
import { applyCodes, emptyTerms, isVocabularyCode, loadCodeTable, VOCABULARY_FIELDS, type CodeTable } from './codes.js'
import { checkCoordinates, parseCoordinate } from './coordinates.js'
import { checkSpec, keyLine, type Fail } from './mapping-check.js'
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

