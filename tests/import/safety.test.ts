import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runImport } from '../../server/importers/pipeline.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { dumpTables, MAPPINGS, tempFile } from './helpers.js'

const MAPPING = MAPPINGS + 'samhsa-otp.json'
const HEADER = 'ID,ADDRESS,CITY,STATE,POSTAL,Latitude,Longitude\n'
const GOOD = [
  'Harbor Methadone Clinic,100 Light St.,Baltimore,MD,21202,39.2870,-76.6130',
  'Uptown Treatment Center,2300 N. Charles Street,Baltimore,MD,21218,39.3150,-76.6170',
  'Eastside OTP,1 E. Monument St,Baltimore,MD,21202,39.2980,-76.6140',
]
const csv = (rows: string[]) => HEADER + rows.join('\n') + '\n'
const otp = (path: string, extra: Partial<Parameters<typeof runImport>[1]> = {}) => ({
  format: 'csv' as const,
  paths: [path],
  mappingPath: MAPPING,
  source: 'test_otp',
  ...extra,
})

describe.each(backends)('import safety and history (%s)', (backend) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(backend)
    const first = await runImport(database.db, otp(tempFile('good.csv', csv(GOOD))))
    expect(first).toMatchObject({ written: true, inserted: 3, rejected: 0 })
  })
  afterAll(async () => database?.close())

  const badFiles: [string, string | Buffer, RegExp][] = [
    ['truncated in a quoted field', csv(GOOD) + '"Broken Clinic,12 Main St,Baltimore,MD,21201,39.3,-76.6\n', /never closes/],
    ['truncated mid-row', csv(GOOD) + 'Short Row,12 Main St,Baltimore', /number of fields/],
    ['in an unknown encoding', Buffer.from(csv(GOOD), 'utf16le'), /unknown encoding/],
    ['empty', '', /is empty/],
    ['header only', HEADER, /no rows/],
    ['with a huge field', csv([...GOOD, `${'A'.repeat(5000)},1 Main St,Baltimore,MD,21201,39.29,-76.61`]), /longer than 500/],
    ['with bad coordinates', csv([...GOOD, 'Nowhere Clinic,1 Main St,Baltimore,MD,21201,abc,-76.61']), /not a number/],
    ['with latitude and longitude swapped', csv([...GOOD, 'Swapped Clinic,1 Main St,Baltimore,MD,21201,-76.61,39.29']), /swapped/],
    ['with an out-of-range latitude', csv([...GOOD, 'Polar Clinic,1 Main St,Baltimore,MD,21201,139.29,-76.61']), /out of range/],
    ['with a row missing its name', csv([...GOOD, ',1 Main St,Baltimore,MD,21201,39.29,-76.61']), /missing/],
  ]

  it.each(badFiles)('leaves the directory byte-for-byte unchanged when a file is %s', async (_label, content, message) => {
    const before = await dumpTables(database.db)
    const report = await runImport(database.db, otp(tempFile('bad.csv', content), { source: 'test_bad' }))
    expect(report.written).toBe(false)
    expect(report.problems.length).toBeGreaterThan(0)
    expect(report.problems.map((p) => p.message).join('\n')).toMatch(message)
    expect(report.problems[0]?.file).toMatch(/bad\.csv$/)
    expect(report.problems[0]?.line).toBeGreaterThan(0)
    expect(await dumpTables(database.db)).toBe(before)
  })

  it('writes nothing on a dry run but reports exact counts', async () => {
    const before = await dumpTables(database.db)
    const report = await runImport(
      database.db,
      otp(tempFile('dry.csv', csv([...GOOD, 'New Clinic,5 Pratt St,Baltimore,MD,21202,39.2860,-76.6100'])), { dryRun: true }),
    )
    expect(report).toMatchObject({ written: false, dryRun: true, inserted: 1, unchanged: 3 })
    expect(await dumpTables(database.db)).toBe(before)
  })

  it('imports the valid rows with --skip-invalid and writes the others to a rejects CSV', async () => {
    const rejectsPath = tempFile('rejects.csv', '')
    const report = await runImport(
      database.db,
      otp(
        tempFile(
          'mixed.csv',
          csv(['Valid Clinic,9 Calvert St,Baltimore,MD,21202,39.2900,-76.6120', 'Swapped Clinic,1 Main St,Baltimore,MD,21201,-76.61,39.29']),
        ),
        { source: 'test_skip', skipInvalid: true, rejectsPath },
      ),
    )
    expect(report).toMatchObject({ written: true, inserted: 1, rejected: 1 })
    const rejects = readFileSync(rejectsPath, 'utf8')
    expect(rejects).toMatch(/^file,line,field,problem/)
    expect(rejects).toMatch(/Swapped Clinic/)
    expect(rejects).toMatch(/swapped/)
  })

  it('changes nothing when the same file is imported again (no duplicates)', async () => {
    const before = await database.db
      .selectFrom('locations')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const report = await runImport(database.db, otp(tempFile('again.csv', csv(GOOD))))
    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 })
    const after = await database.db
      .selectFrom('locations')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
    const dupes = await database.db
      .selectFrom('location_sources')
      .select(['source', 'source_id'])
      .groupBy(['source', 'source_id'])
      .having(({ fn }) => fn.countAll(), '>', 1)
      .execute()
    expect(dupes).toEqual([])
  })

  it('updates a changed row and records the previous and new values in audit_log', async () => {
    const changed = [GOOD[0] as string, 'Uptown Treatment Center,2300 N. Charles Street,Baltimore,MD,21218,39.3160,-76.6170', GOOD[2] as string]
    const report = await runImport(database.db, otp(tempFile('changed.csv', csv(changed))))
    expect(report).toMatchObject({ updated: 1, unchanged: 2, inserted: 0 })
    const audit = await database.db.selectFrom('audit_log').selectAll().where('batch_id', '=', report.batchId).where('field_name', '=', 'latitude').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entity_type: 'location', action: 'update', previous_value: 39.315, new_value: 39.316, source: 'test_otp' })
    const search = await database.db.selectFrom('site_search').select('latitude').where('name', '=', 'Uptown Treatment Center').executeTakeFirstOrThrow()
    expect(search.latitude).toBe(39.316)
  })

  it('with --full marks rows missing from the new file inactive, never deleting them', async () => {
    // One of three sites is a third of the source: past the default guard, so allowed here.
    const report = await runImport(
      database.db,
      otp(tempFile('full.csv', csv([GOOD[0] as string, GOOD[2] as string])), { full: true, allowDeactivate: { count: 1 } }),
    )
    expect(report).toMatchObject({ deactivated: 1, unchanged: 2 })
    const row = await database.db.selectFrom('locations').select(['status']).where('name', '=', 'Uptown Treatment Center').executeTakeFirstOrThrow()
    expect(row.status).toBe('inactive')
    const search = await database.db.selectFrom('site_search').select('status').where('name', '=', 'Uptown Treatment Center').executeTakeFirstOrThrow()
    expect(search.status).toBe('inactive')
    const audit = await database.db.selectFrom('audit_log').selectAll().where('batch_id', '=', report.batchId).where('field_name', '=', 'status').execute()
    expect(audit[0]).toMatchObject({ action: 'deactivate', previous_value: 'active', new_value: 'inactive' })
  })

  it('with --full --skip-invalid leaves the site of a refused row as it was: the row is not missing', async () => {
    const badHarbor = 'Harbor Methadone Clinic,100 Light St.,Baltimore,MD,21202,139.2870,-76.6130'
    const report = await runImport(database.db, otp(tempFile('full-bad.csv', csv([badHarbor, GOOD[2] as string])), { full: true, skipInvalid: true }))
    expect(report).toMatchObject({ written: true, rejected: 1, deactivated: 0, unchanged: 1 })
    const harbor = await database.db
      .selectFrom('site_search')
      .select(['status', 'latitude'])
      .where('name', '=', 'Harbor Methadone Clinic')
      .executeTakeFirstOrThrow()
    expect(harbor).toEqual({ status: 'active', latitude: 39.287 })
  })

  it('refuses --full on an HSDS feed without --source (unnamed feeds share one source name)', async () => {
    const before = await dumpTables(database.db)
    const report = await runImport(database.db, { format: 'hsds', paths: [tempFile('feed.json', '[]')], full: true })
    expect(report).toMatchObject({ written: false, refused: 'file' })
    expect(report.problems[0]).toMatchObject({ field: '--source' })
    expect(await dumpTables(database.db)).toBe(before)
  })
})
