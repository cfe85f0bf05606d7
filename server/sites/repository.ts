/**
 * One site's full record from the directory tables, for the detail view and API clients.
 */
import type { Kysely } from 'kysely'
import type { AvailabilityReports } from '../../common/contract/availability.js'
import type { Database, HoursRule } from '../db/schema.js'
import { linkFromRow, type SourceLink } from '../directory/location-sources.js'
import { availabilityReportsOf } from '../reports/availability.js'
import { RULE_COLUMNS, withRecurrence } from '../schedule/rows.js'
import { liveStatusOf, NO_LIVE_STATUS, type LiveStatus } from './live-status.js'
import { findMobileUnit, type MobileUnitRow } from './mobile-stops.js'

/** A source record of the site, with when it was imported and merged. */
export interface SiteSourceLink extends SourceLink {
  imported_at: Date
  merged_at: Date | null
}

export interface SiteDetailRow {
  location: {
    id: string
    name: string
    alternate_name: string | null
    description: string | null
    mobile: boolean
    address_1: string | null
    address_2: string | null
    mailing_address: string | null
    city: string | null
    region: string | null
    postal_code: string | null
    latitude: number | null
    longitude: number | null
    geocode_precision: string
    timezone: string
    status: string
    website: string | null
    types: string[]
    payment: string[]
    populations: string[]
    access: string[]
    languages: string[]
    source: string
    source_id: string
    assured_date: string | null
    imported_at: Date
    demo: boolean
    source_attributes: Record<string, unknown>
    public_note: string | null
    status_until: string | null
    status_reason: string | null
    /** Service codes a curator set for the whole site (null: the union of its services' codes). */
    services_override: string[] | null
    /** A mobile unit's stop: the unit's id (absent or null: not a stop). */
    stop_of?: string | null
  }
  organization: { id: string; name: string; website: string | null; email: string | null; description: string | null }
  services: { id: string; name: string; codes: string[]; status: string }[]
  hours: HoursRule[]
  phones: { number: string; extension: string | null; type: string; description: string | null }[]
  /** Its source records, in the order the site's fields are derived from them (location-recompute.ts). */
  links: SiteSourceLink[]
  /** The fields a curator holds (curator_overrides). */
  heldFields: Set<string>
  /** The services whose hours stand in for the site's own (empty when the site lists hours). */
  hoursFromServices: string[]
  /** What people said in the last 7 days (got supplies, out, closed): unconfirmed; none when absent. */
  availability?: AvailabilityReports
  /** Live status posted by the site or a curator that has not expired at `now` (absent: none). */
  live?: LiveStatus
  /** The mobile unit the site is, or is a stop of, with its stops (absent or null: neither). */
  mobileUnit?: MobileUnitRow | null
}

const clock = (t: string) => t.slice(0, 5)

/** The site with this location id, or null; availability reports are counted back from `now`. */
export async function findSiteDetail(db: Kysely<Database>, id: string, now = new Date()): Promise<SiteDetailRow | null> {
  const location = await db
    .selectFrom('locations')
    .where('id', '=', id)
    .select([
      'id',
      'organization_id',
      'name',
      'alternate_name',
      'description',
      'mobile',
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
      'source',
      'source_id',
      'assured_date',
      'imported_at',
      'demo',
      'source_attributes',
      'public_note',
      'status_until',
      'status_reason',
      'services_override',
      'stop_of',
    ])
    .executeTakeFirst()
  if (!location) return null
  const [organization, services, locationHours, serviceHours, phones, linkRows, heldRows, availability, liveById, mobileUnit] = await Promise.all([
    db
      .selectFrom('organizations')
      .where('id', '=', location.organization_id)
      .select(['id', 'name', 'website', 'email', 'description'])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('service_at_location as sal')
      .innerJoin('services as s', 's.id', 'sal.service_id')
      .where('sal.location_id', '=', id)
      .select(['s.id', 's.name', 's.codes', 's.status'])
      .orderBy('s.name')
      .execute(),
    db
      .selectFrom('schedules')
      .where('location_id', '=', id)
      .select([...RULE_COLUMNS])
      .orderBy('byday')
      .orderBy('opens_at')
      .execute(),
    db
      .selectFrom('schedules as h')
      .innerJoin('service_at_location as sal', 'sal.id', 'h.service_at_location_id')
      .where('sal.location_id', '=', id)
      .select(['sal.service_id', 'h.byday', 'h.opens_at', 'h.closes_at', 'h.valid_from', 'h.valid_to', 'h.freq', 'h.interval', 'h.bymonthday', 'h.dtstart'])
      .orderBy('h.byday')
      .orderBy('h.opens_at')
      .execute(),
    db.selectFrom('phones').where('location_id', '=', id).select(['number', 'extension', 'type', 'description']).orderBy('ordinal').orderBy('id').execute(),
    // The order recomputeLocations reads them in: which merged record wins a field depends on it.
    db
      .selectFrom('location_sources')
      .where('location_id', '=', id)
      .select(['source', 'source_id', 'location_id', 'service_id', 'record', 'record_hash', 'imported_at', 'merged_at'])
      .orderBy('merged_at', 'asc')
      .orderBy('source')
      .orderBy('source_id')
      .execute(),
    db.selectFrom('curator_overrides').where('location_id', '=', id).select('field').execute(),
    availabilityReportsOf(db, id, now),
    liveStatusOf(db, [id], now),
    findMobileUnit(db, location),
  ])
  // Site hours, or failing those the union of its services' hours (as the search table does).
  const rules = (locationHours.length ? locationHours : serviceHours).map((h) =>
    withRecurrence({ byday: h.byday, opens: clock(h.opens_at), closes: clock(h.closes_at), valid_from: h.valid_from, valid_to: h.valid_to }, h),
  )
  const live = liveById.get(id) ?? NO_LIVE_STATUS
  const { organization_id: _org, ...rest } = location
  const links = linkRows.map(({ imported_at, merged_at, ...row }) => ({ ...linkFromRow(row), imported_at, merged_at }))
  return {
    location: rest,
    organization,
    services,
    hours: rules,
    phones,
    links,
    heldFields: new Set(heldRows.map((r) => r.field)),
    hoursFromServices: locationHours.length ? [] : [...new Set(serviceHours.map((h) => h.service_id))],
    availability,
    live,
    mobileUnit,
  }
}
