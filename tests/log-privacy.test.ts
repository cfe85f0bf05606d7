import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { freshDatabase, type TestDatabase } from './helpers/backends.js'
import { appFor } from './helpers/app.js'
import { site } from './helpers/sites.js'

describe('the logs never hold what a person searched for or where they are', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase('pglite')
    await insertSites(database.db, [site({ id: 'site-1', lat: 39.2904, lon: -76.6122, services: ['methadone'] })])
    await rebuildSearchTables(database.db)
  })
  afterAll(async () => database?.close())

  it('logs method, route pattern, status and duration only — for searches, errors, 404s and details', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const app = await appFor(database, { logLevel: 'trace' }, stream)
    const ip = '203.0.113.77'
    const requests = [
      { method: 'GET' as const, url: '/api/v1/search?lat=39.2904&lon=-76.6122&services=methadone' },
      { method: 'POST' as const, url: '/api/v1/search', payload: { lat: 39.2904, lon: -76.6122, services: ['methadone'] } },
      { method: 'POST' as const, url: '/api/v1/search', payload: { near: '21201', open_now: true } },
      { method: 'POST' as const, url: '/api/v1/search', payload: { near: 'Baltimore, MD' } },
      { method: 'GET' as const, url: '/api/v1/geocode?q=21201' },
      { method: 'GET' as const, url: '/api/v1/search?lat=91.5&lon=-76.6122' },
      { method: 'GET' as const, url: '/api/v1/search?near=Towson%20MD&bogus=1' },
      { method: 'GET' as const, url: '/api/v1/nothing?lat=39.2904' },
      { method: 'GET' as const, url: '/api/v1/sites/site-1' },
      { method: 'POST' as const, url: '/api/v1/search', headers: { 'content-type': 'application/json' }, payload: '{"lat": 39.2904, "lon": ' },
    ]
    for (const r of requests)
      await app.inject({ ...r, remoteAddress: ip, headers: { ...r.headers, 'x-forwarded-for': '198.51.100.9', referer: 'https://example.org/?q=21201' } })
    await app.close()

    const log = lines.join('')
    expect(lines.length).toBeGreaterThanOrEqual(requests.length)
    for (const secret of ['39.29', '76.61', '91.5', '21201', 'Baltimore', 'Towson', 'methadone', ip, '198.51.100.9', 'example.org', 'lat=', '?', 'bogus']) {
      expect(log, `log contains "${secret}"`).not.toContain(secret)
    }
    const requestLines = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request')
    expect(requestLines.length).toBe(requests.length)
    for (const line of requestLines) {
      expect(
        Object.keys(line)
          .filter((k) => !['level', 'time', 'pid', 'hostname', 'reqId', 'msg'].includes(k))
          .sort(),
      ).toEqual(['method', 'ms', 'route', 'status'])
    }
    expect(requestLines.map((l) => l.route)).toContain('/api/v1/sites/:id')
  })
})
