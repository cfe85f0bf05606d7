/**
 * Large directory answers travel compressed when the client asks (brotli or gzip), the
 * streamed exports included, and decompress to exactly the bytes sent uncompressed; small
 * answers, clients that do not ask, and already-compressed media go as they are.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { COMPRESSIBLE_TYPES } from '../server/plugins/compression.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { site } from './helpers/sites.js'

const decoders = { br: brotliDecompressSync, gzip: gunzipSync } as const

describe.each(backends)('compression (%s)', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(backend)
    const sites = Array.from({ length: 40 }, (_, i) => site({ id: `s${i}`, name: `Harm Reduction Program ${i}`, lat: 39.2 + i * 0.005, lon: -76.6 }))
    await insertSites(database.db, sites)
    await rebuildSearchTables(database.db)
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  it.each([
    ['br', '/api/v1/export.csv'],
    ['gzip', '/api/v1/export.csv'],
    ['br', '/api/v1/export.geojson'],
    ['gzip', '/api/v1/export.hsds.json'],
    ['gzip', '/hsds/services?per_page=40'],
    ['br', '/api/v1/taxonomy'],
  ] as const)('sends %s for %s, which decompresses to the same bytes as the uncompressed answer', async (encoding, url) => {
    const plain = await app.inject({ url })
    const packed = await app.inject({ url, headers: { 'accept-encoding': `${encoding}, identity;q=0.5` } })
    expect(plain.statusCode).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.rawPayload.length).toBeGreaterThan(1024)
    expect(packed.statusCode).toBe(200)
    expect(packed.headers['content-encoding']).toBe(encoding)
    expect(String(packed.headers.vary)).toMatch(/accept-encoding/i)
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length)
    expect(decoders[encoding](packed.rawPayload).equals(plain.rawPayload)).toBe(true)
    // The ETag names the content, whichever encoding carries it, and still revalidates.
    expect(packed.headers.etag).toBe(plain.headers.etag)
    const again = await app.inject({ url, headers: { 'accept-encoding': encoding, 'if-none-match': packed.headers.etag as string } })
    expect(again.statusCode).toBe(304)
    expect(again.rawPayload.length).toBe(0)
  })

  it('prefers brotli when the client offers both', async () => {
    const res = await app.inject({ url: '/api/v1/export.csv', headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(res.headers['content-encoding']).toBe('br')
  })

  it('leaves small answers alone (under COMPRESS_MIN_BYTES)', async () => {
    const res = await app.inject({ url: '/health', headers: { 'accept-encoding': 'br, gzip' } })
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('compresses nothing with COMPRESS_MIN_BYTES=0 (a proxy in front does it)', async () => {
    const off = await appFor(database, { compressMinBytes: 0 })
    const res = await off.inject({ url: '/api/v1/export.csv', headers: { 'accept-encoding': 'br, gzip' } })
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.body).toContain('Harm Reduction Program 39')
    await off.close()
  })

  it('keeps the security headers on a compressed answer', async () => {
    const res = await app.inject({ url: '/api/v1/export.geojson', headers: { 'accept-encoding': 'gzip' } })
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="harm-reduction-locator-\d{4}-\d{2}-\d{2}\.geojson"$/)
  })

  it.each([
    ['application/json; charset=utf-8', true],
    ['application/geo+json', true],
    ['text/csv; charset=utf-8; header=present', true],
    ['application/x-ndjson', true],
    ['text/html; charset=utf-8', true],
    ['application/octet-stream', false],
    ['application/vnd.pmtiles', false],
    ['image/png', false],
    ['font/woff2', false],
    ['text/event-stream', false],
  ])('%s is compressible: %s', (type, compressible) => {
    expect(COMPRESSIBLE_TYPES.test(type)).toBe(compressible)
  })
})
