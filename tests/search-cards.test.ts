/**
 * Search answers written from stored cards (server/directory/search-card.ts): the JSON text the
 * API sends is valid JSON that fits the result schema exactly (no member missing or extra),
 * says the same as the object path (GeoJSON, /lite and SMS are built from objects), keeps
 * awkward text intact (quotes, backslashes, control characters, non-Latin scripts, emoji), and
 * follows a curator's edit and a live post at once. On both backends.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { searchResponseSchema, type SearchResponse, type SearchResult } from '../common/contract/search.js'
import { backends } from './helpers/backends.js'
import { hours, site } from './helpers/sites.js'
import { fillSearchCards } from '../server/directory/search-card.js'
import { codesOf } from '../server/vocabulary.js'
import { bearer, type CurationFixture, curationFixture } from './curate/helpers.js'

const AWKWARD = 'Café "Hope" \\ back\tslash — “quoted” 中文 עברית 🚑'
const plain = site({ id: 'plain', name: 'Plain Site', lat: 39.2946, lon: -76.6252, hours: [hours('MO,TU,WE,TH,FR', '09:00', '17:00')] })
const awkward = site({
  id: 'awkward "id" \\ é',
  name: AWKWARD,
  lat: 39.3,
  lon: -76.61,
  services: ['naloxone', 'syringe_services', 'fentanyl_test_strips'],
  languages: ['en', 'es', 'zh'],
  payment: ['medicaid', 'free'],
})
awkward.location.address1 = null as unknown as string
awkward.location.address2 = 'Suite "B"'
const noHours = site({ id: 'no-hours', name: 'No Hours Listed', lat: 39.31, lon: -76.6 })

const order = (field: 'services', code: string) => codesOf(field).indexOf(code)
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(searchResponseSchema)

describe.each(backends)('search answers from cards (%s)', (backend) => {
  let f: CurationFixture
  const search = async (body: Record<string, unknown> = {}) => {
    const res = await f.app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61, radius_mi: 10, ...body } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body))
    return res
  }
  const result = (body: SearchResponse, id: string) => body.results.find((r) => r.id === id) as SearchResult

  beforeAll(async () => {
    f = await curationFixture(backend, [plain, awkward, noHours])
  })
  afterAll(() => f?.close())

  it('sends valid JSON that fits the schema member for member', async () => {
    const res = await search()
    const body = JSON.parse(res.body) as SearchResponse
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true)
    const members = Object.keys(searchResponseSchema.properties.results.items.properties).sort()
    expect(body.results).toHaveLength(3)
    for (const r of body.results) expect(Object.keys(r).sort()).toEqual(members)
    const a = result(body, awkward.location.id)
    expect(a).toMatchObject({ name: AWKWARD, address_1: null, address_2: 'Suite "B"', languages: ['en', 'es', 'zh'], lat: 39.3, lon: -76.61 })
    // Codes in vocabulary order, as the facets number them.
    expect(a.services).toEqual(['naloxone', 'syringe_services', 'fentanyl_test_strips'].sort((x, y) => order('services', x) - order('services', y)))
    expect(result(body, 'plain').verification).toEqual({ assured_date: '2026-10-01', age: expect.stringMatching(/^(fresh|aging|stale)$/) })
    expect(result(body, 'no-hours')).toMatchObject({ open_now: null, next_change: null, live_status: [] })
  })

  it('says what the object path says (GeoJSON is built from objects)', async () => {
    const at = '2026-11-24T15:00:00Z'
    const json = JSON.parse((await search({ open_at: at, include_unknown_hours: true })).body) as SearchResponse
    const geo = (
      await f.app.inject({
        method: 'POST',
        url: '/api/v1/search',
        payload: { lat: 39.29, lon: -76.61, radius_mi: 10, open_at: at, include_unknown_hours: true, format: 'geojson' },
      })
    ).json()
    expect(geo.meta).toEqual(
      Object.fromEntries(
        Object.entries(json)
          .filter(([k]) => k !== 'results' && k !== 'next_cursor')
          .concat([['next_cursor', geo.meta.next_cursor]]),
      ),
    )
    expect(
      geo.features.map((x: { properties: unknown; geometry: { coordinates: number[] } }) => ({
        ...(x.properties as object),
        lon: x.geometry.coordinates[0],
        lat: x.geometry.coordinates[1],
      })),
    ).toEqual(json.results)
    expect(result(json, 'plain')).toMatchObject({ open_now: true, next_change: '2026-11-24T17:00:00-05:00' })
  })

  it('shows a curator edit and a live post in the very next answer', async () => {
    const note = 'Call first: "dosing" hours change \\ on holidays\n— 谢谢 🙏'
    const edit = await f.app.inject({
      method: 'PATCH',
      url: '/api/v1/curate/sites/plain',
      headers: bearer(f.tokens.curatorMd),
      payload: { changes: { public_note: note, name: 'Plain Site (renamed)' } },
    })
    expect(edit.statusCode, edit.body).toBe(200)
    const posted = await f.app.inject({
      method: 'PUT',
      url: '/api/v1/curate/sites/plain/status',
      headers: bearer(f.tokens.curatorMd),
      payload: { naloxone: 'in_stock' },
    })
    expect(posted.statusCode, posted.body).toBe(200)
    const body = JSON.parse((await search()).body) as SearchResponse
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true)
    const p = result(body, 'plain')
    expect(p).toMatchObject({ name: 'Plain Site (renamed)', public_note: note })
    expect(p.live_status).toEqual([expect.objectContaining({ topic: 'naloxone', value: 'in_stock', posted_by: 'curator' })])
    // Wrong credentials change nothing.
    const refused = await f.app.inject({
      method: 'PATCH',
      url: '/api/v1/curate/sites/plain',
      headers: bearer(f.tokens.curatorVa),
      payload: { changes: { name: 'Hijacked' } },
    })
    expect(refused.statusCode).toBe(403)
    expect(result(JSON.parse((await search()).body) as SearchResponse, 'plain').name).toBe('Plain Site (renamed)')
  })

  it('gives rows derived before cards existed their cards at start-up, once', async () => {
    const before = (await search()).body
    const db = f.database.db
    await sql`ALTER TABLE site_search ALTER COLUMN card DROP NOT NULL`.execute(db)
    await sql`UPDATE site_search SET card = NULL`.execute(db)
    expect(await fillSearchCards(db)).toBe(3)
    expect(await fillSearchCards(db)).toBe(0)
    const after = JSON.parse((await search()).body) as SearchResponse
    expect(after.results).toEqual((JSON.parse(before) as SearchResponse).results)
    await expect(sql`UPDATE site_search SET card = NULL`.execute(db)).rejects.toThrow(/null/i)
  })
})
