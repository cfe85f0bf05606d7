/**
 * A syringe van with three stops (the demo directory's): a person searching on the 2nd
 * Tuesday finds the stop the van is parked at, and not on the 3rd; each site's detail says
 * when it is next open ("Next here: Tue, Jan 12, 10 am–2 pm"), a stop lists the van's other
 * stops and the van lists them all; /lite shows the same in English and Spanish; the route
 * planner visits a stop like any site.
 */
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nextHereText, nextOpenText } from '../common/next-open-text.js'
import { DEMO_VAN_ID, writeDemoVan } from '../server/demo/mobile-van.js'
import { seedDemo } from '../server/demo/seed.js'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { nextOpening } from '../common/schedule/next-opening.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { hours, site } from './helpers/sites.js'

const NY = 'America/New_York'
const GREENE = `${DEMO_VAN_ID}-greene`
const NORTH_AVE = `${DEMO_VAN_ID}-north-ave`
const PENN_NORTH = `${DEMO_VAN_ID}-penn-north`
const AT_GREENE = { lat: 39.2893, lon: -76.6225 }

/** 'YYYY-MM-DD' of the nth `weekday` (0 = Sunday) of a month (month 0-based, may run past 11). */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = new Date(Date.UTC(year, month, 1))
  const offset = (weekday - first.getUTCDay() + 7) % 7
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1 + offset + 7 * (n - 1))).toISOString().slice(0, 10)
}

/** Next month's dates, so the search's year of recurring dates (from today) holds them. */
const now = new Date()
const nextMonth = (weekday: number, n: number) => nthWeekday(now.getUTCFullYear(), now.getUTCMonth() + 1, weekday, n)
/** 11:00 in Baltimore on a date, with its offset (EST or EDT). */
const elevenAm = (date: string) => {
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: NY, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T16:00:00Z`))
    .find((p) => p.type === 'timeZoneName')
    ?.value.replace('GMT', '')
  return `${date}T11:00:00${offset}`
}

describe('when a site is next open', () => {
  const secondAndFourthTuesday = [hours('2TU,4TU', '10:00', '14:00', { freq: 'MONTHLY' })]

  it('names the next 2nd or 4th Tuesday, in the site’s offset, and the opening under way when open', () => {
    // Wednesday 2026-11-11: next is the 4th Tuesday, 2026-11-24.
    expect(nextOpening(secondAndFourthTuesday, NY, new Date('2026-11-11T15:00:00Z'))).toEqual({
      starts: '2026-11-24T10:00:00-05:00',
      ends: '2026-11-24T14:00:00-05:00',
    })
    expect(nextOpening(secondAndFourthTuesday, NY, new Date('2026-11-24T16:00:00Z'))).toEqual({
      starts: '2026-11-24T10:00:00-05:00',
      ends: '2026-11-24T14:00:00-05:00',
    })
    // After it closes: the 2nd Tuesday of December.
    expect(nextOpening(secondAndFourthTuesday, NY, new Date('2026-11-24T19:00:00Z'))?.starts).toBe('2026-12-08T10:00:00-05:00')
    // Across the change to summer time: the 2nd Tuesday of March 2027 opens at 10:00 EST, the 4th at 10:00 EDT.
    expect(nextOpening(secondAndFourthTuesday, NY, new Date('2027-03-10T12:00:00Z'))?.starts).toBe('2027-03-23T10:00:00-04:00')
  })

  it('joins rules that touch, runs past midnight, and says null without an opening in 60 days', () => {
    const split = [hours('MO', '09:00', '12:00'), hours('MO', '12:00', '15:00')]
    expect(nextOpening(split, NY, new Date('2026-11-10T15:00:00Z'))).toEqual({ starts: '2026-11-16T09:00:00-05:00', ends: '2026-11-16T15:00:00-05:00' })
    const night = [hours('-1FR', '22:00', '02:00', { freq: 'MONTHLY' })]
    expect(nextOpening(night, NY, new Date('2026-11-28T06:00:00Z'))).toEqual({ starts: '2026-11-27T22:00:00-05:00', ends: '2026-11-28T02:00:00-05:00' })
    expect(nextOpening([hours('TU', '10:00', '14:00', { valid_to: '2020-01-01' })], NY, new Date('2026-11-10T15:00:00Z'))).toBeNull()
    expect(nextOpening([hours('TU', '10:00', '14:00', { valid_from: '2027-03-01' })], NY, new Date('2026-11-10T15:00:00Z'))).toBeNull()
    expect(nextOpening([], NY, new Date())).toBeNull()
    const always = nextOpening([hours('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')], NY, new Date('2026-11-10T15:00:00Z'))
    expect(always?.ends).toBeNull()
  })

  it('says it in English and Spanish', () => {
    const open = { starts: '2026-12-08T10:00:00-05:00', ends: '2026-12-08T14:00:00-05:00' }
    expect(nextHereText(open, 'en')).toBe('Next here: Tue, Dec 8, 10 am–2 pm')
    expect(nextHereText(open, 'es')).toBe('Próxima vez aquí: mar, 8 de dic, 10 a. m.–2 p. m.')
    expect(nextOpenText({ starts: '2026-12-11T13:00:00-05:00', ends: null }, 'es')).toBe('vie, 11 de dic, desde la 1 p. m.')
  })
})

describe.each(backends)('a mobile unit and its stops, on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await database.db.transaction().execute((trx) => writeDemoVan(trx))
    await insertSites(database.db, [site({ id: 'fixed-site', ...AT_GREENE, hours: [hours('MO,TU,WE,TH,FR', '09:00', '17:00')] })])
    await rebuildSearchTables(database.db)
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const openAt = async (instant: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { ...AT_GREENE, radius_mi: 5, open_at: instant, include_demo: true } })
    expect(res.statusCode, res.body).toBe(200)
    return (res.json().results as { id: string }[]).map((r) => r.id)
  }
  const detail = async (id: string, lang = '') => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/sites/${id}${lang}` })
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }

  it('finds the stop the van is at on the 2nd Tuesday at 11:00, and not on the 3rd', async () => {
    // (The same corner as a weekday clinic: equally near, so by id.)
    expect(await openAt(elevenAm(nextMonth(2, 2)))).toEqual([GREENE, 'fixed-site'])
    expect(await openAt(elevenAm(nextMonth(2, 3)))).toEqual(['fixed-site'])
    expect(await openAt(elevenAm(nextMonth(2, 4)))).toContain(GREENE)
  })

  it('finds the Penn-North stop on the 1st Monday only, and never the van itself (it has no place of its own)', async () => {
    expect(await openAt(elevenAm(nextMonth(1, 1)).replace('T11:', 'T12:'))).toContain(PENN_NORTH)
    expect(await openAt(elevenAm(nextMonth(1, 2)).replace('T11:', 'T12:'))).not.toContain(PENN_NORTH)
    const all = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { ...AT_GREENE, radius_mi: 50, limit: 100, include_demo: true } })
    const ids = (all.json().results as { id: string }[]).map((r) => r.id)
    expect(ids).toEqual(expect.arrayContaining([GREENE, NORTH_AVE, PENN_NORTH]))
    expect(ids).not.toContain(DEMO_VAN_ID)
  })

  it('gives every site its next opening: the stop on its next 2nd or 4th Tuesday, the fixed site on a weekday', async () => {
    const before = Date.now()
    const stop = await detail(GREENE)
    const { starts, ends } = stop.next_open as { starts: string; ends: string }
    expect(starts).toMatch(/T10:00:00-0[45]:00$/)
    expect(ends).toBe(`${starts.slice(0, 10)}T14:00:00${starts.slice(19)}`)
    const day = Number(starts.slice(8, 10))
    expect(new Date(`${starts.slice(0, 10)}T12:00:00Z`).getUTCDay()).toBe(2)
    expect([2, 4]).toContain(Math.ceil(day / 7))
    expect(Date.parse(ends)).toBeGreaterThan(before)
    // Nothing earlier: the next 2nd or 4th Tuesday from now is that one.
    expect(stop.next_open).toEqual(nextOpening(stop.hours, NY, new Date(before)))
    const fixed = await detail('fixed-site')
    expect(fixed.next_open.starts).toMatch(/T09:00:00-0[45]:00$/)
    expect(fixed.mobile_unit).toBeNull()
  })

  it("lists the van's stops on a stop and on the van, each with its address and next opening", async () => {
    const stop = await detail(GREENE)
    expect(stop.mobile).toBe(true)
    expect(stop.mobile_unit.id).toBe(DEMO_VAN_ID)
    expect(stop.mobile_unit.name).toBe('Charm City Syringe Van (demo)')
    expect(stop.mobile_unit.stops.map((s: { id: string }) => s.id).sort()).toEqual([GREENE, NORTH_AVE, PENN_NORTH].sort())
    const north = stop.mobile_unit.stops.find((s: { id: string }) => s.id === NORTH_AVE)
    expect(north).toMatchObject({ address_1: 'N Charles St & E North Ave', city: 'Baltimore', region: 'MD', postal_code: '21218', timezone: NY })
    expect(north.next_open.starts).toMatch(/T16:00:00-0[45]:00$/)
    // Every other Friday from 2026-11-06: a whole even number of weeks from it.
    const weeks = (Date.parse(north.next_open.starts.slice(0, 10)) - Date.parse('2026-11-06')) / (7 * 86_400_000)
    expect(weeks % 2).toBe(0)
    // Soonest first.
    const starts = stop.mobile_unit.stops.map((s: { next_open: { starts: string } }) => Date.parse(s.next_open.starts))
    expect(starts).toEqual([...starts].sort((a: number, b: number) => a - b))

    const van = await detail(DEMO_VAN_ID)
    expect(van).toMatchObject({ mobile: true, lat: null, lon: null, hours: [], next_open: null })
    expect(van.mobile_unit).toEqual(stop.mobile_unit)
    const feature = (await app.inject({ method: 'GET', url: `/api/v1/sites/${GREENE}?format=geojson` })).json()
    expect(feature.properties.mobile_unit.id).toBe(DEMO_VAN_ID)
  })

  it('leaves a closed stop off the list, and no site can be its own stop', async () => {
    await sql`UPDATE locations SET status = 'inactive' WHERE id = ${PENN_NORTH}`.execute(database.db)
    try {
      const stops = (await detail(GREENE)).mobile_unit.stops.map((s: { id: string }) => s.id)
      expect(stops).not.toContain(PENN_NORTH)
    } finally {
      await sql`UPDATE locations SET status = 'active' WHERE id = ${PENN_NORTH}`.execute(database.db)
    }
    // A stop cannot be its own unit.
    await expect(sql`UPDATE locations SET stop_of = id WHERE id = ${GREENE}`.execute(database.db)).rejects.toThrow(/stop_of_not_self/)
  })

  it('shows "Next here" and the other stops on /lite, in English and Spanish', async () => {
    const en = await app.inject({ method: 'GET', url: `/lite/sites/${GREENE}` })
    expect(en.statusCode).toBe(200)
    const stop = await detail(GREENE)
    expect(en.body).toContain(nextHereText(stop.next_open, 'en'))
    expect(en.body).toContain('Other stops of Charm City Syringe Van (demo)')
    expect(en.body).toContain(`<a href="/lite/sites/${NORTH_AVE}?lang=en">Syringe van stop: Charles St &#38; North Ave</a>`)
    expect(en.body).toContain('N Charles St &#38; E North Ave, Baltimore, MD 21218')
    expect(en.body).not.toContain(`<a href="/lite/sites/${GREENE}?lang=en">`)
    const es = await app.inject({ method: 'GET', url: `/lite/sites/${GREENE}?lang=es` })
    expect(es.body).toContain(nextHereText(stop.next_open, 'es'))
    expect(es.body).toContain('Otras paradas de Charm City Syringe Van (demo)')
    expect(es.body).toContain(`<a href="/lite/sites/${PENN_NORTH}?lang=es">`)
    const van = await app.inject({ method: 'GET', url: `/lite/sites/${DEMO_VAN_ID}` })
    expect(van.body).toContain('Where Charm City Syringe Van (demo) stops')
    expect(van.body).not.toContain('Next here')
    const fixed = await app.inject({ method: 'GET', url: '/lite/sites/fixed-site' })
    expect(fixed.body).not.toContain('Next here')
    expect(fixed.body).not.toContain('Other stops')
  })

  it('publishes the van and its stops in the HSDS feed and the exports, the van without a point', async () => {
    const hsds = await app.inject({ method: 'GET', url: '/hsds/services?per_page=50&full=true' })
    expect(hsds.statusCode, hsds.body).toBe(200)
    expect(hsds.body).toContain('Syringe van stop: Penn-North')
    const csv = await app.inject({ method: 'GET', url: '/api/v1/export.csv' })
    expect(csv.statusCode, csv.body).toBe(200)
    expect(csv.body).toContain('Syringe van stop: Greene & Baltimore St')
    const geojson = await app.inject({ method: 'GET', url: '/api/v1/export.geojson' })
    expect(geojson.statusCode, geojson.body).toBe(200)
  })

  it('plans a route through the stop on its 2nd Tuesday, and leaves it out on the 3rd', async () => {
    const plan = async (date: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/routes',
        payload: {
          start: { lat: 39.2904, lon: -76.6122, label: 'Office' },
          departure: elevenAm(date).replace('T11:', 'T09:'),
          return_by: '17:00',
          service_minutes: 20,
          stops: [{ site_id: GREENE }],
        },
      })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as { vehicles: { stops: { site_id: string }[] }[]; unassigned: { site_id: string }[] }
    }
    expect((await plan(nextMonth(2, 2))).vehicles[0]?.stops.map((s) => s.site_id)).toEqual([GREENE])
    expect((await plan(nextMonth(2, 3))).unassigned.map((u) => u.site_id)).toEqual([GREENE])
  })
})

describe.each(backends)('the demo directory, on %s', (backend) => {
  it('holds the van and its three stops among as many demo sites as asked for', async () => {
    const database = await freshDatabase(backend)
    try {
      await seedDemo(database.db, { count: 60 })
      const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM locations`.execute(database.db)
      expect(count.rows[0]?.n).toBe(60)
      const stops = await sql<{ id: string }>`SELECT id FROM locations WHERE stop_of = ${DEMO_VAN_ID} ORDER BY id`.execute(database.db)
      expect(stops.rows.map((r) => r.id)).toEqual([GREENE, NORTH_AVE, PENN_NORTH].sort())
      const searchable = await sql<{ id: string }>`SELECT location_id AS id FROM site_search WHERE location_id LIKE 'demo-van%' ORDER BY 1`.execute(database.db)
      expect(searchable.rows.map((r) => r.id)).toEqual([GREENE, NORTH_AVE, PENN_NORTH].sort())
    } finally {
      await database.close()
    }
  })
})
