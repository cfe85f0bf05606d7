import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { runImport } from '../../server/importers/pipeline.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { DATA, MAPPINGS, tempFile } from './helpers.js'

const FT_JSON = DATA + 'samhsa/findtreatment_residential_facilities.json'

/** Every `step`th row of a real CSV (one row a line) from `offset`, with its header: the real values in a fraction of the import time. */
function sampleOf(path: string, step: number, offset = 0): { path: string; rows: string[] } {
  const [header, ...all] = readFileSync(path, 'utf8').trimEnd().split('\n')
  const rows = all.filter((_, i) => i % step === offset)
  return { path: tempFile(`sample-${step}.csv`, [header, ...rows].join('\n')), rows }
}
const FT_CSV = DATA + 'samhsa/findtreatment_residential_facilities.csv'

/** Each site of a source with its service codes. */
async function sitesOf(db: TestDatabase['db'], source: string) {
  const rows = await sql<{ name: string; types: string[]; populations: string[]; payment: string[]; postal_code: string | null; codes: string[] | null }>`
    SELECT l.name, l.types, l.populations, l.payment, l.postal_code, s.codes
      FROM locations l
      LEFT JOIN service_at_location sal ON sal.location_id = l.id
      LEFT JOIN services s ON s.id = sal.service_id
     WHERE l.source = ${source}`.execute(db)
  return rows.rows.map((r) => ({ ...r, codes: r.codes ?? [] }))
}

describe.each(backends)('the shipped mappings import their real files (%s)', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(backend)
  })
  afterAll(async () => database?.close())

  it('loads the FindTreatment.gov JSON export with no refusals, its service names mapped and the rest kept', async () => {
    const report = await runImport(database.db, { format: 'findtreatment', paths: [FT_JSON], dedup: false })
    // 478 rows; 8 repeat a site (same name, ZIP and coordinates) with other services: they combine.
    expect(report).toMatchObject({ written: true, source: 'findtreatment_export', read: 478, rejected: 0, inserted: 470, combined: 8 })
    const sites = await sitesOf(database.db, 'findtreatment_export')
    const friendship = sites.find((s) => s.name === 'Friendship House')
    expect(friendship?.codes).toEqual(expect.arrayContaining(['naloxone', 'counseling', 'buprenorphine', 'residential', 'hiv_testing']))
    expect(friendship?.payment).toEqual(expect.arrayContaining(['medicaid', 'medicare', 'private_insurance', 'self_pay']))
    // "Naloxone and overdose education" is listed by 413 of the 478 rows.
    expect(sites.filter((s) => s.codes.includes('naloxone')).length).toBeGreaterThan(350)
    expect(sites.every((s) => s.types.includes('treatment'))).toBe(true)
    const attributes = await database.db
      .selectFrom('locations')
      .select('source_attributes')
      .where('source', '=', 'findtreatment_export')
      .where('name', '=', 'Friendship House')
      .executeTakeFirstOrThrow()
    expect((attributes.source_attributes as { unmapped_codes: string[] }).unmapped_codes).toEqual(expect.arrayContaining(['Anger management', 'Matrix Model']))
    expect(report.unmappedCodes['Anger management']).toBeGreaterThan(400)
  })

  it('reads the CSV export of the same rows as the very same sites, by the findtreatment format or the csv format and its mapping', async () => {
    const again = await runImport(database.db, { format: 'findtreatment', paths: [FT_CSV], dedup: false })
    // The CSV lists the rows in another order. Teen Project Inc is three rows with three phone
    // numbers: combined in another order, its phones (and kept names) are listed in another order.
    expect(again).toMatchObject({ source: 'findtreatment_export', read: 478, rejected: 0, inserted: 0, updated: 1, unchanged: 469 })
    const csv = await runImport(database.db, { format: 'csv', paths: [FT_CSV], mappingPath: MAPPINGS + 'findtreatment-export.json', dedup: false })
    expect(csv).toMatchObject({ read: 478, rejected: 0, inserted: 0, updated: 0, unchanged: 470 })
  })

  it('refuses a damaged export naming each column and quoting the value the file holds', async () => {
    const lines = readFileSync(FT_CSV, 'utf8').split('\n')
    const damaged = [lines[0], ...lines.slice(1, 21)]
    // Row 3 (line 3) gets a decimal comma, row 4 a state in its ZIP cell.
    damaged[2] = (damaged[2] as string).replace(/,37\.\d+,/, ',"37,76",')
    damaged[3] = (damaged[3] as string).replace(/,CA,(\d{5}),/, ',CA,CA $1,')
    const report = await runImport(database.db, { format: 'findtreatment', paths: [tempFile('findtreatment-damaged.csv', damaged.join('\n'))], dryRun: true })
    expect(report.refused).toBe('rows')
    expect(report.problems).toEqual([
      expect.objectContaining({ line: 3, field: 'Latitude', message: '"37,76" is not a number' }),
      expect.objectContaining({ line: 4, field: 'ZIP', message: expect.stringMatching(/^"CA \d{5}" is not a US ZIP code/) }),
    ])
  })

  it('types the vivitrol.com pharmacies as pharmacies, not treatment, and keeps SAMHSA facilities as treatment', async () => {
    // Every 10th row of the 14,773 (4,217 vivitrol.com rows, about 1,100 of them pharmacies).
    const report = await runImport(database.db, { format: 'samhsa', paths: [sampleOf(DATA + 'samhsa/oeps_moud_providers_2020.csv', 10).path], dedup: false })
    expect(report).toMatchObject({ written: true, read: 1478, rejected: 0 })
    const rows = await sql<{ name: string; types: string[]; source: string }>`
      SELECT name, types, source_attributes->>'source' AS source FROM locations WHERE source = 'samhsa_moud'`.execute(database.db)
    const chains = rows.rows.filter((r) => /^(SAFEWAY|VONS|JEWEL-OSCO|ALBERTSONS|TOM THUMB|RANDALLS)\b/i.test(r.name))
    expect(chains.length).toBeGreaterThan(80)
    expect(chains.every((r) => r.source === 'vivitrolWeb' && r.types.join() === 'pharmacy')).toBe(true)
    const samhsa = rows.rows.filter((r) => r.source === 'SAMHSA')
    expect(samhsa.length).toBeGreaterThan(900)
    expect(samhsa.every((r) => r.types.join() === 'treatment')).toBe(true)
    expect(rows.rows.every((r) => r.types.length === 1)).toBe(true)
  })

  it('gives primary care to the HRSA health centers, not to their dental-only or school-based sites', async () => {
    // Every 5th of the 13,577 sites.
    const report = await runImport(database.db, {
      format: 'csv',
      paths: [sampleOf(DATA + 'clinics/oeps_hrsa_fqhc_sites.csv', 5).path],
      mappingPath: MAPPINGS + 'hrsa-health-centers.json',
      dedup: false,
    })
    expect(report).toMatchObject({ written: true, read: 2716, rejected: 0 })
    const sites = await sitesOf(database.db, 'hrsa_fqhc')
    const primary = (s: { codes: string[] }) => s.codes.includes('primary_care')
    const school = sites.filter((s) => /school|\bSBHC\b|elementary/i.test(s.name))
    // "X Dental Clinic", not "Medical and Dental Clinic" or "Health & Dental Center".
    const dentalOnly = sites.filter((s) => /\bdental (clinic|center|office)$/i.test(s.name) && !/medical|\band\b|&/i.test(s.name))
    expect(school.length).toBeGreaterThan(350)
    expect(dentalOnly.length).toBeGreaterThan(40)
    expect(school.filter(primary).map((s) => s.name)).toEqual([])
    expect(dentalOnly.filter(primary).map((s) => s.name)).toEqual([])
    // (A "School Based Community Health Center" is a school's, and counted above.)
    const healthCenters = sites.filter((s) => /community health cent(er|re)$/i.test(s.name) && !/school/i.test(s.name))
    expect(healthCenters.length).toBeGreaterThan(20)
    expect(healthCenters.every(primary)).toBe(true)
    // Three in four sites still offer primary care; the types are clinic for every one.
    expect(sites.filter(primary).length / sites.length).toBeGreaterThan(0.7)
    expect(sites.every((s) => s.types.includes('clinic'))).toBe(true)
  })

  it('loads the hospital list, refusing only the hospital in Palau', async () => {
    const refused = await runImport(database.db, {
      format: 'csv',
      paths: [DATA + 'clinics/oeps_hospitals.csv'],
      mappingPath: MAPPINGS + 'hifld-hospitals.json',
    })
    // Belau National Hospital (PW): Palau is a sovereign state in free association, not a place the directory serves.
    expect(refused).toMatchObject({ written: false, read: 7146, rejected: 1 })
    expect(refused.problems).toEqual([expect.objectContaining({ line: 5855, field: 'State', message: expect.stringMatching(/^"PW" is refused/) })])
    // Writing a third of the rows (the full 7,146 take half a minute on PGlite) shows what the mapping makes of them.
    const sample = sampleOf(DATA + 'clinics/oeps_hospitals.csv', 3, 1)
    const report = await runImport(database.db, { format: 'csv', paths: [sample.path], mappingPath: MAPPINGS + 'hifld-hospitals.json', dedup: false })
    expect(report).toMatchObject({ written: true, read: 2382, rejected: 0, inserted: 2382 })
    const sites = await sitesOf(database.db, 'hifld_hospitals')
    expect(sites.every((s) => s.types.includes('hospital'))).toBe(true)
    const psychiatric = sites.filter((s) => s.types.includes('mental_health'))
    expect(psychiatric.length).toBe(sample.rows.filter((r) => r.includes('"PSYCHIATRIC"')).length)
    expect(psychiatric.every((s) => s.codes.includes('mental_health_care'))).toBe(true)
    const va = sites.filter((s) => /^VA /.test(s.name))
    expect(va.length).toBeGreaterThan(10)
    expect(va.every((s) => s.populations.includes('veterans'))).toBe(true)
    // Zipcode 1915 (a number in the file) is Beverly, MA's 01915.
    expect(sites.find((s) => s.name === 'HEALTHSOUTH NEW ENGLAND REHABILIATION AT BEVERLY')?.postal_code).toBe('01915')
  }, 120_000)

  it('loads the San Francisco facilities with no refusals, types and services from their own columns', async () => {
    const report = await runImport(database.db, {
      format: 'csv',
      paths: [DATA + 'clinics/sf_health_care_facilities.csv'],
      mappingPath: MAPPINGS + 'sf-health-care-facilities.json',
      dedup: false,
    })
    expect(report).toMatchObject({ written: true, read: 78, rejected: 0, inserted: 78 })
    const sites = await sitesOf(database.db, 'sf_health_care_facilities')
    expect(sites.filter((s) => s.types.includes('hospital'))).toHaveLength(13)
    expect(sites.find((s) => s.name === 'Haight Ashbury Free Medical Clinic')).toMatchObject({ types: ['clinic'], payment: ['free'], codes: ['primary_care'] })
    expect(sites.find((s) => s.name === 'Baart Market Clinic')?.types).toEqual(['clinic', 'treatment'])
    expect(sites.find((s) => s.name === 'On Lok Senior Health Services')?.populations).toEqual(['seniors'])
    // The Community Health Network rows name no service: none is claimed for them.
    expect(sites.find((s) => s.name === 'Tom Waddell Health Center')).toMatchObject({ types: ['clinic'], codes: [] })
  })

  it('reads the DataSF view saved as Socrata JSON as the very same sites as its CSV', async () => {
    const report = await runImport(database.db, {
      format: 'socrata',
      paths: [DATA + 'clinics/sf_health_care_facilities_socrata.json'],
      mappingPath: MAPPINGS + 'sf-health-care-facilities.json',
      dedup: false,
    })
    expect(report).toMatchObject({ written: true, source: 'sf_health_care_facilities', read: 78, rejected: 0, inserted: 0, updated: 0, unchanged: 78 })
  })
})
