/**
 * A curator's monthly --full reload with a truncated download must not close half the
 * directory's sites: past 20% of the source's active sites (or what --allow-deactivate
 * allows) the import is refused with nothing written, for every format that takes --full.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runImport, type ImportOptions } from '../../server/importers/pipeline.js'
import { checkDeactivation, deactivationRefusal, parseDeactivationLimit } from '../../server/importers/deactivation-guard.js'
import { formatSummary } from '../../server/importers/report.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { DATA, dumpTables, simpleCsvMapping, tempFile } from './helpers.js'

/** Sites c1…cN, about 200 m apart north of downtown Baltimore. */
const rows = (n: number) =>
  'id,name,street,city,state,zip,lat,lon\n' +
  Array.from(
    { length: n },
    (_, i) => `c${i + 1},Outreach Point ${i + 1},${100 + i} N Charles St,Baltimore,MD,21201,${(39.29 + i * 0.002).toFixed(4)},-76.6150`,
  ).join('\n') +
  '\n'

const activeCount = async (db: TestDatabase['db'], source: string) =>
  (await db.selectFrom('locations').select('id').where('source', '=', source).where('status', '=', 'active').execute()).length

describe('the --full guard in numbers', () => {
  it('allows up to 20% of the active sites by default and refuses one more', () => {
    expect(checkDeactivation(50, 10)).toMatchObject({ refused: false, share: 0.2 })
    expect(checkDeactivation(50, 11)).toMatchObject({ refused: true })
    expect(checkDeactivation(0, 0)).toMatchObject({ refused: false, share: 0 })
  })

  it('compares shares exactly (29 of 100 is within 29%)', () => {
    expect(checkDeactivation(100, 29, { percent: 29 }).refused).toBe(false)
    expect(checkDeactivation(100, 30, { percent: 29 }).refused).toBe(true)
    expect(checkDeactivation(1830, 831, { count: 831 }).refused).toBe(false)
    expect(checkDeactivation(1830, 831, { count: 830 }).refused).toBe(true)
  })

  it('reads --allow-deactivate as a share or a number of sites, and nothing else', () => {
    expect(parseDeactivationLimit('50%')).toEqual({ percent: 50 })
    expect(parseDeactivationLimit('12.5%')).toEqual({ percent: 12.5 })
    expect(parseDeactivationLimit('831')).toEqual({ count: 831 })
    for (const bad of ['', 'all', '-5', '150%', '5 %x', '0.5']) expect(parseDeactivationLimit(bad)).toBeNull()
  })

  it('says how many, what share, why, and the flag that covers it', () => {
    const message = deactivationRefusal(checkDeactivation(1830, 831))
    expect(message).toContain("831 of the source's 1830 active sites (45.4%)")
    expect(message).toContain('more than the limit of 20%')
    expect(message).toMatch(/truncated or partial file/)
    expect(message).toContain('--allow-deactivate 46%')
    expect(checkDeactivation(1830, 831, { percent: 46 }).refused).toBe(false)
  })
})

describe.each(backends)('a --full reload of a CSV mapping (%s)', (backend) => {
  let database: TestDatabase
  const mapping = simpleCsvMapping('county_list', { id: 'id' })
  const reload = (n: number, extra: Partial<ImportOptions> = {}) =>
    runImport(database.db, { format: 'csv', paths: [tempFile('county.csv', rows(n))], mappingPath: mapping, full: true, ...extra })

  beforeAll(async () => {
    database = await freshDatabase(backend)
    expect(await reload(50)).toMatchObject({ written: true, inserted: 50, deactivated: 0, deactivation: { active: 0, missing: 0, refused: false } })
  })
  afterAll(async () => database?.close())

  it('refuses a file cut short (30 of 50 sites), changing nothing, and says how many and what share', async () => {
    const before = await dumpTables(database.db)
    const report = await reload(30)
    expect(report).toMatchObject({ written: false, refused: 'deactivation', deactivated: 0, inserted: 0, updated: 0 })
    expect(report.deactivation).toEqual({ active: 50, missing: 20, share: 0.4, limit: { percent: 20 }, refused: true })
    expect(formatSummary(report)).toMatch(/NOTHING WRITTEN/)
    expect(formatSummary(report)).toContain("--full: 20 of the source's 50 active site(s) (40%) are not in the file; limit 20%: refused")
    expect(await dumpTables(database.db)).toBe(before)
    expect(await activeCount(database.db, 'county_list')).toBe(50)
  })

  it('reports in a dry run how many sites would go and that the guard would refuse, writing nothing', async () => {
    const before = await dumpTables(database.db)
    const report = await reload(30, { dryRun: true })
    expect(report).toMatchObject({ dryRun: true, written: false, refused: 'deactivation', deactivated: 20, unchanged: 30 })
    expect(report.deactivation).toMatchObject({ missing: 20, share: 0.4, refused: true })
    expect(await dumpTables(database.db)).toBe(before)
  })

  it('lets a small deactivation under the limit through (5 of 50 sites closed)', async () => {
    const report = await reload(45)
    expect(report).toMatchObject({ written: true, deactivated: 5, unchanged: 45 })
    expect(report.deactivation).toMatchObject({ active: 50, missing: 5, share: 0.1, refused: false })
    expect(await activeCount(database.db, 'county_list')).toBe(45)
  })

  it('lets a large deactivation through when --allow-deactivate covers it, and only then', async () => {
    // 15 of the 45 active sites: a third.
    expect(await reload(30, { allowDeactivate: { count: 14 } })).toMatchObject({ written: false, refused: 'deactivation' })
    expect(await reload(30, { allowDeactivate: { percent: 33 } })).toMatchObject({ written: false, refused: 'deactivation' })
    const report = await reload(30, { allowDeactivate: { percent: 34 } })
    expect(report).toMatchObject({ written: true, deactivated: 15 })
    expect(report.refused).toBeUndefined()
    expect(await activeCount(database.db, 'county_list')).toBe(30)
  })
})

describe.each(backends)('a --full reload of the SAMHSA and HSDS formats (%s)', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(backend)
  })
  afterAll(async () => database?.close())

  it('refuses the real SAMHSA OTP list cut at line 1000 of 1,831, leaving its 1,829 sites active', async () => {
    const otp = DATA + 'samhsa/oeps_opioid_treatment_programs.csv'
    // Line 540's ZIP "5457" fits no Connecticut ZIP: that row is refused (tests/import/real-files.test.ts).
    const first = await runImport(database.db, { format: 'samhsa', paths: [otp], full: true, skipInvalid: true })
    expect(first).toMatchObject({ written: true, rejected: 1 })
    expect(first.inserted + first.merged).toBe(1829)
    // Cut as a failed download cuts it: at a line end, in the file's own (Latin-1) bytes.
    const bytes = readFileSync(otp)
    let end = 0
    for (let line = 0; line < 1000; line++) end = bytes.indexOf(0x0a, end) + 1
    const before = await dumpTables(database.db)
    const report = await runImport(database.db, {
      format: 'samhsa',
      paths: [tempFile('oeps_opioid_treatment_programs.csv', bytes.subarray(0, end))],
      full: true,
      skipInvalid: true,
    })
    expect(report).toMatchObject({ written: false, refused: 'deactivation', read: 999, rejected: 1 })
    expect(report.deactivation).toMatchObject({ active: 1829, missing: 831, refused: true })
    expect(await dumpTables(database.db)).toBe(before)
  })

  it('refuses an HSDS feed (named with --source) that lost most of its services', async () => {
    const service = (i: number) => ({
      id: `s${i}`,
      name: `Drop-in ${i}`,
      organization: { id: 'o1', name: 'Harbor Outreach' },
      service_at_locations: [
        {
          id: `sal${i}`,
          location: {
            id: `l${i}`,
            name: `Harbor stop ${i}`,
            latitude: 39.28 + i * 0.003,
            longitude: -76.6,
            addresses: [{ address_1: `${i} Pier Rd`, city: 'Baltimore', state_province: 'MD', postal_code: '21202', country: 'US' }],
          },
        },
      ],
    })
    const feed = (n: number) => tempFile('feed.json', JSON.stringify(Array.from({ length: n }, (_, i) => service(i + 1))))
    const options = { format: 'hsds' as const, source: 'harbor_feed', full: true, dedup: false }
    expect(await runImport(database.db, { ...options, paths: [feed(5)] })).toMatchObject({ written: true, inserted: 5 })
    const before = await dumpTables(database.db)
    const refused = await runImport(database.db, { ...options, paths: [feed(2)] })
    expect(refused).toMatchObject({ written: false, refused: 'deactivation', deactivation: { active: 5, missing: 3, refused: true } })
    expect(await dumpTables(database.db)).toBe(before)
    expect(await runImport(database.db, { ...options, paths: [feed(4)] })).toMatchObject({ written: true, deactivated: 1 })
  })
})
