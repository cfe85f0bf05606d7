/**
 * The column mapping of a CSV source (data/mappings/*.json): which columns hold the name,
 * address parts, phone, coordinates, types and services, with constants allowed. `mapRow`
 * turns one row into an ImportRecord and the problems that keep it out. Pure.
 */
import { basename, dirname, resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import { normalizeName } from '../directory/comparable-text.js'
import { emptyRecord } from '../directory/import-record.js'
import { readTimezone, siteTimezone, SOURCE_TIMEZONE_ATTRIBUTE } from '../geo/timezones.js'
import { FileProblem, parseJson } from './sources/files.js'
import { applyCodes, emptyTerms, isVocabularyCode, loadCodeTable, VOCABULARY_FIELDS, type CodeTable } from './codes.js'
import { checkCoordinates, parseCoordinate } from './coordinates.js'
import { checkSpec, keyLine, type Fail } from './mapping-check.js'
import { FIELD_KEYS } from './mapping-schema.js'
import { applyRules } from './mapping-rules.js'
import type { FieldSpec, LoadedMapping, MappingSpec } from './mapping-spec.js'
import { readRowHours } from './hours/read.js'
import { cleanPhone, cleanText, cleanUrl, derivedSourceId, phoneText, readRegion, restoreZip, splitPoBox } from './normalize.js'
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

/** The longest value a stored field may hold (default MAX_FIELD); columns the mapping does not read are not held to it. */
const MAX_LENGTH: Partial<Record<(typeof FIELD_KEYS)[number], number>> = { name: 500, description_field: 4000 }
const MAX_FIELD = 1000

const tooLong = (value: string, max: number) => `is longer than ${max} characters (${value.length}): "${value.slice(0, 60)}…"`

/** The stored fields and attribute columns of the row that are too long to keep. */
function checkLengths(row: Record<string, string>, spec: MappingSpec, problem: (field: string, message: string) => void): void {
  for (const key of FIELD_KEYS) {
    const field = spec[key]
    if (field === undefined || (typeof field === 'object' && 'derive' in field)) continue
    const value = fieldValue(row, field)
    const max = MAX_LENGTH[key] ?? MAX_FIELD
    if (value && value.length > max) problem(columnOf(field) || key, tooLong(value, max))
  }
  for (const column of spec.attributes ?? []) {
    const value = cleanText(row[column])
    if (value && value.length > MAX_FIELD) problem(column, tooLong(value, MAX_FIELD))
  }
}

/** Maps one CSV row; `source` names the source for derived ids only. */
export function mapRow(row: Record<string, string>, origin: RowOrigin, mapping: LoadedMapping): MappedRow {
  const { spec, codeTable } = mapping
  const problems: RowProblem[] = []
  const problem = (field: string, message: string) => problems.push({ ...origin, field, message })
  const name = fieldValue(row, spec.name)
  if (!name) problem(columnOf(spec.name) || 'name', 'is missing (every site needs a name)')
  checkLengths(row, spec, problem)

  const warnings: RowProblem[] = []
  const warning = (field: string, message: string) => warnings.push({ ...origin, field, message })
  const regionRead = readRegion(fieldValue(row, spec.region))
  if (regionRead.error) problem(columnOf(spec.region) || 'region', regionRead.error)
  const region = regionRead.region
  const zip = restoreZip(fieldValue(row, spec.postalCode), region)
  if (zip.error && !regionRead.error) problem(columnOf(spec.postalCode), zip.error)
  if (zip.warning) warning(columnOf(spec.postalCode), zip.warning)
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
    // "is not a number" names no value: quote the cell as the file holds it.
    const raw = p.field === 'latitude' ? latRaw : p.field === 'longitude' ? lonRaw : null
    problem(column, raw !== null && p.message === 'is not a number' ? `"${raw.slice(0, 40)}" is not a number` : p.message)
  }

  // An explicit zone is the source's word on the site's clock: a bad one is refused, never guessed at.
  const zoneRaw = fieldValue(row, spec.timezone)
  const zoneRead = zoneRaw === null ? null : readTimezone(zoneRaw)
  if (zoneRead && 'problem' in zoneRead) problem(columnOf(spec.timezone) || 'timezone', `"${zoneRaw}" ${zoneRead.problem}`)

  const lines = splitPoBox(fieldValue(row, spec.address1), fieldValue(row, spec.address2))
  const address1 = lines.address1
  const sourceId = sourceIdOf(row, spec, name ?? '', fieldValue(row, spec.address1), zip.zip, region)
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
        else if (value.length > MAX_FIELD) problem(list.column, tooLong(value, MAX_FIELD))
        else unmapped.push(value)
      }
    }
  }
  applyRules(spec, row, terms)
  if (spec.codes && codeTable) {
    const codes: string[] = []
    for (const column of spec.codes.columns ?? []) {
      const cell = cleanText(row[column])
      for (const code of cell
        ? cell
            .split(spec.codes.split ?? /[;,]/)
            .map((c) => c.trim())
            .filter(Boolean)
        : []) {
        if (code.length > MAX_FIELD) problem(column, tooLong(code, MAX_FIELD))
        else codes.push(code)
      }
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
  if (zoneRaw !== null) attributes[SOURCE_TIMEZONE_ATTRIBUTE] = zoneRaw
  // An unreadable hours cell keeps the site (without hours): a warning, and its text in the attributes.
  const hours = spec.hours ? readRowHours(row, spec.hours) : null
  if (hours) {
    Object.assign(attributes, hours.kept)
    for (const w of hours.warnings) warning(w.field, w.message)
  }

  if (!name || !sourceId || problems.length) return { origin, record: null, problems, unmapped, raw: row, ...(sourceId ? { sourceId } : {}) }
  const website = cleanUrl(fieldValue(row, spec.website))
  if (website.warning) warning(columnOf(spec.website), website.warning)
  const phone = cleanPhone(fieldValue(row, spec.phone))
  if (phone.warning) warning(columnOf(spec.phone), phone.warning)
  const record = emptyRecord(sourceId, name)
  const valid = !Number.isNaN(lat) && !Number.isNaN(lon)
  Object.assign(record, {
    alternateName: fieldValue(row, spec.alternateName),
    organizationName: fieldValue(row, spec.organization) ?? name,
    description: fieldValue(row, spec.description_field),
    address1,
    address2: lines.address2,
    mailingAddress: lines.mailingAddress,
    city: fieldValue(row, spec.city),
    region,
    postalCode: zip.zip,
    latitude: valid ? lat : null,
    longitude: valid ? lon : null,
    // Empty until placed when the row has no point: placeRow sets it from the geocoded one.
    timezone: siteTimezone(zoneRaw, valid ? lat : null, valid ? lon : null) ?? '',
    status: 'active' as SiteStatus,
    website: website.url,
    email: fieldValue(row, spec.email),
    serviceName: fieldValue(row, spec.serviceName) ?? 'Services',
    phones: [phoneText(phone)].filter((p): p is string => p !== null),
    hours: hours?.rules ?? [],
    attributes,
  })
  for (const field of VOCABULARY_FIELDS) record[field] = [...new Set(terms[field])].sort()
  return { origin, record, problems, unmapped, raw: row, ...(warnings.length ? { warnings } : {}) }
}

function sourceIdOf(
  row: Record<string, string>,
  spec: MappingSpec,
  name: string,
  address: string | null,
  zip: string | null,
  region: string | null,
): string | null {
  const id = spec.id
  if (id && typeof id === 'object' && 'derive' in id) {
    const parts = id.derive.map((c) => (/zip|postal/i.test(c) ? (restoreZip(row[c], region).zip ?? '') : normalizeName(cleanText(row[c]))))
    return derivedSourceId(parts.join('|'), null, null)
  }
  if (id !== undefined) return fieldValue(row, id)
  return name ? derivedSourceId(name, address, zip) : null
}
