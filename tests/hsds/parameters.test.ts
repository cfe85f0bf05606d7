/**
 * The HSDS 3.0 query parameters beyond paging and search: minimal (services), postcode and
 * proximity (service_at_locations), top_only and parent_id (taxonomy_terms). An HSDS client
 * built against the spec's openapi.json must get answers, not 400s, and answers that validate.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hsdsId } from '../../server/hsds/ids.js'
import { runImport } from '../../server/importers/pipeline.js'
import { appFor } from '../helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { FIXTURE } from '../export/helpers.js'
import { errorsOf, haversine, objectValidator, responseValidator } from './spec.js'

type Obj = Record<string, unknown>
interface Page {
  total_items: number
  size: number
  empty: boolean
  contents: Obj[]
}

// The centroid of ZIP 21201 in the offline ZIP table.
const ZIP_21201 = { lat: 39.2946, lon: -76.6252 }

describe.each(backends)('HSDS 3.0 API parameters (%s)', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  /** GETs a page and checks it against openapi.json's response schema for the path. */
  const page = async (url: string, path: string): Promise<Page> => {
    const res = await app.inject({ method: 'GET', url })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json() as Page
    const validate = responseValidator(path)
    expect(validate(body), errorsOf(validate)).toBe(true)
    return body
  }
  const locationNames = (p: Page) => p.contents.map((s) => (s.location as Obj).name)

  beforeAll(async () => {
    database = await freshDatabase(backend)
    // Five Baltimore sites: Greenmount 21218, Harbor OTP and Harbor Detox 21202, two van stops 21201 and 21231.
    await runImport(database.db, { format: 'hsds', paths: [FIXTURE], dedup: false })
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  it('minimal=true lists every service by id and last_modified, with nothing nested', async () => {
    const list = await page('/hsds/services?per_page=100', '/services')
    const minimal = await page('/hsds/services?minimal=true&per_page=100', '/services')
    expect(minimal.contents.map((s) => s.id)).toEqual(list.contents.map((s) => s.id))
    for (const s of minimal.contents) {
      expect(Object.keys(s).sort()).toEqual(['id', 'last_modified', 'name', 'status'])
      expect(new Date(s.last_modified as string).toISOString()).toBe(s.last_modified)
    }
    const res = await app.inject({ method: 'GET', url: '/hsds/services?minimal=true&format=ndjson' })
    const lines = res.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Obj)
    expect(lines.map((s) => s.id)).toEqual(list.contents.map((s) => s.id))
    const validate = objectValidator('compiled/service_list.json')
    for (const line of lines) expect(validate(line), errorsOf(validate)).toBe(true)
  })

  it('postcode lists the services at locations with that ZIP (ZIP+4 too)', async () => {
    const harbor = await page('/hsds/service_at_locations?postcode=21202', '/service_at_locations')
    expect(locationNames(harbor).sort()).toEqual(['Harbor Detox', 'Harbor OTP'])
    const plus4 = await page('/hsds/service_at_locations?postcode=21202-1234', '/service_at_locations')
    expect(plus4.contents.map((s) => s.id)).toEqual(harbor.contents.map((s) => s.id))
    const withSearch = await page('/hsds/service_at_locations?postcode=21202&search=detox', '/service_at_locations')
    expect(locationNames(withSearch)).toEqual(['Harbor Detox'])
    expect(await page('/hsds/service_at_locations?postcode=99999', '/service_at_locations')).toMatchObject({ total_items: 0, empty: true })
  })

  it('postcode with proximity lists what lies within that many metres of the ZIP centroid, nearest first', async () => {
    const proximity = 1450
    const body = await page(`/hsds/service_at_locations?postcode=21201&proximity=${proximity}&per_page=100`, '/service_at_locations')
    const locations = await database.db.selectFrom('locations').select(['name', 'latitude', 'longitude']).execute()
    const inside = locations.filter((l) => haversine(ZIP_21201.lat, ZIP_21201.lon, l.latitude as number, l.longitude as number) <= proximity)
    // The van stop in 21201 (about 460 m) and Harbor OTP in 21202 (about 1350 m); Harbor Detox is about 1550 m away.
    expect(inside.map((l) => l.name).sort()).toEqual(['Harbor OTP', 'Naloxone van — Lexington Market'])
    expect(locationNames(body)).toEqual(['Naloxone van — Lexington Market', 'Harbor OTP'])
    const distances = body.contents.map((s) => s.distance_m as number)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(distances.every((d) => d <= proximity)).toBe(true)
  })

  it('never lets a postcode search be cached', async () => {
    const res = await app.inject({ method: 'GET', url: '/hsds/service_at_locations?postcode=21202' })
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('top_only lists every term (our vocabulary is flat), and parent_id none', async () => {
    const all = await page('/hsds/taxonomy_terms?per_page=100', '/taxonomy_terms')
    const top = await page('/hsds/taxonomy_terms?top_only=true&per_page=100', '/taxonomy_terms')
    expect(top.total_items).toBe(all.total_items)
    expect(top.contents.every((t) => t.parent_id === undefined)).toBe(true)
    const services = hsdsId('taxonomy', 'services')
    expect((await page(`/hsds/taxonomy_terms?top_only=true&taxonomy_id=${services}&per_page=100`, '/taxonomy_terms')).total_items).toBe(30)
    const detox = hsdsId('taxonomy_term', 'service:detox')
    expect(await page(`/hsds/taxonomy_terms?parent_id=${detox}`, '/taxonomy_terms')).toMatchObject({ total_items: 0, empty: true, contents: [] })
    const ndjson = await app.inject({ method: 'GET', url: `/hsds/taxonomy_terms?parent_id=${detox}&format=ndjson` })
    expect(ndjson.body).toBe('')
  })

  it.each([
    ['/hsds/services?minimal=true&full=true', 'minimal cannot be combined with full'],
    ['/hsds/services?minimal=maybe', 'minimal must be boolean'],
    ['/hsds/services?postcode=21201', 'postcode is not a known field'],
    ['/hsds/service_at_locations?postcode=Baltimore', 'postcode must match pattern'],
    ['/hsds/service_at_locations?proximity=500', 'proximity needs postcode'],
    ['/hsds/service_at_locations?postcode=21201&proximity=0', 'proximity must be > 0'],
    ['/hsds/service_at_locations?postcode=21201&proximity=500&lat=39.29&long=-76.61', 'proximity cannot be combined with lat/long'],
    ['/hsds/service_at_locations?postcode=00000&proximity=500', 'postcode is not a ZIP code with a known centroid'],
    ['/hsds/service_at_locations?zip=21201', 'zip is not a known field'],
    ['/hsds/taxonomy_terms?parent_id=detox', 'parent_id must match format "uuid"'],
    ['/hsds/taxonomy_terms?top_only=yes', 'top_only must be boolean'],
    ['/hsds/taxonomy_terms?parent=x', 'parent is not a known field'],
  ])('GET %s → 400 naming the parameter', async (url, mentions) => {
    const res = await app.inject({ method: 'GET', url })
    expect(res.statusCode, res.body).toBe(400)
    const body = res.json() as Obj
    expect(Object.keys(body).sort()).toEqual(['code', 'error', 'message', 'statusCode'])
    expect(String(body.message)).toContain(mentions)
  })
})
