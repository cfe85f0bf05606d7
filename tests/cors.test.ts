/**
 * Another organisation's web page can build on the open data (search, sites, taxonomy,
 * geocode, HSDS, exports) from its own origin, without credentials; it cannot post problem
 * reports or plan routes through its visitors' browsers.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { isOpenToAnyOrigin } from '../server/plugins/cors.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { site } from './helpers/sites.js'

const ORIGIN = 'https://partner.example.org'

describe.each(backends)('cross-origin use of the API (%s)', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  const responses: LightMyRequestResponse[] = []
  const send = async (options: InjectOptions) => {
    const res = await app.inject(options)
    responses.push(res)
    return res
  }
  const preflight = (url: string, method: string) =>
    send({
      method: 'OPTIONS',
      url,
      headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
    })

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, [site({ id: 'one', lat: 39.29, lon: -76.61, name: 'Harbor Syringe Services' })])
    await rebuildSearchTables(database.db)
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  it("grants the preflight of a partner page's POST /api/v1/search, and lets it read the results", async () => {
    const res = await preflight('/api/v1/search', 'POST')
    expect(res.statusCode).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(String(res.headers['access-control-allow-methods']).split(/,\s*/)).toEqual(['GET', 'HEAD', 'POST'])
    expect(String(res.headers['access-control-allow-headers'])).toMatch(/Content-Type/)
    expect(res.headers['access-control-max-age']).toBe('7200')

    const search = await send({ method: 'POST', url: '/api/v1/search', headers: { origin: ORIGIN }, payload: { lat: 39.29, lon: -76.61 } })
    expect(search.statusCode).toBe(200)
    expect(search.headers['access-control-allow-origin']).toBe('*')
    expect((search.json() as { results: { name: string }[] }).results[0]?.name).toBe('Harbor Syringe Services')
  })

  it('refuses the preflight of a cross-origin problem report, and gives its answer no CORS header', async () => {
    const res = await preflight('/api/v1/sites/one/reports', 'POST')
    expect(res.statusCode).toBe(404)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(res.headers['access-control-allow-methods']).toBeUndefined()
    expect(res.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' })
    const post = await send({ method: 'POST', url: '/api/v1/sites/one/reports', headers: { origin: ORIGIN }, payload: { kind: 'closed' } })
    expect(post.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('keeps route planning same-origin', async () => {
    const res = await preflight('/api/v1/routes', 'POST')
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(res.statusCode).toBe(404)
  })

  it.each([
    '/hsds/services',
    '/hsds/',
    '/api/v1/sites/one',
    '/api/v1/taxonomy',
    '/api/v1/geocode?q=21201',
    '/api/v1/search?lat=39.29&lon=-76.61',
    '/api/v1/export.csv',
    '/openapi.json',
  ])('answers GET %s from another origin with Access-Control-Allow-Origin: *', async (url) => {
    const res = await send({ method: 'GET', url, headers: { origin: ORIGIN } })
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBe('*')
  })

  it("lets a partner page read the API's errors too (an unknown site), and grants a GET preflight", async () => {
    const missing = await send({ method: 'GET', url: '/api/v1/sites/nope', headers: { origin: ORIGIN } })
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['access-control-allow-origin']).toBe('*')
    const res = await preflight('/hsds/services', 'GET')
    expect(res.statusCode).toBe(204)
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD')
  })

  it("answers a malformed preflight (no method asked for) with the API's error shape, not a CORS grant", async () => {
    const res = await send({ method: 'OPTIONS', url: '/api/v1/search', headers: { origin: ORIGIN } })
    expect(res.statusCode).toBe(404)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' })
  })

  it('gives the page, health checks and curator paths no CORS header', async () => {
    for (const url of ['/', '/health', '/lite']) {
      const res = await send({ method: 'GET', url, headers: { origin: ORIGIN } })
      expect(res.headers['access-control-allow-origin'], url).toBeUndefined()
    }
  })

  it('never allows credentials, on any answer', () => {
    expect(responses.length).toBeGreaterThan(15)
    for (const res of responses) expect(res.headers['access-control-allow-credentials']).toBeUndefined()
  })
})

describe('which routes are open to other origins', () => {
  it.each([
    ['GET', '/api/v1/sites/loc_1', true],
    ['HEAD', '/hsds/services', true],
    ['POST', '/api/v1/search', true],
    ['POST', '/api/v1/sites/loc_1/reports', false],
    ['GET', '/api/v1/sites/loc_1/reports', false],
    ['POST', '/api/v1/routes', false],
    ['PUT', '/api/v1/search', false],
    ['DELETE', '/hsds/services', false],
    ['POST', '/hsds/services', false],
    ['GET', '/api/v1/searchx', false],
    ['GET', '/hsdsx', false],
    ['GET', '/curator/queue', false],
  ] as const)('%s %s: %s', (method, path, open) => {
    expect(isOpenToAnyOrigin(method, path)).toBe(open)
  })
})
