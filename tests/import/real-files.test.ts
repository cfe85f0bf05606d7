import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { runImport } from '../../server/importers/pipeline.js'
import { unmergeRecord } from '../../server/directory/merge.js'
import { backends, freshDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/backends.js'
import { DATA, MAPPINGS, simpleCsvMapping, tempFile } from './helpers.js'

const count = async (db: TestDatabase['db'], source: string) =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM location_sources WHERE source = ${source}`.execute(db)).rows[0]?.n)

describe.each(backends)('importing the small real files (%s)', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(backend)
  })
  afterAll(async () => database?.close())

  it('loads the Latin-1 OTP list with its Spanish names intact', async () => {
    const path = DATA + 'samhsa/oeps_opioid_treatment_programs.csv'
    // Merritt Hall in Middletown CT (06457) has ZIP 5457: padded it is a Vermont ZIP, so it is refused by name.
    const refused = await runImport(database.db, { format: 'samhsa', paths: [path] })
    expect(refused).toMatchObject({ written: false, rejected: 1 })
    expect(refused.problems.map((p) => `${p.line} ${p.field} ${p.message}`)).toEqual([
      '540 POSTAL "5457" has 4 digits: padded with zeros it is 05457, a VT ZIP, not one in CT, so the ZIP cannot be restored',
    ])
    const report = await runImport(database.db, { format: 'samhsa', paths: [path], skipInvalid: true })
    expect(report).toMatchObject({ written: true, read: 1831, combined: 1, rejected: 1, source: 'samhsa_otp' })
    // Every other row is a site of its own, or merged into one the list already gave.
    expect(report.inserted + report.merged).toBe(1829)
    const cayey = await database.db
      .selectFrom('locations')
      .select(['name', 'region', 'types'])
      .where('name', 'like', 'Cl%nica de Tratamiento Integral Asistido con Medicamentos Cayey')
      .executeTakeFirstOrThrow()
    expect(cayey).toMatchObject({ name: 'Clínica de Tratamiento Integral Asistido con Medicamentos Cayey', region: 'PR', types: ['treatment'] })
    const methadone = await database.db
      .selectFrom('site_search')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(methadone.n)).toBe(report.inserted)
  })

  it('maps the locator download flag columns and keeps unmapped codes', async () => {
    const report = await runImport(database.db, { format: 'samhsa', paths: [DATA + 'samhsa/samhsa_locator_mh_residential_ed_2022.csv'], dedup: false })
    expect(report).toMatchObject({ read: 168, inserted: 168, rejected: 0 })
    expect(report.unmappedCodes.ped).toBe(168)
    const row = await database.db
      .selectFrom('locations')
      .select(['types', 'source_attributes'])
      .where('source', '=', 'samhsa_locator')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(row.types).toContain('mental_health')
    expect((row.source_attributes as { unmapped_codes: string[] }).unmapped_codes).toContain('ped')
  })

  it('reads a FindTreatment.gov JSON export', async () => {
    const report = await runImport(database.db, { format: 'samhsa', paths: [new URL('../fixtures/import/findtreatment-v2.json', import.meta.url).pathname] })
    expect(report).toMatchObject({ read: 2, inserted: 2 })
    const svc = await database.db
      .selectFrom('services')
      .select('codes')
      .where('source', '=', 'findtreatment')
      .where('name', '=', 'Behavioral health treatment')
      .execute()
    expect(svc.map((s) => s.codes.sort())).toContainEqual(['buprenorphine', 'detox', 'methadone', 'naltrexone'])
  })

  it('places the NY syringe-access pharmacies by ZIP centroid and refuses the ZIPs that point to another state', async () => {
    const refused = await runImport(database.db, {
      format: 'csv',
      paths: [DATA + 'syringe_access/nys_esap_pharmacies.csv'],
      mappingPath: MAPPINGS + 'nys-esap-pharmacies.json',
    })
    // Four ZIPs point to another state; two lost a digit and are restored (Brewerton's "3029-9735" is 13029).
    expect(refused).toMatchObject({ written: false, rejected: 4 })
    const report = await runImport(database.db, {
      format: 'csv',
      paths: [DATA + 'syringe_access/nys_esap_pharmacies.csv'],
      mappingPath: MAPPINGS + 'nys-esap-pharmacies.json',
      skipInvalid: true,
    })
    expect(report).toMatchObject({ written: true, read: 3014, rejected: 4, geocodedApproximately: 3010 })
    const brewerton = await database.db
      .selectFrom('locations')
      .select(['postal_code', 'source_attributes'])
      .where('source', '=', 'nys_esap_pharmacies')
      .where('name', 'like', '%KINNEY DRUGS #32')
      .executeTakeFirstOrThrow()
    expect(brewerton).toMatchObject({ postal_code: '13029', source_attributes: { zip_restored_from: '3029-9735' } })
    const pharmacy = await database.db
      .selectFrom('site_search')
      .select(['geocode_precision', 'types', 'services'])
      .where('source', '=', 'nys_esap_pharmacies')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(pharmacy.geocode_precision).toBe('zip_centroid')
    for (const [mapping, file, n] of [
      ['nys-esap-health-care-facilities.json', 'nys_esap_healthcareFacilities.csv', 22],
      ['nys-esap-health-care-providers.json', 'nys_esap_healthcareProviders.csv', 13],
    ] as const) {
      const r = await runImport(database.db, { format: 'csv', paths: [DATA + 'syringe_access/' + file], mappingPath: MAPPINGS + mapping, skipInvalid: true })
      expect(r.read).toBe(n)
      expect(r.inserted + r.merged + r.rejected).toBeGreaterThan(n - 3)
    }
  })

  it('reads the HSDS sample tabular package, refusing locations it cannot place', async () => {
    const report = await runImport(database.db, { format: 'hsds', paths: [DATA + 'hsds/sample-HSDS-datapackage/simple'], skipInvalid: true, dedup: false })
    expect(report.written).toBe(true)
    expect(report.inserted).toBeGreaterThan(0)
    expect(report.inserted + report.rejected).toBe(report.read)
  })

  it('merges the same clinic from a second list, reports it, and can undo the merge', async () => {
    const partner = tempFile(
      'partner.csv',
      'name,street,city,state,zip,lat,lon\n"14TH STREET CLINIC","1124 International Boulevard",Oakland,CA,94606,37.79105,-122.24840\n',
    )
    const mapping = simpleCsvMapping('partner')
    const report = await runImport(database.db, { format: 'csv', paths: [partner], mappingPath: mapping })
    expect(report).toMatchObject({ merged: 1, inserted: 0 })
    const merge = report.merges[0]
    expect(merge?.locationName).toBe('14th St. Clinic')
    const site = await database.db
      .selectFrom('site_search')
      .select(['types', 'services'])
      .where('location_id', '=', merge?.locationId as string)
      .executeTakeFirstOrThrow()
    const sources = await database.db
      .selectFrom('location_sources')
      .select('source')
      .where('location_id', '=', merge?.locationId as string)
      .execute()
    expect(sources.map((s) => s.source).sort()).toEqual(['partner', 'samhsa_otp'])
    expect(site.types).toBeGreaterThan(0)
    const again = await runImport(database.db, { format: 'csv', paths: [partner], mappingPath: mapping })
    expect(again).toMatchObject({ merged: 0, inserted: 0, unchanged: 1 })

    const created = await database.db
      .transaction()
      .execute((trx) => unmergeRecord(trx, merge?.locationId as string, 'partner', merge?.sourceId as string, 'test-unmerge'))
    const after = await database.db.selectFrom('location_sources').select(['location_id']).where('source', '=', 'partner').executeTakeFirstOrThrow()
    expect(after.location_id).toBe(created)
    const original = await database.db
      .selectFrom('locations')
      .select(['types'])
      .where('id', '=', merge?.locationId as string)
      .executeTakeFirstOrThrow()
    expect(original.types).toEqual(['treatment'])
    const third = await runImport(database.db, { format: 'csv', paths: [partner], mappingPath: mapping })
    expect(third).toMatchObject({ merged: 0, inserted: 0, unchanged: 1 })
  })
})

// The big lists once each, on PostgreSQL when a server is configured (PGlite otherwise).
describe.each([TEST_DATABASE_URL ? ('postgres' as const) : ('pglite' as const)])('importing the large real files (%s)', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(backend)
  })
  afterAll(async () => database?.close())

  it('loads the 14,034-row substance-use list once, and a second time changes nothing', async () => {
    const path = DATA + 'samhsa/oeps_samhsa_substance_use_treatment_facilities.csv'
    const report = await runImport(database.db, { format: 'samhsa', paths: [path] })
    expect(report).toMatchObject({ read: 14034, combined: 7, rejected: 0 })
    // A few records the list gives twice (same name, program and street) merge into one site.
    expect(report.inserted + report.merged).toBe(14027)
    expect(report.merged).toBeLessThan(20)
    const again = await runImport(database.db, { format: 'samhsa', paths: [path] })
    expect(again).toMatchObject({ inserted: 0, updated: 0, merged: 0, unchanged: 14027 })
    expect(await count(database.db, 'samhsa_sud')).toBe(14027)
  }, 120_000)

  it('restores the mental-health list ZIPs stored as numbers', async () => {
    const report = await runImport(database.db, { format: 'samhsa', paths: [DATA + 'samhsa/oeps_samhsa_mental_health_facilities.csv'], dedup: false })
    expect(report).toMatchObject({ read: 11375, rejected: 0 })
    const zip = await database.db
      .selectFrom('locations')
      .select('postal_code')
      .where('source', '=', 'samhsa_mh')
      .where('name', '=', 'Perspectives Center for Care Inc')
      .executeTakeFirstOrThrow()
    expect(zip.postal_code).toBe('06708')
  }, 120_000)

  it('combines MOUD rows of one facility into one site with every medication', async () => {
    // One row is in Palau (PW), a freely associated state outside the U.S. directory.
    const report = await runImport(database.db, {
      format: 'samhsa',
      paths: [DATA + 'samhsa/oeps_moud_providers_2020.csv'],
      dedup: false,
      skipInvalid: true,
    })
    expect(report).toMatchObject({ read: 14773, rejected: 1 })
    expect(report.problems[0]?.message).toMatch(/^"PW" is refused: Palau/)
    expect(report.inserted + report.combined).toBe(14772)
    const both = await sql<{
      n: number
    }>`SELECT count(*) AS n FROM services WHERE source = 'samhsa_moud' AND codes @> ARRAY['buprenorphine', 'naltrexone']`.execute(database.db)
    expect(Number(both.rows[0]?.n)).toBeGreaterThan(100)
    // Pass 2 normally replays the records pass 1 kept; a file too big to keep is read again.
    // Both must give the very same records: re-reading finds every one unchanged.
    const reread = await runImport(database.db, {
      format: 'samhsa',
      paths: [DATA + 'samhsa/oeps_moud_providers_2020.csv'],
      dedup: false,
      keepChars: 0,
      skipInvalid: true,
    })
    expect(reread).toMatchObject({ read: 14773, inserted: 0, updated: 0, unchanged: report.inserted })
  }, 120_000)

  it('loads the HRSA health centers through their mapping file', async () => {
    const report = await runImport(database.db, {
      format: 'csv',
      paths: [DATA + 'clinics/oeps_hrsa_fqhc_sites.csv'],
      mappingPath: MAPPINGS + 'hrsa-health-centers.json',
      dedup: false,
    })
    expect(report).toMatchObject({ read: 13577, rejected: 0 })
    const guam = await database.db
      .selectFrom('locations')
      .select(['timezone', 'types'])
      .where('source', '=', 'hrsa_fqhc')
      .where('region', '=', 'GU')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(guam).toMatchObject({ timezone: 'Pacific/Guam', types: ['clinic'] })
  }, 120_000)
})
