import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { isOpenAt } from '../common/schedule/hours.js'
import { openIntervals } from '../common/planner/windows.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { appFor } from './helpers/app.js'
import { hours, site } from './helpers/sites.js'

const OFFICE = { lat: 39.2904, lon: -76.6122, label: 'Office' }
const at = (i: number) => ({ lat: 39.2904 + 0.01 * Math.cos(i), lon: -76.6122 + 0.012 * Math.sin(i * 1.7) })
const WEEKDAY = [hours('MO,TU,WE,TH,FR', '09:00', '17:00')]

// Ten sites for a Tuesday (2026-11-24): pharmacies, a clinic closing at 15:00, an SSP open 13–16,
// one with split hours, one with unknown hours; plus one closed on Tuesdays.
const SITES = [
  ...Array.from({ length: 6 }, (_, i) => site({ id: `pharm-${i}`, ...at(i), types: ['pharmacy'], hours: WEEKDAY })),
  site({ id: 'clinic-3pm', ...at(6), types: ['clinic'], hours: [hours('MO,TU,WE,TH,FR', '08:00', '15:00')] }),
  site({ id: 'ssp-afternoon', ...at(7), hours: [hours('TU,TH', '13:00', '16:00')] }),
  site({ id: 'split', ...at(8), hours: [hours('TU', '09:00', '11:00'), hours('TU', '14:00', '16:00')] }),
  site({ id: 'unknown-hours', ...at(9) }),
  site({ id: 'closed-tuesday', ...at(10), hours: [hours('MO,WE,FR', '09:00', '17:00')] }),
]
const byId = new Map(SITES.map((s) => [s.location.id, s]))

interface PlanBody {
  vehicles: {
    stops: {
      site_id: string | null
      stop_index: number
      arrival: string
      service_start: string
      departure: string
      open_until: string | null
      hours_known: boolean
    }[]
    departure: string
    return: string
  }[]
  unassigned: { site_id: string | null; reason: string }[]
  violations: { message: string }[]
  hours_unknown: { name: string }[]
  travel: { source: string; note: string | null }
  geojson: { features: { geometry: { type: string; coordinates: unknown }; properties: { role: string } }[] }
}

describe.each(backends)('planning an outreach day on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, SITES)
    await rebuildSearchTables(database.db)
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const plan = async (body: Record<string, unknown>, a: FastifyInstance = app) => {
    const res = await a.inject({
      method: 'POST',
      url: '/api/v1/routes',
      payload: { start: OFFICE, departure: '2026-11-24T09:00:00-05:00', return_by: '17:00', service_minutes: 20, ...body },
    })
    return res
  }
  const tenStops = SITES.slice(0, 10).map((s) => ({ site_id: s.location.id }))

  it('plans a van through 10 sites, each visited while it is open, back by 17:00', async () => {
    const res = await plan({ stops: tenStops })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json() as PlanBody
    const visits = body.vehicles[0]!.stops
    expect(visits.length + body.unassigned.length).toBe(10)
    expect(visits.length).toBe(10)
    for (const v of visits) {
      const s = byId.get(v.site_id!)!
      if (!v.hours_known) continue
      // Open when the visit starts and still open a second before it ends — judged independently from the hours.
      expect(isOpenAt(s.hours, s.location.timezone, new Date(v.service_start)), `${v.site_id} at ${v.service_start}`).toBe(true)
      expect(isOpenAt(s.hours, s.location.timezone, new Date(Date.parse(v.departure) - 1000)), `${v.site_id} until ${v.departure}`).toBe(true)
    }
    for (let i = 1; i < visits.length; i++) expect(Date.parse(visits[i]!.arrival)).toBeGreaterThan(Date.parse(visits[i - 1]!.departure))
    expect(Date.parse(body.vehicles[0]!.return)).toBeLessThanOrEqual(Date.parse('2026-11-24T17:00:00-05:00'))
    expect(body.hours_unknown.map((h) => h.name)).toEqual(['Site unknown-hours'])
    const clinic = visits.find((v) => v.site_id === 'clinic-3pm')!
    expect(clinic.open_until).toBe('2026-11-24T15:00:00-05:00')
    // GeoJSON: start, end, 10 numbered stops and the route line.
    expect(body.geojson.features.filter((f) => f.properties.role === 'stop')).toHaveLength(10)
    expect(body.geojson.features.find((f) => f.properties.role === 'route')?.geometry.type).toBe('LineString')
    expect(body.travel).toEqual({
      source: 'great_circle',
      mode: 'driving',
      note: null,
      speed_kmh: 35,
      detour_factor: 1.35,
      highway_after_km: 10,
      highway_speed_kmh: 80,
    })
  })

  it('leaves out a site closed all Tuesday, and a typed stop it cannot reach before it closes, saying why', async () => {
    const res = await plan({
      stops: [{ site_id: 'closed-tuesday' }, { site_id: 'pharm-0' }, { lat: 39.3, lon: -76.6, label: 'Early camp', opens: '06:00', closes: '07:00' }],
    })
    const body = res.json() as PlanBody
    expect(body.vehicles[0]!.stops.map((s) => s.site_id)).toEqual(['pharm-0'])
    const reasons = Object.fromEntries(body.unassigned.map((u) => [u.site_id ?? 'camp', u.reason]))
    expect(reasons['closed-tuesday']).toMatch(/closed/)
    expect(reasons.camp).toMatch(/cannot reach|closed|before/)
  })

  it('reports which windows a hand-reordered route breaks', async () => {
    // The afternoon-only SSP first (a two-hour session from 13:00), then the clinic that closes at 15:00.
    const res = await plan({ stops: [{ site_id: 'ssp-afternoon', service_minutes: 120 }, { site_id: 'clinic-3pm' }], order: [[0, 1]] })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json() as PlanBody
    const late = (body.violations as unknown as { kind: string; message: string; closes_at: string; arrival: string }[]).find((v) => v.kind === 'late')
    expect(late).toMatchObject({ closes_at: '2026-11-24T15:00:00-05:00' })
    expect(Date.parse(late!.arrival)).toBeGreaterThan(Date.parse('2026-11-24T14:40:00-05:00'))
    expect(late!.message).toMatch(/^Site clinic-3pm: arrives at \d\d:\d\d, (after it closes|too late to finish a 20-minute visit before it closes) at 15:00$/)
  })

  it('says a pharmacy is open until 17:00 even when the van must be back at noon, with times to the minute', async () => {
    const body = (await plan({ stops: [{ site_id: 'pharm-0' }], return_by: '12:00' })).json() as PlanBody
    const [visit] = body.vehicles[0]!.stops
    expect(visit!.open_until).toBe('2026-11-24T17:00:00-05:00')
    expect(visit!.arrival).toMatch(/T\d\d:\d\d:00-05:00$/)
  })

  it.each([
    ['no stops', { stops: [] }, 400, 'stops'],
    ['1,000 stops', { stops: Array.from({ length: 1000 }, () => ({ lat: 39.3, lon: -76.6 })) }, 400, 'at most 150'],
    ['an unknown site id', { stops: [{ site_id: 'nope' }] }, 404, 'nope'],
    ['a departure without an offset', { stops: tenStops.slice(0, 2), departure: '2026-11-24T09:00' }, 400, 'departure'],
    ['a typed stop with only an opening time', { stops: [{ lat: 39.3, lon: -76.6, opens: '10:00' }] }, 400, 'closes'],
    ['an order naming a stop that does not exist', { stops: tenStops.slice(0, 2), order: [[0, 5]] }, 400, 'order'],
    ['a stop with no place', { stops: [{ label: 'somewhere' }] }, 400, 'stops[0]'],
  ])('refuses %s with a clear error', async (_what, body, status, mentions) => {
    const res = await plan(body)
    expect(res.statusCode, res.body).toBe(status)
    expect(res.json().message).toContain(mentions)
  })

  it('uses road times from OSRM when configured, and says so when OSRM cannot be reached', async () => {
    const calls: string[] = []
    const osrm: Server = createServer((req, res) => {
      calls.push(req.url ?? '')
      const n = (req.url ?? '').split('/')[4]!.split('?')[0]!.split(';').length
      res.setHeader('content-type', 'application/json')
      if (req.url?.startsWith('/table/')) {
        res.end(
          JSON.stringify({
            code: 'Ok',
            durations: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 600))),
            distances: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 5000))),
          }),
        )
      } else {
        res.end(
          JSON.stringify({
            code: 'Ok',
            routes: [
              {
                geometry: {
                  type: 'LineString',
                  coordinates: [
                    [-76.6, 39.3],
                    [-76.61, 39.31],
                    [-76.62, 39.3],
                  ],
                },
              },
            ],
          }),
        )
      }
    }).listen(0, '127.0.0.1')
    await once(osrm, 'listening')
    const port = (osrm.address() as { port: number }).port
    const withOsrm = await appFor(database, { osrmUrl: `http://127.0.0.1:${port}` })
    try {
      const body = (await plan({ stops: tenStops.slice(0, 3) }, withOsrm)).json() as PlanBody & { vehicles: { travel_minutes: number }[] }
      expect(body.travel.source).toBe('osrm')
      expect(body.travel).toMatchObject({ speed_kmh: null, detour_factor: null })
      expect(body.vehicles[0]!.travel_minutes).toBe(40) // 4 legs × 10 minutes from the fake table
      expect(calls.some((c) => c.startsWith('/table/v1/driving/'))).toBe(true)
      expect(body.geojson.features.find((f) => f.properties.role === 'route')?.geometry.coordinates).toEqual([
        [-76.6, 39.3],
        [-76.61, 39.31],
        [-76.62, 39.3],
      ])
    } finally {
      await withOsrm.close()
      osrm.close()
    }
    const unreachable = await appFor(database, { osrmUrl: `http://127.0.0.1:${port}` })
    try {
      const body = (await plan({ stops: tenStops.slice(0, 3) }, unreachable)).json() as PlanBody
      expect(body.travel.source).toBe('great_circle')
      expect(body.travel.note).toMatch(/road times unavailable/)
    } finally {
      await unreachable.close()
    }
  })

  it('plans 50 directory stops quickly (well under the 200 ms target on a quiet machine)', async () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      site({ id: `many-${i}`, lat: 39.2 + (i % 10) * 0.02, lon: -76.7 + Math.floor(i / 10) * 0.03, hours: WEEKDAY }),
    )
    await insertSites(database.db, many)
    await rebuildSearchTables(database.db)
    const started = performance.now()
    const res = await plan({ stops: many.map((s) => ({ site_id: s.location.id })), budget_ms: 100, vehicles: 2, return_by: '18:00' })
    const ms = performance.now() - started
    expect(res.statusCode).toBe(200)
    expect(ms).toBeLessThan(3000) // generous: shared CI machines; the bench reports the real figure
  })
})

describe("site hours become the plan day's windows", () => {
  const reference = new Date('2026-11-24T05:00:00Z') // midnight in Baltimore, Tuesday
  it("turns Tuesday 09:00–17:00 Eastern into 9 h–17 h after the plan's midnight", () => {
    expect(openIntervals(WEEKDAY, 'America/New_York', reference, 86400)).toEqual([{ start: 9 * 3600, end: 17 * 3600 }])
  })
  it('shifts a Chicago site by an hour on an Eastern plan clock', () => {
    expect(openIntervals(WEEKDAY, 'America/Chicago', reference, 86400)).toEqual([{ start: 10 * 3600, end: 18 * 3600 }])
  })
  it('includes the spill past midnight of Monday night hours (22:00–02:00)', () => {
    expect(openIntervals([hours('MO', '22:00', '02:00')], 'America/New_York', reference, 86400)).toEqual([{ start: 0, end: 2 * 3600 }])
  })
  it('gives no window on a day the site is closed', () => {
    expect(openIntervals([hours('SA,SU', '09:00', '17:00')], 'America/New_York', reference, 86400)).toEqual([])
  })
})
