/**
 * The demo directory's syringe van: one mobile unit in Baltimore and its three stops, each a
 * site with its own corner and schedule — the 2nd and 4th Tuesday at one, every other Friday
 * at another, the 1st Monday of the month at a third — so the map, /lite and the route planner
 * show how a stop is found ("open on the 2nd Tuesday") and how a unit lists its stops.
 */
import { sql } from 'kysely'
import type { Db, HoursRule } from '../db/schema.js'
import { insertSites } from '../directory/bulk-insert.js'
import type { SiteRecord } from '../directory/site-record.js'

export const DEMO_VAN_ID = 'demo-van'
const NAME = 'Charm City Syringe Van (demo)'
const SERVICES = ['syringe_services', 'syringe_disposal', 'naloxone', 'fentanyl_test_strips', 'wound_care']

const rule = (byday: string, opens: string, closes: string, extra: Partial<HoursRule>): HoursRule => ({
  byday,
  opens,
  closes,
  valid_from: null,
  valid_to: null,
  ...extra,
})

const STOPS = [
  {
    id: `${DEMO_VAN_ID}-greene`,
    name: 'Syringe van stop: Greene & Baltimore St',
    address1: 'W Baltimore St & N Greene St',
    postalCode: '21201',
    latitude: 39.2893,
    longitude: -76.6225,
    hours: [rule('2TU,4TU', '10:00', '14:00', { freq: 'MONTHLY' })],
  },
  {
    id: `${DEMO_VAN_ID}-north-ave`,
    name: 'Syringe van stop: Charles St & North Ave',
    address1: 'N Charles St & E North Ave',
    postalCode: '21218',
    latitude: 39.3113,
    longitude: -76.6165,
    // Every other Friday, counted from Friday 2026-11-06.
    hours: [rule('FR', '16:00', '19:00', { interval: 2, dtstart: '2026-11-06' })],
  },
  {
    id: `${DEMO_VAN_ID}-penn-north`,
    name: 'Syringe van stop: Penn-North',
    address1: 'Pennsylvania Ave & W North Ave',
    postalCode: '21217',
    latitude: 39.3096,
    longitude: -76.6373,
    hours: [rule('1MO', '11:00', '15:00', { freq: 'MONTHLY' })],
  },
]

/** How many records the van adds to the demo directory (the unit and its stops). */
export const DEMO_VAN_RECORDS = STOPS.length + 1

function record(id: string, name: string, place: (typeof STOPS)[number], hours: HoursRule[]): SiteRecord {
  return {
    source: 'demo',
    sourceId: id,
    demo: true,
    assuredDate: '2026-11-01',
    organization: { id: `${id}-org`, name: NAME, website: null, description: 'Demo data — not a real service.' },
    location: {
      id,
      name,
      description: 'Demo data — a syringe services van that parks at a few corners on set days.',
      mobile: true,
      address1: place.address1,
      city: 'Baltimore',
      region: 'MD',
      postalCode: place.postalCode,
      latitude: place.latitude,
      longitude: place.longitude,
      geocodePrecision: 'exact',
      timezone: 'America/New_York',
      status: 'active',
      types: ['harm_reduction'],
      payment: ['free'],
      populations: ['adults'],
      access: ['mobile_unit', 'walk_in'],
      languages: ['en', 'es'],
    },
    services: [{ id: `${id}-s`, name: 'Syringe services, naloxone, test strips, wound care', codes: SERVICES }],
    hours,
    phones: [{ number: '(410) 555-0142' }],
  }
}

/**
 * Writes the van: the unit (no point of its own, so search finds its stops, not a depot), then
 * its stops, each pointing at it with stop_of and all under the unit's organization.
 */
export async function writeDemoVan(db: Db): Promise<void> {
  const first = STOPS[0] as (typeof STOPS)[number]
  const records = [record(DEMO_VAN_ID, NAME, first, []), ...STOPS.map((stop) => record(stop.id, stop.name, stop, stop.hours))]
  await insertSites(db, records)
  const stopIds = STOPS.map((s) => s.id)
  const org = `${DEMO_VAN_ID}-org`
  await sql`UPDATE locations SET latitude = NULL, longitude = NULL, geog = NULL, geocode_precision = 'unknown', address_1 = NULL, postal_code = NULL
             WHERE id = ${DEMO_VAN_ID}`.execute(db)
  await sql`UPDATE locations SET stop_of = ${DEMO_VAN_ID}, organization_id = ${org} WHERE id = ANY(${stopIds}::text[])`.execute(db)
  await sql`UPDATE services SET organization_id = ${org} WHERE id = ANY(${stopIds.map((id) => `${id}-s`)}::text[])`.execute(db)
  await sql`DELETE FROM organizations WHERE id = ANY(${stopIds.map((id) => `${id}-org`)}::text[])`.execute(db)
}
