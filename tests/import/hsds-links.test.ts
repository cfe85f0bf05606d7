/**
 * HSDS 3.0 lets schedules and phones hang on a service_at_location as well as on a location
 * or a service. A curator importing such a feed must not lose a site's hours or phone, nor see
 * the same hours twice.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runImport } from '../../server/importers/pipeline.js'
import { hsdsJsonRows, hsdsTabularRows } from '../../server/importers/sources/hsds.js'
import type { MappedRow } from '../../server/importers/record.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { DATA } from './helpers.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url))
const JSON_PAGE = FIXTURES + 'hsds-sal-schedules.json'
const TABULAR = FIXTURES + 'hsds-tabular-sal'

const byName = (rows: MappedRow[], name: string) => rows.find((r) => r.record?.name === name)?.record
const rule = (byday: string, opens: string, closes: string) => ({ byday, opens, closes, valid_from: null, valid_to: null })

describe('HSDS schedules and phones on a service_at_location', () => {
  it('gives each van stop the hours and phone its service_at_location lists (JSON)', async () => {
    const rows = await hsdsJsonRows(JSON_PAGE)
    const lexington = byName(rows, 'Outreach van — Lexington Market')
    // The fixture lists MO,WE 10–14 twice ("10:00" and "10:00:00"): one rule.
    expect(lexington?.hours).toEqual([rule('MO,WE', '10:00', '14:00')])
    expect(lexington?.phones).toEqual(['(410) 555-0111'])
    const patterson = byName(rows, 'Outreach van — Patterson Park')
    expect(patterson?.hours).toEqual([rule('TU', '16:00', '19:00')])
    expect(patterson?.phones).toEqual(['(410) 555-0122'])
  })

  it('resolves schedule and phone rows by service_at_location_id to the location, once each (tabular)', async () => {
    const rows = await hsdsTabularRows(TABULAR)
    // sch-1 names the service, the location and the service_at_location; sch-3 repeats it on the location.
    expect(byName(rows, 'Harbor drop-in')?.hours).toEqual([rule('MO', '09:00', '17:00')])
    const lexington = byName(rows, 'Lexington stop')
    expect(lexington?.hours).toEqual([rule('TU,TH', '12:00', '16:00')])
    expect(lexington?.phones).toEqual(['(410) 555-0122'])
  })

  it('reads the HSDS 1.1 sample schedule (service, location and service_at_location on one row) once', async () => {
    const rows = await hsdsTabularRows(DATA + 'hsds/sample-HSDS-datapackage/all_resources')
    expect(byName(rows, 'Sanctuary on 5th Street')?.hours).toEqual([rule('MO', '09:00', '17:00'), rule('TU', '09:00', '17:00'), rule('WE', '09:00', '17:00')])
  })

  it('finds the 1.1 sample phone that only names a service_at_location (and reports that it cannot be dialled)', async () => {
    const rows = await hsdsTabularRows(DATA + 'hsds/sample-HSDS-datapackage/simple')
    const row = rows.find((r) => r.record?.name === 'St Cross Universal Church')
    // "(773) 2351 2461" has 11 digits: the site imports without it, and the report names its line.
    expect(row?.record?.phones).toEqual([])
    expect(row?.warnings).toContainEqual({
      file: 'phones.csv',
      line: 6,
      field: 'number',
      message: '"(773) 2351 2461" is not a number that can be dialled; the site is imported without this phone',
    })
  })
})

describe.each(backends)('importing service_at_location hours (%s)', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(backend)
  })
  afterAll(async () => database?.close())

  it('stores the hours of a stop whose schedule is only on its service_at_location', async () => {
    const report = await runImport(database.db, { format: 'hsds', paths: [JSON_PAGE], skipInvalid: true, dedup: false })
    expect(report).toMatchObject({ written: true, inserted: 2, rejected: 2 })
    const hours = await database.db
      .selectFrom('schedules')
      .innerJoin('locations', 'locations.id', 'schedules.location_id')
      .select(['locations.name', 'schedules.byday', 'schedules.opens_at', 'schedules.closes_at'])
      .orderBy('locations.name')
      .execute()
    expect(hours.map((h) => [h.name, h.byday, h.opens_at.slice(0, 5), h.closes_at.slice(0, 5)])).toEqual([
      ['Outreach van — Lexington Market', 'MO,WE', '10:00', '14:00'],
      ['Outreach van — Patterson Park', 'TU', '16:00', '19:00'],
    ])
  })
})
