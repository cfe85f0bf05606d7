/**
 * A curator fixing a refused HSDS record needs to find it: the CSV file and line of a
 * tabular package, or the JSON path of the field in a JSON feed.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runImport } from '../../server/importers/pipeline.js'
import { formatProblems } from '../../server/importers/report.js'
import { hsdsJsonRows, hsdsTabularRows } from '../../server/importers/sources/hsds.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { tempFile } from './helpers.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url))
const JSON_PAGE = FIXTURES + 'hsds-sal-schedules.json'
const TABULAR = FIXTURES + 'hsds-tabular-sal'

describe('where HSDS problems point', () => {
  it('names the CSV file and its physical line (header = line 1) in a tabular package', async () => {
    const rows = await hsdsTabularRows(TABULAR)
    const problems = rows.flatMap((r) => r.problems)
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'locations.csv', line: 4, field: 'latitude', message: '391.2 is out of range (-90 to 90)' },
        { file: 'addresses.csv', line: 3, field: 'postal_code', message: '"ABCDE" is not a US ZIP code' },
        { file: 'services.csv', line: 3, field: 'service_at_locations', message: expect.stringMatching(/^is empty/) },
      ]),
    )
    expect(problems).toHaveLength(3)
    // A site's own origin is its row in locations.csv.
    expect(rows.find((r) => r.record?.name === 'Lexington stop')?.origin).toEqual({ file: 'locations.csv', line: 3 })
  })

  it("gives the JSON path of the field, and the service's 1-based position as the line, in a JSON feed", async () => {
    const rows = await hsdsJsonRows(JSON_PAGE)
    expect(rows.flatMap((r) => r.problems)).toEqual([
      { file: 'hsds-sal-schedules.json', line: 3, field: 'contents[2].service_at_locations', message: expect.stringMatching(/^is empty/) },
      {
        file: 'hsds-sal-schedules.json',
        line: 2,
        field: 'contents[1].service_at_locations[0].location.latitude',
        message: '139.3 is out of range (-90 to 90)',
      },
    ])
  })
})

describe.each(backends)('HSDS import report (%s)', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(backend)
  })
  afterAll(async () => database?.close())

  it('keeps the JSON path for problems found after mapping (a location that cannot be placed)', async () => {
    const feed = [
      {
        id: 's1',
        name: 'Outreach',
        organization: { id: 'o1', name: 'Harbor Outreach' },
        service_at_locations: [
          { id: 'sal1', location: { id: 'l1', name: 'Harbor stop', addresses: [{ address_1: '1 Pier Rd', city: 'Portland', state_province: 'ME' }] } },
        ],
      },
    ]
    const report = await runImport(database.db, { format: 'hsds', paths: [tempFile('unplaced.json', JSON.stringify(feed))] })
    expect(report.problems).toEqual([
      {
        file: expect.stringMatching(/unplaced\.json$/),
        line: 1,
        field: '[0].service_at_locations[0].location.coordinates',
        message: 'are missing and there is no ZIP code to place the site by',
      },
    ])
  })

  it('prints each refused tabular row as file:line column message', async () => {
    const report = await runImport(database.db, { format: 'hsds', paths: [TABULAR], skipInvalid: true, dedup: false })
    expect(report).toMatchObject({ written: true, inserted: 2, rejected: 3 })
    expect(formatProblems(report.problems).sort()).toEqual([
      'addresses.csv:3 postal_code "ABCDE" is not a US ZIP code',
      'locations.csv:4 latitude 391.2 is out of range (-90 to 90)',
      'services.csv:3 service_at_locations is empty: a service with no location cannot be placed on the map',
    ])
  })
})
