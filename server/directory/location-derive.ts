/**
 * A location as its source records describe it: the primary record gives name and address,
 * the most precise record gives the point, and every active record adds its types, payment,
 * populations, access and languages. Pure.
 */
import type { GeocodePrecision } from '../db/schema.js'
import type { ImportRecord } from './import-record.js'

export interface DerivedLocation {
  name: string
  alternate_name: string | null
  description: string | null
  address_1: string | null
  address_2: string | null
  /** A P.O. box: where mail goes, not where the site is. */
  mailing_address: string | null
  city: string | null
  region: string | null
  postal_code: string | null
  latitude: number
  longitude: number
  geocode_precision: GeocodePrecision
  timezone: string
  status: string
  website: string | null
  types: string[]
  payment: string[]
  populations: string[]
  access: string[]
  languages: string[]
  /** Curator-only fields: no source sets them, so derived they are null (held-fields.ts). */
  public_note: string | null
  status_until: string | null
  status_reason: string | null
  services_override: string[] | null
}

export const LOCATION_FIELDS = [
  'name',
  'alternate_name',
  'description',
  'address_1',
  'address_2',
  'mailing_address',
  'city',
  'region',
  'postal_code',
  'latitude',
  'longitude',
  'geocode_precision',
  'timezone',
  'status',
  'website',
  'types',
  'payment',
  'populations',
  'access',
  'languages',
  'public_note',
  'status_until',
  'status_reason',
  'services_override',
] as const

const PRECISION_RANK: Record<GeocodePrecision, number> = { exact: 0, street: 1, zip_centroid: 2, city: 3, unknown: 4 }
const union = (lists: string[][]) => [...new Set(lists.flat())].sort()

/**
 * The records each derived field is taken from: the primary record for name and address, the
 * most precise for the point, the first with a website, the active ones for the code lists.
 * deriveLocation uses these choices and the site API shows them (server/sites/provenance.ts).
 */
export function fieldChoices(primary: ImportRecord, merged: readonly ImportRecord[]) {
  const all = [primary, ...merged]
  const active = all.filter((r) => r.status === 'active')
  const contributing = active.length ? active : [primary]
  const placed = [...all].sort((a, b) => PRECISION_RANK[a.geocodePrecision] - PRECISION_RANK[b.geocodePrecision])[0] ?? primary
  const website = primary.website != null ? primary : (active.find((r) => r.website) ?? null)
  return { all, active, contributing, placed, website }
}

/** The location's fields from its primary record and the records merged into it. */
export function deriveLocation(primary: ImportRecord, merged: readonly ImportRecord[]): DerivedLocation {
  const { active, contributing, placed, website } = fieldChoices(primary, merged)
  return {
    name: primary.name,
    alternate_name: primary.alternateName ?? null,
    description: primary.description,
    address_1: primary.address1,
    address_2: primary.address2,
    mailing_address: primary.mailingAddress ?? null,
    city: primary.city,
    region: primary.region,
    postal_code: primary.postalCode,
    latitude: placed.latitude as number,
    longitude: placed.longitude as number,
    geocode_precision: placed.geocodePrecision,
    timezone: primary.timezone,
    status: active.length ? 'active' : primary.status,
    website: website?.website ?? null,
    types: union(contributing.map((r) => r.types)),
    payment: union(contributing.map((r) => r.payment)),
    populations: union(contributing.map((r) => r.populations)),
    access: union(contributing.map((r) => r.access)),
    languages: union(contributing.map((r) => r.languages)),
    public_note: null,
    status_until: null,
    status_reason: null,
    services_override: null,
  }
}

/** The service codes of a site as its active records give them (all records' when none is active). */
export function derivedServices(primary: ImportRecord, merged: readonly ImportRecord[]): string[] {
  return union(fieldChoices(primary, merged).contributing.map((r) => r.services))
}

/** Field-by-field differences (arrays compared as sorted sets). */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): { field: string; previous: unknown; next: unknown }[] {
  const norm = (v: unknown) => (Array.isArray(v) ? JSON.stringify([...v].sort()) : JSON.stringify(v ?? null))
  return fields.filter((f) => norm(before[f]) !== norm(after[f])).map((f) => ({ field: f, previous: before[f] ?? null, next: after[f] ?? null }))
}
