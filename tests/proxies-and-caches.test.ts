/**
 * Behind a reverse proxy and shared caches: the rate limit keys on the real client only when
 * TRUST_PROXY says the proxy is there; a forged Host header cannot poison the cached HSDS
 * root; and no answer to a search, a geocode or a /lite lookup (errors included) is cached.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../server/app.js'
import { loadConfig } from '../server/config.js'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import type { Geocoder } from '../server/geocode/geocoder.js'
import { appFor, testConfig } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { site } from './helpers/sites.js'

const brokenGeocoder: Geocoder = {
  geocode: async () => {
    throw new Error('geocoder down')
  },
}

describe.each(backends)('proxies and caches (%s)', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  const apps: FastifyInstance[] = []
  const build = async (...args: Parameters<typeof appFor> extends [unknown, ...infer Rest] ? Rest : never) => {
    const built = await appFor(database, ...args)
    apps.push(built)
    return built
  }

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, [site({ id: 'one', lat: 39.29, lon: -76.61 })])
    await rebuildSearchTables(database.db)
    app = await build()
  })
  afterAll(async () => {
    for (const a of apps) await a.close()
    await database?.close()
  })

  describe('X-Forwarded-For and the rate limit', () => {
    /** Status codes of GET /api/v1/taxonomy as sent from 127.0.0.1 with these X-Forwarded-For headers, 1 request a minute allowed. */
    const statuses = async (trustProxy: string, forwardedFor: string[]) => {
      const limited = await build({ trustProxy: loadConfig({ TRUST_PROXY: trustProxy }).trustProxy, rateLimitPerMinute: 1 })
      const codes: number[] = []
      for (const xff of forwardedFor) codes.push((await limited.inject({ url: '/api/v1/taxonomy', headers: { 'x-forwarded-for': xff } })).statusCode)
      return codes
    }

    it('behind one proxy (TRUST_PROXY=1), limits each client on its own', async () => {
      expect(await statuses('1', ['203.0.113.7', '203.0.113.8', '198.51.100.1, 203.0.113.7'])).toEqual([200, 200, 429])
    })

    it("with the proxy's address (TRUST_PROXY=127.0.0.1), believes it too", async () => {
      expect(await statuses('127.0.0.1', ['203.0.113.7', '203.0.113.8'])).toEqual([200, 200])
    })

    it('without TRUST_PROXY, ignores the header: a client cannot dodge its limit by inventing addresses', async () => {
      expect(await statuses('', ['203.0.113.7', '203.0.113.8'])).toEqual([200, 429])
    })
  })

  describe('the HSDS root, which shared caches keep for 5 minutes', () => {
    it('never echoes a forged Host header', async () => {
      for (const headers of [{ host: 'evil.example' }, { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }]) {
        const res = await app.inject({ url: '/hsds/', headers })
        expect(res.statusCode).toBe(200)
        expect(res.headers['cache-control']).toBe('public, max-age=300')
        expect(res.body).not.toContain('evil.example')
        expect(res.json()).toMatchObject({ openapi_url: '/openapi.json' })
      }
    })

    it('gives the OpenAPI URL under PUBLIC_URL, whatever the Host says (even through a trusted proxy)', async () => {
      const published = await build({ publicUrl: 'https://help.example.org', trustProxy: true })
      const res = await published.inject({ url: '/hsds/', headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } })
      expect(res.json()).toMatchObject({ openapi_url: 'https://help.example.org/openapi.json' })
      expect(res.body).not.toContain('evil.example')
    })
  })

  describe('Cache-Control: no-store on every search, geocode and /lite answer, errors included', () => {
    let broken: FastifyInstance
    beforeAll(async () => {
      broken = await buildApp(testConfig(), { database, closeDatabase: false, geocoder: brokenGeocoder })
      apps.push(broken)
    })

    it.each([
      ['a place that is not found (quoted back)', 'GET', '/api/v1/search?near=Zzyzxville%20Qq', undefined, 400],
      ['a latitude out of range', 'GET', '/api/v1/search?lat=91&lon=-76.6', undefined, 400],
      ['a bad body', 'POST', '/api/v1/search', { lat: 'here' }, 400],
      ['a geocode without q', 'GET', '/api/v1/geocode', undefined, 400],
      ['a place typed on /lite that is not found', 'POST', '/lite', 'near=Zzyzxville%20Qq', 404],
    ] as const)('%s', async (_label, method, url, payload, status) => {
      // /lite takes a form post (the place never goes in its URL).
      const form = typeof payload === 'string' ? { 'content-type': 'application/x-www-form-urlencoded' } : undefined
      const res = await app.inject({ method, url, ...(payload ? { payload } : {}), ...(form ? { headers: form } : {}) })
      expect(res.statusCode, res.body.slice(0, 200)).toBeGreaterThanOrEqual(400)
      expect(Math.floor(res.statusCode / 100)).toBe(Math.floor(status / 100))
      expect(res.headers['cache-control']).toBe('no-store')
    })

    it('quotes the typed place only in answers that are never cached', async () => {
      const res = await app.inject({ url: '/api/v1/search?near=Zzyzxville%20Qq' })
      expect(res.json()).toMatchObject({ code: 'PLACE_NOT_FOUND' })
      expect(res.body).toContain('Zzyzxville')
      expect(res.headers['cache-control']).toBe('no-store')
    })

    it.each(['/api/v1/search?near=Baltimore', '/api/v1/geocode?q=Baltimore', '/lite?near=Baltimore'])('on a server error: %s', async (url) => {
      const [path, form] = url.split('?') as [string, string]
      const res =
        path === '/lite'
          ? await broken.inject({ method: 'POST', url: path, payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
          : await broken.inject({ url })
      expect(res.statusCode).toBeGreaterThanOrEqual(500)
      expect(res.body).not.toContain('geocoder down')
      expect(res.headers['cache-control']).toBe('no-store')
    })

    it('when the rate limit answers', async () => {
      const limited = await build({ rateLimitPerMinute: 1 })
      await limited.inject({ url: '/api/v1/geocode?q=21201' })
      const res = await limited.inject({ url: '/api/v1/geocode?q=21201' })
      expect(res.statusCode).toBe(429)
      expect(res.headers['cache-control']).toBe('no-store')
    })

    it('on results', async () => {
      for (const url of ['/api/v1/search?lat=39.29&lon=-76.61', '/api/v1/geocode?q=21201', 'POST /lite near=21201', '/lite']) {
        const res = url.startsWith('POST ')
          ? await app.inject({ method: 'POST', url: '/lite', payload: 'near=21201', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
          : await app.inject({ url })
        expect(res.statusCode, url).toBe(200)
        expect(res.headers['cache-control'], url).toBe('no-store')
      }
    })
  })

  describe('public directory answers: Cache-Control public, a strong ETag, and 304 on If-None-Match', () => {
    /** GET url twice, the second time with the first answer's ETag: both answers. */
    const revalidate = async (url: string, headers: Record<string, string> = {}) => {
      const first = await app.inject({ url, headers })
      const etag = first.headers.etag as string
      const second = await app.inject({ url, headers: { ...headers, 'if-none-match': etag } })
      return { first, second, etag }
    }

    it.each([
      ['the taxonomy', '/api/v1/taxonomy', {}, 'public, max-age=300'],
      ['a site page (live status: one minute)', '/api/v1/sites/one', {}, 'public, max-age=60'],
      ['a site page as GeoJSON', '/api/v1/sites/one', { accept: 'application/geo+json' }, 'public, max-age=60'],
      ['the text-only site page', '/lite/sites/one', {}, 'public, max-age=60'],
      ['the HSDS root', '/hsds/', {}, 'public, max-age=300'],
      ['HSDS services', '/hsds/services', {}, 'public, max-age=300'],
      ['the HSDS taxonomy terms', '/hsds/taxonomy_terms?per_page=100', {}, 'public, max-age=300'],
      ['the CSV export (streamed)', '/api/v1/export.csv', {}, 'public, max-age=300'],
      ['the GeoJSON export (streamed)', '/api/v1/export.geojson', {}, 'public, max-age=300'],
    ] as const)('%s', async (_label, url, headers, cacheControl) => {
      const { first, second, etag } = await revalidate(url, headers)
      expect(first.statusCode, first.body.slice(0, 200)).toBe(200)
      expect(first.headers['cache-control']).toBe(cacheControl)
      expect(etag).toMatch(/^"[^"]+"$/)
      expect(second.statusCode).toBe(304)
      expect(second.body).toBe('')
      expect(second.headers.etag).toBe(etag)
      expect(second.headers['cache-control']).toBe(cacheControl)
      // A validator the client does not hold, or a weak form of ours (RFC 9110's weak comparison), as it should.
      expect((await app.inject({ url, headers: { ...headers, 'if-none-match': '"stale"' } })).statusCode).toBe(200)
      expect((await app.inject({ url, headers: { ...headers, 'if-none-match': `"stale", W/${etag}` } })).statusCode).toBe(304)
    })

    it('gives the JSON and the GeoJSON of a site different ETags', async () => {
      const json = await app.inject({ url: '/api/v1/sites/one' })
      const geojson = await app.inject({ url: '/api/v1/sites/one', headers: { accept: 'application/geo+json' } })
      expect(json.headers.etag).not.toBe(geojson.headers.etag)
    })

    it('takes its max-ages from CACHE_MAX_AGE_S and SITE_CACHE_MAX_AGE_S', async () => {
      const tuned = await build({ httpCache: loadConfig({ CACHE_MAX_AGE_S: '120', SITE_CACHE_MAX_AGE_S: '15' }).httpCache })
      expect((await tuned.inject({ url: '/api/v1/taxonomy' })).headers['cache-control']).toBe('public, max-age=120')
      expect((await tuned.inject({ url: '/api/v1/sites/one' })).headers['cache-control']).toBe('public, max-age=15')
      expect((await tuned.inject({ url: '/hsds/services' })).headers['cache-control']).toBe('public, max-age=120')
    })

    it('gives an export a new ETag once the directory changes, so a cache cannot keep the old file', async () => {
      const before = await app.inject({ url: '/api/v1/export.csv' })
      await insertSites(database.db, [site({ id: 'two', lat: 39.3, lon: -76.62 })])
      const after = await app.inject({ url: '/api/v1/export.csv', headers: { 'if-none-match': before.headers.etag as string } })
      expect(after.statusCode).toBe(200)
      expect(after.headers.etag).not.toBe(before.headers.etag)
      expect(after.body).toContain('two')
      // A different filter is a different file.
      const noDemo = await app.inject({ url: '/api/v1/export.csv?demo=false' })
      expect(noDemo.headers.etag).not.toBe(after.headers.etag)
    })

    it.each([
      ['a site that does not exist', '/api/v1/sites/nope', 404],
      ['a text-only site page that does not exist', '/lite/sites/nope', 404],
      ['the text-only site page thanking for a report', '/lite/sites/one?thanks=1', 200],
      ['an HSDS search near a point', '/hsds/service_at_locations?lat=39.29&long=-76.61', 200],
      ['an HSDS record that does not exist', '/hsds/services/00000000-0000-4000-8000-000000000000', 404],
      ['a bad HSDS query', '/hsds/services?per_page=0', 400],
      ['an export with a bad filter', '/api/v1/export.csv?source=', 400],
    ] as const)('but never %s: no-store, no ETag', async (_label, url, status) => {
      const res = await app.inject({ url })
      expect(res.statusCode, res.body.slice(0, 200)).toBe(status)
      expect(res.headers['cache-control']).toBe('no-store')
      expect(res.headers.etag).toBeUndefined()
    })

    it.each([
      ['a search', 'POST', '/api/v1/search', { lat: 39.29, lon: -76.61 }],
      ['a curator route', 'GET', '/api/v1/curate/queue', undefined],
      ['a curator sign-in', 'POST', '/api/v1/curate/session', { email: 'a@example.org', password: 'wrong password here' }],
      ['a provider update link', 'GET', '/update/not-a-token', undefined],
      ['a /lite search', 'POST', '/lite', 'near=21201'],
    ] as const)('and %s stays no-store, with no ETag', async (_label, method, url, payload) => {
      const form = typeof payload === 'string' ? { 'content-type': 'application/x-www-form-urlencoded' } : undefined
      const res = await app.inject({ method, url, ...(payload ? { payload } : {}), ...(form ? { headers: form } : {}) })
      expect(res.headers['cache-control'], `${url} ${res.statusCode}`).toBe('no-store')
      expect(res.headers.etag).toBeUndefined()
    })
  })
})
