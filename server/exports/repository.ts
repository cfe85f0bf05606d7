/**
 * Pages of sites for the GeoJSON and CSV exports, by keyset on the location id, so an
 * export of a million sites holds one page in memory at a time; and pages of service ids
 * for the HSDS export.
 */
import { sql, type Kysely } from 'kysely'
import type { Database, HoursRule } from '../db/schema.js'
import { withRecurrence, RULE_COLUMNS } from '../schedule/rows.js'
import { siteFilterSql, type SiteFilter } from '../sites/site-filter.js'

export interface ExportSite {
  id: string
  name: string
  organization_name: string
  types: string[]
  services: string[]
  payment: string[]
  populations: string[]
  access: string[]
  languages: string[]
  address_1: string | null
  address_2: string | null
  city: string | null
  region: string | null
  postal_code: string | null
  latitude: number | null
  longitude: number | null
  geocode_precision: string
  phone: string | null
  website: string | null
  hours: HoursRule[]
  timezone: string
  status: string
  source: string
  source_id: string
  assured_date: string | null
  demo: boolean
}

const anyOf = (ids: readonly string[]) => sql<string>`ANY(${[...ids]}::text[])`
const clock = (t: string) => t.slice(0, 5)

/** Up to `limit` sites with ids after `after`, in id order. */
export async function findExportSites(db: Kysely<Database>, filter: SiteFilter, after: string, limit: number): Promise<ExportSite[]> {
  const locations = await db
    .selectFrom('locations as l')
    .innerJoin('organizations as o', 'o.id', 'l.organization_id')
    .select([
      'l.id',
      'l.name',
      'o.name as organization_name',
      'l.types',
      'l.payment',
      'l.populations',
      'l.access',
      'l.languages',
      'l.address_1',
      'l.address_2',
      'l.city',
      'l.region',
      'l.postal_code',
      'l.latitude',
      'l.longitude',
      'l.geocode_precision',
      'l.website',
      'l.timezone',
      'l.status',
      'l.source',
      'l.source_id',
      'l.assured_date',
      'l.demo',
    ])
    .where('l.id', '>', after)
    .where(siteFilterSql(filter))
    .orderBy('l.id')
    .limit(limit)
    .execute()
  if (locations.length === 0) return []
  const ids = locations.map((l) => l.id)
  const [services, phones, locationHours, serviceHours] = await Promise.all([
    db
      .selectFrom('service_at_location as sal')
      .innerJoin('services as s', 's.id', 'sal.service_id')
      .select(['sal.location_id', 's.codes', 's.status'])
      .where('sal.location_id', '=', anyOf(ids))
      .execute(),
    db
      .selectFrom('phones')
      .select(['location_id', 'number'])
      .where('location_id', '=', anyOf(ids))
      .orderBy('location_id')
      .orderBy('ordinal')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('schedules')
      .select(['location_id', ...RULE_COLUMNS])
      .where('location_id', '=', anyOf(ids))
      .orderBy('location_id')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('schedules as h')
      .innerJoin('service_at_location as sal', 'sal.id', 'h.service_at_location_id')
      .select(['sal.location_id', 'h.byday', 'h.opens_at', 'h.closes_at', 'h.valid_from', 'h.valid_to', 'h.freq', 'h.interval', 'h.bymonthday', 'h.dtstart'])
      .where('sal.location_id', '=', anyOf(ids))
      .orderBy('sal.location_id')
      .orderBy('h.id')
      .execute(),
  ])
  const byLocation = <T extends { location_id: string | null }>(rows: T[]) => {
    const map = new Map<string, T[]>()
    for (const r of rows) if (r.location_id) map.set(r.location_id, [...(map.get(r.location_id) ?? []), r])
    return map
  }
  const servicesBy = byLocation(services)
  const phonesBy = byLocation(phones)
  const hoursBy = byLocation(locationHours)
  const serviceHoursBy = byLocation(serviceHours)
  return locations.map((l) => {
    const own = servicesBy.get(l.id) ?? []
    // Codes of the active services; a closed site (all services inactive) still shows what it offered.
    const active = own.filter((s) => s.status === 'active')
    const rules = hoursBy.get(l.id) ?? serviceHoursBy.get(l.id) ?? []
    return {
      ...l,
      services: [...new Set((active.length ? active : own).flatMap((s) => s.codes))].sort(),
      phone: phonesBy.get(l.id)?.[0]?.number ?? null,
      hours: rules.map((h) =>
        withRecurrence({ byday: h.byday, opens: clock(h.opens_at), closes: clock(h.closes_at), valid_from: h.valid_from, valid_to: h.valid_to }, h),
      ),
    }
  })
}

/** Up to `limit` ids of services offered at a site the filter lets through, after `after`, in id order. */
export async function findExportServiceIds(db: Kysely<Database>, filter: SiteFilter, after: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('services as s')
    .select('s.id')
    .where('s.id', '>', after)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('service_at_location as sal')
          .innerJoin('locations as l', 'l.id', 'sal.location_id')
          .select(sql`1`.as('one'))
          .whereRef('sal.service_id', '=', 's.id')
          .where(siteFilterSql(filter)),
      ),
    )
    .orderBy('s.id')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}
