/**
 * Open Referral HSDS 3.0 in: JSON (a full service, an array of them, or an API page with
 * `contents`) and the tabular data package (datapackage.json + one CSV per table, 3.0 or
 * the 1.1 names). Each HSDS location becomes one site with every service offered there.
 *
 * Problems point where a curator finds the input: for a tabular package, the CSV file and its
 * physical line (header = 1) with the column name; for JSON, the file, the service's 1-based
 * position in the list as the line, and the field's JSON path (0-based, as jq writes it, e.g.
 * `contents[3].service_at_locations[0].location.latitude`).
 */
import { existsSync } from 'node:fs'
import { basename, join } from 'node:path'
import { emptyTerms, isVocabularyCode, VOCABULARY_FIELDS, type VocabularyField } from '../codes.js'
import { checkCoordinates } from '../coordinates.js'
import { readTimezone, siteTimezone, SOURCE_TIMEZONE_ATTRIBUTE } from '../../geo/timezones.js'
import { cleanPhone, cleanText, cleanUrl, phoneText, readRegion, restoreZip, splitPoBox } from '../normalize.js'
import { emptyRecord } from '../../directory/import-record.js'
import type { MappedRow, RowProblem } from '../record.js'
import type { HoursRule } from '../../db/schema.js'
import { scheduleRules } from '../hours/hsds-schedule.js'
import { FileProblem, readCsv, readJson } from './files.js'
import type { SiteStatus } from '../../vocabulary.js'

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {})
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : [])
const str = (v: unknown): string | null => cleanText(typeof v === 'number' ? String(v) : typeof v === 'string' ? v : null)

/** Our own taxonomy names, as the exporter writes them (taxonomy "harm-reduction-locator:services"). */
export const TAXONOMY_PREFIX = 'harm-reduction-locator:'

function fieldOfTerm(term: Obj): VocabularyField | null {
  const taxonomy = str(term.taxonomy) ?? ''
  const code = str(term.code) ?? ''
  if (taxonomy.startsWith(TAXONOMY_PREFIX)) {
    const field = taxonomy.slice(TAXONOMY_PREFIX.length) as VocabularyField
    return (VOCABULARY_FIELDS as readonly string[]).includes(field) ? field : null
  }
  for (const field of ['services', 'types', 'payment', 'populations', 'access'] as const) if (isVocabularyCode(field, code)) return field
  return null
}

/**
 * The rules of the schedules, RRULE meaning kept (hours/hsds-schedule.ts); a rule given twice
 * (on the location and the service, say) is kept once. A schedule our rules cannot hold is a
 * warning at the schedule: the site keeps its other schedules.
 */
function hoursOf(schedules: Obj[], at: Where, warnings: RowProblem[]): HoursRule[] {
  const rules = new Map<string, HoursRule>()
  for (const s of schedules) {
    const read = scheduleRules(s)
    if (read === null) continue
    if ('problem' in read) {
      warnings.push(problemAt(whereOf(s) ?? child(at, 'schedules'), read.field, `${read.problem}; this schedule is not kept as hours`))
      continue
    }
    for (const rule of read.rules) rules.set(JSON.stringify(rule), rule)
  }
  return [...rules.values()]
}

// A UTC offset ("-5", "-05:00", "+5.5"): what HSDS 3.0 specifies for schedule.timezone.
const UTC_OFFSET = /^[+-]?\d{1,2}(:?\d{2}|\.\d+)?$/

/**
 * The site's timezone as its schedules give it. HSDS 3.0's schedule.timezone is a UTC offset,
 * which cannot say whether the site keeps daylight time, so an offset is kept (as given) but
 * the point decides; feeds that put an IANA name there ("America/Chicago") are taken at their
 * word. Anything else, or two different names, is a problem naming the schedule.
 */
function scheduleTimezone(schedules: Obj[], at: Where, problems: RowProblem[]): { iana: string | null; given: string | null } {
  const names = new Set<string>()
  let given: string | null = null
  for (const s of schedules) {
    const value = str(s.timezone)
    if (value === null) continue
    given ??= value
    if (UTC_OFFSET.test(value)) continue
    const read = readTimezone(value)
    const where = whereOf(s) ?? child(at, 'schedules')
    if ('problem' in read) problems.push(problemAt(where, 'timezone', `"${value}" ${read.problem}, nor a UTC offset`))
    else {
      if (names.size === 0) given = value
      names.add(read.zone)
    }
  }
  if (names.size > 1)
    problems.push(problemAt(child(at, 'schedules'), 'timezone', `differs between the site's schedules (${[...names].join(', ')}): one site keeps one clock`))
  return { iana: names.size === 1 ? ([...names][0] as string) : null, given }
}

/** Where an input object is: a CSV row (path '') or a JSON object (line = its service's position). */
interface Where {
  file: string
  line: number
  path: string
}
// A symbol key survives the `{ ...row }` copies the tabular reader makes and never reaches output.
const WHERE = Symbol('where in the input')
const whereOf = (o: Obj): Where | undefined => (o as { [WHERE]?: Where })[WHERE]
const child = (w: Where, key: string): Where => ({ ...w, path: w.path ? `${w.path}.${key}` : key })

/** The object's place in the input, marking it with `where` first if it has none (CSV rows come marked). */
function mark(o: Obj, where: Where): Where {
  return whereOf(o) ?? ((o as { [WHERE]?: Where })[WHERE] = where)
}

/** A problem with a field of an input object: CSV column at file:line, or JSON path. */
function problemAt(w: Where, field: string, message: string): RowProblem {
  return { file: w.file, line: w.line, field: w.path ? `${w.path}.${field}` : field, message }
}

interface Offer {
  service: Obj
  sal: Obj
  location: Obj
}

/**
 * Maps nested HSDS services onto one row per location. `listPath` names the services' list in
 * a JSON document (`contents`, `services`, '' for a top-level array, null for a single service).
 */
export function mapHsdsServices(services: readonly Obj[], file: string, listPath: string | null = 'services'): MappedRow[] {
  const byLocation = new Map<string, Offer[]>()
  const rows: MappedRow[] = []
  services.forEach((service, i) => {
    const at = mark(service, { file, line: i + 1, path: listPath === null ? '' : `${listPath}[${i}]` })
    arr(service.schedules).forEach((s, k) => mark(s, child(at, `schedules[${k}]`)))
    const sals = arr(service.service_at_locations)
    if (sals.length === 0) {
      rows.push({
        origin: { file: at.file, line: at.line },
        record: null,
        unmapped: [],
        raw: { id: str(service.id) ?? '', name: str(service.name) ?? '' },
        problems: [problemAt(at, 'service_at_locations', 'is empty: a service with no location cannot be placed on the map')],
      })
    }
    sals.forEach((sal, j) => {
      const salAt = mark(sal, child(at, `service_at_locations[${j}]`))
      arr(sal.schedules).forEach((s, k) => mark(s, child(salAt, `schedules[${k}]`)))
      const location = obj(sal.location)
      const locationAt = mark(location, child(salAt, 'location'))
      arr(location.addresses).forEach((a, k) => mark(a, child(locationAt, `addresses[${k}]`)))
      arr(location.schedules).forEach((s, k) => mark(s, child(locationAt, `schedules[${k}]`)))
      const id = str(location.id) ?? str(sal.location_id)
      if (!id) return
      const list = byLocation.get(id) ?? []
      list.push({ service, sal, location })
      byLocation.set(id, list)
    })
  })
  for (const [id, offers] of byLocation) rows.push(mapLocation(id, offers))
  return rows
}

function mapLocation(id: string, offers: Offer[]): MappedRow {
  const first = offers[0] as Offer
  const { location, service } = first
  const at = whereOf(location) as Where
  const origin = { file: at.file, line: at.line, ...(at.path ? { path: at.path } : {}) }
  const problems: RowProblem[] = []
  const org = obj(service.organization)
  const name = str(location.name) ?? str(org.name) ?? str(service.name)
  if (!name) problems.push(problemAt(at, 'name', 'is missing (and the organization has no name)'))
  const addresses = arr(location.addresses)
  const address = addresses.find((a) => str(a.address_type) !== 'postal') ?? addresses[0] ?? {}
  const postal = addresses.find((a) => a !== address && str(a.address_type) === 'postal')
  const addressAt = whereOf(address) ?? child(at, 'address')
  const regionField = str(address.state_province) !== null ? 'state_province' : 'region'
  const regionRead = readRegion(str(address.state_province) ?? str(address.region))
  if (regionRead.error) problems.push(problemAt(addressAt, regionField, regionRead.error))
  const region = regionRead.region
  const zip = restoreZip(address.postal_code, region)
  if (zip.error && !regionRead.error) problems.push(problemAt(addressAt, 'postal_code', zip.error))
  const warnings: RowProblem[] = []
  if (zip.warning) warnings.push(problemAt(addressAt, 'postal_code', zip.warning))
  const lat =
    typeof location.latitude === 'number' ? location.latitude : location.latitude == null || location.latitude === '' ? null : Number(location.latitude)
  const lon =
    typeof location.longitude === 'number' ? location.longitude : location.longitude == null || location.longitude === '' ? null : Number(location.longitude)
  for (const p of checkCoordinates(lat, lon)) problems.push(problemAt(at, p.field, p.message))
  // HSDS 3.0 linked schedules to the location, the service or the service_at_location.
  const linked = (key: string) => [...arr(location[key]), ...offers.flatMap((o) => [...arr(o.service[key]), ...arr(o.sal[key])])]
  const schedules = linked('schedules')
  const zone = scheduleTimezone(schedules, at, problems)
  const raw = { id, name: name ?? '' }
  if (!name || problems.length) return { origin, record: null, problems, unmapped: [], raw }

  const terms = emptyTerms()
  const unmapped: string[] = []
  const attributes = [...arr(location.attributes), ...offers.flatMap((o) => arr(o.service.attributes))]
  for (const a of attributes) {
    const term = obj(a.taxonomy_term)
    const field = fieldOfTerm(term)
    const code = str(term.code)
    if (field && code && isVocabularyCode(field, code)) terms[field].push(code)
    else if (code ?? str(term.name)) unmapped.push((code ?? str(term.name)) as string)
  }
  for (const l of arr(location.languages)) {
    const code = str(l.code)
    if (code && isVocabularyCode('languages', code)) terms.languages.push(code)
  }
  const record = emptyRecord(id, name)
  const statuses = offers.map((o) => str(o.service.status))
  const status: SiteStatus =
    statuses.includes('active') || statuses.every((s) => s === null)
      ? 'active'
      : statuses.includes('temporarily closed')
        ? 'temporarily_closed'
        : statuses.includes('defunct')
          ? 'defunct'
          : 'inactive'
  const phones: string[] = []
  for (const p of linked('phones')) {
    const cell = str(p.number)
    // HSDS keeps an extension in its own field; a number may still carry one ("… x12").
    const ext = str(p.extension)
    const read = cleanPhone(cell === null ? null : ext && !/\d\s*(?:ext|x|#)/i.test(cell) ? `${cell} ext. ${ext}` : cell)
    if (read.warning) warnings.push(problemAt(whereOf(p) ?? child(at, 'phones'), 'number', read.warning))
    const text = phoneText(read)
    if (text) phones.push(text)
  }
  const lines = splitPoBox(str(address.address_1), str(address.address_2))
  const postalLine = postal ? [str(postal.address_1), str(postal.address_2)].filter(Boolean).join(', ') : ''
  const mailing = [lines.mailingAddress, postalLine].filter((v, i, all) => v && all.indexOf(v) === i).join('; ') || null
  // The organization's website, else the service's url: a placeholder in one does not hide the other.
  const orgUrl = cleanUrl(str(org.website))
  const serviceUrl = cleanUrl(str(service.url))
  if (orgUrl.warning) warnings.push(problemAt(whereOf(org) ?? child(whereOf(service) ?? at, 'organization'), 'website', orgUrl.warning))
  if (serviceUrl.warning) warnings.push(problemAt(whereOf(service) ?? at, 'url', serviceUrl.warning))
  const url = orgUrl.url ? orgUrl : serviceUrl
  Object.assign(record, {
    organizationName: str(org.name) ?? name,
    description: str(location.description),
    address1: lines.address1,
    address2: lines.address2,
    mailingAddress: mailing,
    city: str(address.city),
    region,
    postalCode: zip.zip,
    latitude: Number.isFinite(lat) ? lat : null,
    longitude: Number.isFinite(lon) ? lon : null,
    // Empty until placed when there is no point: placeRow sets it from the geocoded one.
    timezone: siteTimezone(zone.iana, Number.isFinite(lat) ? lat : null, Number.isFinite(lon) ? lon : null) ?? '',
    status,
    website: url.url,
    email: str(org.email) ?? str(service.email),
    serviceName: str(service.name) ?? 'Services',
    phones: [...new Set(phones)],
    hours: hoursOf(schedules, at, warnings),
    assuredDate: str(service.assured_date)?.slice(0, 10) ?? null,
    attributes: {
      ...(offers.length > 1 ? { hsds_services: offers.map((o) => str(o.service.name)) } : {}),
      ...(unmapped.length ? { unmapped_codes: [...new Set(unmapped)].sort() } : {}),
      ...(zone.given !== null ? { [SOURCE_TIMEZONE_ATTRIBUTE]: zone.given } : {}),
    },
  })
  if (record.assuredDate && !/^\d{4}-\d{2}-\d{2}$/.test(record.assuredDate)) record.assuredDate = null
  for (const field of VOCABULARY_FIELDS) record[field] = [...new Set(terms[field])].sort()
  return { origin, record, problems: [], unmapped, raw, ...(warnings.length ? { warnings } : {}) }
}

/** Services from an HSDS JSON document. */
export async function hsdsJsonRows(path: string): Promise<MappedRow[]> {
  const body = await readJson(path)
  const [list, listPath]: [Obj[], string | null] = Array.isArray(body)
    ? [body.map(obj), '']
    : Array.isArray(obj(body).contents)
      ? [arr(obj(body).contents), 'contents']
      : Array.isArray(obj(body).services)
        ? [arr(obj(body).services), 'services']
        : obj(body).id
          ? [[obj(body)], null]
          : [[], null]
  if (list.length === 0)
    throw new FileProblem({
      file: basename(path),
      line: 1,
      field: 'services',
      message: 'none found (expected a service, an array of services or a page with contents)',
    })
  return mapHsdsServices(list, basename(path), listPath)
}

async function table(dir: string, ...names: string[]): Promise<Obj[]> {
  for (const name of names) {
    const path = join(dir, name)
    if (!existsSync(path)) continue
    const rows: Obj[] = []
    try {
      for await (const { row, line } of readCsv(path)) {
        mark(row, { file: name, line, path: '' })
        rows.push(row)
      }
    } catch (err) {
      if (err instanceof FileProblem && /no rows/.test(err.problem.message)) return []
      throw err
    }
    return rows
  }
  return []
}

const groupBy = (rows: Obj[], key: string) => {
  const map = new Map<string, Obj[]>()
  for (const r of rows) {
    const k = str(r[key])
    if (k) map.set(k, [...(map.get(k) ?? []), r])
  }
  return map
}

/**
 * Phone or schedule rows by the most specific record each names — a known service_at_location,
 * else a location, else a service — so a row naming several (1.1's regular_schedules carry
 * service_id, location_id and service_at_location_id) is read once, and only where it applies.
 */
function byLink(rows: Obj[], sals: Obj[]): Record<'sal' | 'location' | 'service', Map<string, Obj[]>> {
  const salIds = new Set(sals.map((s) => str(s.id) ?? ''))
  const sal: Obj[] = []
  const location: Obj[] = []
  const service: Obj[] = []
  for (const r of rows) (salIds.has(str(r.service_at_location_id) ?? '') ? sal : str(r.location_id) ? location : service).push(r)
  return { sal: groupBy(sal, 'service_at_location_id'), location: groupBy(location, 'location_id'), service: groupBy(service, 'service_id') }
}

/** Services assembled from an HSDS tabular package folder (3.0 table names, or 1.1's). */
export async function hsdsTabularRows(dir: string): Promise<MappedRow[]> {
  if (!existsSync(join(dir, 'datapackage.json'))) {
    throw new FileProblem({ file: basename(dir), line: 1, field: 'datapackage.json', message: 'is missing: not an HSDS tabular data package' })
  }
  const [orgs, locations, services, sals, phones, addresses, schedules, attributes, terms, languages] = await Promise.all([
    table(dir, 'organizations.csv', 'organization.csv'),
    table(dir, 'locations.csv', 'location.csv'),
    table(dir, 'services.csv', 'service.csv'),
    table(dir, 'service_at_locations.csv', 'service_at_location.csv', 'services_at_location.csv'),
    table(dir, 'phones.csv', 'phone.csv'),
    table(dir, 'addresses.csv', 'physical_addresses.csv', 'address.csv'),
    table(dir, 'schedules.csv', 'regular_schedules.csv', 'schedule.csv'),
    table(dir, 'attributes.csv', 'attribute.csv'),
    table(dir, 'taxonomy_terms.csv', 'taxonomy_term.csv'),
    table(dir, 'languages.csv', 'language.csv'),
  ])
  const orgById = new Map(orgs.map((o) => [str(o.id) ?? '', o]))
  const termById = new Map(terms.map((t) => [str(t.id) ?? '', t]))
  const locById = new Map(locations.map((l) => [str(l.id) ?? '', l]))
  const phonesOf = byLink(phones, sals)
  const schedulesOf = byLink(schedules, sals)
  const addrByLoc = groupBy(addresses, 'location_id')
  const langByLoc = groupBy(languages, 'location_id')
  const attrsByLink = groupBy(
    attributes.map((a) => ({ ...a, taxonomy_term: termById.get(str(a.taxonomy_term_id) ?? '') ?? {} })),
    'link_id',
  )
  const salsBySvc = groupBy(sals, 'service_id')
  const weekday = (s: Obj) =>
    s.weekday && !s.byday ? { ...s, byday: ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][Number(s.weekday)] ?? str(s.weekday)?.slice(0, 2) } : s
  const nested = services.map((s) => {
    const id = str(s.id) ?? ''
    return {
      ...s,
      organization: orgById.get(str(s.organization_id) ?? '') ?? {},
      phones: phonesOf.service.get(id) ?? [],
      schedules: (schedulesOf.service.get(id) ?? []).map(weekday),
      attributes: attrsByLink.get(id) ?? [],
      service_at_locations: (salsBySvc.get(id) ?? []).map((sal) => {
        const lid = str(sal.location_id) ?? ''
        const sid = str(sal.id) ?? ''
        const loc = locById.get(lid) ?? { id: lid }
        return {
          ...sal,
          phones: phonesOf.sal.get(sid) ?? [],
          schedules: (schedulesOf.sal.get(sid) ?? []).map(weekday),
          location: {
            ...loc,
            addresses: (addrByLoc.get(lid) ?? []).map((a) => ({ ...a, state_province: a.state_province ?? a.region })),
            phones: phonesOf.location.get(lid) ?? [],
            schedules: (schedulesOf.location.get(lid) ?? []).map(weekday),
            languages: langByLoc.get(lid) ?? [],
            attributes: attrsByLink.get(lid) ?? [],
          },
        }
      }),
    }
  })
  return mapHsdsServices(nested, basename(dir))
}
