import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { isOpenAt } from '../common/schedule/hours.js'
import { findNearestSites } from '../server/search/repository.js'
import { facetStatsCache } from '../server/search/facet-stats.js'
import { planSearch } from '../server/search/plan.js'
import { parseFilters } from '../server/search/query.js'
import { generateDemoSites } from '../server/demo/generate.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { appFor } from './helpers/app.js'
import { hours, site } from './helpers/sites.js'

const BALTIMORE = { lat: 39.29, lon: -76.61 }
const north = (km: number) => ({ lat: BALTIMORE.lat + km / 111.2, lon: BALTIMORE.lon })

const FIXTURE = [
  site({ id: 'a-ssp', ...north(0.5), services: ['syringe_services', 'naloxone'], hours: [hours('TU,TH', '17:00', '21:00')] }),
  site({
    id: 'b-otp',
    ...north(1),
    types: ['treatment'],
    services: ['methadone', 'buprenorphine'],
    hours: [hours('MO,TU,WE,TH,FR,SA', '05:30', '13:00')],
    payment: ['medicaid'],
  }),
  site({ id: 'c-late', ...north(1.5), services: ['methadone'], hours: [hours('FR', '20:00', '02:00')], timezone: 'America/Chicago' }),
  site({ id: 'd-nohours', ...north(2), services: ['naloxone'] }),
  site({ id: 'e-inactive', ...north(2.5), services: ['methadone', 'naloxone'], status: 'inactive', hours: [hours('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')] }),
  site({
    id: 'f-la',
    ...north(3),
    services: ['buprenorphine'],
    hours: [hours('MO,TU,WE,TH,FR', '09:00', '17:00')],
    timezone: 'America/Los_Angeles',
    languages: ['en', 'es'],
  }),
  site({ id: 'g-closed', ...north(3.5), services: ['methadone'], status: 'temporarily_closed' }),
]

describe.each(backends)('search filters on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, FIXTURE)
    await rebuildSearchTables(database.db)
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const search = async (body: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { ...BALTIMORE, radius_mi: 10, ...body } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as {
      results: { id: string; open_now: boolean | null; next_change: string | null; distance_m: number; distance_mi: number }[]
      next_cursor: string | null
    }
  }
  const ids = async (body: Record<string, unknown>) => (await search(body)).results.map((r) => r.id)

  it('finds sites offering methadone AND buprenorphine only where both are offered (match=all)', async () => {
    expect(await ids({ services: ['methadone', 'buprenorphine'] })).toEqual(['b-otp'])
  })

  it('finds sites offering methadone OR buprenorphine with match=any, nearest first', async () => {
    expect(await ids({ services: ['methadone', 'buprenorphine'], match: 'any' })).toEqual(['b-otp', 'c-late', 'f-la'])
  })

  it('never shows inactive or temporarily closed sites', async () => {
    const all = await ids({ limit: 100 })
    expect(all).not.toContain('e-inactive')
    expect(all).not.toContain('g-closed')
    expect(all).toEqual(['a-ssp', 'b-otp', 'c-late', 'd-nohours', 'f-la'])
  })

  it('finds the syringe program open on Tuesday at 17:00 Baltimore time, but not the morning-only clinic', async () => {
    // 2026-11-24 is a Tuesday; 22:00 UTC is 17:00 in Baltimore and 14:00 in Los Angeles.
    expect(await ids({ open_at: '2026-11-24T22:00:00Z' })).toEqual(['a-ssp', 'f-la'])
  })

  it("judges hours by each site's own timezone: 10:00 Eastern is 07:00 in Los Angeles", async () => {
    const res = await search({ open_at: '2026-11-24T15:00:00Z', services: ['buprenorphine'], match: 'any' })
    expect(res.results.map((r) => r.id)).toEqual(['b-otp'])
  })

  it('keeps a Friday-night program open at 01:30 Saturday and closed at 02:30', async () => {
    expect(await ids({ open_at: '2026-11-28T07:30:00Z', services: ['methadone'] })).toEqual(['c-late'])
    expect(await ids({ open_at: '2026-11-28T08:30:00Z', services: ['methadone'] })).toEqual([])
  })

  it('shows open_now null for a site without listed hours, and leaves it out of "open now"', async () => {
    const res = await search({ open_at: '2026-11-24T22:00:00Z' })
    expect(res.results.find((r) => r.id === 'd-nohours')).toBeUndefined()
    const plain = await search({})
    const d = plain.results.find((r) => r.id === 'd-nohours')
    expect(d?.open_now).toBeNull()
    expect(d?.next_change).toBeNull()
  })

  it('reports open_now and the next change at the instant asked about', async () => {
    const res = await search({ open_at: '2026-11-24T22:00:00Z', services: ['syringe_services'] })
    expect(res.results[0]).toMatchObject({ id: 'a-ssp', open_now: true, next_change: '2026-11-24T21:00:00-05:00' })
  })

  it('filters by language and payment', async () => {
    expect(await ids({ languages: ['es'] })).toEqual(['f-la'])
    expect(await ids({ payment: 'medicaid' })).toEqual(['b-otp'])
  })

  it('gives distances in metres and miles that agree', async () => {
    const [first] = (await search({})).results
    expect(first?.distance_m).toBeGreaterThan(480)
    expect(first?.distance_m).toBeLessThan(520)
    expect(first?.distance_mi).toBeCloseTo((first?.distance_m ?? 0) / 1609.344, 2)
  })

  it('answers GET with the same results as POST, and GeoJSON with [lon, lat] when asked', async () => {
    const get = await app.inject({ method: 'GET', url: '/api/v1/search?lat=39.29&lon=-76.61&radius_mi=10&services=methadone,buprenorphine&match=any' })
    expect(get.json().results.map((r: { id: string }) => r.id)).toEqual(['b-otp', 'c-late', 'f-la'])
    const geo = await app.inject({
      method: 'GET',
      url: '/api/v1/search?lat=39.29&lon=-76.61&radius_mi=10&limit=1',
      headers: { accept: 'application/geo+json' },
    })
    expect(geo.headers['content-type']).toContain('application/geo+json')
    const fc = geo.json()
    expect(fc.type).toBe('FeatureCollection')
    expect(fc.features[0].geometry.coordinates[0]).toBeCloseTo(BALTIMORE.lon, 5)
    expect(fc.features[0].geometry.coordinates[1]).toBeCloseTo(north(0.5).lat, 5)
    expect(fc.features[0].properties.id).toBe('a-ssp')
  })

  it('gives one site as JSON, or as a GeoJSON Feature when asked (format wins over Accept)', async () => {
    const json = await app.inject({ method: 'GET', url: '/api/v1/sites/b-otp' })
    expect(json.headers['content-type']).toContain('application/json')
    expect(json.json()).toMatchObject({ id: 'b-otp', lat: expect.closeTo(north(1).lat, 5), services: ['buprenorphine', 'methadone'] })
    for (const request of [{ url: '/api/v1/sites/b-otp', headers: { accept: 'application/geo+json' } }, { url: '/api/v1/sites/b-otp?format=geojson' }]) {
      const geo = await app.inject({ method: 'GET', ...request })
      expect(geo.statusCode).toBe(200)
      expect(geo.headers['content-type']).toContain('application/geo+json')
      const feature = geo.json()
      expect(feature).toMatchObject({
        type: 'Feature',
        id: 'b-otp',
        properties: { name: json.json().name, services: ['buprenorphine', 'methadone'], payment: ['medicaid'] },
      })
      expect(feature.geometry.type).toBe('Point')
      expect(feature.geometry.coordinates[0]).toBeCloseTo(BALTIMORE.lon, 5)
      expect(feature.geometry.coordinates[1]).toBeCloseTo(north(1).lat, 5)
      expect(feature.properties).not.toHaveProperty('lat')
    }
    const forced = await app.inject({ method: 'GET', url: '/api/v1/sites/b-otp?format=json', headers: { accept: 'application/geo+json' } })
    expect(forced.json()).toMatchObject({ id: 'b-otp' })
    const bad = await app.inject({ method: 'GET', url: '/api/v1/sites/b-otp?format=kml' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('format')
  })

  it('agrees with the hours evaluator on "open" at 300 instants through a week (SQL vs TypeScript)', async () => {
    const start = Date.parse('2026-11-23T00:00:00Z')
    for (let i = 0; i < 300; i++) {
      const at = new Date(start + Math.floor((i * 7 * 86_400_000) / 300) + (i % 7) * 60_000)
      const got = await ids({ open_at: at.toISOString(), limit: 100 })
      const expected = FIXTURE.filter((s) => s.location.status === 'active' && isOpenAt(s.hours, s.location.timezone, at)).map((s) => s.location.id)
      expect(got, at.toISOString()).toEqual(expected)
    }
  })

  it('returns the same sites whichever index the planner walks (facet index vs nearest)', async () => {
    const demo = [...generateDemoSites(3000, 7)]
    await insertSites(database.db, demo)
    await rebuildSearchTables(database.db)
    const stats = await facetStatsCache(database.db).get()
    const cases = [
      { services: ['methadone'] },
      { services: ['drug_checking', 'overdose_prevention_site'], match: 'any' as const },
      { services: ['naloxone', 'fentanyl_test_strips'] },
      { payment: ['ihs_tribal'], types: ['treatment'] },
      { languages: ['vi', 'ht'] },
      { access: ['mail_delivery'], services: ['syringe_services'] },
    ]
    const origins = [
      [39.3, -76.6],
      [40.71, -74.0],
      [29.76, -95.37],
      [41.88, -87.63],
    ] as const
    for (const c of cases) {
      const filters = parseFilters(c)
      const plan = planSearch(filters, stats)
      for (const [lat, lon] of origins) {
        const q = { ...filters, lat, lon, radiusM: 500 * 1609.344, openFilter: false, at: new Date('2026-11-24T18:00:00Z'), limit: 15 }
        const viaFacets = await findNearestSites(database.db, q, plan.kind === 'facets' ? plan : { kind: 'facets', terms: [] }, null)
        const viaNearest = await findNearestSites(database.db, q, { kind: 'nearest' }, null)
        if (plan.kind === 'facets') expect(viaFacets.map((h) => h.location_id)).toEqual(viaNearest.map((h) => h.location_id))
        expect(viaNearest.length).toBeGreaterThan(0)
      }
    }
  })
})
