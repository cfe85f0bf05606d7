import { createWriteStream, readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse } from 'csv-parse/sync'
import type { FastifyInstance } from 'fastify'
import type { Feature, FeatureCollection, Point } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { CSV_COLUMNS } from '../../server/exports/csv.js'
import { exportChunks, type ExportFormat } from '../../server/exports/formats.js'
import type { SiteFilter } from '../../server/sites/site-filter.js'
import { runImport } from '../../server/importers/pipeline.js'
import { appFor } from '../helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { hours, site } from '../helpers/sites.js'
import { errorsOf, objectValidator } from '../hsds/spec.js'
import { FIXTURE, snapshotSites, tempPath } from './helpers.js'

type Row = Record<string, string>

/** Writes an export to a file, as `npm run export` does. */
async function exportTo(db: TestDatabase['db'], format: ExportFormat, filter: SiteFilter): Promise<string> {
  const path = tempPath(`export.${format}`)
  await pipeline(Readable.from(exportChunks(db, format, filter)), createWriteStream(path))
  return path
}

describe.each(backends)('exports (%s)', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(backend)
    const report = await runImport(database.db, { format: 'hsds', paths: [FIXTURE], dedup: false })
    expect(report).toMatchObject({ written: true, inserted: 5, rejected: 0 })
    await insertSites(database.db, [
      site({ id: 'demo-1', lat: 39.3, lon: -76.6, name: 'Demo Syringe Program', demo: true }),
      site({
        id: 'quoted',
        lat: 39.31,
        lon: -76.62,
        name: 'Clinic, "Downtown"\nSecond line',
        services: ['primary_care', 'hiv_testing'],
        hours: [hours('MO,TU', '08:00', '17:00')],
      }),
    ])
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  it('downloads GeoJSON with [lon, lat] points, every active site, demo ones marked', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/export.geojson' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/)
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="harm-reduction-locator-\d{4}-\d{2}-\d{2}\.geojson"$/)
    const body = res.json() as FeatureCollection<Point>
    expect(body.type).toBe('FeatureCollection')
    const names = body.features.map((f) => f.properties?.name as string).sort()
    expect(names).not.toContain('Harbor Detox') // temporarily closed
    expect(names).toHaveLength(6)
    const otp = body.features.find((f) => f.properties?.name === 'Harbor OTP') as Feature<Point>
    expect(otp.geometry).toEqual({ type: 'Point', coordinates: [-76.613, 39.287] })
    expect(otp.properties).toMatchObject({
      organization_name: 'Harbor Treatment Services',
      services: ['buprenorphine', 'counseling', 'methadone'],
      types: ['treatment'],
      payment: ['medicaid', 'sliding_fee'],
      phone: '(410) 555-0122',
      postal_code: '21202',
      status: 'active',
      demo: false,
      hours: [{ byday: 'MO,TU,WE,TH,FR', opens: '06:00', closes: '14:00', valid_from: null, valid_to: null }],
    })
    expect(body.features.find((f) => f.properties?.name === 'Demo Syringe Program')?.properties?.demo).toBe(true)
  })

  it('leaves demo records out with demo=false and adds closed sites with include_inactive', async () => {
    const noDemo = (await app.inject({ method: 'GET', url: '/api/v1/export.geojson?demo=false' })).json() as FeatureCollection
    expect(noDemo.features.map((f) => f.properties?.name)).not.toContain('Demo Syringe Program')
    expect(noDemo.features).toHaveLength(5)
    const all = (await app.inject({ method: 'GET', url: '/api/v1/export.geojson?include_inactive=true' })).json() as FeatureCollection
    expect(all.features.find((f) => f.properties?.name === 'Harbor Detox')?.properties).toMatchObject({ status: 'temporarily_closed', services: ['detox'] })
    const bySource = (await app.inject({ method: 'GET', url: '/api/v1/export.geojson?source=test' })).json() as FeatureCollection
    expect(bySource.features.map((f) => f.properties?.name).sort()).toEqual(['Clinic, "Downtown"\nSecond line', 'Demo Syringe Program'])
  })

  it('downloads CSV with the documented header, one row per site and codes joined with ";"', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/export.csv' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.csv"$/)
    expect(res.body.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','))
    const rows = parse(res.body, { columns: true }) as Row[]
    expect(rows).toHaveLength(6)
    const ssp = rows.find((r) => r.name === 'Charm City HR — Greenmount') as Row
    expect(ssp).toMatchObject({
      services: 'fentanyl_test_strips;naloxone;syringe_services',
      access: 'walk_in;wheelchair_accessible',
      languages: 'en;es',
      latitude: '39.3244',
      longitude: '-76.6094',
      address_2: 'Rear entrance',
      hours: 'MO,WE,FR 10:00-16:00; SA 12:00-15:00 (2026-06-01..2026-09-30)',
      status: 'active',
      demo: 'false',
      source: 'hsds',
    })
    // Commas, quotes and line breaks survive quoting.
    expect(rows.find((r) => r.name === 'Clinic, "Downtown"\nSecond line')).toMatchObject({ services: 'hiv_testing;primary_care', hours: 'MO,TU 08:00-17:00' })
    expect(rows.find((r) => r.name === 'Demo Syringe Program')?.demo).toBe('true')
  })

  it('rejects an unknown export option with a 400 naming it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/export.csv?demo=maybe' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'INVALID_FIELD', message: expect.stringContaining('demo') })
  })

  it('exports HSDS 3.0 services that validate against the specification schema', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/export.hsds.json?include_inactive=true' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toMatch(/\.hsds\.json"$/)
    const services = res.json() as Record<string, unknown>[]
    expect(services).toHaveLength(7)
    const validate = objectValidator('compiled/service.json')
    for (const service of services) expect(validate(service), errorsOf(validate)).toBe(true)
    const detox = services.find((s) => s.name === 'Overnight detox') as Record<string, unknown>
    expect(detox.status).toBe('temporarily closed')
    const demo = services.find((s) => (s.organization as { name: string }).name === 'Demo Syringe Program') as Record<string, unknown>
    expect(demo.alert).toMatch(/demo/i)
  })

  it('round-trips: the HSDS export imported into a fresh database gives the same sites', async () => {
    const path = await exportTo(database.db, 'hsds', { includeInactive: true, includeDemo: false, source: null })
    const target = await freshDatabase(backend)
    try {
      const report = await runImport(target.db, { format: 'hsds', paths: [path], dedup: false })
      expect(report).toMatchObject({ written: true, inserted: 6, rejected: 0 })
      // The importer collapses runs of whitespace in text (a line break in a name becomes a space).
      const collapse = (text: string) => text.replace(/\s+/g, ' ')
      const before = (await snapshotSites(database.db))
        .filter((s) => s.name !== 'Demo Syringe Program')
        .map((s) => ({ ...s, name: collapse(s.name), organization: collapse(s.organization) }))
      const after = await snapshotSites(target.db)
      expect(after).toEqual(before)
      // Spot checks of what a person relies on.
      const otp = after.find((s) => s.name === 'Harbor OTP')
      expect(otp).toMatchObject({ point: [-76.613, 39.287], phones: ['(410) 555-0122', '(410) 555-0123'], unmappedCodes: ['XYZ'] })
      expect(after.find((s) => s.name === 'Harbor Detox')).toMatchObject({ status: 'temporarily_closed', hours: ['FR,SA 22:00-06:00 ..'] })
    } finally {
      await target.close()
    }
  })

  it('streams more than one page (2,000 sites) without losing or repeating a site', async () => {
    const many = Array.from({ length: 2100 }, (_, i) => site({ id: `bulk-${String(i).padStart(4, '0')}`, lat: 39 + (i % 100) / 1000, lon: -76.5 - i / 10000 }))
    await insertSites(database.db, many)
    const path = await exportTo(database.db, 'csv', { includeInactive: false, includeDemo: true, source: 'test' })
    const rows = parse(readFileSync(path, 'utf8'), { columns: true }) as Row[]
    expect(rows).toHaveLength(2102)
    expect(new Set(rows.map((r) => r.id)).size).toBe(2102)
    const geo = JSON.parse(
      readFileSync(await exportTo(database.db, 'geojson', { includeInactive: false, includeDemo: true, source: 'test' }), 'utf8'),
    ) as FeatureCollection
    expect(geo.features).toHaveLength(2102)
  })
})
