/**
 * Input validation that cannot be tricked: "Infinity" and 1e309 are not numbers in range, NUL
 * and lone surrogates never reach SQL, a list of lists is not a list of codes, dates stay in
 * 1900–2200, and an export is refused before its first byte. Each answer is a 400 in the one
 * error shape, naming the field.
 */
import Fastify from 'fastify'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { isInstantInWindow, isOffsetDateTime } from '../server/validation/instants.js'
import { requestRules, withRequestRules } from '../server/validation/request-rules.js'
import { isSafeText } from '../server/validation/text.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { hours, site } from './helpers/sites.js'

describe('the rules every request schema gets', () => {
  it('tells storable text from NUL and unpaired surrogates', () => {
    expect(['naloxone', '', 'Niño', '😀', 'a\tb\nc', '\u202Eabc'].every(isSafeText)).toBe(true)
    expect(['\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\ude00\ud83d', 'a\ud83d'].some(isSafeText)).toBe(false)
  })

  it('takes ISO 8601 date-times with an offset in the years 1900–2200 only', () => {
    for (const ok of [
      '2026-11-24T18:00-05:00',
      '2026-11-24T18:00:00Z',
      '2026-11-24T18:00:00.123+01:00',
      '1900-01-01T00:00:00Z',
      '2200-12-31T23:59:59-05:00',
      '2028-02-29T12:00Z',
    ]) {
      expect(isOffsetDateTime(ok), ok).toBe(true)
    }
    for (const bad of [
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '1899-12-31T23:59:59Z',
      '2201-01-01T00:00:00Z',
      '2026-11-24T10:00',
      '2026-02-30T10:00Z',
      '2026-13-01T10:00Z',
      '2026-11-24T24:00Z',
      '2026-11-24T10:60Z',
      '2026-11-24T10:00+25:00',
      '+275760-09-13T00:00:00Z',
      '2026-11-24 10:00Z',
    ]) {
      expect(isOffsetDateTime(bad), bad).toBe(false)
    }
    expect([Date.UTC(1900, 0, 1), Date.UTC(2201, 0, 1, 4), Date.parse('2026-11-24T10:00Z')].every(isInstantInWindow)).toBe(true)
    expect([1e20, -1e15, Number.NaN, Infinity, Date.UTC(1899, 0, 1), Date.UTC(2202, 0, 1)].some(isInstantInWindow)).toBe(false)
  })

  it('refuses, naming the place, a request schema that leaves a number, string or list unbounded', () => {
    const unbounded = {
      type: 'object',
      properties: {
        n: { type: 'number', minimum: 0 },
        s: { type: 'string' },
        list: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 9 } },
        anything: {},
      },
    }
    expect(() => withRequestRules(unbounded)).toThrow(
      /schema\.n is a number without a minimum and a maximum; schema\.s is a string without a maxLength; schema\.list is an array without a maxItems; schema\.anything accepts any value unchecked/,
    )
    expect(() =>
      withRequestRules({ type: 'object', properties: { n: { type: 'number', minimum: 0, maximum: 1 }, s: { type: 'string', format: 'uuid' } } }),
    ).not.toThrow()
  })

  it('stops a server with such a route from starting, naming the route', async () => {
    const app = Fastify({ ajv: { customOptions: { coerceTypes: 'array' }, plugins: [requestRules] } })
    app.get('/careless', { schema: { querystring: { type: 'object', properties: { n: { type: 'integer' } } } } }, async () => ({}))
    await expect(app.ready()).rejects.toThrow(/\/careless.*n is a number without a minimum and a maximum/)
    await app.close()
  })

  it('leaves the schemas /openapi.json shows as the routes wrote them', async () => {
    const app = Fastify({ ajv: { customOptions: { coerceTypes: 'array' }, plugins: [requestRules] } })
    const schema = { type: 'object', properties: { n: { type: 'number', minimum: 0, maximum: 1 } } }
    app.get('/tidy', { schema: { querystring: schema } }, async () => ({}))
    await app.ready()
    expect(schema).toEqual({ type: 'object', properties: { n: { type: 'number', minimum: 0, maximum: 1 } } })
    expect((await app.inject('/tidy?n=Infinity')).statusCode).toBe(400)
    await app.close()
  })
})

describe.each(backends)('input that tries to trick validation gets a 400 naming the field on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  let cursor: string

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, [
      site({ id: 'one', lat: 39.29, lon: -76.61, hours: [hours('MO,TU,WE,TH,FR', '09:00', '17:00')] }),
      site({ id: 'two', lat: 39.3, lon: -76.6, services: ['methadone'] }),
    ])
    await rebuildSearchTables(database.db)
    app = await appFor(database)
    cursor = ((await app.inject('/api/v1/search?lat=39.29&lon=-76.61&limit=1')).json() as { next_cursor: string }).next_cursor
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  /** The real cursor with some of its fields changed, as a client could forge it. */
  const forged = (change: Record<string, unknown>) =>
    Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(cursor, 'base64url').toString()), ...change })).toString('base64url')

  const expect400 = (res: LightMyRequestResponse, mentions: string) => {
    expect(res.statusCode, res.body).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const body = res.json() as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['code', 'error', 'message', 'statusCode'])
    expect(body).toMatchObject({ statusCode: 400, code: 'INVALID_FIELD', error: 'Bad Request' })
    expect(String(body.message)).toContain(mentions)
  }

  const routeBody = { stops: [{ lat: 39.3, lon: -76.6 }], start: { lat: 39.29, lon: -76.61 }, departure: '2026-11-24T09:00:00-05:00' }
  const search = '/api/v1/search?lat=39.29&lon=-76.61'

  describe('numbers that are not finite, in the query string', () => {
    const urls: [string, string][] = []
    for (const bad of ['Infinity', '-Infinity', '1e309', '-1e309']) {
      urls.push(
        [`${search}&limit=${bad}`, 'limit must be a finite number'],
        [`/api/v1/search?lat=${bad}&lon=-76.6`, 'lat must be a finite number'],
        [`${search}&radius_mi=${bad}`, 'radius_mi must be a finite number'],
        [`/hsds/services?page=${bad}`, 'page must be a finite number'],
        [`/hsds/services?per_page=${bad}`, 'per_page must be a finite number'],
        [`/hsds/service_at_locations?lat=39.3&long=-76.6&radius=${bad}`, 'radius must be a finite number'],
        [`/api/v1/geocode?q=21201&limit=${bad}`, 'limit must be a finite number'],
        [`/lite?near=21201&radius=${bad}`, 'radius must be a finite number'],
      )
    }
    urls.push([`${search}&limit=NaN`, 'limit must be a finite integer'], [`/api/v1/search?lat=NaN&lon=1`, 'lat must be a finite number'])
    it.each(urls)('GET %s → 400 (%s)', async (url, mentions) => {
      expect400(await app.inject(url), mentions)
    })
  })

  describe('numbers that are not finite or absurd, in a route plan', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['budget_ms "Infinity"', { budget_ms: 'Infinity' }, 'budget_ms must be a finite number'],
      ['budget_ms "-1e309"', { budget_ms: '-1e309' }, 'budget_ms must be a finite number'],
      ['detour_factor "Infinity"', { detour_factor: 'Infinity' }, 'detour_factor must be a finite number'],
      ['service_minutes "1e309"', { service_minutes: '1e309' }, 'service_minutes must be a finite number'],
      ['vehicles "-Infinity"', { vehicles: '-Infinity' }, 'vehicles must be a finite number'],
      ['speed_kmh "NaN"', { speed_kmh: 'NaN' }, 'speed_kmh must be a finite number'],
      ['speed_kmh 1e-320 (positive, but absurd)', { speed_kmh: 1e-320 }, 'speed_kmh must be >= 1'],
      [
        'a stop service_minutes "Infinity"',
        { stops: [{ lat: 39.3, lon: -76.6, service_minutes: 'Infinity' }] },
        'stops.0.service_minutes must be a finite number',
      ],
      ['a stop lat "Infinity"', { stops: [{ lat: 'Infinity', lon: -76.6 }] }, 'stops.0.lat must be a finite number'],
      ['order [[-1]]', { order: [[-1]] }, 'order.0.0 must be >= 0'],
    ]
    it.each(cases)('POST /api/v1/routes with %s → 400', async (_what, change, mentions) => {
      expect400(await app.inject({ method: 'POST', url: '/api/v1/routes', payload: { ...routeBody, ...change } }), mentions)
    })

    it('refuses JSON numbers too large to be finite (1e309 parses to Infinity)', async () => {
      const payload = JSON.stringify(routeBody).replace('"start":', '"budget_ms":1e309,"start":')
      expect400(
        await app.inject({ method: 'POST', url: '/api/v1/routes', headers: { 'content-type': 'application/json' }, payload }),
        'budget_ms must be a finite integer',
      )
      const body = '{"lat":1e309,"lon":-76.6}'
      expect400(
        await app.inject({ method: 'POST', url: '/api/v1/search', headers: { 'content-type': 'application/json' }, payload: body }),
        'lat must be a finite number',
      )
    })
  })

  describe('NUL characters and lone surrogates, wherever they come from', () => {
    it.each([
      ['a path parameter', '/api/v1/sites/a%00b', 'id must not contain NUL'],
      ['an HSDS path parameter', '/hsds/services/a%00b', 'id must not contain NUL'],
      ['an HSDS search', '/hsds/services?search=%00', 'search must not contain NUL'],
      ['a place name', '/api/v1/search?near=%00', 'near must not contain NUL'],
      ['a code list', `${search}&services=naloxone%00`, 'services must not contain NUL'],
      ['the text-only page', '/lite?near=a%00b', 'near must not contain NUL'],
    ])('GET with NUL in %s (%s) → 400', async (_where, url, mentions) => {
      expect400(await app.inject(url), mentions)
    })

    it.each([
      ['a report message', '/api/v1/sites/one/reports', { kind: 'closed', message: 'a\u0000b' }, 'message must not contain NUL'],
      [
        'a report message (lone high surrogate)',
        '/api/v1/sites/one/reports',
        { kind: 'closed', message: 'bad \ud800 text' },
        'message must not contain NUL characters or unpaired UTF-16 surrogates',
      ],
      ['a report message (lone low surrogate)', '/api/v1/sites/one/reports', { kind: 'other', message: '\udc00' }, 'message must not'],
      ['a route stop site_id', '/api/v1/routes', { ...routeBody, stops: [{ site_id: 'a\u0000b' }] }, 'stops.0.site_id must not contain NUL'],
      ['a route start label', '/api/v1/routes', { ...routeBody, start: { lat: 39.29, lon: -76.61, label: '\ud800' } }, 'start.label must not'],
      ['a search place name', '/api/v1/search', { near: 'Baltimore\ud800' }, 'near must not'],
      ['a search code list', '/api/v1/search', { lat: 39.29, lon: -76.61, services: ['naloxone', '\u0000'] }, 'services.1 must not'],
    ])('POST with bad text in %s → 400', async (_where, url, payload, mentions) => {
      expect400(await app.inject({ method: 'POST', url, payload }), mentions)
    })

    it('refuses a lone surrogate written as a JSON escape ("\\ud800")', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/sites/one/reports',
        headers: { 'content-type': 'application/json' },
        payload: '{"kind":"closed","message":"\\ud800"}',
      })
      expect400(res, 'message must not contain NUL characters or unpaired UTF-16 surrogates')
    })

    it('refuses a NUL in a report path before the report is stored', async () => {
      expect400(await app.inject({ method: 'POST', url: '/api/v1/sites/a%00b/reports', payload: { kind: 'closed' } }), 'id must not contain NUL')
    })

    it('refuses a cursor whose id carries a NUL or a lone surrogate', async () => {
      expect400(await app.inject(`${search}&limit=1&cursor=${forged({ i: 'a\u0000b' })}`), 'cursor')
      expect400(await app.inject(`${search}&limit=1&cursor=${forged({ i: '\ud800' })}`), 'cursor')
    })
  })

  describe('a list of lists where a list of codes goes', () => {
    const fields = ['types', 'services', 'payment', 'populations', 'languages', 'access']
    it.each(fields)('POST /api/v1/search with %s: [["…"]] → 400', async (field) => {
      for (const nested of [[['naloxone']], [['en', 'es']], [[]], [[['x']]]]) {
        expect400(
          await app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61, [field]: nested } }),
          `${field} must not be a list inside a list`,
        )
      }
    })

    it('still takes a code, a comma list and a list of codes', async () => {
      for (const services of ['methadone', 'methadone,naloxone', ['methadone'], ['methadone', 'naloxone']]) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61, services, match: 'any' } })
        expect(res.statusCode, res.body).toBe(200)
      }
    })
  })

  describe('dates outside 1900–2200', () => {
    it.each([
      ['open_at in the year 0000', `${search}&open_at=0000-01-01T00:00:00Z`, 'open_at must be an ISO 8601 date-time with an offset in the years 1900–2200'],
      ['open_at in the year 9999', `${search}&open_at=9999-12-31T23:59:59Z`, 'open_at must be'],
      ['open_at in 1899', `${search}&open_at=1899-12-31T23:59:59Z`, 'open_at must be'],
      ['modified_after in the year 0000', '/hsds/services?modified_after=0000-01-01', 'modified_after must be in the years 1900–2200'],
      ['modified_after in the year 9999', '/hsds/services?modified_after=9999-12-31T00:00:00Z', 'modified_after must be in the years 1900–2200'],
    ])('GET with %s → 400', async (_what, url, mentions) => {
      expect400(await app.inject(url), mentions)
    })

    it('refuses a cursor whose time is 1e20 ms, or before 1900 (once a RangeError in toISOString)', async () => {
      for (const t of [1e20, -1e15, Date.UTC(1899, 0, 1), Date.UTC(9999, 0, 1)])
        expect400(await app.inject(`${search}&limit=1&cursor=${forged({ t })}`), 'cursor')
      // The untouched cursor still works.
      expect((await app.inject(`${search}&limit=1&cursor=${cursor}`)).statusCode).toBe(200)
    })

    it.each(['0000-01-01T09:00:00Z', '9999-11-24T09:00:00-05:00'])('POST /api/v1/routes departing %s → 400 naming departure', async (departure) => {
      expect400(
        await app.inject({ method: 'POST', url: '/api/v1/routes', payload: { ...routeBody, departure } }),
        'departure must be an ISO 8601 date-time with an offset in the years 1900–2200',
      )
    })

    it('takes the first and last moments of the window', async () => {
      for (const at of ['1900-01-01T00:00:00Z', '2200-12-31T23:59:59-05:00']) {
        const res = await app.inject(`${search}&open_at=${encodeURIComponent(at)}`)
        expect(res.statusCode, res.body).toBe(200)
      }
      expect((await app.inject('/hsds/services?modified_after=1900-01-01')).statusCode).toBe(200)
    })
  })

  describe('exports', () => {
    it.each(['export.csv', 'export.geojson', 'export.hsds.json'])('GET /api/v1/%s with a NUL in source → 400 before any of the file', async (file) => {
      const res = await app.inject(`/api/v1/${file}?source=a%00b`)
      expect400(res, 'source must not contain NUL')
      expect(res.headers['content-disposition']).toBeUndefined()
    })

    it('still streams a whole export that asks for nothing odd', async () => {
      const res = await app.inject('/api/v1/export.csv?source=test')
      expect(res.statusCode).toBe(200)
      expect(res.body.trim().split('\r\n')).toHaveLength(3)
    })
  })
})
