/**
 * Availability reports on both backends: "I got naloxone here today", "they were out", "they
 * were closed when I came" are stored anonymously, counted on the site for 7 days and marked
 * unconfirmed; three "closed" in a week put a recently verified site back in the curators'
 * verification queue, two do not; and a report never changes the site's status.
 */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { createAccount } from '../server/curate/accounts.js'
import { createApiToken } from '../server/curate/sessions.js'
import { availabilityReportsOf, createAvailabilityReport } from '../server/reports/availability.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { site } from './helpers/sites.js'

const DAY = 86_400_000

describe.each(backends)('availability reports on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  let token: string
  let client = 0
  let closed = false

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, [
      site({ id: 'ssp-1', lat: 39.29, lon: -76.61, services: ['syringe_services', 'naloxone'] }),
      site({ id: 'ssp-2', lat: 39.3, lon: -76.61 }),
      site({ id: 'ssp-3', lat: 39.31, lon: -76.61 }),
      site({ id: 'ssp-4', lat: 39.32, lon: -76.61 }),
    ])
    // Verified this week, so only reports can put them in the verification queue.
    await sql`UPDATE locations SET assured_date = current_date - 2`.execute(database.db)
    await rebuildSearchTables(database.db)
    app = await appFor(database)
    const admin = await createAccount(database.db, { email: 'admin@example.org', name: 'Ada Admin', role: 'admin', password: 'correct horse battery staple' })
    token = (await createApiToken(database.db, admin.id, 'tests')).token
  })
  afterAll(async () => {
    await app?.close()
    if (!closed) await database?.close()
  })

  // Each request from its own address, as different people: the route's per-client limit is tested on its own below.
  const report = (id: string, payload: unknown) =>
    app.inject({ method: 'POST', url: `/api/v1/sites/${id}/availability-reports`, payload: payload as object, remoteAddress: `10.0.0.${++client}` })
  const detail = async (id: string) => (await app.inject({ method: 'GET', url: `/api/v1/sites/${id}` })).json()
  const verificationQueue = async () =>
    (await app.inject({ method: 'GET', url: '/api/v1/curate/queue?kind=verification', headers: { authorization: `Bearer ${token}` } })).json() as {
      counts: { verification: number }
      items: { key: string; site: { id: string }; since: string; closed_reports: number; availability_reports: Record<string, number> }[]
    }

  it('stores "I got naloxone here today" with nothing about the reporter, and answers 201 unconfirmed', async () => {
    const res = await report('ssp-1', { kind: 'got_supplies', supply: 'naloxone' })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ confirmed: false })
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['set-cookie']).toBeUndefined()
    const rows = await sql<Record<string, unknown>>`SELECT * FROM availability_reports WHERE location_id = 'ssp-1'`.execute(database.db)
    expect(rows.rows).toHaveLength(1)
    // The table holds a kind, a supply, a site and a time: no address, no text, no agent.
    expect(Object.keys(rows.rows[0]!).sort()).toEqual(['created_at', 'id', 'kind', 'location_id', 'supply'])
    expect(rows.rows[0]).toMatchObject({ id: res.json().id, kind: 'got_supplies', supply: 'naloxone' })
  })

  it('counts the week on the site detail per kind and supply, marked unconfirmed, and leaves the status alone', async () => {
    expect((await report('ssp-1', { kind: 'got_supplies', supply: 'naloxone' })).statusCode).toBe(201)
    expect((await report('ssp-1', { kind: 'out_of_supplies', supply: 'test_strips' })).statusCode).toBe(201)
    expect((await report('ssp-1', { kind: 'out_of_supplies' })).statusCode).toBe(201)
    expect((await report('ssp-1', { kind: 'closed' })).statusCode).toBe(201)
    const site = await detail('ssp-1')
    expect(site.status).toBe('active')
    const a = site.availability_reports
    expect(a).toMatchObject({ confirmed: false, window_days: 7, total: 5, by_kind: { got_supplies: 2, out_of_supplies: 2, closed: 1 } })
    expect(a.counts).toEqual([
      { kind: 'got_supplies', supply: 'naloxone', count: 2, latest_at: expect.any(String) },
      { kind: 'out_of_supplies', supply: null, count: 1, latest_at: expect.any(String) },
      { kind: 'out_of_supplies', supply: 'test_strips', count: 1, latest_at: expect.any(String) },
      { kind: 'closed', supply: null, count: 1, latest_at: expect.any(String) },
    ])
    expect(Date.now() - Date.parse(a.latest_at)).toBeLessThan(60_000)
    // The GeoJSON Feature carries the same counts.
    const feature = (await app.inject({ method: 'GET', url: '/api/v1/sites/ssp-1?format=geojson' })).json()
    expect(feature.properties.availability_reports.total).toBe(5)
    // A site nobody reported on says so with zeros, still unconfirmed.
    expect((await detail('ssp-4')).availability_reports).toEqual({
      confirmed: false,
      window_days: 7,
      total: 0,
      latest_at: null,
      by_kind: { got_supplies: 0, out_of_supplies: 0, closed: 0 },
      counts: [],
    })
  })

  it('counts only the 7 days before now: a report 6 days 23 h old counts, one 7 days 1 h old does not', async () => {
    const now = new Date('2026-06-15T12:00:00Z')
    const at = (ms: number) => new Date(now.getTime() - ms)
    await createAvailabilityReport(database.db, { locationId: 'ssp-4', kind: 'closed', supply: null, at: at(7 * DAY + 3_600_000) })
    await createAvailabilityReport(database.db, { locationId: 'ssp-4', kind: 'got_supplies', supply: 'syringes', at: at(7 * DAY - 3_600_000) })
    await createAvailabilityReport(database.db, { locationId: 'ssp-4', kind: 'got_supplies', supply: 'syringes', at: at(DAY) })
    // Made after `now`: not in that window either.
    await createAvailabilityReport(database.db, { locationId: 'ssp-4', kind: 'closed', supply: null, at: new Date(now.getTime() + DAY) })
    const counts = await availabilityReportsOf(database.db, 'ssp-4', now)
    expect(counts.by_kind).toEqual({ got_supplies: 2, out_of_supplies: 0, closed: 0 })
    expect(counts.latest_at).toBe(at(DAY).toISOString())
    // Five days later the oldest "got" has left the window and the later "closed" has come in.
    expect((await availabilityReportsOf(database.db, 'ssp-4', new Date(now.getTime() + 5 * DAY))).by_kind).toEqual({
      got_supplies: 1,
      out_of_supplies: 0,
      closed: 1,
    })
  })

  it("stays same-origin: another site's page gets no CORS grant to post reports through its visitors", async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sites/ssp-2/availability-reports',
      headers: { origin: 'https://elsewhere.example' },
      payload: { kind: 'closed' },
      remoteAddress: '10.9.9.9',
    })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    await sql`DELETE FROM availability_reports WHERE location_id = 'ssp-2'`.execute(database.db)
  })

  it('logs the method, route pattern and status only: never the site, the kind, the supply or the address', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const logged = await appFor(database, { logLevel: 'trace' }, stream)
    try {
      const res = await logged.inject({
        method: 'POST',
        url: '/api/v1/sites/ssp-2/availability-reports',
        payload: { kind: 'out_of_supplies', supply: 'syringes' },
        remoteAddress: '203.0.113.7',
      })
      expect(res.statusCode).toBe(201)
      expect((await logged.inject({ method: 'POST', url: '/api/v1/sites/ssp-2/availability-reports', payload: { kind: 'spam' } })).statusCode).toBe(400)
    } finally {
      await logged.close()
    }
    const text = lines.join('')
    expect(text).toContain('/api/v1/sites/:id/availability-reports')
    for (const secret of ['ssp-2', 'out_of_supplies', 'syringes', 'spam', '203.0.113.7']) expect(text).not.toContain(secret)
    await sql`DELETE FROM availability_reports WHERE location_id = 'ssp-2'`.execute(database.db)
  })

  it('answers 404 for a site that does not exist, and stores nothing', async () => {
    const res = await report('no-such-site', { kind: 'closed' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' })
    expect((await sql`SELECT 1 FROM availability_reports WHERE location_id = 'no-such-site'`.execute(database.db)).rows).toEqual([])
  })

  it('refuses a bad kind, an unknown supply, a supply with "closed" and free text, naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ kind: 'spam' }, /^kind/],
      [{}, /^kind is required/],
      [{ kind: 'got_supplies', supply: 'cocaine' }, /^supply/],
      [{ kind: 'closed', supply: 'naloxone' }, /^supply is only allowed with kind got_supplies or out_of_supplies/],
      [{ kind: 'closed', message: 'they said come back tomorrow' }, /^message is not a known field/],
    ]
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM availability_reports`.execute(database.db)).rows[0]!.n
    for (const [payload, message] of cases) {
      const res = await report('ssp-2', payload)
      expect(res.statusCode, JSON.stringify(payload)).toBe(400)
      expect(res.json()).toMatchObject({ code: 'INVALID_FIELD' })
      expect(res.json().message).toMatch(message)
    }
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM availability_reports`.execute(database.db)).rows[0]!.n).toBe(before)
  })

  it('allows 10 reports a minute from one address, then answers 429, while the rest of the API answers', async () => {
    const limited = await appFor(database)
    try {
      const codes: number[] = []
      for (let i = 0; i < 11; i++) {
        const res = await limited.inject({ method: 'POST', url: '/api/v1/sites/ssp-4/availability-reports', payload: { kind: 'got_supplies' } })
        codes.push(res.statusCode)
        if (res.statusCode === 429) expect(res.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' })
      }
      expect(codes.slice(0, 10)).toEqual(Array(10).fill(201))
      expect(codes[10]).toBe(429)
      expect((await limited.inject({ method: 'GET', url: '/api/v1/sites/ssp-4' })).statusCode).toBe(200)
    } finally {
      await limited.close()
    }
  })

  it('puts a recently verified site in the verification queue after three "closed" reports in a week, with the counts; two are not enough', async () => {
    const before = await verificationQueue()
    expect(before.items.map((i) => i.site.id)).toEqual([])
    for (let i = 0; i < 2; i++) expect((await report('ssp-2', { kind: 'closed' })).statusCode).toBe(201)
    for (let i = 0; i < 3; i++) expect((await report('ssp-3', { kind: 'closed' })).statusCode).toBe(201)
    expect((await report('ssp-3', { kind: 'got_supplies', supply: 'naloxone' })).statusCode).toBe(201)
    // Three closed, but one of them 8 days old: not enough either.
    await createAvailabilityReport(database.db, { locationId: 'ssp-2', kind: 'closed', supply: null, at: new Date(Date.now() - 8 * DAY) })
    const queue = await verificationQueue()
    expect(queue.items.map((i) => i.site.id)).toEqual(['ssp-3'])
    expect(queue.counts.verification).toBe(1)
    expect(queue.items[0]).toMatchObject({ key: 'verify:ssp-3', closed_reports: 3, availability_reports: { got_supplies: 1, out_of_supplies: 0, closed: 3 } })
    expect(Date.now() - Date.parse(queue.items[0]!.since)).toBeLessThan(60_000)
    // Nothing changed in public: still active, and its hours' state as before.
    expect((await detail('ssp-3')).status).toBe('active')
    // A curator confirms the site: the reports before that no longer raise it.
    const verify = await app.inject({
      method: 'POST',
      url: '/api/v1/curate/sites/ssp-3/verify',
      headers: { authorization: `Bearer ${token}` },
      payload: { how: 'called' },
    })
    expect(verify.statusCode, verify.body).toBe(200)
    expect((await verificationQueue()).items.map((i) => i.site.id)).toEqual([])
  })

  // Last: it closes this file's database.
  it('answers 503 with Retry-After when the database is away', async () => {
    await database.close()
    closed = true
    const res = await report('ssp-1', { kind: 'closed' })
    expect(res.statusCode, res.body).toBe(503)
    expect(res.headers['retry-after']).toBeDefined()
    expect(res.json()).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' })
  })
})
