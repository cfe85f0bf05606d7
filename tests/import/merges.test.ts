import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { listMerges } from '../../server/directory/merge.js'
import { refreshSearchTables } from '../../server/directory/search-tables.js'
import { runImport } from '../../server/importers/pipeline.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { DATA, MAPPINGS, SIMPLE_CSV_HEADER, simpleCsvMapping, tempFile } from './helpers.js'

const mappingFor = (source: string, extra: Record<string, unknown> = {}) => simpleCsvMapping(source, extra)
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

  it('keeps a pharmacy apart from the treatment program at its street number (no syringe access appears on the clinic)', async () => {
    // Real rows: the substance-use list's Rockville Centre program and the ESAP pharmacy at 30 Hempstead Avenue.
    const sud = lines('samhsa/oeps_samhsa_substance_use_treatment_facilities.csv', (l) => l.startsWith('Rockville Ctr Drug and Alcohol Abuse,CONFIDE'))
    await runImport(database.db, { format: 'samhsa', paths: [tempFile('sud-rvc.csv', sud)] })
    const esap = lines('syringe_access/nys_esap_pharmacies.csv', (l) => l.includes(',ROCKVILLE CENTER PHARMACY,'))
    const report = await runImport(database.db, { format: 'csv', paths: [tempFile('esap-rvc.csv', esap)], mappingPath: `${MAPPINGS}nys-esap-pharmacies.json` })
    expect(report).toMatchObject({ written: true, inserted: 1, merged: 0 })
    const clinic = await database.db
      .selectFrom('site_search')
      .select('services')
      .where('name', '=', 'Rockville Ctr Drug and Alcohol Abuse')
      .executeTakeFirstOrThrow()
    expect(clinic.services).not.toContain('syringe_services')
  })

  it('keeps suites 102 and 202 of one building apart, and merges the same suite', async () => {
    const a = `"Keystone Community Health Services","111 Chambers Hill Dr Ste 102",Harrisburg,PA,17111,40.25000,-76.80000\n`
    await runImport(database.db, { format: 'csv', paths: [tempFile('suite-a.csv', SIMPLE_CSV_HEADER + a)], mappingPath: mappingFor('suite_a') })
    const b = [
      `"Keystone Community Health Services","111 Chambers Hill Drive, Suite 202",Harrisburg,PA,17111,40.25001,-76.80001`,
      `"KEYSTONE COMMUNITY HEALTH SVCS","111 Chambers Hill Drive Suite 102",Harrisburg,PA,17111,40.25002,-76.80000`,
    ]
    const report = await runImport(database.db, {
      format: 'csv',
      paths: [tempFile('suite-b.csv', SIMPLE_CSV_HEADER + b.join('\n'))],
      mappingPath: mappingFor('suite_b'),
    })
    expect(report).toMatchObject({ inserted: 1, merged: 1 })
    expect(report.merges[0]).toMatchObject({ name: 'KEYSTONE COMMUNITY HEALTH SVCS', reason: 'same street address, similar name' })
  })

  it('merges the SAMHSA and vivitrol.com rows of the MOUD list for one clinic, and says why', async () => {
    // Real rows: A Renewed Mind in Findlay and Perrysburg, once per medication from SAMHSA and once from vivitrol.com.
    const moud = lines('samhsa/oeps_moud_providers_2020.csv', (l) => /^"(1178|7144|30601|1216|7193|32411)",/.test(l))
    const report = await runImport(database.db, { format: 'samhsa', paths: [tempFile('moud-arm.csv', moud)] })
    expect(report).toMatchObject({ written: true, read: 6, combined: 2, inserted: 2, merged: 2 })
    const merges = await listMerges(database.db, { source: 'samhsa_moud' })
    expect(merges.map((m) => m.name).sort()).toEqual(['A RENEWED MIND - FINDLAY', 'A RENEWED MIND-PERRYSBURG'])
    for (const m of merges) {
      expect(m.location_name).toBe('A Renewed Mind')
      expect(m.reason).toMatch(/one source lists it twice/)
      expect(m.score).toBeGreaterThan(0.5)
    }
    const findlay = merges.find((m) => m.name === 'A RENEWED MIND - FINDLAY')
    const held = await sql<{ n: number }>`SELECT count(*)::int AS n FROM location_sources WHERE location_id = ${findlay?.location_id}`.execute(database.db)
    expect(held.rows[0]?.n).toBe(2)
  })

  it('merges one address listed by two sources whose geocodes are a kilometre apart, but not a namesake at another number', async () => {
    // The mental-health and substance-use lists place 11500 Space Center Boulevard 1,155 m apart.
    await runImport(database.db, {
      format: 'csv',
      paths: [tempFile('far-a.csv', `${SIMPLE_CSV_HEADER}"Sacred Oak Medical Center","11500 Space Center Boulevard",Houston,TX,77059,29.59000,-95.11000\n`)],
      mappingPath: mappingFor('far_a', { types: ['mental_health'] }),
    })
    const rows = [
      `"Sacred Oak Medical Center","11500 Space Center Blvd",Houston,TX,77059,29.60000,-95.11300`,
      `"Sacred Oak Medical Center","11600 Space Center Blvd",Houston,TX,77059,29.59100,-95.11000`,
    ]
    const report = await runImport(database.db, {
      format: 'csv',
      paths: [tempFile('far-b.csv', SIMPLE_CSV_HEADER + rows.join('\n'))],
      mappingPath: mappingFor('far_b', { types: ['treatment'] }),
    })
    expect(report).toMatchObject({ merged: 1, inserted: 1 })
    expect(report.merges[0]?.locationName).toBe('Sacred Oak Medical Center')
  })

  it('lists merges by reason and score, least sure first, and marks the uncertain ones for review', async () => {
    const point = '39.90000,-75.20000'
    await runImport(database.db, {
      format: 'csv',
      paths: [tempFile('sud-x.csv', `${SIMPLE_CSV_HEADER}"Fashion Valley Comp Treatment Center","7545 Metropolitan Drive",San Diego,CA,92108,${point}\n`)],
      mappingPath: mappingFor('sud_x', { types: ['treatment'] }),
    })
    const report = await runImport(database.db, {
      format: 'csv',
      paths: [tempFile('otp-x.csv', `${SIMPLE_CSV_HEADER}"San Diego Health Alliance, Inc.","7545 Metropolitan Dr.",San Diego,CA,92108,${point}\n`)],
      mappingPath: mappingFor('otp_x', { types: ['treatment'], services: ['methadone'] }),
    })
    expect(report.merged).toBe(1)
    const uncertain = await listMerges(database.db, { uncertain: true })
    expect(uncertain.map((m) => m.source)).toEqual(['otp_x'])
    expect(uncertain[0]).toMatchObject({ review: 'open', doubts: ['low_name_similarity'] })
    expect(uncertain[0]?.reason).toMatch(/opioid treatment program/)
    const byScore = await listMerges(database.db, { sort: 'score' })
    const scores = byScore.map((m) => m.score ?? 0)
    expect(scores).toEqual([...scores].sort((x, y) => x - y))
    expect(byScore[0]?.source).toBe('otp_x')
    expect((await listMerges(database.db, { reason: 'OPIOID TREATMENT' })).map((m) => m.source)).toEqual(['otp_x'])
    expect(await listMerges(database.db, { minScore: 0.99 })).toEqual([])
    expect((await listMerges(database.db, { maxScore: 0.6 })).every((m) => (m.score ?? 0) <= 0.6)).toBe(true)
  })
})

/** The header and the rows of a real file that `keep` picks. */
function lines(file: string, keep: (line: string) => boolean): string {
  const text = readFileSync(DATA + file, 'latin1').split(/\r?\n/)
  return [text[0], ...text.slice(1).filter(keep)].join('\n') + '\n'
}
