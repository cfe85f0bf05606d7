import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { appFor } from './helpers/app.js'
import { site } from './helpers/sites.js'

describe.each(backends)('bad input gets a clear 4xx on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, [site({ id: 'one', lat: 39.29, lon: -76.61 })])
    await rebuildSearchTables(database.db)
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const expectError = (res: { statusCode: number; json(): unknown; body: string }, status: number, code: string, mentions: string) => {
    expect(res.statusCode, res.body).toBe(status)
    const body = res.json() as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['code', 'error', 'message', 'statusCode'])
    expect(body).toMatchObject({ statusCode: status, code })
    expect(String(body.message)).toContain(mentions)
    expect(res.body).not.toMatch(/SELECT|site_search|at .*\.ts:\d+|stack/i)
  }

  const cases: [string, string, number, string, string][] = [
    ['latitude 91', '/api/v1/search?lat=91&lon=-76.6', 400, 'INVALID_FIELD', 'lat must be <= 90'],
    ['longitude "abc"', '/api/v1/search?lat=39&lon=abc', 400, 'INVALID_FIELD', 'lon must be a finite number'],
    ['radius -1', '/api/v1/search?lat=39&lon=-76&radius_mi=-1', 400, 'INVALID_FIELD', 'radius_mi'],
    ['limit 10000', '/api/v1/search?lat=39&lon=-76&limit=10000', 400, 'INVALID_FIELD', 'limit must be <= 100'],
    ['an unknown service code', '/api/v1/search?lat=39&lon=-76&services=methadone,unicorns', 400, 'INVALID_FIELD', 'services has unknown code "unicorns"'],
    ['a malformed cursor', '/api/v1/search?lat=39&lon=-76&cursor=!!!', 400, 'INVALID_FIELD', 'cursor'],
    ['a misspelled field', '/api/v1/search?lat=39&lon=-76&service=methadone', 400, 'INVALID_FIELD', 'service is not a known field'],
    ['lat without lon', '/api/v1/search?lat=39', 400, 'INVALID_FIELD', 'lon is required'],
    ['no location at all', '/api/v1/search?services=naloxone', 400, 'INVALID_FIELD', 'near'],
    ['a bad match value', '/api/v1/search?lat=39&lon=-76&match=some', 400, 'INVALID_FIELD', 'match'],
    ['open_at without an offset', '/api/v1/search?lat=39&lon=-76&open_at=2026-11-24T10:00', 400, 'INVALID_FIELD', 'open_at'],
    ['a bad language code', '/api/v1/search?lat=39&lon=-76&languages=english', 400, 'INVALID_FIELD', 'languages'],
    ['both radius units', '/api/v1/search?lat=39&lon=-76&radius_mi=5&radius_km=5', 400, 'INVALID_FIELD', 'radius_km'],
    ['a place that does not exist', '/api/v1/search?near=Nowhereville%2C%20ZZ', 404, 'PLACE_NOT_FOUND', 'near'],
    ['an unknown site', '/api/v1/sites/does-not-exist', 404, 'NOT_FOUND', 'does-not-exist'],
    ['an unknown route', '/api/v1/nothing-here', 404, 'NOT_FOUND', '/api/v1/nothing-here'],
    ['a geocode query with no text', '/api/v1/geocode?q=', 400, 'INVALID_FIELD', 'q'],
  ]

  it.each(cases)('GET with %s (%s) → %i naming the field', async (_what, url, status, code, mentions) => {
    expectError(await app.inject({ method: 'GET', url }), status, code, mentions)
  })

  it('POST with a body that is not JSON → 400 INVALID_JSON', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/search', headers: { 'content-type': 'application/json' }, payload: '{"lat": 39.2,' })
    expectError(res, 400, 'INVALID_JSON', 'JSON')
  })

  it('POST with a 2 MB body → 413 without reading it all', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/search',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ near: 'x'.repeat(2 * 1024 * 1024) }),
    })
    expectError(res, 413, 'BODY_TOO_LARGE', 'body')
  })

  it('POST with a non-JSON content type → 415', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/search', headers: { 'content-type': 'text/plain' }, payload: 'lat=39' })
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'application/json')
  })

  it('POST with lat as a string of letters → 400 naming lat', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 'north', lon: -76 } })
    expectError(res, 400, 'INVALID_FIELD', 'lat must be a finite number')
  })

  it('rate-limits a client that floods the API, with the same error shape', async () => {
    const limited = await appFor(database, { rateLimitPerMinute: 3 })
    try {
      const codes = []
      for (let i = 0; i < 5; i++) codes.push((await limited.inject({ method: 'GET', url: '/api/v1/taxonomy' })).statusCode)
      expect(codes).toEqual([200, 200, 200, 429, 429])
      expectError(await limited.inject({ method: 'GET', url: '/api/v1/taxonomy' }), 429, 'RATE_LIMITED', 'too many requests')
    } finally {
      await limited.close()
    }
  })

  it('sends no-store and no-referrer on search responses', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61 } })
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['set-cookie']).toBeUndefined()
  })
})
