/**
 * A mobile unit's stops (locations whose stop_of names the unit), for the site detail of the
 * unit or of any of its stops: where each stop is and its hours, read from the search table
 * the stop's hours are kept in.
 */
import type { Kysely } from 'kysely'
import type { MobileUnit } from '../../common/contract/mobile-unit.js'
import type { Database, HoursRule } from '../db/schema.js'
import { nextOpening } from '../../common/schedule/next-opening.js'

export interface MobileStopRow {
  id: string
  name: string
  address_1: string | null
  address_2: string | null
  city: string | null
  region: string | null
  postal_code: string | null
  latitude: number | null
  longitude: number | null
  timezone: string
  hours: HoursRule[]
}

export interface MobileUnitRow {
  id: string
  name: string
  stops: MobileStopRow[]
}

/**
 * The unit a site belongs to (its own stop_of, or itself when stops name it) with its active
 * stops; null for a site that is neither a unit nor a stop.
 */
export async function findMobileUnit(db: Kysely<Database>, site: { id: string; stop_of?: string | null }): Promise<MobileUnitRow | null> {
  const stopOf = site.stop_of ?? null
  const unitId = stopOf ?? site.id
  const stops = await db
    .selectFrom('locations as l')
    .leftJoin('site_search as s', 's.location_id', 'l.id')
    .where('l.stop_of', '=', unitId)
    .where('l.status', '=', 'active')
    .select(['l.id', 'l.name', 'l.address_1', 'l.address_2', 'l.city', 'l.region', 'l.postal_code', 'l.latitude', 'l.longitude', 'l.timezone', 's.hours'])
    .orderBy('l.name')
    .orderBy('l.id')
    .execute()
  if (stops.length === 0 && stopOf === null) return null
  const unit = await db.selectFrom('locations').where('id', '=', unitId).select(['id', 'name']).executeTakeFirst()
  if (!unit) return null
  return { ...unit, stops: stops.map(({ hours, ...stop }) => ({ ...stop, hours: hours ?? [] })) }
}

/** The unit as the detail shows it: each stop with its next opening at `now`, the soonest first. */
export function presentMobileUnit(unit: MobileUnitRow, now: Date): MobileUnit {
  const stops = unit.stops.map((s) => ({
    id: s.id,
    name: s.name,
    address_1: s.address_1,
    address_2: s.address_2,
    city: s.city,
    region: s.region,
    postal_code: s.postal_code,
    lat: s.latitude,
    lon: s.longitude,
    timezone: s.timezone,
    next_open: nextOpening(s.hours, s.timezone, now),
  }))
  const key = (s: (typeof stops)[number]) => (s.next_open ? Date.parse(s.next_open.starts) : Infinity)
  // A stable sort: stops with the same (or no) next opening keep their order by name.
  stops.sort((a, b) => key(a) - key(b) || 0)
  return { id: unit.id, name: unit.name, stops }
}
