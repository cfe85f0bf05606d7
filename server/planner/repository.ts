/**
 * The directory facts the planner needs about sites: where they are and their hours.
 */
import type { Kysely } from 'kysely'
import type { Database, HoursRule } from '../db/schema.js'
import { liveStatusOf, NO_LIVE_STATUS, type LiveStatus } from '../sites/live-status.js'

export interface PlannerSite {
  id: string
  name: string
  lat: number
  lon: number
  timezone: string
  hours: HoursRule[]
  status: string
  address: string | null
  phone: string | null
  demo: boolean
  precision: string
  /** Its unexpired live status: "today" changes its windows, and the plan shows the rest. */
  live: LiveStatus
}

/** Sites by location id (missing ids are simply absent from the map); live status as of `now`. */
export async function findPlannerSites(db: Kysely<Database>, ids: readonly string[], now = new Date()): Promise<Map<string, PlannerSite>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('site_search')
    .where('location_id', 'in', [...new Set(ids)])
    .select([
      'location_id',
      'name',
      'latitude',
      'longitude',
      'timezone',
      'hours',
      'status',
      'address_1',
      'city',
      'region',
      'postal_code',
      'phone',
      'demo',
      'geocode_precision',
    ])
    .execute()
  const live = await liveStatusOf(db, ids, now)
  return new Map(
    rows.map((r) => [
      r.location_id,
      {
        id: r.location_id,
        name: r.name,
        lat: r.latitude,
        lon: r.longitude,
        timezone: r.timezone,
        hours: r.hours,
        status: r.status,
        address: [r.address_1, r.city, [r.region, r.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null,
        phone: r.phone,
        demo: r.demo,
        precision: r.geocode_precision,
        live: live.get(r.location_id) ?? NO_LIVE_STATUS,
      },
    ]),
  )
}
