/**
 * A directory that sets STALE_HIDE_AFTER_DAYS stops sending people to listings nobody has
 * confirmed for too long: a site last verified (never verified: last imported) more than that
 * many days ago drops out of default search results, on the API and /lite, but its page stays
 * reachable by id, `include_stale` brings it back, and a provider's confirmation returns it.
 */
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { siteToday } from '../common/verification.js'
import { createAccount } from '../server/curate/accounts.js'
import { createApiToken } from '../server/curate/sessions.js'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import type { SiteRecord } from '../server/directory/site-record.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { site } from './helpers/sites.js'

const BALTIMORE = { lat: 39.29, lon: -76.61 }
const north = (km: number) => ({ lat: BALTIMORE.lat + km / 111.2, lon: BALTIMORE.lon })
const HIDE_AFTER = 365

/** The date `days` before today in Baltimore (the sites' timezone), as the filter counts it. */
function daysAgo(days: number): string {
  const [y, m, d] = siteToday(new Date(), 'America/New_York').split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10)
}

const verified = (days: number | null, spec: Parameters<typeof site>[0]): SiteRecord => ({
  ...site({ name: `Site ${spec.id}`, ...spec }),
  assuredDate: days === null ? null : daysAgo(days),
})

const FIXTURE: SiteRecord[] = [
  verified(10, { id: 'a-10d', ...north(0.5) }),
  verified(HIDE_AFTER, { id: 'b-365d', ...north(1) }),
  verified(HIDE_AFTER + 1, { id: 'c-366d', ...north(1.5) }),
  verified(900, { id: 'd-900d', ...north(2), services: ['drug_checking'] }),
  // Never verified: judged by when it was last imported (set below for the old one).
  verified(null, { id: 'e-never-new', ...north(2.5) }),
  verified(null, { id: 'f-never-old', ...north(3), services: ['drug_checking'] }),
  verified(20, { id: 'g-20d-dc', ...north(3.5), services: ['drug_checking'] }),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => verified(5, { id: `z${n}-5d`, ...north(5 + n / 4) })),
]
const ALL = FIXTURE.map((s) => s.location.id)
const HIDDEN = ['c-366d', 'd-900d', 'f-never-old']
const SHOWN = ALL.filter((id) => !HIDDEN.includes(id))

describe.each(backends)('hiding stale listings from default search results, on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  let open: FastifyInstance
  let adminToken: string

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, FIXTURE)
    await sql`UPDATE locations SET imported_at = now() - interval '800 days' WHERE id = 'f-never-old'`.execute(database.db)
    // No minimum, so the drug-checking term gets facet rows in a directory this small.
    await rebuildSearchTables(database.db, { facetMinSites: 0 })
    app = await appFor(database, { staleHideAfterDays: HIDE_AFTER })
    open = await appFor(database)
    const admin = await createAccount(database.db, { email: 'admin@example.org', name: 'Ada Admin', role: 'admin' })
    adminToken = (await createApiToken(database.db, admin.id, 'tests')).token
  })
  afterAll(async () => {
    await app?.close()
    await open?.close()
    await database?.close()
  })

  const search = async (on: FastifyInstance, body: Record<string, unknown> = {}) => {
    const res = await on.inject({ method: 'POST', url: '/api/v1/search', payload: { ...BALTIMORE, radius_mi: 20, limit: 100, ...body } })
    expect(res.statusCode, res.body).toBe(200)
    return (res.json() as { results: { id: string }[] }).results.map((r) => r.id)
  }

  it('leaves out sites verified more than 365 days ago, and never-verified ones imported that long ago', async () => {
    expect(await search(app)).toEqual(SHOWN)
    // Exactly 365 days is still in; a never-verified site imported today is in.
    expect(SHOWN).toEqual(expect.arrayContaining(['b-365d', 'e-never-new']))
  })

  it('brings them back with include_stale, in a POST body or a query string', async () => {
    expect(await search(app, { include_stale: true })).toEqual(ALL)
    expect(await search(app, { include_stale: false })).toEqual(SHOWN)
    const res = await app.inject({ method: 'GET', url: '/api/v1/search?lat=39.29&lon=-76.61&radius_mi=20&limit=100&include_stale=true' })
    expect(res.json().results.map((r: { id: string }) => r.id)).toEqual(ALL)
    const bad = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { ...BALTIMORE, include_stale: 'sometimes' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/include_stale/)
  })

  it('hides nothing when STALE_HIDE_AFTER_DAYS is unset', async () => {
    expect(await search(open)).toEqual(ALL)
  })

  it('gives the same answer on the facet walk of a rare service as on the nearest walk', async () => {
    expect(await search(app, { services: ['drug_checking'] })).toEqual(['g-20d-dc'])
    expect(await search(app, { services: ['drug_checking'], include_stale: true })).toEqual(['d-900d', 'f-never-old', 'g-20d-dc'])
  })

  it('pages through the default results without a hidden site, and keeps cursors to their own search', async () => {
    const paged: string[] = []
    let cursor: string | null = null
    for (let page = 0; page < 20; page++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { ...BALTIMORE, radius_mi: 20, limit: 4, ...(cursor ? { cursor } : {}) } })
      const body = res.json() as { results: { id: string }[]; next_cursor: string | null }
      paged.push(...body.results.map((r) => r.id))
      cursor = body.next_cursor
      if (!cursor) break
    }
    expect(paged).toEqual(SHOWN)
    const first = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { ...BALTIMORE, radius_mi: 20, limit: 4, include_stale: true } })
    const mixed = await app.inject({
      method: 'POST',
      url: '/api/v1/search',
      payload: { ...BALTIMORE, radius_mi: 20, limit: 4, cursor: first.json().next_cursor },
    })
    expect(mixed.statusCode).toBe(400)
    expect(mixed.json().message).toMatch(/^cursor /)
  })

  it('keeps a hidden site reachable by its id', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/sites/d-900d' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: 'd-900d', verification: { age: 'stale' } })
    expect((await app.inject({ method: 'GET', url: '/lite/sites/d-900d' })).statusCode).toBe(200)
  })

  it('leaves hidden sites out of /lite results too', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/lite',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ near: '21201', radius_mi: '25' }).toString(),
    })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Site a-10d')
    expect(res.body).toContain('Site b-365d')
    for (const id of HIDDEN) expect(res.body).not.toContain(`Site ${id}<`)
    const all = await open.inject({
      method: 'POST',
      url: '/lite',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ near: '21201', radius_mi: '25' }).toString(),
    })
    expect(all.body).toContain('Site d-900d<')
  })

  it('brings a hidden site back once its provider confirms the listing through an update link', async () => {
    expect(await search(app)).not.toContain('c-366d')
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/curate/sites/c-366d/update-links',
      headers: { authorization: `Bearer ${adminToken}` },
      payload: {},
    })
    expect(made.statusCode, made.body).toBe(201)
    const confirm = await app.inject({
      method: 'POST',
      url: made.json().url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'lang=en&confirm=1',
    })
    expect(confirm.statusCode, confirm.body).toBe(200)
    expect(await search(app)).toContain('c-366d')
    expect((await app.inject({ method: 'GET', url: '/api/v1/sites/c-366d' })).json().verification.age).toBe('fresh')
  })

  it('documents include_stale in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
    const body = spec.paths['/api/v1/search'].post.requestBody.content['application/json'].schema
    expect(body.properties.include_stale).toMatchObject({ type: 'boolean' })
    expect(body.properties.include_stale.description).toMatch(/STALE_HIDE_AFTER_DAYS/)
    const param = spec.paths['/api/v1/search'].get.parameters.find((p: { name: string }) => p.name === 'include_stale')
    expect(param.description ?? param.schema.description).toMatch(/verification/)
  })
})
