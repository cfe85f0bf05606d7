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
import { timezoneOf } from '../../geo/timezones.js'
import { cleanPhone, cleanText, restoreZip } from '../normalize.js'
import { emptyRecord } from '../../directory/import-record.js'
import type { MappedRow, RowProblem } from '../record.js'
import type { HoursRule } from '../../db/schema.js'
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

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']
const clock = (t: string | null) => (t && /^\d{1,2}:\d{2}/.test(t) ? t.padStart(5, '0').slice(0, 5) : null)

/** Weekly rules of the schedules; a rule given twice (on the location and the service, say) is kept once. */
function hoursOf(schedules: Obj[]): HoursRule[] {
  const rules = new Map<string, HoursRule>()
  for (const s of schedules) {
    const opens = clock(str(s.opens_at))
    const closes = clock(str(s.closes_at))
    const byday = (str(s.byday) ?? '')
      .toUpperCase()
      .split(',')
      .map((d) => d.trim().slice(-2))
      .filter((d) => DAYS.includes(d))
    if ((str(s.freq) ?? 'WEEKLY').toUpperCase() !== 'WEEKLY' || !opens || !closes || byday.length === 0) continue
    const rule = { byday: byday.join(','), opens, closes, valid_from: str(s.valid_from), valid_to: str(s.valid_to) }
    rules.set(JSON.stringify(rule), rule)
  }
  return [...rules.values()]
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
      const location = obj(sal.location)
      const locationAt = mark(location, child(salAt, 'location'))
      arr(location.addresses).forEach((a, k) => mark(a, child(locationAt, `addresses[${k}]`)))
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
  const address = arr(location.addresses).find((a) => str(a.address_type) !== 'postal') ?? arr(location.addresses)[0] ?? {}
  const zip = restoreZip(address.postal_code)
  if (zip.error) problems.push(problemAt(whereOf(address) ?? child(at, 'address'), 'postal_code', zip.error))
  const lat =
    typeof location.latitude === 'number' ? location.latitude : location.latitude == null || location.latitude === '' ? null : Number(location.latitude)
  const lon =
    typeof location.longitude === 'number' ? location.longitude : location.longitude == null || location.longitude === '' ? null : Number(location.longitude)
  for (const p of checkCoordinates(lat, lon)) problems.push(problemAt(at, p.field, p.message))
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
  const region = str(address.state_province) ?? str(address.region)
  const statuses = offers.map((o) => str(o.service.status))
  const status: SiteStatus =
    statuses.includes('active') || statuses.every((s) => s === null)
      ? 'active'
      : statuses.includes('temporarily closed')
        ? 'temporarily_closed'
        : statuses.includes('defunct')
          ? 'defunct'
          : 'inactive'
  // HSDS 3.0 attaches phones and schedules to the location, the service or the service_at_location.
  const linked = (key: string) => [...arr(location[key]), ...offers.flatMap((o) => [...arr(o.service[key]), ...arr(o.sal[key])])]
  const phones = linked('phones')
    .map((p) => cleanPhone(p.number))
    .filter((p): p is string => !!p)
  const schedules = linked('schedules')
  Object.assign(record, {
    organizationName: str(org.name) ?? name,
    description: str(location.description),
    address1: str(address.address_1),
    address2: str(address.address_2),
    city: str(address.city),
    region,
    postalCode: zip.zip,
    latitude: Number.isFinite(lat) ? lat : null,
    longitude: Number.isFinite(lon) ? lon : null,
    timezone: timezoneOf(region, lon),
    status,
    website: str(org.website) ?? str(service.url),
    email: str(org.email) ?? str(service.email),
    serviceName: str(service.name) ?? 'Services',
    phones: [...new Set(phones)],
    hours: hoursOf(schedules),
    assuredDate: str(service.assured_date)?.slice(0, 10) ?? null,
    attributes: {
      ...(offers.length > 1 ? { hsds_services: offers.map((o) => str(o.service.name)) } : {}),
      ...(unmapped.length ? { unmapped_codes: [...new Set(unmapped)].sort() } : {}),
    },
  })
  if (record.assuredDate && !/^\d{4}-\d{2}-\d{2}$/.test(record.assuredDate)) record.assuredDate = null
  for (const field of VOCABULARY_FIELDS) record[field] = [...new Set(terms[field])].sort()
  return { origin, record, problems: [], unmapped, raw }
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
