/**
 * A curator imports a spreadsheet with the real lists' messy cells and finds them cleaned in
 * the directory, the site API and the HSDS export: a ZIP that lost a digit restored with what
 * the file held kept, a phone's extension in its own column, no placeholder website, a P.O. box
 * as a mailing address, Palau and an impossible ZIP refused by name, a bad phone left out and
 * reported. HSDS ids are version-5 UUIDs and the old md5 ids still resolve. The batch's
 * finished_at is when it finished.
 */
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hsdsId, legacyHsdsId } from '../../server/hsds/ids.js'
import { runImport } from '../../server/importers/pipeline.js'
import { formatSummary, type ImportReport } from '../../server/importers/report.js'
import { bearer, type CurationFixture, curationFixture } from '../curate/helpers.js'
import { appFor } from '../helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { simpleCsvMapping, tempFile } from './helpers.js'

const CSV =
  'id,name,street,city,state,zip,lat,lon,phone,web\n' +
  'k1,Kinney Drugs Brewerton,9543 Route 11,Brewerton,NY,3029-9735,43.238,-76.141,(315) 676-3676 ext. 12,http://\n' +
  'k2,Derry Outreach,P.O. Box 55,Derry,NH,3029,42.88,-71.33,999-999-9999,www.derryoutreach.org\n' +
  'k3,Koror Clinic,1 Main St,Koror,PW,96940,7.34,134.47,,\n' +
  'k4,Austin Stop,1 Congress Ave,Austin,TX,3029,30.27,-97.74,,\n'

type Obj = Record<string, unknown>

describe.each(backends)('cleaned values on import (%s)', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  let report: ImportReport
  let before: Date
  let after: Date

  beforeAll(async () => {
    database = await freshDatabase(backend)
    const mapping = simpleCsvMapping('clean_values', { id: 'id', phone: 'phone', website: 'web' })
    before = new Date()
    report = await runImport(database.db, { format: 'csv', paths: [tempFile('messy.csv', CSV)], mappingPath: mapping, skipInvalid: true, dedup: false })
    after = new Date()
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const location = async (sourceId: string) =>
    (
      await sql<Obj>`SELECT id, address_1, mailing_address, postal_code, website, source_attributes FROM locations
        WHERE source = 'clean_values' AND source_id = ${sourceId}`.execute(database.db)
    ).rows[0] as Obj

  it('imports the two good rows and refuses Palau and a Texas row whose ZIP fits no Texas ZIP, quoting the cells', () => {
    expect(report).toMatchObject({ written: true, read: 4, inserted: 2, rejected: 2 })
    expect(report.problems.map((p) => `${p.line} ${p.field} ${p.message}`)).toEqual([
      '4 state "PW" is refused: Palau is a freely associated state, outside the U.S. directory',
      expect.stringMatching(/^5 zip "3029" has 4 digits: padded with zeros it is 03029, a NH ZIP, not one in TX/),
    ])
  })

  it('restores "3029-9735" in New York to 13029 and keeps what the file held', async () => {
    const brewerton = await location('k1')
    expect(brewerton.postal_code).toBe('13029')
    expect((brewerton.source_attributes as Obj).zip_restored_from).toBe('3029-9735')
    // "3029" in New Hampshire is Derry's 03029.
    expect((await location('k2')).postal_code).toBe('03029')
  })

  it('stores the phone and its extension apart, and the site API shows both', async () => {
    const brewerton = await location('k1')
    const phones = await sql<Obj>`SELECT number, extension FROM phones WHERE location_id = ${brewerton.id as string}`.execute(database.db)
    expect(phones.rows).toEqual([{ number: '(315) 676-3676', extension: '12' }])
    const res = await app.inject({ method: 'GET', url: `/api/v1/sites/${brewerton.id}` })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().phones).toEqual([expect.objectContaining({ number: '(315) 676-3676', extension: '12' })])
  })

  it('imports a site whose phone cannot be dialled without the phone, and the report names the value', async () => {
    const derry = await location('k2')
    const phones = await sql<Obj>`SELECT number FROM phones WHERE location_id = ${derry.id as string}`.execute(database.db)
    expect(phones.rows).toEqual([])
    expect(report.warned).toBe(2)
    expect(report.warnings.map((w) => `${w.line} ${w.field} ${w.message}`)).toEqual([
      expect.stringMatching(/^2 zip "3029-9735" lost a digit: read as 13029/),
      '3 phone "999-999-9999" is not a number that can be dialled; the site is imported without this phone',
    ])
    expect(formatSummary(report)).toMatch(/values left out of imported rows 2[\s\S]*messy\.csv:3 phone "999-999-9999"/)
  })

  it('reads http:// as no website and gives a bare address https://', async () => {
    expect((await location('k1')).website).toBeNull()
    expect((await location('k2')).website).toBe('https://www.derryoutreach.org')
  })

  it('keeps a P.O. box as the mailing address, not the street, and exports it as a postal HSDS address', async () => {
    const derry = await location('k2')
    expect(derry).toMatchObject({ address_1: null, mailing_address: 'P.O. Box 55' })
    const site = (await app.inject({ method: 'GET', url: `/api/v1/sites/${derry.id}` })).json()
    expect(site).toMatchObject({ address_1: null, mailing_address: 'P.O. Box 55', postal_code: '03029' })
    const service = await sql<{ id: string }>`SELECT service_id AS id FROM service_at_location WHERE location_id = ${derry.id as string}`.execute(database.db)
    const res = await app.inject({ method: 'GET', url: `/hsds/services/${hsdsId('service', service.rows[0]?.id as string)}` })
    expect(res.statusCode, res.body).toBe(200)
    const addresses = res.json().service_at_locations[0].location.addresses as Obj[]
    expect(addresses).toEqual([
      expect.objectContaining({ address_type: 'physical', address_1: '', city: 'Derry', state_province: 'NH', postal_code: '03029' }),
      expect.objectContaining({ address_type: 'postal', address_1: 'P.O. Box 55', city: 'Derry', postal_code: '03029' }),
    ])
  })

  it('gives version-5 HSDS ids that the database computes too, and still resolves an old md5 id', async () => {
    const row = await sql<{ id: string; uuid: string }>`SELECT id, hrl_hsds_uuid5('service', id)::text AS uuid FROM services
      WHERE source = 'clean_values' ORDER BY id LIMIT 1`.execute(database.db)
    const ours = row.rows[0]?.id as string
    const id = hsdsId('service', ours)
    expect(row.rows[0]?.uuid).toBe(id)
    expect(id[14]).toBe('5')
    expect('89ab').toContain(id[19])
    const current = await app.inject({ method: 'GET', url: `/hsds/services/${id}` })
    expect(current.statusCode, current.body).toBe(200)
    expect(current.json().id).toBe(id)
    const old = await app.inject({ method: 'GET', url: `/hsds/services/${legacyHsdsId('service', ours)}` })
    expect(old.statusCode, old.body).toBe(200)
    // The old link shows the record under its current id.
    expect(old.json().id).toBe(id)
    const org = current.json().organization as Obj
    expect((await app.inject({ method: 'GET', url: `/hsds/organizations/${org.id}` })).statusCode).toBe(200)
    const oldTaxonomy = await app.inject({ method: 'GET', url: `/hsds/taxonomies/${legacyHsdsId('taxonomy', 'services')}` })
    expect(oldTaxonomy.json().id).toBe(hsdsId('taxonomy', 'services'))
  })

  it('records the batch finishing when it finished, not when its transaction began', async () => {
    const batch = await sql<{ started_at: Date; finished_at: Date; began: Date }>`
      SELECT b.started_at, b.finished_at, (SELECT max(imported_at) FROM locations WHERE source = 'clean_values') AS began
        FROM import_batches b WHERE b.id = ${report.batchId}`.execute(database.db)
    const { started_at, finished_at, began } = batch.rows[0] as { started_at: Date; finished_at: Date; began: Date }
    // imported_at is now(): the transaction's start. The batch row is written after every site.
    expect(new Date(finished_at).getTime()).toBeGreaterThan(new Date(began).getTime())
    expect(new Date(started_at).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1)
    expect(new Date(finished_at).getTime()).toBeLessThanOrEqual(after.getTime() + 1)
  })
})

describe.each(backends)('a curator edits a phone with an extension (%s)', (backend) => {
  let f: CurationFixture
  beforeAll(async () => {
    f = await curationFixture(backend)
  })
  afterAll(() => f?.close())

  it('saves "x12" as the extension, shows it back as typed, and keeps it on the next save', async () => {
    const patch = (phones: string[]) =>
      f.app.inject({
        method: 'PATCH',
        url: '/api/v1/curate/sites/md-site',
        headers: bearer(f.tokens.curatorMd),
        payload: { changes: { phones }, reason: 'called the program' },
      })
    const res = await patch(['(410) 555-0142 x12'])
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().values.phones).toEqual(['(410) 555-0142 x12'])
    const site = (await f.app.inject({ method: 'GET', url: '/api/v1/sites/md-site' })).json()
    expect(site.phones).toEqual([expect.objectContaining({ number: '(410) 555-0142', extension: '12' })])
    // Saving the listing as shown changes nothing.
    expect((await patch(res.json().values.phones)).json().values.phones).toEqual(['(410) 555-0142 x12'])
  })
})
