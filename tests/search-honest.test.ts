/**
 * Two ways a search could mislead, on real data:
 * - a quick-start directory that later got a real import mixes made-up demo listings with
 *   real ones: once any real site exists, demo sites are left out unless asked for;
 * - "open now" on sources that list no hours gives an empty list that reads as "nothing
 *   here": the answer says how many of the nearest places have no hours, and can include them.
 * Both on the nearest walk and on the facet walk of a rare service.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { facetStatsCache } from '../server/search/facet-stats.js'
import { planSearch } from '../server/search/plan.js'
import { parseFilters } from '../server/search/query.js'
import { termId } from '../server/vocabulary.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { hours, site } from './helpers/sites.js'

const BALTIMORE = { lat: 39.29, lon: -76.61 }
const north = (km: number) => ({ lat: BALTIMORE.lat + km / 111.2, lon: BALTIMORE.lon })
/** A Wednesday, 10:00 in Baltimore. */
const WEDNESDAY_10AM = '2026-12-02T10:00:00-05:00'
const weekdays = [hours('MO,TU,WE,TH,FR', '09:00', '17:00')]
const evenings = [hours('MO,TU,WE,TH,FR', '18:00', '22:00')]

const DEMO = [
  site({ id: 'demo-1', ...north(0.2), demo: true, services: ['naloxone'], hours: weekdays }),
  site({ id: 'demo-2', ...north(0.4), demo: true, services: ['drug_checking'], hours: weekdays }),
]
const REAL = [
  site({ id: 'open-1', ...north(1), services: ['naloxone'], hours: weekdays }),
  site({ id: 'closed-1', ...north(2), services: ['naloxone'], hours: evenings }),
  site({ id: 'unknown-1', ...north(3), services: ['naloxone'] }),
  site({ id: 'unknown-2', ...north(4), services: ['naloxone', 'drug_checking'] }),
  site({ id: 'dc-open', ...north(5), services: ['drug_checking'], hours: weekdays }),
  site({ id: 'dc-closed', ...north(6), services: ['drug_checking'], hours: evenings }),
  ...Array.from({ length: 14 }, (_, i) => i + 1).map((n) => site({ id: `filler-${n}`, ...north(8 + n), services: ['naloxone'], hours: weekdays })),
]

describe.each(backends)('honest search answers on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(backend)
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  type Answer = {
    results: { id: string; demo: boolean; open_now: boolean | null }[]
    demo_excluded: boolean
    hours_unknown: { nearest: number; unknown: number } | null
  }
  const search = async (body: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { ...BALTIMORE, radius_mi: 30, ...body } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as Answer
  }
  const ids = async (body: Record<string, unknown>) => (await search(body)).results.map((r) => r.id)

  it('shows demo sites while they are all the directory holds', async () => {
    await insertSites(database.db, DEMO)
    await rebuildSearchTables(database.db, { facetMinSites: 0 })
    const answer = await search({})
    expect(answer.results.map((r) => r.id)).toEqual(['demo-1', 'demo-2'])
    expect(answer.demo_excluded).toBe(false)
  })

  it('leaves demo sites out once real sites exist, on both index walks, unless include_demo asks for them', async () => {
    await insertSites(database.db, REAL)
    await rebuildSearchTables(database.db, { facetMinSites: 0 })
    const answer = await search({ limit: 3 })
    expect(answer.results.map((r) => r.id)).toEqual(['open-1', 'closed-1', 'unknown-1'])
    expect(answer.demo_excluded).toBe(true)
    expect(answer.results.some((r) => r.demo)).toBe(false)
    expect(await ids({ limit: 3, include_demo: true })).toEqual(['demo-1', 'demo-2', 'open-1'])

    // Drug checking is rare here: the planner walks its facet rows, which carry the demo flag.
    const plan = planSearch(parseFilters({ services: ['drug_checking'] }), await facetStatsCache(database.db).get())
    expect(plan).toEqual({ kind: 'facets', terms: [termId('services', 'drug_checking')] })
    expect(await ids({ services: ['drug_checking'] })).toEqual(['unknown-2', 'dc-open', 'dc-closed'])
    expect(await ids({ services: ['drug_checking'], include_demo: true })).toEqual(['demo-2', 'unknown-2', 'dc-open', 'dc-closed'])
  })

  it('pages through real sites only, and a cursor of a search with demo sites does not serve one without', async () => {
    const first = await search({ limit: 4 })
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/search',
      payload: { ...BALTIMORE, radius_mi: 30, limit: 4, include_demo: true, cursor: (first as { next_cursor?: string }).next_cursor },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/^cursor /)
  })

  it('says how many of the nearest places list no hours when "open now" leaves them out', async () => {
    const answer = await search({ open_at: WEDNESDAY_10AM, limit: 5 })
    expect(answer.results.map((r) => r.id)).toEqual(['open-1', 'dc-open', 'filler-1', 'filler-2', 'filler-3'])
    // The 5 nearest real sites whatever their hours: open-1, closed-1, unknown-1, unknown-2, dc-open.
    expect(answer.hours_unknown).toEqual({ nearest: 5, unknown: 2 })
    // Without an open filter there is nothing to say.
    expect((await search({ limit: 5 })).hours_unknown).toBeNull()
  })

  it('counts the unknown hours among the nearest as a search without the open filter sees them, open sites or none', async () => {
    const instants = [WEDNESDAY_10AM, '2026-11-29T08:00:00Z', '2026-11-25T03:30:00Z']
    for (const open_at of instants) {
      for (const body of [{}, { services: ['drug_checking'] }, { limit: 2 }, { limit: 50 }]) {
        const plain = await search({ ...body })
        const open = await search({ ...body, open_at })
        const unknown = plain.results.filter((r) => r.open_now === null).length
        expect(open.hours_unknown, `${open_at} ${JSON.stringify(body)}`).toEqual({ nearest: plain.results.length, unknown })
      }
    }
  })

  it('includes places with unknown hours when asked, nearest first, never the closed ones', async () => {
    const answer = await search({ open_at: WEDNESDAY_10AM, include_unknown_hours: true, limit: 4 })
    expect(answer.results.map((r) => [r.id, r.open_now])).toEqual([
      ['open-1', true],
      ['unknown-1', null],
      ['unknown-2', null],
      ['dc-open', true],
    ])
    // The facet walk of a rare service agrees.
    expect(await ids({ services: ['drug_checking'], open_at: WEDNESDAY_10AM })).toEqual(['dc-open'])
    expect(await ids({ services: ['drug_checking'], open_at: WEDNESDAY_10AM, include_unknown_hours: true })).toEqual(['unknown-2', 'dc-open'])
    const dc = await search({ services: ['drug_checking'], open_at: WEDNESDAY_10AM })
    expect(dc.hours_unknown).toEqual({ nearest: 3, unknown: 1 })
  })

  it('refuses include_unknown_hours without an open filter, naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/search?lat=39.29&lon=-76.61&include_unknown_hours=true' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/^include_unknown_hours /)
  })
})
