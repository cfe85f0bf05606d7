import { sql } from 'kysely'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { hsdsId } from '../../server/hsds/ids.js'
import { runImport } from '../../server/importers/pipeline.js'
import { appFor } from '../helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { site } from '../helpers/sites.js'
import { FIXTURE } from '../export/helpers.js'
import { errorsOf, haversine, objectValidator, responseValidator } from './spec.js'

type Obj = Record<string, unknown>
interface Page {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: Obj[]
}

// Downtown Baltimore (Light St & Pratt St).
const HERE = { lat: 39.2866, lon: -76.6131 }

describe.each(backends)('HSDS 3.0 API (%s)', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url })
    return { res, body: res.json() as Obj & Page }
  }
  /** GETs a page and checks it against openapi.json's response schema for the path. */
  const page = async (url: string, path: string): Promise<Page> => {
    const { res, body } = await get(url)
    expect(res.statusCode, res.body).toBe(200)
    const validate = responseValidator(path)
    expect(validate(body), errorsOf(validate)).toBe(true)
    return body
  }

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await runImport(database.db, { format: 'hsds', paths: [FIXTURE], dedup: false })
    // Twelve more sites going east from downtown, about 860 m apart, and one demo site.
    await insertSites(database.db, [
      ...Array.from({ length: 12 }, (_, i) =>
        site({
          id: `east-${String(i + 1).padStart(2, '0')}`,
          lat: HERE.lat,
          lon: HERE.lon + (i + 1) * 0.01,
          name: `East site ${i + 1}`,
          services: ['wound_care'],
        }),
      ),
      site({ id: 'demo-1', lat: 39.3, lon: -76.6, name: 'Demo Syringe Program', demo: true }),
    ])
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  it('answers the root with version 3.0, a profile and the OpenAPI URL under PUBLIC_URL', async () => {
    const published = await appFor(database, { publicUrl: 'https://help.example.org' })
    try {
      const res = await published.inject({ method: 'GET', url: '/hsds/' })
      expect(res.statusCode).toBe(200)
      const body = res.json() as Obj
      expect(body).toMatchObject({ version: '3.0', openapi_url: 'https://help.example.org/openapi.json' })
      const validate = responseValidator('/')
      expect(validate(body), errorsOf(validate)).toBe(true)
    } finally {
      await published.close()
    }
    // Without PUBLIC_URL, a URL relative to this server (never one built from the Host header).
    expect((await get('/hsds/')).body.openapi_url).toBe('/openapi.json')
  })

  it('gives HSDS ids equal to the database function hrl_hsds_uuid5 (version-5 UUIDs)', async () => {
    const row = await sql<{ id: string; uuid: string }>`SELECT id, hrl_hsds_uuid5('service', id)::text AS uuid FROM services ORDER BY id LIMIT 1`.execute(
      database.db,
    )
    expect(hsdsId('service', row.rows[0]?.id as string)).toBe(row.rows[0]?.uuid)
    expect(row.rows[0]?.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('pages services with the spec envelope: 18 services, 5 a page', async () => {
    const seen: string[] = []
    for (let n = 1; n <= 4; n++) {
      const body = await page(`/hsds/services?per_page=5&page=${n}`, '/services')
      expect(body).toMatchObject({
        total_items: 18,
        total_pages: 4,
        page_number: n,
        size: n === 4 ? 3 : 5,
        first_page: n === 1,
        last_page: n === 4,
        empty: false,
      })
      seen.push(...body.contents.map((s) => s.id as string))
    }
    expect(new Set(seen).size).toBe(18)
    const past = await page('/hsds/services?per_page=5&page=5', '/services')
    expect(past).toMatchObject({ size: 0, empty: true, last_page: true, contents: [] })
  })

  it('finds services by text, treating % and _ as plain characters', async () => {
    const body = await page('/hsds/services?search=METHADONE', '/services')
    expect(body.contents.map((s) => s.name)).toEqual(['Methadone and buprenorphine'])
    expect((await page(`/hsds/services?search=${encodeURIComponent('100%')}`, '/services')).total_items).toBe(0)
    expect((await page('/hsds/services?search=harbor', '/services')).total_items).toBe(2) // by organization name
  })

  it('filters by taxonomy term: a service code and a site type', async () => {
    const terms = await page('/hsds/taxonomy_terms?search=detox', '/taxonomy_terms')
    const detox = terms.contents.find((t) => t.code === 'detox') as Obj
    expect(detox).toMatchObject({ taxonomy: 'harm-reduction-locator:services', name: 'Detox' })
    const services = await page(`/hsds/services?taxonomy_term_id=${detox.id as string}`, '/services')
    expect(services.contents.map((s) => s.name)).toEqual(['Overnight detox'])
    const treatment = hsdsId('taxonomy_term', 'type:treatment')
    const atTreatment = await page(`/hsds/services?taxonomy_term_id=${treatment}`, '/services')
    expect(atTreatment.contents.map((s) => s.name).sort()).toEqual(['Methadone and buprenorphine', 'Overnight detox'])
    const unknown = await page(`/hsds/services?taxonomy_term_id=${hsdsId('taxonomy_term', 'service:unicorns')}`, '/services')
    expect(unknown).toMatchObject({ total_items: 0, empty: true })
  })

  it('returns only what changed at or after modified_after', async () => {
    await sql`UPDATE locations SET updated_at = '2026-01-01T00:00:00Z'`.execute(database.db)
    await sql`UPDATE services SET updated_at = '2026-01-01T00:00:00Z'`.execute(database.db)
    await sql`UPDATE organizations SET updated_at = '2026-01-01T00:00:00Z'`.execute(database.db)
    await sql`UPDATE locations SET updated_at = '2026-06-01T12:00:00Z' WHERE name = 'Harbor OTP'`.execute(database.db)
    const changed = await page('/hsds/services?modified_after=2026-03-01T00:00:00Z', '/services')
    expect(changed.contents.map((s) => s.name)).toEqual(['Methadone and buprenorphine'])
    expect(changed.contents[0]?.last_modified).toBe('2026-06-01T12:00:00.000Z')
    expect((await page('/hsds/services?modified_after=2025-12-31', '/services')).total_items).toBe(18)
    const sals = await page('/hsds/service_at_locations?modified_after=2026-03-01T00:00:00%2B00:00', '/service_at_locations')
    expect(sals.total_items).toBe(1)
  })

  it('streams every service as NDJSON, one valid object per line', async () => {
    const res = await app.inject({ method: 'GET', url: '/hsds/services?format=ndjson&demo=false' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/)
    const lines = res.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Obj)
    expect(lines).toHaveLength(17)
    const validate = objectValidator('compiled/service_list.json')
    for (const line of lines) expect(validate(line), errorsOf(validate)).toBe(true)
    const full = await app.inject({ method: 'GET', url: '/hsds/service_at_locations?format=ndjson&full=true' })
    expect(full.body.trimEnd().split('\n')).toHaveLength(18)
  })

  it('lists services at locations nearest first within a radius in metres', async () => {
    const radius = 5000
    const body = await page(`/hsds/service_at_locations?lat=${HERE.lat}&long=${HERE.lon}&radius=${radius}&per_page=100`, '/service_at_locations')
    const distances = body.contents.map((s) => s.distance_m as number)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    const expected = await database.db.selectFrom('locations').select(['name', 'latitude', 'longitude']).execute()
    const inside = expected.filter((l) => haversine(HERE.lat, HERE.lon, l.latitude as number, l.longitude as number) <= radius).map((l) => l.name)
    expect(body.contents.map((s) => (s.location as Obj).name).sort()).toEqual(inside.sort())
    expect(body.contents[0]?.location).toMatchObject({ name: 'Harbor OTP' }) // about 45 m away
    expect(distances.every((d) => d <= radius)).toBe(true)
    expect(body.total_items).toBe(inside.length)
    const second = await page(`/hsds/service_at_locations?lat=${HERE.lat}&long=${HERE.lon}&radius=${radius}&per_page=2&page=2`, '/service_at_locations')
    expect(second.contents.map((s) => s.id)).toEqual(body.contents.slice(2, 4).map((s) => s.id))
  })

  it('returns one service, one service at a location and one organization in full, valid against the spec', async () => {
    const list = await page('/hsds/services?search=Naloxone%20van', '/services')
    const id = list.contents[0]?.id as string
    const { res, body } = await get(`/hsds/services/${id}`)
    expect(res.statusCode).toBe(200)
    const validate = responseValidator('/services/{id}')
    expect(validate(body), errorsOf(validate)).toBe(true)
    const sal = (body.service_at_locations as Obj[])[0] as Obj
    expect(sal.location).toMatchObject({ latitude: expect.any(Number), addresses: [expect.objectContaining({ state_province: 'MD' })] })

    const ssp = await page('/hsds/service_at_locations?search=Greenmount&full=true', '/service_at_locations')
    const salId = ssp.contents[0]?.id as string
    const one = await get(`/hsds/service_at_locations/${salId}`)
    const validateSal = responseValidator('/service_at_locations/{id}')
    expect(validateSal(one.body), errorsOf(validateSal)).toBe(true)
    expect((one.body.service_at_locations as Obj[]).map((s) => s.id)).toEqual([salId])
    const location = (one.body.service_at_locations as Obj[])[0]?.location as Obj
    expect(location).toMatchObject({ accessibility: [expect.objectContaining({ description: 'Wheelchair accessible' })] })
    expect((location.languages as Obj[]).map((l) => l.code)).toEqual(['en', 'es'])
    expect((location.schedules as Obj[])[0]).toMatchObject({ freq: 'WEEKLY', byday: 'MO,WE,FR', opens_at: '10:00', closes_at: '16:00' })

    const orgs = await page('/hsds/organizations?search=harbor', '/organizations')
    expect(orgs.total_items).toBe(2) // one organization per imported site
    const org = await get(`/hsds/organizations/${orgs.contents[0]?.id as string}`)
    const validateOrg = responseValidator('/organizations/{id}')
    expect(validateOrg(org.body), errorsOf(validateOrg)).toBe(true)
    expect((org.body.services as Obj[]).length).toBeGreaterThan(0)
  })

  it('lists the taxonomies and their terms', async () => {
    const taxonomies = await page('/hsds/taxonomies', '/taxonomies')
    expect(taxonomies.contents.map((t) => t.name)).toContain('harm-reduction-locator:services')
    const services = taxonomies.contents.find((t) => t.name === 'harm-reduction-locator:services') as Obj
    const terms = await page(`/hsds/taxonomy_terms?taxonomy_id=${services.id as string}&per_page=100`, '/taxonomy_terms')
    expect(terms.total_items).toBe(30)
    const term = await get(`/hsds/taxonomy_terms/${terms.contents[0]?.id as string}`)
    expect(objectValidator('taxonomy_term.json')(term.body)).toBe(true)
  })

  const expectError = (res: { statusCode: number; json(): unknown; body: string }, status: number, mentions: string) => {
    expect(res.statusCode, res.body).toBe(status)
    const body = res.json() as Obj
    expect(Object.keys(body).sort()).toEqual(['code', 'error', 'message', 'statusCode'])
    expect(String(body.message)).toContain(mentions)
    expect(res.body).not.toMatch(/SELECT|hrl_hsds_uuid|stack/i)
  }

  it.each([
    ['/hsds/services?per_page=101', 'per_page must be <= 100'],
    ['/hsds/services?page=0', 'page must be >= 1'],
    ['/hsds/services?search=x&sort=name', 'sort is not a known field'],
    ['/hsds/services?taxonomy_term_id=detox', 'taxonomy_term_id'],
    ['/hsds/services?modified_after=yesterday', 'modified_after'],
    ['/hsds/services?format=xml', 'format'],
    ['/hsds/service_at_locations?lat=39.2', 'long is required with lat'],
    ['/hsds/service_at_locations?lat=39.2&long=-76.6&radius=-5', 'radius'],
    ['/hsds/service_at_locations?radius=100', 'radius needs lat and long'],
    ['/hsds/services/not-a-uuid', 'id'],
  ])('GET %s → 400 naming the field', async (url, mentions) => {
    expectError(await app.inject({ method: 'GET', url }), 400, mentions)
  })

  it.each(['services', 'service_at_locations', 'organizations', 'taxonomies', 'taxonomy_terms'])('GET /hsds/%s/{unknown uuid} → 404', async (kind) => {
    const missing = '00000000-0000-4000-8000-000000000000'
    expectError(await app.inject({ method: 'GET', url: `/hsds/${kind}/${missing}` }), 404, missing)
  })
})
