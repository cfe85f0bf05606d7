/**
 * GET/HEAD /basemap.pmtiles: the deployer's PMTiles file from our own origin, with the byte
 * ranges the page's PMTiles reader asks for; BASEMAP_PMTILES is checked at start.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../server/config.js'
import { parseRange } from '../server/routes/basemap/index.js'
import { clientConfig } from '../server/plugins/web.js'
import { appFor } from './helpers/app.js'
import { freshDatabase, type TestDatabase } from './helpers/backends.js'
import { buildPmtiles, TEST_BASEMAP } from './helpers/pmtiles-writer.js'

const dir = mkdtempSync(join(tmpdir(), 'hrl-basemap-'))
const file = join(dir, 'region.pmtiles')
const bytes = buildPmtiles(TEST_BASEMAP).bytes
writeFileSync(file, bytes)
const size = bytes.length

let database: TestDatabase
let app: FastifyInstance
let bare: FastifyInstance

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = await appFor(database, { basemapPmtiles: file })
  bare = await appFor(database)
})
afterAll(async () => {
  await app?.close()
  await bare?.close()
  await database?.close()
  rmSync(dir, { recursive: true, force: true })
})

const get = (headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') => app.inject({ method, url: '/basemap.pmtiles', headers })

describe('BASEMAP_PMTILES at start', () => {
  it('takes a readable PMTiles v3 file and gives the page its same-origin URL', () => {
    const config = loadConfig({ BASEMAP_PMTILES: file })
    expect(config.basemapPmtiles).toBe(file)
    expect(clientConfig(config).basemap).toEqual({ pmtiles: '/basemap.pmtiles' })
    expect(clientConfig(loadConfig({})).basemap).toBeNull()
  })

  it.each([
    ['a missing file', join(dir, 'nope.pmtiles'), /cannot be read \(ENOENT\)/],
    ['a directory', dir, /must be a file/],
    ['a file that is not PMTiles', join(dir, 'not.pmtiles'), /PMTiles version 3/],
  ])('stops with a ConfigError naming BASEMAP_PMTILES for %s', (_what, path, message) => {
    writeFileSync(join(dir, 'not.pmtiles'), '{"type":"FeatureCollection"}')
    const attempt = () => loadConfig({ BASEMAP_PMTILES: path })
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(/^Invalid configuration: BASEMAP_PMTILES /)
    expect(attempt).toThrow(message)
  })
})

describe('GET /basemap.pmtiles', () => {
  it('answers the reader’s first read (16 KiB from 0) with 206 and the whole small file', async () => {
    const res = await get({ range: 'bytes=0-16383' })
    expect(res.statusCode).toBe(206)
    expect(res.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`)
    expect(res.headers['content-length']).toBe(String(size))
    expect(res.headers['accept-ranges']).toBe('bytes')
    expect(res.headers['content-type']).toBe('application/vnd.pmtiles')
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.rawPayload.equals(bytes)).toBe(true)
  })

  it('serves exactly the bytes of a middle range, a suffix and an open-ended range', async () => {
    const mid = await get({ range: 'bytes=127-226' })
    expect(mid.statusCode).toBe(206)
    expect(mid.headers['content-range']).toBe(`bytes 127-226/${size}`)
    expect(mid.rawPayload.equals(bytes.subarray(127, 227))).toBe(true)
    const suffix = await get({ range: 'bytes=-10' })
    expect(suffix.headers['content-range']).toBe(`bytes ${size - 10}-${size - 1}/${size}`)
    expect(suffix.rawPayload.equals(bytes.subarray(size - 10))).toBe(true)
    const open = await get({ range: `bytes=${size - 3}-` })
    expect(open.statusCode).toBe(206)
    expect(open.rawPayload.equals(bytes.subarray(size - 3))).toBe(true)
  })

  it('serves the whole file with 200 without Range, and for a multi-range or malformed Range (which it ignores)', async () => {
    for (const range of [undefined, 'bytes=0-1,5-9', 'bytes=9-2', 'items=0-1', 'bytes=abc']) {
      const res = await get(range ? { range, 'accept-encoding': 'gzip, br' } : { 'accept-encoding': 'gzip' })
      expect(res.statusCode, String(range)).toBe(200)
      expect(res.headers['content-length']).toBe(String(size))
      expect(res.headers['content-encoding']).toBeUndefined()
      expect(res.headers['content-range']).toBeUndefined()
      expect(res.rawPayload.equals(bytes)).toBe(true)
    }
  })

  it('answers 416 with the size for a range past the end', async () => {
    for (const range of [`bytes=${size}-`, `bytes=${size + 100}-${size + 200}`, 'bytes=-0']) {
      const res = await get({ range })
      expect(res.statusCode, range).toBe(416)
      expect(res.headers['content-range']).toBe(`bytes */${size}`)
    }
  })

  it('has a strong ETag and Last-Modified, revalidates with 304, and caches publicly for a while', async () => {
    const res = await get({ range: 'bytes=0-99' })
    const etag = res.headers.etag as string
    expect(etag).toMatch(/^"[0-9a-f-]+"$/) // strong: the PMTiles reader ignores W/ tags
    expect(res.headers['last-modified']).toBeTruthy()
    expect(res.headers['cache-control']).toBe('public, max-age=3600')
    expect((await get({ range: 'bytes=0-99', 'if-none-match': etag })).statusCode).toBe(304)
    expect((await get({ 'if-none-match': `"other", ${etag}` })).statusCode).toBe(304)
    expect((await get({ 'if-none-match': '"other"' })).statusCode).toBe(200)
    expect((await get({ 'if-modified-since': res.headers['last-modified'] as string })).statusCode).toBe(304)
  })

  it('honours If-Range: the range for the same ETag or date, the whole file for another', async () => {
    const first = (await get({ range: 'bytes=0-0' })).headers
    const etag = first.etag as string
    const lastModified = first['last-modified'] as string
    expect((await get({ range: 'bytes=0-9', 'if-range': etag })).statusCode).toBe(206)
    expect((await get({ range: 'bytes=0-9', 'if-range': lastModified })).statusCode).toBe(206)
    const stale = await get({ range: 'bytes=0-9', 'if-range': '"stale"' })
    expect(stale.statusCode).toBe(200)
    expect(stale.rawPayload.length).toBe(size)
    expect((await get({ range: 'bytes=0-9', 'if-range': `W/${etag}` })).statusCode).toBe(200)
  })

  it('answers HEAD with the headers and no body', async () => {
    const whole = await get({}, 'HEAD')
    expect(whole.statusCode).toBe(200)
    expect(whole.headers['content-length']).toBe(String(size))
    expect(whole.headers['accept-ranges']).toBe('bytes')
    expect(whole.rawPayload.length).toBe(0)
    const part = await get({ range: 'bytes=0-9' }, 'HEAD')
    expect(part.statusCode).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 0-9/${size}`)
    expect(part.rawPayload.length).toBe(0)
  })

  it('notices a replaced file: a new ETag, and the new bytes', async () => {
    const before = (await get({ range: 'bytes=0-9' })).headers.etag
    const replaced = Buffer.concat([bytes, Buffer.from('padding')])
    writeFileSync(file, replaced)
    utimesSync(file, new Date(), new Date(Date.now() + 5000))
    try {
      const after = await get({ range: `bytes=${size}-` })
      expect(after.statusCode).toBe(206)
      expect(after.headers.etag).not.toBe(before)
      expect(after.rawPayload.toString()).toBe('padding')
      expect((await get({ range: 'bytes=0-9', 'if-range': before as string })).statusCode).toBe(200)
    } finally {
      writeFileSync(file, bytes)
    }
  })

  it('is not there when BASEMAP_PMTILES is unset', async () => {
    expect((await bare.inject({ method: 'GET', url: '/basemap.pmtiles', headers: { range: 'bytes=0-9' } })).statusCode).toBe(404)
  })

  it('sends the page’s CSP and no cookie', async () => {
    const res = await get({ range: 'bytes=0-9' })
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'")
  })
})

describe('parseRange', () => {
  it('clamps, takes suffixes, and rejects what it cannot serve', () => {
    expect(parseRange('bytes=0-16383', 1000)).toEqual({ start: 0, end: 999 })
    expect(parseRange('bytes=-2000', 1000)).toEqual({ start: 0, end: 999 })
    expect(parseRange('bytes=5-5', 1000)).toEqual({ start: 5, end: 5 })
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable')
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable')
    expect(parseRange('bytes=-', 1000)).toBeNull()
    expect(parseRange(undefined, 1000)).toBeNull()
  })
})
