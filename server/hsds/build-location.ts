/**
 * Our location rows as HSDS 3.0 locations, with address, phones, schedules, languages,
 * accessibility and attributes (types, payment, populations, access, source codes). Pure.
 */
import type { LocationRow, MetadataRow, PhoneRow, ScheduleRow } from './graph-repository.js'
import { hsdsId } from './ids.js'
import { DEMO_TERM, languageName, sourceCodeTerm, vocabularyTerm, type HsdsTaxonomyTerm, type TermKindName } from './taxonomy.js'
import { CURATOR_SOURCE } from '../directory/location-recompute.js'

export type HsdsObject = Record<string, unknown>

/** Drops null and undefined members: the HSDS schemas type fields as plain strings/numbers, never null. */
export function compact<T extends HsdsObject>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null && v !== undefined)) as T
}

// The email format of ajv-formats ("full" mode), so what we emit validates.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i
const PLAIN_URL = /^https?:\/\/[^\s<>"{}|\\^`]+$/i

/** An email the schema accepts, or undefined (a malformed address is left out rather than invalidating the record). */
export function validEmail(value: string | null): string | undefined {
  return value && EMAIL.test(value) ? value : undefined
}

/** An absolute URL: "www.example.org" gets https://; what cannot be a URL is left out. */
export function absoluteUrl(value: string | null): string | undefined {
  if (!value) return undefined
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`
  if (PLAIN_URL.test(withScheme)) return withScheme
  try {
    return new URL(withScheme).href
  } catch {
    return undefined
  }
}

type Link = { location_id: string } | { service_id: string } | { organization_id: string } | { service_at_location_id: string }

/** A phone; a numeric extension is a number in HSDS, any other extension goes into the description. */
export function phoneObject(row: PhoneRow, link: Link): HsdsObject {
  const numeric = row.extension && /^\d{1,9}$/.test(row.extension) ? Number(row.extension) : undefined
  const description = [row.description, row.extension && numeric === undefined ? `ext. ${row.extension}` : null].filter(Boolean).join('; ')
  return compact({ id: hsdsId('phone', row.id), ...link, number: row.number, extension: numeric, type: row.type, description: description || undefined })
}

/**
 * A rule as its RRULE: weekly ("MO,TU 09:00–17:00"), every n weeks from dtstart, or monthly
 * ("2TU,4TU", bymonthday "1,-1"), so an HSDS import of the export reads the same rule back.
 * The location's IANA timezone has no HSDS field (schedule.timezone is a UTC offset).
 */
export function scheduleObject(row: ScheduleRow, link: Link): HsdsObject {
  return compact({
    id: hsdsId('schedule', row.id),
    ...link,
    freq: row.freq,
    interval: row.interval === 1 ? undefined : row.interval,
    wkst: 'MO',
    dtstart: row.dtstart ?? undefined,
    byday: row.byday || undefined,
    bymonthday: row.bymonthday ?? undefined,
    opens_at: row.opens_at.slice(0, 5),
    closes_at: row.closes_at.slice(0, 5),
    valid_from: row.valid_from,
    valid_to: row.valid_to,
    description: row.description,
  })
}

/** An attribute linking a record to a taxonomy term. */
export function attributeObject(linkEntity: 'service' | 'location', linkId: string, term: HsdsTaxonomyTerm): HsdsObject {
  return {
    id: hsdsId('attribute', `${linkEntity}:${linkId}:${term.id}`),
    link_id: linkId,
    link_entity: linkEntity,
    taxonomy_term_id: term.id,
    taxonomy_term: term,
  }
}

const LOCATION_TERMS: [keyof Pick<LocationRow, 'types' | 'payment' | 'populations' | 'access'>, TermKindName][] = [
  ['types', 'type'],
  ['payment', 'payment'],
  ['populations', 'population'],
  ['access', 'access'],
]

/** The location's one-to-one fields (what list endpoints show). */
export function locationListItem(row: LocationRow): HsdsObject {
  return compact({
    id: hsdsId('location', row.id),
    location_type: row.location_type,
    organization_id: hsdsId('organization', row.organization_id),
    url: absoluteUrl(row.website),
    name: row.name,
    alternate_name: row.alternate_name,
    description: row.description,
    latitude: row.latitude,
    longitude: row.longitude,
    // Our own id, so an HSDS client can link back to /api/v1/sites/{id}.
    external_identifier: row.id,
    external_identifier_type: 'harm-reduction-locator',
  })
}

export interface LocationParts {
  phones: readonly PhoneRow[]
  schedules: readonly ScheduleRow[]
  metadata?: readonly MetadataRow[]
}

/**
 * One change as HSDS metadata. Values are JSON text; `updated_by` says "curator", "provider"
 * (through an update link) or the importing source, never who the curator was (exports are public).
 */
export function metadataObject(row: MetadataRow, resourceId: string): HsdsObject {
  return {
    id: hsdsId('metadata', String(row.id)),
    resource_id: resourceId,
    resource_type: 'location',
    last_action_date: new Date(row.changed_at).toISOString().slice(0, 10),
    last_action_type: row.action,
    field_name: row.field_name ?? '',
    previous_value: JSON.stringify(row.previous_value ?? null),
    replacement_value: JSON.stringify(row.new_value ?? null),
    updated_by: row.source === CURATOR_SOURCE ? 'curator' : row.source === 'provider' ? 'provider' : `import: ${row.source ?? 'unknown'}`,
  }
}

/** The location in full. */
export function locationObject(row: LocationRow, parts: LocationParts): HsdsObject {
  const id = hsdsId('location', row.id)
  // A site whose only address line was a P.O. box has no street: its physical address is city, state and ZIP.
  const hasAddress = [row.address_1, row.city, row.region, row.postal_code].some((v) => v)
  const unmapped = row.source_attributes.unmapped_codes
  const attributes = [
    ...LOCATION_TERMS.flatMap(([column, kind]) => row[column].map((code) => attributeObject('location', id, vocabularyTerm(kind, code)))),
    ...(Array.isArray(unmapped)
      ? unmapped.filter((c): c is string => typeof c === 'string').map((c) => attributeObject('location', id, sourceCodeTerm(c)))
      : []),
    ...(row.demo ? [attributeObject('location', id, DEMO_TERM)] : []),
  ]
  return {
    ...locationListItem(row),
    // address_1, city, state_province and postal_code are required by the schema: empty when unknown.
    addresses: [
      ...(hasAddress
        ? [
            compact({
              id: hsdsId('address', row.id),
              location_id: id,
              address_1: row.address_1 ?? '',
              address_2: row.address_2,
              city: row.city ?? '',
              state_province: row.region ?? '',
              postal_code: row.postal_code ?? '',
              country: row.country,
              address_type: 'physical',
            }),
          ]
        : []),
      // A P.O. box is where mail goes: a 'postal' address in the site's city, state and ZIP.
      ...(row.mailing_address
        ? [
            compact({
              id: hsdsId('address', `${row.id}:postal`),
              location_id: id,
              address_1: row.mailing_address,
              city: row.city ?? '',
              state_province: row.region ?? '',
              postal_code: row.postal_code ?? '',
              country: row.country,
              address_type: 'postal',
            }),
          ]
        : []),
    ],
    phones: parts.phones.map((p) => phoneObject(p, { location_id: id })),
    schedules: parts.schedules.map((s) => scheduleObject(s, { location_id: id })),
    languages: row.languages.map((code) => compact({ id: hsdsId('language', `${row.id}:${code}`), location_id: id, code, name: languageName(code) })),
    accessibility: row.access.includes('wheelchair_accessible')
      ? [{ id: hsdsId('accessibility', `${row.id}:wheelchair_accessible`), location_id: id, description: 'Wheelchair accessible' }]
      : [],
    attributes,
    metadata: (parts.metadata ?? []).map((m) => metadataObject(m, id)),
  }
}
