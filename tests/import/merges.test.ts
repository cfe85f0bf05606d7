import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { listMerges } from '../../server/directory/merge.js'
import { refreshSearchTables } from '../../server/directory/search-tables.js'
import { runImport } from '../../server/importers/pipeline.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { SIMPLE_CSV_HEADER, simpleCsvMapping, tempFile } from './helpers.js'

const mappingFor = (source: string) => simpleCsvMapping(source)
const HEADER = SIMPLE_CSV_HEADER

describe.each(backends)('merges across sources (%s)', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(backend)
  })
  afterAll(async () => database?.close())

  it('lists every merge of the directory with what undoes it, by source and by import', async () => {
    // 60 clinics from one list, the same 60 (spelled differently) from a second: more than a summary prints.
    const a = Array.from({ length: 60 }, (_, i) => `"Clinic ${i}","${100 + i} Main Street",Albany,NY,12207,${(42.65 + i * 0.01).toFixed(5)},-73.75000`)
    const b = Array.from({ length: 60 }, (_, i) => `"CLINIC ${i}","${100 + i} Main St.",Albany,NY,12207,${(42.65 + i * 0.01).toFixed(5)},-73.75010`)
    await runImport(database.db, { format: 'csv', paths: [tempFile('a.csv', HEADER + a.join('\n'))], mappingPath: mappingFor('list_a') })
    const report = await runImport(database.db, { format: 'csv', paths: [tempFile('b.csv', HEADER + b.join('\n'))], mappingPath: mappingFor('list_b') })
    expect(report).toMatchObject({ merged: 60, inserted: 0 })

    const all = await listMerges(database.db)
    expect(all).toHaveLength(60)
    expect(new Set(all.map((m) => m.source))).toEqual(new Set(['list_b']))
    expect(all.map((m) => m.location_id).sort()).toEqual(report.merges.map((m) => m.locationId).sort())
    const one = all.find((m) => m.name === 'CLINIC 7')
    expect(one).toMatchObject({ location_name: 'Clinic 7', batch_id: report.batchId })
    expect(one?.merged_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(await listMerges(database.db, { batchId: report.batchId })).toHaveLength(60)
    expect(await listMerges(database.db, { source: 'list_a' })).toHaveLength(0)
    expect(await listMerges(database.db, { batchId: 'imp_none' })).toHaveLength(0)
  })

  it('never merges a real record into a demo site', async () => {
    await database.db.transaction().execute(async (trx) => {
      await insertSites(trx, [
        {
          source: 'demo',
          sourceId: 'demo-1',
          demo: true,
          assuredDate: null,
          organization: { id: 'org_demo_merge', name: 'Harbor Outreach' },
          location: {
            id: 'loc_demo_merge',
            name: 'Harbor Outreach',
            address1: '5 Water Street',
            city: 'Portland',
            region: 'ME',
            postalCode: '04101',
            latitude: 43.6561,
            longitude: -70.2553,
            geocodePrecision: 'exact',
            timezone: 'America/New_York',
            status: 'active',
            types: ['harm_reduction'],
            payment: [],
            populations: [],
            access: [],
            languages: [],
          },
          services: [{ id: 'svc_demo_merge', name: 'Services', codes: ['naloxone'] }],
          hours: [],
          phones: [],
        },
      ])
      await refreshSearchTables(trx, ['loc_demo_merge'])
    })
    const report = await runImport(database.db, {
      format: 'csv',
      paths: [tempFile('real.csv', HEADER + '"HARBOR OUTREACH","5 Water St",Portland,ME,04101,43.65612,-70.25531\n')],
      mappingPath: mappingFor('real_list'),
    })
    expect(report).toMatchObject({ written: true, inserted: 1, merged: 0 })
  })
})
