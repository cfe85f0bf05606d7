/**
 * One source's record of a site, as the directory stores it (location_sources.record) and
 * every importer hands it over: mapped onto the vocabulary, with what the vocabulary has no
 * place for kept in attributes. Pure: building, combining, the canonical form that hashes
 * stably, and the compact stored form.
 */
import type { GeocodePrecision, HoursRule } from '../db/schema.js'
import type { SiteStatus } from '../vocabulary.js'

export interface ImportRecord {
  /** The source's own id, or a normalised name + address when it has none. */
  sourceId: string
  name: string
  /** A second name the source gives the site (SAMHSA's name2, the program's name). Optional: records stored before it existed lack it. */
  alternateName?: string | null
  organizationName: string
  description: string | null
  address1: string | null
  address2: string | null
  /** A P.O. box the source gave in its street lines (importers/normalize.ts splitPoBox). Optional: records stored before it existed lack it. */
  mailingAddress?: string | null
  city: string | null
  region: string | null
  postalCode: string | null
  /** Null until geocoded; a record that cannot be placed is rejected. */
  latitude: number | null
  longitude: number | null
  geocodePrecision: GeocodePrecision
  timezone: string
  status: SiteStatus
  website: string | null
  email: string | null
  /** Name of the service row this record contributes ("Substance use treatment", "Syringe access"). */
  serviceName: string
  types: string[]
  services: string[]
  payment: string[]
  populations: string[]
  access: string[]
  languages: string[]
  /** "(410) 555-0100", or with an extension "(410) 555-0100 ext. 12" (phoneParts splits it for the phones table). */
  phones: string[]
  hours: HoursRule[]
  assuredDate: string | null
  /** Source fields and codes with no home in the vocabulary: kept, never dropped. */
  attributes: Record<string, unknown>
}

/** An empty record to fill in; defaults that every format shares. */
export function emptyRecord(sourceId: string, name: string): ImportRecord {
  return {
    sourceId,
    name,
    alternateName: null,
    organizationName: name,
    description: null,
    address1: null,
    address2: null,
    mailingAddress: null,
    city: null,
    region: null,
    postalCode: null,
    latitude: null,
    longitude: null,
    geocodePrecision: 'exact',
    timezone: 'America/New_York',
    status: 'active',
    website: null,
    email: null,
    serviceName: 'Services',
    types: [],
    services: [],
    payment: [],
    populations: [],
    access: [],
    languages: [],
    phones: [],
    hours: [],
    assuredDate: null,
    attributes: {},
  }
}

/** The values sorted without repeats (the same array when it already is). */
function uniqueSorted(values: string[]): string[] {
  for (let i = 1; i < values.length; i++) if (!((values[i - 1] as string) < (values[i] as string))) return [...new Set(values)].sort()
  return values
}

/**
 * Two rows of one file with the same source id (the MOUD list repeats a facility once per
 * medication): one record with the union of their codes.
 */
export function combineRecords(a: ImportRecord, b: ImportRecord): ImportRecord {
  return {
    ...a,
    types: uniqueSorted([...a.types, ...b.types]),
    services: uniqueSorted([...a.services, ...b.services]),
    payment: uniqueSorted([...a.payment, ...b.payment]),
    populations: uniqueSorted([...a.populations, ...b.populations]),
    access: uniqueSorted([...a.access, ...b.access]),
    languages: uniqueSorted([...a.languages, ...b.languages]),
    phones: [...new Set([...a.phones, ...b.phones])],
    attributes: combineAttributes(a.attributes, b.attributes),
  }
}

function combineAttributes(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a }
  for (const [key, value] of Object.entries(b)) {
    const prev = out[key]
    if (prev === undefined || JSON.stringify(prev) === JSON.stringify(value)) out[key] = value
    else if (Array.isArray(prev) && Array.isArray(value)) out[key] = [...new Set([...prev, ...value])]
    else out[key] = [...new Set([...(Array.isArray(prev) ? prev : [prev]), value])]
  }
  return out
}

/**
 * Puts arrays in a canonical order so the same data always hashes the same. The fields are
 * listed in sorted order, the order stableJson writes them in, so hashing it needs no copy.
 */
export function canonicalRecord(r: ImportRecord): ImportRecord {
  return {
    access: uniqueSorted(r.access),
    address1: r.address1,
    address2: r.address2,
    // Only when given, so the records of sources without a second name hash as they always have.
    ...(r.alternateName ? { alternateName: r.alternateName } : {}),
    assuredDate: r.assuredDate,
    attributes: r.attributes,
    city: r.city,
    description: r.description,
    email: r.email,
    geocodePrecision: r.geocodePrecision,
    hours: r.hours,
    languages: uniqueSorted(r.languages),
    latitude: r.latitude,
    longitude: r.longitude,
    // Only when given, so records without a P.O. box hash as they always have.
    ...(r.mailingAddress ? { mailingAddress: r.mailingAddress } : {}),
    name: r.name,
    organizationName: r.organizationName,
    payment: uniqueSorted(r.payment),
    phones: r.phones,
    populations: uniqueSorted(r.populations),
    postalCode: r.postalCode,
    region: r.region,
    serviceName: r.serviceName,
    services: uniqueSorted(r.services),
    sourceId: r.sourceId,
    status: r.status,
    timezone: r.timezone,
    types: uniqueSorted(r.types),
    website: r.website,
  }
}

/**
 * The record as location_sources stores it: empty values, the source id (a column of its
 * own) and an organization name equal to the site name left out. At a million rows the stored
 * JSON is a large part of an import's cost; `recordFromStore` restores the full record.
 */
export function recordToStore(r: ImportRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(r)) {
    if (key === 'sourceId' || value === null || value === undefined) continue
    if (key === 'organizationName' && value === r.name) continue
    if (Array.isArray(value) && value.length === 0) continue
    if (key === 'attributes' && Object.keys(value as object).length === 0) continue
    out[key] = value
  }
  return out
}

/** The full record from what location_sources holds (either the stored form or a full record). */
export function recordFromStore(stored: Record<string, unknown>, sourceId: string): ImportRecord {
  const name = String(stored.name ?? '')
  return { ...emptyRecord(sourceId, name), ...(stored as Partial<ImportRecord>), sourceId }
}

// " ext. 12" as importers/phones.ts writes it; " x12" as a curator may type it.
const EXTENSION = /\s+(?:ext\.?|x)\s*(\d{1,9})$/i

/** A stored phone as the phones table's columns: phoneParts('(410) 555-0100 ext. 12') → { number: '(410) 555-0100', extension: '12' }. */
export function phoneParts(phone: string): { number: string; extension: string | null } {
  const m = EXTENSION.exec(phone)
  return m ? { number: phone.slice(0, m.index), extension: m[1] as string } : { number: phone, extension: null }
}

/** The stored form of a phones-table row: the inverse of phoneParts. */
export function phoneOfRow(row: { number: string; extension: string | null }): string {
  return row.extension ? `${row.number} ext. ${row.extension}` : row.number
}
