/**
 * The column mapping of a CSV source (data/mappings/*.json): which columns hold the name,
 * address parts, phone, coordinates, types and services, with constants allowed. `mapRow`
 * turns one row into an ImportRecord and the problems that keep it out. Pure.
 */
import { basename, dirname, resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import { normalizeName } from '../directory/comparable-text.js'
import { emptyRecord } from '../directory/import-record.js'
import { timezoneOf } from '../geo/timezones.js'
import { FileProblem, parseJson } from './sources/files.js'
import { applyCodes, emptyTerms, isVocabularyCode, loadCodeTable, VOCABULARY_FIELDS, type CodeTable } from './codes.js'
import { checkCoordinates, parseCoordinate } from './coordinates.js'
import { checkSpec, keyLine, type Fail } from './mapping-check.js'
import type { FieldSpec, LoadedMapping, MappingSpec } from './mapping-spec.js'
import { cleanPhone, cleanText, derivedSourceId, restoreZip } from './normalize.js'
import type { MappedRow, RowOrigin, RowProblem } from './record.js'
import type { SiteStatus } from '../vocabulary.js'

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
  const fail: Fail = (key, message) => {
    throw new FileProblem({ file, line: lineOf(key), field: key, message })
  }
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
    const column =
      p.field === 'latitude'
        ? columnOf(spec.latitude)
        : p.field === 'longitude'
          ? columnOf(spec.longitude)
          : `${columnOf(spec.latitude)}/${columnOf(spec.longitude)}`
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
      for (const value of cell
        ? cell
            .split(list.split ?? ';')
            .map((v) => v.trim())
            .filter(Boolean)
        : []) {
        const mapped = list.map ? (list.map[value] ?? list.map[value.toLowerCase()]) : isVocabularyCode(field, value) ? [value] : undefined
        if (mapped) terms[field].push(...mapped)
        else unmapped.push(value)
      }
    }
  }
  if (spec.codes && codeTable) {
    const codes: string[] = []
    for (const column of spec.codes.columns ?? []) {
      const cell = cleanText(row[column])
      if (cell)
        codes.push(
          ...cell
            .split(spec.codes.split ?? /[;,]/)
            .map((c) => c.trim())
            .filter(Boolean),
        )
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
    address1,
    address2: fieldValue(row, spec.address2),
    city: fieldValue(row, spec.city),
    region,
    postalCode: zip.zip,
    latitude: valid ? lat : null,
    longitude: valid ? lon : null,
    timezone: timezoneOf(region, lon),
    status: 'active' as SiteStatus,
    website: fieldValue(row, spec.website),
    email: fieldValue(row, spec.email),
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
    const parts = id.derive.map((c) => (/zip|postal/i.test(c) ? (restoreZip(row[c]).zip ?? '') : normalizeName(cleanText(row[c]))))
    return derivedSourceId(parts.join('|'), null, null)
  }
  if (id !== undefined) return fieldValue(row, id)
  return name ? derivedSourceId(name, address, zip) : null
}
