/**
 * An outreach worker who saved Baltimore before going under a bridge gets, with no signal, the
 * same answer the server would give: the same sites in the same order, open now judged the
 * same way at the same instant, the same filters — from the area download and the page's own
 * offline search (web/src/offline/search.ts) running on the server's schedule code.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OfflineArea, OfflineAreaSize } from '../common/contract/offline-area.js'
import type { SearchFields, SearchResponse } from '../common/contract/search.js'
import { createAccount } from '../server/curate/accounts.js'
import { postLiveStatus } from '../server/curate/live-status.js'
import { generateDemoSites } from '../server/demo/generate.js'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import type { SiteRecord } from '../server/directory/site-record.js'
import { searchSaved } from '../web/src/offline/search.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'

/** Baltimore and its counties: west, south, east, north. */
const BOX: [number, number, number, number] = [-77.0, 39.0, -76.2, 39.6]
const BBOX = BOX.join(',')
const SITES = 400

/** A seeded random number in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** Demo sites (their varied hours, services, payment and languages) moved into the box, plus a few just outside it. */
function fixture(): SiteRecord[] {
  const rnd = random(7)
  return [...generateDemoSites(SITES + 20, 11)].map((s, i) => {
    const inside = i < SITES
    const lat = inside ? BOX[1] + rnd() * (BOX[3] - BOX[1]) : BOX[3] + 0.05 + rnd() * 0.2
    const lon = BOX[0] + rnd() * (BOX[2] - BOX[0])
    const status = i % 37 === 5 ? 'temporarily_closed' : s.location.status
    return {
      ...s,
      demo: i % 3 !== 0,
      location: { ...s.location, id: `b-${i}`, latitude: lat, longitude: lon, timezone: 'America/New_York', region: 'MD', status },
    } as SiteRecord
  })
}

const ids = (r: { results: { id: string }[] }) => r.results.map((x) => x.id)

describe.each(backends)('offline search answers as the server does, on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  let area: OfflineArea

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, fixture())
    await rebuildSearchTables(database.db)
    const admin = await createAccount(database.db, { email: 'admin@example.org', name: 'Ada Admin', role: 'admin' })
    const who = { by: 'curator' as const, accountId: admin.id }
    // Live status on a few sites: supplies, intake and a "today" post that changes open-now.
    for (let i = 0; i < 40; i += 4) {
      await postLiveStatus(database.db, `b-${i}`, { naloxone: i % 8 === 0 ? 'in_stock' : 'out', accepting_new_patients: 'yes' }, who)
    }
    await postLiveStatus(database.db, 'b-1', { today: { kind: 'not_running' } }, who)
    await postLiveStatus(database.db, 'b-2', { beds_available: 4, same_day_start: true }, who)
    app = await appFor(database, { staleHideAfterDays: 400 })
    const res = await app.inject({ method: 'GET', url: `/api/v1/offline-area?bbox=${BBOX}` })
    expect(res.statusCode).toBe(200)
    area = res.json() as OfflineArea
  }, 120_000)
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  it('downloads every active site in the box and nothing outside it, cacheably, with no cookie', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/offline-area?bbox=${BBOX}` })
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/)
    expect(res.headers['set-cookie']).toBeUndefined()
    const active = fixture().filter((s, i) => i < SITES && s.location.status === 'active')
    expect(area.sites.map((s) => s.id).sort()).toEqual(active.map((s) => s.location.id).sort())
    expect(area.sites.every((s) => s.lon >= BOX[0] && s.lon <= BOX[2] && s.lat >= BOX[1] && s.lat <= BOX[3])).toBe(true)
    expect(area.real_sites_exist).toBe(true)
    expect(area.stale_hide_after_days).toBe(400)
    const b0 = area.sites.find((s) => s.id === 'b-0')
    expect(b0?.live_status.map((i) => i.topic)).toEqual(['naloxone', 'accepting_new_patients'])
    expect(area.sites.find((s) => s.id === 'b-1')?.today?.closed).not.toBeNull()
  })

  it('says how big a download is before it starts', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/offline-area/size?bbox=${BBOX}` })
    expect(res.statusCode).toBe(200)
    const size = res.json() as OfflineAreaSize
    expect(size.sites).toBe(area.sites.length)
    const actual = JSON.stringify(area).length
    expect(size.bytes).toBeGreaterThan(actual * 0.5)
    expect(size.bytes).toBeLessThan(actual * 2)
  })

  it('refuses a box it cannot serve, naming what is wrong', async () => {
    for (const [bbox, words] of [
      ['-77,39,-76', 'four numbers'],
      ['-76,39,-77,40', 'west < east'],
      ['-80,35,-70,45', 'at most 3 degrees'],
      ['-200,39,-76,40', 'within longitudes'],
      ['a,b,c,d', 'four numbers'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/offline-area?bbox=${bbox}` })
      expect(res.statusCode, bbox).toBe(400)
      expect(res.json().message, bbox).toContain(words)
    }
  })

  it('gives the same ids, order, open state and paging for 50 random origins inside the saved area at a fixed instant', async () => {
    const rnd = random(99)
    // A Tuesday afternoon and a Sunday night, in Baltimore.
    const instants = ['2026-12-01T15:30:00-05:00', '2026-12-06T22:10:00-05:00']
    const filterSets: SearchFields[] = [
      {},
      { services: ['naloxone'], open_at: instants[0] },
      { services: ['naloxone', 'syringe_services'], match: 'any', open_at: instants[1], include_unknown_hours: true },
      { payment: ['medicaid'], include_demo: true },
      { types: ['treatment'], languages: ['es'], include_demo: true, open_at: instants[0] },
      { in_stock: ['naloxone'], include_demo: true },
      { accepting_new_patients: true, include_demo: true, open_at: instants[0] },
      { verified_within_days: 300, include_demo: true },
      { include_stale: true, include_demo: true, radius_mi: 5 },
    ]
    let compared = 0
    for (let n = 0; n < 50; n++) {
      // Inside the inner part of the box, so a 7-mile search stays within what was saved.
      const lat = 39.15 + rnd() * 0.3
      const lon = -76.85 + rnd() * 0.5
      const filters = filterSets[n % filterSets.length] as SearchFields
      const fields: SearchFields = { lat, lon, radius_mi: 7, limit: 10, ...filters }
      const online = (await app.inject({ method: 'POST', url: '/api/v1/search', payload: fields })).json() as SearchResponse
      const offline = searchSaved(area.sites, { realSitesExist: area.real_sites_exist, staleHideAfterDays: area.stale_hide_after_days }, fields, new Date(), [
        BOX,
      ])
      const label = `origin ${n} ${JSON.stringify(filters)}`
      expect(offline.complete, label).toBe(true)
      expect(ids(offline), label).toEqual(ids(online))
      expect(
        offline.results.map((r) => [r.open_now, r.next_change, r.distance_m, r.verification.age, r.live_status.length]),
        label,
      ).toEqual(online.results.map((r) => [r.open_now, r.next_change, r.distance_m, r.verification.age, r.live_status.length]))
      expect(offline.hours_unknown, label).toEqual(online.hours_unknown)
      expect(offline.demo_excluded, label).toBe(online.demo_excluded)
      expect(offline.next_cursor === null, label).toBe(online.next_cursor === null)
      if (online.next_cursor && offline.next_cursor) {
        const page2 = (await app.inject({ method: 'POST', url: '/api/v1/search', payload: { ...fields, cursor: online.next_cursor } })).json()
        const offline2 = searchSaved(area.sites, { realSitesExist: true, staleHideAfterDays: 400 }, { ...fields, cursor: offline.next_cursor }, new Date(), [
          BOX,
        ])
        expect(ids(offline2), `${label} page 2`).toEqual(ids(page2))
      }
      compared += online.results.length
    }
    // The comparison compared something: most searches found sites.
    expect(compared).toBeGreaterThan(150)
  }, 120_000)

  it('says an answer may be missing sites when the circle reaches past the saved area', () => {
    const atEdge = searchSaved(
      area.sites,
      { realSitesExist: true, staleHideAfterDays: null },
      { lat: 39.59, lon: -76.6, radius_mi: 25, include_demo: true, limit: 100 },
      new Date(),
      [BOX],
    )
    expect(atEdge.complete).toBe(false)
  })
})
