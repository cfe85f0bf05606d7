/**
 * Where a site's listing comes from: its source records, and for each shown field the records
 * (or the curator) it came from. Derived on read with the choices location-derive.ts makes
 * when it derives the stored fields (fieldChoices), over the records in the order
 * location-recompute.ts reads them, so what it says is what the recompute did. Pure.
 */
import type { FieldSource, FieldSources, ProvenanceField, RecordRef, SourceRecord } from '../../common/contract/provenance.js'
import { fieldChoices } from '../directory/location-derive.js'
import type { ImportRecord } from '../directory/import-record.js'
import type { SiteDetailRow, SiteSourceLink } from './repository.js'

const refOf = (l: { source: string; source_id: string }): RecordRef => ({ source: l.source, source_id: l.source_id })
const fromRecords = (records: RecordRef[]): FieldSource => (records.length ? { from: 'source', records } : { from: 'none', records: [] })
const CURATOR: FieldSource = { from: 'curator', records: [] }
const NONE: FieldSource = { from: 'none', records: [] }
const digits = (phone: string) => phone.replace(/\D/g, '')

/** Each item of a list with the records that list it; an item no record lists has none. */
function perItem(items: readonly string[], candidates: readonly SiteSourceLink[], has: (r: ImportRecord, item: string) => boolean): FieldSource {
  const values: Record<string, RecordRef[]> = {}
  for (const item of items) values[item] = candidates.filter((l) => has(l.record, item)).map(refOf)
  const records = candidates.filter((l) => items.some((item) => has(l.record, item))).map(refOf)
  return items.length ? { from: 'source', records, values } : NONE
}

/** The records merged into the site, its own first, as the API lists them. */
export function sourceRecords(site: SiteDetailRow): SourceRecord[] {
  const { location } = site
  const isPrimary = (l: SiteSourceLink) => l.source === location.source && l.source_id === location.source_id
  return [...site.links]
    .sort((a, b) => Number(isPrimary(b)) - Number(isPrimary(a)))
    .map((l) => ({
      source: l.source,
      source_id: l.source_id,
      primary: isPrimary(l),
      name: l.record.name,
      alternate_name: l.record.alternateName ?? null,
      status: l.record.status,
      imported_at: new Date(l.imported_at).toISOString(),
      merged_at: l.merged_at === null ? null : new Date(l.merged_at).toISOString(),
    }))
}

/**
 * For each field the site shows, where it comes from. A held field is the curator's; the
 * others come from the records that deriveLocation took them from. A site without source
 * records (demo data, a site made by hand) has its own source for every field it has.
 */
export function fieldSources(site: SiteDetailRow, shownServices: readonly string[]): FieldSources {
  const { location: l, links, heldFields } = site
  const primary = links.find((x) => x.source === l.source && x.source_id === l.source_id)
  const out = {} as FieldSources
  // Shown fields are named as curators hold them (held-fields.ts: HELD_FIELDS).
  const held = (field: ProvenanceField) => heldFields.has(field)
  const hasValue = (field: ProvenanceField): boolean => {
    const value = shownValue(site, field, shownServices)
    return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== ''
  }
  if (!primary) {
    const own = [refOf(l)]
    for (const field of Object.keys(SHOWN) as ProvenanceField[]) out[field] = held(field) ? CURATOR : hasValue(field) ? { from: 'source', records: own } : NONE
    return out
  }
  const merged = links.filter((x) => x !== primary)
  const linkOf = new Map<ImportRecord, SiteSourceLink>(links.map((x) => [x.record, x]))
  const choices = fieldChoices(
    primary.record,
    merged.map((x) => x.record),
  )
  const recordLinks = (records: readonly ImportRecord[]) => records.map((r) => linkOf.get(r) as SiteSourceLink)
  const fromPrimary = (field: ProvenanceField) => (hasValue(field) ? fromRecords([refOf(primary)]) : NONE)
  const contributing = recordLinks(choices.contributing)
  const derived: Record<ProvenanceField, () => FieldSource> = {
    name: () => fromPrimary('name'),
    alternate_name: () => fromPrimary('alternate_name'),
    organization_name: () => fromPrimary('organization_name'),
    description: () => fromPrimary('description'),
    address_1: () => fromPrimary('address_1'),
    address_2: () => fromPrimary('address_2'),
    city: () => fromPrimary('city'),
    region: () => fromPrimary('region'),
    postal_code: () => fromPrimary('postal_code'),
    point: () => (hasValue('point') ? fromRecords(recordLinks([choices.placed]).map(refOf)) : NONE),
    timezone: () => fromPrimary('timezone'),
    // Active while any record is; otherwise what the primary record says.
    status: () => fromRecords((choices.active.length ? recordLinks(choices.active) : [primary]).map(refOf)),
    website: () => (choices.website && l.website !== null ? fromRecords(recordLinks([choices.website]).map(refOf)) : NONE),
    hours: () =>
      site.hours.length === 0
        ? NONE
        : site.hoursFromServices.length
          ? fromRecords([primary, ...merged].filter((x) => x.service_id !== null && site.hoursFromServices.includes(x.service_id)).map(refOf))
          : fromRecords([refOf(primary)]),
    // Every record's phones are kept (the primary's first): each number is from the records that list it.
    phones: () =>
      perItem(
        site.phones.map((p) => p.number),
        [primary, ...merged],
        (r, number) => r.phones.some((p) => p === number || digits(p) === digits(number)),
      ),
    services: () => perItem(shownServices, contributing, (r, code) => r.services.includes(code)),
    types: () => perItem(l.types, contributing, (r, code) => r.types.includes(code)),
    payment: () => perItem(l.payment, contributing, (r, code) => r.payment.includes(code)),
    populations: () => perItem(l.populations, contributing, (r, code) => r.populations.includes(code)),
    access: () => perItem(l.access, contributing, (r, code) => r.access.includes(code)),
    languages: () => perItem(l.languages, contributing, (r, code) => r.languages.includes(code)),
    // No source sets these: only a curator does.
    public_note: () => NONE,
    status_until: () => NONE,
    status_reason: () => NONE,
  }
  for (const field of Object.keys(derived) as ProvenanceField[]) out[field] = held(field) ? CURATOR : derived[field]()
  return out
}

/** The value the site detail shows for a field. */
const SHOWN: Record<ProvenanceField, (site: SiteDetailRow, services: readonly string[]) => unknown> = {
  name: (s) => s.location.name,
  alternate_name: (s) => s.location.alternate_name,
  organization_name: (s) => s.organization.name,
  description: (s) => s.location.description,
  address_1: (s) => s.location.address_1,
  address_2: (s) => s.location.address_2,
  city: (s) => s.location.city,
  region: (s) => s.location.region,
  postal_code: (s) => s.location.postal_code,
  point: (s) => (s.location.latitude === null ? null : s.location.latitude),
  timezone: (s) => s.location.timezone,
  status: (s) => s.location.status,
  website: (s) => s.location.website,
  hours: (s) => s.hours,
  phones: (s) => s.phones,
  types: (s) => s.location.types,
  services: (_s, services) => services,
  payment: (s) => s.location.payment,
  populations: (s) => s.location.populations,
  access: (s) => s.location.access,
  languages: (s) => s.location.languages,
  public_note: (s) => s.location.public_note,
  status_until: (s) => s.location.status_until,
  status_reason: (s) => s.location.status_reason,
}

function shownValue(site: SiteDetailRow, field: ProvenanceField, services: readonly string[]): unknown {
  return SHOWN[field](site, services)
}
