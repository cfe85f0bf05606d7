/**
 * Loads everything an HSDS service needs — organization, service_at_locations, locations,
 * phones and schedules — for a page of services, in one query per table.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { siteFilterSql, type SiteFilter } from '../sites/site-filter.js'

export interface ServiceRow {
  id: string
  organization_id: string
  name: string
  description: string | null
  status: string
  codes: string[]
  assured_date: string | null
  updated_at: Date
  demo: boolean
}
export interface OrganizationRow {
  id: string
  name: string
  alternate_name: string | null
  description: string | null
  email: string | null
  website: string | null
  updated_at: Date
  demo: boolean
}
export interface SalRow {
  id: string
  service_id: string
  location_id: string
}
export interface LocationRow {
  id: string
  organization_id: string
  name: string
  alternate_name: string | null
  description: string | null
  location_type: string
  mobile: boolean
  address_1: string | null
  address_2: string | null
  mailing_address: string | null
  city: string | null
  region: string | null
  postal_code: string | null
  country: string
  latitude: number | null
  longitude: number | null
  timezone: string
  status: string
  website: string | null
  types: string[]
  payment: string[]
  populations: string[]
  access: string[]
  languages: string[]
  source_attributes: Record<string, unknown>
  assured_date: string | null
  updated_at: Date
  demo: boolean
}
export interface PhoneRow {
  id: string
  location_id: string | null
  organization_id: string | null
  service_id: string | null
  number: string
  extension: string | null
  type: string
  description: string | null
}
export interface ScheduleRow {
  id: string
  location_id: string | null
  service_at_location_id: string | null
  byday: string
  opens_at: string
  closes_at: string
  valid_from: string | null
  valid_to: string | null
  description: string | null
  freq: string
  interval: number
  bymonthday: string | null
  dtstart: string | null
}

/** One audit entry of a location (HSDS metadata). */
export interface MetadataRow {
  id: number
  entity_id: string
  action: string
  field_name: string | null
  previous_value: unknown
  new_value: unknown
  source: string | null
  changed_at: Date | string
}

/** A location's metadata holds its latest changes, this many at most (a long import history stays in audit_log). */
export const METADATA_PER_LOCATION = 20

/** A page of services with everything linked to them, indexed for the builders. */
export interface ServiceGraph {
  services: ServiceRow[]
  organizations: Map<string, OrganizationRow>
  salsByService: Map<string, SalRow[]>
  locations: Map<string, LocationRow>
  phonesByLocation: Map<string, PhoneRow[]>
  phonesByService: Map<string, PhoneRow[]>
  phonesByOrganization: Map<string, PhoneRow[]>
  schedulesByLocation: Map<string, ScheduleRow[]>
  schedulesBySal: Map<string, ScheduleRow[]>
  metadataByLocation: Map<string, MetadataRow[]>
}

export interface GraphOptions {
  /** Only these service_at_location rows (the SAL endpoints). */
  salIds?: readonly string[]
  /** Only locations that pass this filter (exports). */
  sites?: SiteFilter
}

const anyOf = (ids: readonly string[]) => sql<string>`ANY(${[...ids]}::text[])`

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    if (k === null) continue
    const list = map.get(k)
    if (list) list.push(row)
    else map.set(k, [row])
  }
  return map
}

/** The graph of these services (returned in the order of `serviceIds`; unknown ids are skipped). */
export async function loadServiceGraph(db: Kysely<Database>, serviceIds: readonly string[], options: GraphOptions = {}): Promise<ServiceGraph> {
  const serviceRows =
    serviceIds.length === 0
      ? []
      : await db
          .selectFrom('services')
          .select(['id', 'organization_id', 'name', 'description', 'status', 'codes', 'assured_date', 'updated_at', 'demo'])
          .where('id', '=', anyOf(serviceIds))
          .execute()
  const order = new Map(serviceIds.map((id, i) => [id, i]))
  const services = serviceRows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
  const ids = services.map((s) => s.id)
  const sals =
    ids.length === 0
      ? []
      : await db
          .selectFrom('service_at_location as sal')
          .innerJoin('locations as l', 'l.id', 'sal.location_id')
          .select(['sal.id', 'sal.service_id', 'sal.location_id'])
          .where('sal.service_id', '=', anyOf(ids))
          .$if(options.salIds !== undefined, (q) => q.where('sal.id', '=', anyOf(options.salIds ?? [])))
          .$if(options.sites !== undefined, (q) => q.where(siteFilterSql(options.sites as SiteFilter)))
          .orderBy('sal.location_id')
          .orderBy('sal.id')
          .execute()
  const locationIds = [...new Set(sals.map((s) => s.location_id))]
  const salIds = sals.map((s) => s.id)
  const orgIds = [...new Set(services.map((s) => s.organization_id))]
  const [locations, organizations, phones, schedules, metadata] = await Promise.all([
    locationIds.length === 0
      ? []
      : db
          .selectFrom('locations')
          .select([
            'id',
            'organization_id',
            'name',
            'alternate_name',
            'description',
            'location_type',
            'mobile',
            'address_1',
            'address_2',
            'mailing_address',
            'city',
            'region',
            'postal_code',
            'country',
            'latitude',
            'longitude',
            'timezone',
            'status',
            'website',
            'types',
            'payment',
            'populations',
            'access',
            'languages',
            'source_attributes',
            'assured_date',
            'updated_at',
            'demo',
          ])
          .where('id', '=', anyOf(locationIds))
          .execute(),
    orgIds.length === 0
      ? []
      : db
          .selectFrom('organizations')
          .select(['id', 'name', 'alternate_name', 'description', 'email', 'website', 'updated_at', 'demo'])
          .where('id', '=', anyOf(orgIds))
          .execute(),
    ids.length === 0
      ? []
      : db
          .selectFrom('phones')
          .select(['id', 'location_id', 'organization_id', 'service_id', 'number', 'extension', 'type', 'description'])
          .where((eb) => eb.or([eb('location_id', '=', anyOf(locationIds)), eb('service_id', '=', anyOf(ids)), eb('organization_id', '=', anyOf(orgIds))]))
          .orderBy('ordinal')
          .orderBy('id')
          .execute(),
    ids.length === 0
      ? []
      : db
          .selectFrom('schedules')
          .select([
            'id',
            'location_id',
            'service_at_location_id',
            'byday',
            'opens_at',
            'closes_at',
            'valid_from',
            'valid_to',
            'description',
            'freq',
            'interval',
            'bymonthday',
            'dtstart',
          ])
          .where((eb) => eb.or([eb('location_id', '=', anyOf(locationIds)), eb('service_at_location_id', '=', anyOf(salIds))]))
          .orderBy('id')
          .execute(),
    locationIds.length === 0
      ? []
      : sql<MetadataRow>`
          SELECT id, entity_id, action, field_name, previous_value, new_value, source, changed_at FROM (
            SELECT h.*, row_number() OVER (PARTITION BY h.entity_id ORDER BY h.id DESC) AS n
              FROM audit_log h WHERE h.entity_type = 'location' AND h.entity_id = ${anyOf(locationIds)}
               -- Making or revoking a provider's update link changes nothing in the listing: not public history.
               -- Nor does a proposed or rejected change, or marking a provider as trusted (change-requests.ts).
               AND h.action NOT IN ('provider_link_created', 'provider_link_revoked',
                 'provider_change_proposed', 'provider_change_rejected', 'provider_trust_set', 'provider_trust_removed',
                 -- Live status is not a listing field (it expires): status_posted / status_withdrawn.
                 'status_posted', 'status_withdrawn')
          ) latest WHERE n <= ${METADATA_PER_LOCATION} ORDER BY id DESC`
          .execute(db)
          .then((r) => r.rows),
  ])
  return {
    services,
    organizations: new Map(organizations.map((o) => [o.id, o])),
    salsByService: groupBy(sals, (s) => s.service_id),
    locations: new Map(locations.map((l) => [l.id, l as LocationRow])),
    phonesByLocation: groupBy(phones, (p) => p.location_id),
    phonesByService: groupBy(phones, (p) => p.service_id),
    phonesByOrganization: groupBy(phones, (p) => p.organization_id),
    schedulesByLocation: groupBy(schedules, (s) => s.location_id),
    schedulesBySal: groupBy(schedules, (s) => s.service_at_location_id),
    metadataByLocation: groupBy(metadata, (m) => m.entity_id),
  }
}
