import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../server/db/schema.js'
import { DIRECTORY_TABLES, restoreKeys, suspendKeys } from '../../server/directory/bulk-load.js'
import { runImport } from '../../server/importers/pipeline.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { dumpTables, tempFile } from './helpers.js'

const MAPPING = JSON.stringify({
  source: 'partner',
  id: 'id',
  name: 'name',
  address1: 'street',
  city: 'city',
  region: 'state',
  postalCode: 'zip',
  phone: 'phone',
  latitude: 'lat',
  longitude: 'lon',
  types: ['harm_reduction'],
  services: { column: 'services', split: ';' },
})
const HEADER = 'id,name,street,city,state,zip,phone,lat,lon,services\n'
const rows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k
    return `p${i},Site ${i},${100 + i} Light St,Baltimore,MD,21202,410-555-${String(1000 + i).slice(-4)},${(39.2 + i / 1000).toFixed(4)},-76.6,naloxone;syringe_services`
  })

/** Every index and constraint definition of the directory tables (and foreign keys into them). */
async function schemaOf(db: Kysely<Database>): Promise<string[]> {
  const tables = [...DIRECTORY_TABLES]
  const { rows: defs } = await sql<{ def: string }>`
    SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
     WHERE c.conrelid = ANY(${tables}::regclass[]) OR c.confrelid = ANY(${tables}::regclass[])
    UNION ALL
    SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = ANY(${tables}::regclass[])`.execute(db)
  return defs.map((d) => d.def).sort()
}

describe.each(backends)('bulk-load mode for large first loads (%s)', (backend) => {
  let database: TestDatabase
  const mapping = tempFile('partner.json', MAPPING)
  const load = (lines: string[], extra: Partial<Parameters<typeof runImport>[1]> = {}) =>
    runImport(database.db, {
      format: 'csv',
      paths: [tempFile('partner.csv', HEADER + lines.join('\n') + '\n')],
      mappingPath: mapping,
      bulkLoadAbove: 10,
      ...extra,
    })

  beforeAll(async () => {
    database = await freshDatabase(backend)
  })
  afterAll(async () => database?.close())

  it('rolls a bulk dry run back, dropped keys included', async () => {
    const schema = await schemaOf(database.db)
    const before = await dumpTables(database.db)
    const report = await load(rows(40), { dryRun: true })
    expect(report).toMatchObject({ written: false, inserted: 40, bulkLoad: true })
    expect(await schemaOf(database.db)).toEqual(schema)
    expect(await dumpTables(database.db)).toBe(before)
  })

  it('loads, restores every index and key, and leaves the directory as a normal import would', async () => {
    const schema = await schemaOf(database.db)
    expect(schema.length).toBeGreaterThan(15)
    const report = await load(rows(40))
    expect(report).toMatchObject({ written: true, inserted: 40, bulkLoad: true })
    expect(report.timings?.keys).toBeGreaterThan(0)
    expect(await schemaOf(database.db)).toEqual(schema)
    const search = await database.db
      .selectFrom('site_search')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(search.n)).toBe(40)
    // The keys are live again: a duplicate id is refused, and deleting an organization cascades.
    await expect(
      sql`INSERT INTO organizations (id, name, source, source_id) SELECT id, name, 'x', id FROM organizations LIMIT 1`.execute(database.db),
    ).rejects.toThrow(/duplicate key/)
    const org = await database.db.selectFrom('locations').select('organization_id').where('source_id', '=', 'p3').executeTakeFirstOrThrow()
    await database.db.deleteFrom('organizations').where('id', '=', org.organization_id).execute()
    const gone = await database.db.selectFrom('location_sources').select('source_id').where('source_id', '=', 'p3').execute()
    expect(gone).toEqual([])
  })

  it('takes the normal path for a source that is already loaded, and finds nothing changed', async () => {
    const report = await load(
      rows(39).filter((r) => !r.startsWith('p3,')),
      {},
    )
    expect(report.bulkLoad).toBeUndefined()
    expect(report).toMatchObject({ written: true, inserted: 0, unchanged: 38 })
  })

  it('takes the normal path when the load is smaller than the directory it joins', async () => {
    const report = await load(rows(20, 100), { source: 'other', dedup: false })
    expect(report.bulkLoad).toBeUndefined()
    expect(report).toMatchObject({ written: true, inserted: 20 })
  })

  it('rolls back, keys and all, when a key no longer holds at the end of the load', async () => {
    const schema = await schemaOf(database.db)
    const before = await dumpTables(database.db)
    await expect(
      database.db.transaction().execute(async (trx) => {
        const keys = await suspendKeys(trx)
        await sql`INSERT INTO organizations (id, name, source, source_id) SELECT id, name, 'copy', source_id FROM organizations`.execute(trx)
        await restoreKeys(trx, keys)
      }),
    ).rejects.toThrow(/organizations_pkey|could not create unique index/)
    expect(await schemaOf(database.db)).toEqual(schema)
    expect(await dumpTables(database.db)).toBe(before)
  })
})
