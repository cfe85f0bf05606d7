/**
 * A person who wants listings someone has checked lately: "verified within 30 days" (or a
 * year) finds only sites whose assured_date is that recent by the site's own calendar, with
 * other filters, across pages and on either index walk; results and the site detail say how
 * fresh each listing is and carry what curators tell the public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { siteToday } from '../common/verification.js'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import type { SiteRecord } from '../server/directory/site-record.js'
import { facetStatsCache } from '../server/search/facet-stats.js'
import { planSearch } from '../server/search/plan.js'
import { parseFilters } from '../server/search/query.js'
import { findNearestSites } from '../server/search/repository.js'
import { termId } from '../server/vocabulary.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { site } from './helpers/sites.js'

const BALTIMORE = { lat: 39.29, lon: -76.61 }
const north = (km: number) => ({ lat: BALTIMORE.lat + km / 111.2, lon: BALTIMORE.lon })

/** The date `days` before today in Baltimore (the sites' timezone), as the filter counts it. */
function daysAgo(days: number): string {
  const [y, m, d] = siteToday(new Date(), 'America/New_York').split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10)
}

const verified = (days: number | null, spec: Parameters<typeof site>[0]): SiteRecord => ({
  ...site(spec),
  assuredDate: days === null ? null : daysAgo(days),
})

const FIXTURE: SiteRecord[] = [
  verified(10, { id: 'a-10d', ...north(0.5), services: ['naloxone'] }),
  verified(200, { id: 'b-200d', ...north(1), services: ['naloxone', 'methadone'] }),
  verified(null, { id: 'c-never', ...north(1.5), services: ['naloxone'] }),
  verified(10, { id: 'd-10d-otp', ...north(2), services: ['methadone'] }),
  verified(30, { id: 'e-30d', ...north(2.5), services: ['naloxone'] }),
  verified(31, { id: 'f-31d', ...north(3), services: ['naloxone'] }),
  verified(400, { id: 'g-400d', ...north(3.5), services: ['naloxone'] }),
  // Drug checking on 3 of 16 sites: rare enough for the planner to walk its facet index.
  verified(10, { id: 'h-dc-10d', ...north(4), services: ['drug_checking'] }),
  verified(200, { id: 'i-dc-200d', ...north(4.5), services: ['drug_checking'] }),
  verified(null, { id: 'j-dc-never', ...north(5), services: ['drug_checking'] }),
  ...[1, 2, 3, 4, 5, 6].map((n) => verified(5, { id: `z${n}-5d`, ...north(6 + n / 4), services: ['naloxone'] })),
]

const ids = (ofDays: (days: number | null) => boolean) =>
  FIXTURE.filter((s) => {
    if (s.assuredDate === null) return ofDays(null)
    const days = Math.round((Date.parse(daysAgo(0)) - Date.parse(s.assuredDate)) / 86_400_000)
    return ofDays(days)
  }).map((s) => s.location.id)

describe.each(backends)('searching by how recently a site was verified, on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, FIXTURE)
    await sql`UPDATE locations SET public_note = 'Ask for the outreach team at the side door.' WHERE id = 'a-10d'`.execute(database.db)
    await sql`UPDATE locations SET status = 'temporarily_closed', status_until = '2099-01-31', status_reason = 'Renovation',
      public_note = 'Call before you come.' WHERE id = 'g-400d'`.execute(database.db)
    await sql`UPDATE locations SET services_override = ARRAY['naloxone', 'wound_care'] WHERE id = 'f-31d'`.execute(database.db)
    // No minimum, so the drug-checking term gets facet rows in a directory this small.
    await rebuildSearchTables(database.db, { facetMinSites: 0 })
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  type Result = { id: string; assured_date: string | null; verification: { assured_date: string | null; age: string }; public_note: string | null }
  const search = async (body: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { ...BALTIMORE, radius_mi: 20, limit: 100, ...body } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as { results: Result[]; next_cursor: string | null }
  }
  const found = async (body: Record<string, unknown>) => (await search(body)).results.map((r) => r.id)

  it('finds only sites verified within 30 days: 10 and exactly 30 days ago, not 31, 200 days or never', async () => {
    const within30 = await found({ verified_within_days: 30 })
    expect(within30).toEqual(['a-10d', 'd-10d-otp', 'e-30d', 'h-dc-10d', 'z1-5d', 'z2-5d', 'z3-5d', 'z4-5d', 'z5-5d', 'z6-5d'])
    expect(within30).toEqual(ids((d) => d !== null && d <= 30))
  })

  it('finds sites verified within a year, leaving out the never-verified ones (and the closed one, as always)', async () => {
    const within365 = await found({ verified_within_days: 365 })
    expect(within365).toEqual(ids((d) => d !== null && d <= 365))
    expect(within365).toContain('b-200d')
    expect(within365).not.toContain('c-never')
    expect(within365).not.toContain('g-400d')
    // Without the filter every active site is there, never-verified ones included.
    expect(await found({})).toEqual(FIXTURE.filter((s) => s.location.id !== 'g-400d').map((s) => s.location.id))
  })

  it('combines with a service filter: methadone verified within 30 days, then within a year', async () => {
    expect(await found({ services: ['methadone'], verified_within_days: 30 })).toEqual(['d-10d-otp'])
    expect(await found({ services: ['methadone'], verified_within_days: 365 })).toEqual(['b-200d', 'd-10d-otp'])
  })

  it('pages through the filtered results without losing or repeating a site', async () => {
    const all = await found({ verified_within_days: 365 })
    const paged: string[] = []
    let cursor: string | null = null
    for (let page = 0; page < 20; page++) {
      const res = await search({ verified_within_days: 365, limit: 3, ...(cursor ? { cursor } : {}) })
      paged.push(...res.results.map((r) => r.id))
      cursor = res.next_cursor
      if (!cursor) break
    }
    expect(paged).toEqual(all)
    // A cursor belongs to its search: one from the unfiltered search is refused here.
    const unfiltered = await search({ limit: 3 })
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/search',
      payload: { ...BALTIMORE, radius_mi: 20, limit: 3, verified_within_days: 365, cursor: unfiltered.next_cursor },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/^cursor /)
  })

  it('gives the same sites on the facet walk of a rare service as on the nearest walk', async () => {
    expect(await found({ services: ['drug_checking'], verified_within_days: 30 })).toEqual(['h-dc-10d'])
    expect(await found({ services: ['drug_checking'], verified_within_days: 365 })).toEqual(['h-dc-10d', 'i-dc-200d'])
    const stats = await facetStatsCache(database.db).get()
    for (const days of [30, 365]) {
      const filters = parseFilters({ services: ['drug_checking'], verified_within_days: days })
      const plan = planSearch(filters, stats)
      expect(plan).toEqual({ kind: 'facets', terms: [termId('services', 'drug_checking')] })
      const q = { ...filters, ...BALTIMORE, radiusM: 20 * 1609.344, openFilter: false, at: new Date(), now: new Date(), limit: 10 }
      const viaFacets = (await findNearestSites(database.db, q, plan, null)).map((h) => h.location_id)
      expect(viaFacets).toEqual((await findNearestSites(database.db, q, { kind: 'nearest' }, null)).map((h) => h.location_id))
    }
  })

  it('answers GET the same as POST', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/search?lat=39.29&lon=-76.61&radius_mi=20&services=methadone&verified_within_days=30' })
    expect(res.statusCode).toBe(200)
    expect(res.json().results.map((r: Result) => r.id)).toEqual(['d-10d-otp'])
  })

  it('refuses a bad verified_within_days with a 400 that names it', async () => {
    // (A JSON true is coerced to 1, as for every integer field.)
    const bad: unknown[] = [0, -5, 3651, 1.5, 'soon', null, [30, 60]]
    for (const value of bad) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { ...BALTIMORE, verified_within_days: value } })
      expect(res.statusCode, String(value)).toBe(400)
      expect(res.json(), String(value)).toMatchObject({ statusCode: 400, code: 'INVALID_FIELD', error: 'Bad Request' })
      expect(res.json().message, String(value)).toMatch(/^verified_within_days /)
    }
    for (const value of ['0', '3651', '2.5', 'abc', '']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/search?lat=39.29&lon=-76.61&verified_within_days=${value}` })
      expect(res.statusCode, value).toBe(400)
      expect(res.json().message, value).toMatch(/^verified_within_days /)
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/search?lat=39.29&lon=-76.61&verified_within_days=3650' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/v1/search?lat=39.29&lon=-76.61&verified_within_days=1' })).statusCode).toBe(200)
  })

  it('says how fresh each result is and carries the curators’ public note, in JSON and GeoJSON', async () => {
    const { results } = await search({})
    const byId = new Map(results.map((r) => [r.id, r]))
    expect(byId.get('a-10d')).toMatchObject({
      assured_date: daysAgo(10),
      verification: { assured_date: daysAgo(10), age: 'fresh' },
      public_note: 'Ask for the outreach team at the side door.',
    })
    expect(byId.get('b-200d')?.verification).toEqual({ assured_date: daysAgo(200), age: 'aging' })
    expect(byId.get('c-never')).toMatchObject({ assured_date: null, verification: { assured_date: null, age: 'never' }, public_note: null })
    const geo = await app.inject({ method: 'GET', url: '/api/v1/search?lat=39.29&lon=-76.61&limit=1&format=geojson' })
    expect(geo.json().features[0].properties).toMatchObject({
      id: 'a-10d',
      verification: { age: 'fresh' },
      public_note: 'Ask for the outreach team at the side door.',
      status_until: null,
      status_reason: null,
    })
  })

  it('shows a site in full with its verification, public note and temporary closure, and nobody’s name', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/sites/g-400d' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      id: 'g-400d',
      status: 'temporarily_closed',
      status_until: '2099-01-31',
      status_reason: 'Renovation',
      public_note: 'Call before you come.',
      assured_date: daysAgo(400),
      verification: { assured_date: daysAgo(400), age: 'stale' },
    })
    expect(Object.keys(body.verification).sort()).toEqual(['age', 'assured_date'])
    expect(JSON.stringify(body)).not.toMatch(/verified_by|account|curator|@/)
    const never = (await app.inject({ method: 'GET', url: '/api/v1/sites/c-never' })).json()
    expect(never).toMatchObject({ public_note: null, status_until: null, status_reason: null, verification: { assured_date: null, age: 'never' } })
    const feature = (await app.inject({ method: 'GET', url: '/api/v1/sites/a-10d?format=geojson' })).json()
    expect(feature.properties).toMatchObject({ public_note: 'Ask for the outreach team at the side door.', verification: { age: 'fresh' } })
  })

  it("lists a curator's service codes for the whole site alike in search and in the detail", async () => {
    const result = (await search({ services: ['wound_care'] })).results
    expect(result.map((r) => r.id)).toEqual(['f-31d'])
    expect((await app.inject({ method: 'GET', url: '/api/v1/sites/f-31d' })).json().services).toEqual(['naloxone', 'wound_care'])
  })

  it('describes the filter and the new fields in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
    const get = spec.paths['/api/v1/search'].get
    const param = get.parameters.find((p: { name: string }) => p.name === 'verified_within_days')
    expect(param.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 3650 })
    expect(param.description ?? param.schema.description).toMatch(/verified/i)
    const body = spec.paths['/api/v1/search'].post.requestBody.content['application/json'].schema
    expect(body.properties.verified_within_days).toMatchObject({ type: 'integer', minimum: 1, maximum: 3650 })
    const result = get.responses['200'].content['application/json'].schema.properties.results.items.properties
    expect(result.verification.properties.age.anyOf.flatMap((a: { enum: string[] }) => a.enum)).toEqual(['fresh', 'aging', 'stale', 'never'])
    expect(result).toHaveProperty('public_note')
    const site = spec.paths['/api/v1/sites/{id}'].get.responses['200'].content['application/json'].schema.properties
    for (const field of ['public_note', 'status_until', 'status_reason', 'verification', 'assured_date']) expect(site).toHaveProperty(field)
  })
})
