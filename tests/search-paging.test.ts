import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { appFor } from './helpers/app.js'
import { hours, site } from './helpers/sites.js'

// 230 sites on a ring and a grid around Baltimore, some at identical points (ties by id).
function ringOfSites() {
  const sites = []
  for (let i = 0; i < 230; i++) {
    const ring = 1 + (i % 23)
    const angle = (i * 137.5 * Math.PI) / 180
    const tie = i % 10 === 0 ? 0 : 1
    sites.push(
      site({
        id: `s-${String(i).padStart(3, '0')}`,
        lat: 39.29 + (tie * ring * Math.cos(angle)) / 111.2,
        lon: -76.61 + (tie * ring * Math.sin(angle)) / 86,
        services: i % 3 === 0 ? ['naloxone', 'methadone'] : ['naloxone'],
        hours: i % 2 === 0 ? [hours('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')] : [hours('MO', '09:00', '10:00')],
      }),
    )
  }
  return sites
}

describe.each(backends)('paging through results on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, ringOfSites())
    await rebuildSearchTables(database.db)
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  async function allPages(body: Record<string, unknown>, pageSize: number) {
    const seen: { id: string; distance_m: number }[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/search',
        payload: { lat: 39.29, lon: -76.61, radius_mi: 50, limit: pageSize, ...body, ...(cursor ? { cursor } : {}) },
      })
      expect(res.statusCode, res.body).toBe(200)
      const json = res.json() as { results: { id: string; distance_m: number }[]; next_cursor: string | null }
      seen.push(...json.results)
      cursor = json.next_cursor
      pages++
    } while (cursor && pages < 100)
    return { seen, pages }
  }

  it('returns every site exactly once, in distance order, across pages of 7', async () => {
    const { seen, pages } = await allPages({}, 7)
    expect(seen.length).toBe(230)
    expect(new Set(seen.map((r) => r.id)).size).toBe(230)
    expect(pages).toBe(Math.ceil(230 / 7))
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!]
      expect(a.distance_m, `${a.id} before ${b.id}`).toBeLessThanOrEqual(b.distance_m)
    }
    // The 23 sites at the very centre tie at 0 m: they come first, by id.
    const centre = seen.slice(0, 23)
    expect(centre.every((r) => r.distance_m === 0)).toBe(true)
    expect(centre.map((r) => r.id)).toEqual(centre.map((r) => r.id).sort())
  })

  it('pages the same way through a filtered search (methadone, open at a fixed time)', async () => {
    const body = { services: ['methadone'], open_at: '2026-11-24T22:00:00Z' }
    const { seen } = await allPages(body, 5)
    const single = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61, radius_mi: 50, limit: 100, ...body } })
    expect(seen.map((r) => r.id)).toEqual(single.json().results.map((r: { id: string }) => r.id))
    expect(seen.length).toBeGreaterThan(20)
  })

  it('says there is no next page when the last page is exactly full', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/search',
      payload: { lat: 39.29, lon: -76.61, radius_mi: 50, limit: 100, services: ['methadone'], match: 'all' },
    })
    const count = res.json().results.length
    const exact = await app.inject({
      method: 'POST',
      url: '/api/v1/search',
      payload: { lat: 39.29, lon: -76.61, radius_mi: 50, limit: count, services: ['methadone'] },
    })
    expect(exact.json().next_cursor).toBeNull()
  })

  it('refuses a cursor from a different search, or a tampered one', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61, limit: 5 } })
    const cursor = first.json().next_cursor as string
    const other = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61, limit: 5, services: ['methadone'], cursor } })
    expect(other.statusCode).toBe(400)
    expect(other.json()).toMatchObject({ code: 'INVALID_FIELD', message: expect.stringContaining('cursor') })
    // Live-status filters decide the results as much as codes do.
    for (const live of [{ in_stock: 'naloxone' }, { accepting_new_patients: true }, { same_day_start: true }, { beds_available: 2 }]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61, limit: 5, ...live, cursor } })
      expect(res.statusCode, JSON.stringify(live)).toBe(400)
    }
    expect((await app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61, limit: 5, cursor } })).statusCode).toBe(200)
    const tampered = await app.inject({
      method: 'POST',
      url: '/api/v1/search',
      payload: { lat: 39.29, lon: -76.61, limit: 5, cursor: cursor.slice(0, -3) + 'xyz' },
    })
    expect(tampered.statusCode).toBe(400)
  })
})
