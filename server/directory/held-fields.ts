/**
 * Fields a curator holds. A location is derived from its source records (location-derive.ts);
 * a held field replaces the derived value, so a re-import never overwrites a curator's edit,
 * and where the source says something else the difference is reported (a "source disagrees"
 * item). Pure: location-recompute.ts reads the held values and writes the result.
 */
import type { HoursRule } from '../db/schema.js'
import { timezoneAt } from '../geo/timezones.js'
import type { DerivedLocation } from './location-derive.js'
import { canonicalRule } from '../schedule/rows.js'

/** Location columns a curator can hold, each under its own name. */
export const HELD_COLUMNS = [
  'name',
  'description',
  'address_1',
  'address_2',
  'city',
  'region',
  'postal_code',
  'timezone',
  'status',
  'website',
  'types',
  'payment',
  'populations',
  'access',
  'languages',
] as const

/** Fields only curators set: no source says anything about them, so they never disagree. */
export const CURATOR_ONLY_FIELDS = ['public_note', 'status_until', 'status_reason'] as const

/** Every field a curator can hold (docs/curation.md lists them for the API). */
export const HELD_FIELDS = [...HELD_COLUMNS, ...CURATOR_ONLY_FIELDS, 'point', 'organization_name', 'phones', 'hours', 'services'] as const
export type HeldField = (typeof HELD_FIELDS)[number]

/** A location's values as the directory stores them, before or after the held fields apply. */
export interface LocationView {
  location: DerivedLocation
  organizationName: string
  phones: string[]
  hours: HoursRule[]
  /** The service codes of the site as a whole (its services' union, or a curator's list). */
  services: string[]
}

export interface Disagreement {
  field: HeldField
  sourceValue: unknown
  curatorValue: unknown
}

const CODE_LISTS = new Set<string>(['types', 'payment', 'populations', 'access', 'languages', 'services'])

/** The value of one field in a view (the shape the API and the audit trail use). */
export function fieldValue(view: LocationView, field: HeldField): unknown {
  switch (field) {
    case 'point':
      return { lat: view.location.latitude, lon: view.location.longitude }
    case 'organization_name':
      return view.organizationName
    case 'phones':
      return view.phones
    case 'hours':
      return view.hours
    case 'services':
      return view.services
    default:
      return view.location[field] ?? null
  }
}

/** Hours rules with their keys in one order (a jsonb round trip reorders them). */
export function canonicalHours(rules: readonly HoursRule[]): HoursRule[] {
  // A recurring rule keeps its freq/interval/bymonthday/dtstart: "2TU" alone is not a weekly day.
  return rules.map(canonicalRule)
}

/** A value in a form two values can be compared by (code lists as sorted sets, points to about 1 cm). */
export function comparable(field: string, value: unknown): string {
  if (CODE_LISTS.has(field) && Array.isArray(value)) return JSON.stringify([...value].sort())
  if (field === 'hours' && Array.isArray(value)) return JSON.stringify(canonicalHours(value as HoursRule[]))
  if (field === 'point' && value && typeof value === 'object') {
    const p = value as { lat: number; lon: number }
    return JSON.stringify([Number(p.lat).toFixed(7), Number(p.lon).toFixed(7)])
  }
  return JSON.stringify(value ?? null)
}

function withField(view: LocationView, field: HeldField, value: unknown): LocationView {
  switch (field) {
    case 'point': {
      const p = value as { lat: number; lon: number }
      return { ...view, location: { ...view.location, latitude: p.lat, longitude: p.lon, geocode_precision: 'exact' } }
    }
    case 'organization_name':
      return { ...view, organizationName: value as string }
    case 'phones':
      return { ...view, phones: value as string[] }
    case 'hours':
      return { ...view, hours: canonicalHours(value as HoursRule[]) }
    case 'services': {
      const codes = [...(value as string[])].sort()
      return { ...view, services: codes, location: { ...view.location, services_override: codes } }
    }
    default:
      return { ...view, location: { ...view.location, [field]: value } }
  }
}

/**
 * The view with the held fields applied, and where the source disagrees with them (curator-only
 * fields never do). Example: a held phone list `['410-555-0101']` over a source that says
 * `['410-555-0199']` gives the curator's list and one disagreement on `phones`.
 */
export function applyHeld(source: LocationView, held: ReadonlyMap<string, unknown>): { view: LocationView; disagreements: Disagreement[] } {
  let view = source
  const disagreements: Disagreement[] = []
  for (const field of HELD_FIELDS) {
    if (!held.has(field)) continue
    const value = held.get(field)
    const sourceValue = fieldValue(source, field)
    if (!(CURATOR_ONLY_FIELDS as readonly string[]).includes(field) && comparable(field, sourceValue) !== comparable(field, value)) {
      disagreements.push({ field, sourceValue, curatorValue: value })
    }
    view = withField(view, field, value)
  }
  // A site a curator moved keeps the clock of where it now is, unless the curator set the clock too.
  if (held.has('point') && !held.has('timezone')) {
    view = { ...view, location: { ...view.location, timezone: timezoneAt(view.location.latitude, view.location.longitude) } }
  }
  return { view, disagreements }
}
