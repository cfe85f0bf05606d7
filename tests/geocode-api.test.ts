/**
 * POST /api/v1/geocode and search with `near` say what they matched: a street address only
 * to its city (with a notice), which Springfield (ambiguous, with candidates), a neighbourhood.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GeocodeResponse } from '../common/contract/geocode.js'
import type { SearchResponse } from '../common/contract/search.js'
import { insertSites } from '../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../server/directory/search-tables.js'
import { appFor } from './helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from './helpers/backends.js'
import { site } from './helpers/sites.js'

describe.each(backends)('geocoding says what it did (%s)', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, [site({ id: 'springfield-ma', lat: 42.11, lon: -72.59 }), site({ id: 'boyle-heights', lat: 34.03, lon: -118.21 })])
    await rebuildSearchTables(database.db)
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const geocode = async (q: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/geocode', payload: { q } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as GeocodeResponse
  }
  const search = async (near: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { near, radius_mi: 10 } })
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as SearchResponse
  }

  it('a street address is matched to its city, and the answer says only the city was found', async () => {
    const body = await geocode('1600 Pennsylvania Ave NW, Washington, DC')
    expect(body).toMatchObject({ match: 'place', notice: 'address_approximated', ambiguous: false })
    expect(body.results[0]).toMatchObject({ label: 'Washington, DC', match: 'place', approximate: true })
  })

  it('"Springfield" is ambiguous, with Illinois, Massachusetts and Missouri among the candidates', async () => {
    const body = await geocode('Springfield')
    expect(body.ambiguous).toBe(true)
    expect(body.candidates.length).toBeGreaterThanOrEqual(5)
    expect(body.candidates.map((c) => c.label)).toEqual(expect.arrayContaining(['Springfield, IL', 'Springfield, MA', 'Springfield, MO']))
  })

  it('"Chicago" is not ambiguous', async () => {
    const body = await geocode('Chicago')
    expect(body).toMatchObject({ ambiguous: false, match: 'place', results: [{ label: 'Chicago, IL' }] })
  })

  it('finds Boyle Heights near (34.03, -118.2) as a neighbourhood of Los Angeles, with or without ", CA"', async () => {
    for (const q of ['Boyle Heights', 'Boyle Heights, CA']) {
      const body = await geocode(q)
      expect(body.match, q).toBe('neighbourhood')
      expect(body.results[0]).toMatchObject({ parent: 'Los Angeles, CA' })
      expect(body.results[0]!.lat).toBeCloseTo(34.03, 1)
      expect(body.results[0]!.lon).toBeCloseTo(-118.2, 1)
    }
  })

  it('answers a ZIP code as before', async () => {
    const body = await geocode('21201')
    expect(body).toMatchObject({ match: 'zip', notice: null, ambiguous: false, candidates: [] })
    expect(body.results[0]).toMatchObject({ label: 'ZIP 21201, Baltimore, MD', kind: 'zip', postalCode: '21201', region: 'MD', approximate: true })
  })

  it('a bad request gets a 400 naming the field', async () => {
    for (const payload of [{ q: '' }, { q: 'x'.repeat(201) }, {}]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/geocode', payload })
      expect(res.statusCode, JSON.stringify(payload)).toBe(400)
      expect(res.json()).toMatchObject({ code: 'INVALID_FIELD' })
      expect(res.json().message).toContain('q')
    }
    const extra = await app.inject({ method: 'POST', url: '/api/v1/geocode', payload: { q: '21201', place: 'x' } })
    expect(extra.statusCode).toBe(400)
    expect(extra.json().message).toContain('place')
  })

  it('a search near "Springfield" says it was ambiguous and which places it could be', async () => {
    const body = await search('Springfield')
    expect(body.origin).toMatchObject({ match: 'place', ambiguous: true, notice: null })
    expect(body.origin.candidates!.map((c) => c.region)).toEqual(expect.arrayContaining(['IL', 'MA', 'MO']))
    const ma = await search('Springfield, MA')
    expect(ma.origin).toMatchObject({ label: 'Springfield, MA', ambiguous: false })
    expect(ma.results.map((r) => r.id)).toContain('springfield-ma')
  })

  it('a search near a street address says only the city was matched; one near Boyle Heights finds what is there', async () => {
    expect((await search('1600 Pennsylvania Ave NW, Washington, DC')).origin).toMatchObject({ label: 'Washington, DC', notice: 'address_approximated' })
    const boyle = await search('Boyle Heights')
    expect(boyle.origin).toMatchObject({ match: 'neighbourhood' })
    expect(boyle.results.map((r) => r.id)).toContain('boyle-heights')
  })

  it('a search by coordinates carries no geocoding metadata', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 42.11, lon: -72.59 } })
    expect(res.json().origin).toEqual({ lat: 42.11, lon: -72.59, label: null, approximate: false })
  })
})
