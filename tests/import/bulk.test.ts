import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { runImport } from '../../server/importers/pipeline.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import { codesOf } from '../../server/vocabulary.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { DATA, dumpTables, MAPPINGS, tempFile } from './helpers.js'

const PARTNER_MAPPING = JSON.stringify({
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
const ROWS = [
  'p1,Harbor Outreach,100 Light St,Baltimore,MD,21202,410-555-0101,39.2870,-76.6130,naloxone',
  'p2,Uptown Syringe Access,2300 N Charles St,Baltimore,MD,21218,410-555-0102,39.3150,-76.6170,syringe_services;naloxone',
  'p3,Eastside Drop-in,1 E Monument St,Baltimore,MD,21202,410-555-0103,39.2980,-76.6140,hiv_testing',
]
const csv = (rows: string[]) => HEADER + rows.join('\n') + '\n'

/** The derived search tables as text. */
async function searchDump(db: TestDatabase['db']): Promise<string> {
  const parts: string[] = []
  for (const table of ['site_search', 'site_facets', 'site_hours', 'site_facet_counts'] as const) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db)
    parts.push(
      table +
        ':' +
        rows.rows
          .map((r) => JSON.stringify(r))
          .sort()
          .join('\n'),
    )
  }
  return parts.join('\n\n')
}

describe.each(backends)('large imports and set-based updates (%s)', (backend) => {
  let database: TestDatabase
  const mapping = tempFile('partner.json', PARTNER_MAPPING)
  const partner = (rows: string[], extra: Partial<Parameters<typeof runImport>[1]> = {}) =>
    runImport(database.db, { format: 'csv', paths: [tempFile('partner.csv', csv(rows))], mappingPath: mapping, ...extra })

  beforeAll(async () => {
    database = await freshDatabase(backend)
    const report = await runImport(database.db, { format: 'samhsa', paths: [DATA + 'samhsa/samhsa_locator_mh_residential_ed_2022.csv'], dedup: false })
    expect(report).toMatchObject({ written: true, inserted: 168 })
  })
  afterAll(async () => database?.close())

  it('rolls a dry run back completely, search tables included, when it takes the rebuild path', async () => {
    const before = await dumpTables(database.db)
    const report = await partner(ROWS, { dryRun: true, rebuildAbove: 1 })
    expect(report).toMatchObject({ written: false, dryRun: true, inserted: 3 })
    expect(await dumpTables(database.db)).toBe(before)
  })

  it('makes a very large import searchable by rebuilding the search tables in its own transaction', async () => {
    const report = await partner(ROWS, { rebuildAbove: 1 })
    expect(report).toMatchObject({ written: true, inserted: 3 })
    const rebuilt = await searchDump(database.db)
    expect(rebuilt).toMatch(/Uptown Syringe Access/)
    // The same rows a standalone rebuild (or a refresh) would give: every source, not just this one.
    await rebuildSearchTables(database.db)
    expect(await searchDump(database.db)).toBe(rebuilt)
    const sites = await database.db
      .selectFrom('site_search')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(sites.n)).toBe(171)
  })

  it('keeps the filter bitmasks exactly as hrl_mask() computes them', async () => {
    const mismatches = await sql<{ n: number }>`
      SELECT count(*) AS n FROM site_search s JOIN locations l ON l.id = s.location_id
       WHERE s.types <> hrl_mask(l.types, ${codesOf('types')}::text[])
          OR s.payment <> hrl_mask(l.payment, ${codesOf('payment')}::text[])
          OR s.populations <> hrl_mask(l.populations, ${codesOf('populations')}::text[])
          OR s.access <> hrl_mask(l.access, ${codesOf('access')}::text[])
          OR s.services <> hrl_mask((SELECT array_agg(c) FROM service_at_location sal JOIN services v ON v.id = sal.service_id AND v.status = 'active',
                                      unnest(v.codes) AS c WHERE sal.location_id = l.id), ${codesOf('services')}::text[])`.execute(database.db)
    expect(Number(mismatches.rows[0]?.n)).toBe(0)
    const withServices = await sql<{ n: number }>`SELECT count(*) AS n FROM site_search WHERE services <> 0 AND types <> 0`.execute(database.db)
    expect(Number(withServices.rows[0]?.n)).toBeGreaterThan(100)
  })

  it('updates many changed rows at once and audits every changed field of each', async () => {
    const changed = [
      ROWS[0] as string,
      'p2,Uptown Syringe Services,2300 N Charles St,Baltimore,MD,21218,410-555-0199,39.3150,-76.6170,syringe_services;naloxone',
      'p3,Eastside Drop-in Center,1 E Monument St,Baltimore,MD,21202,410-555-0188,39.2980,-76.6140,hiv_testing;hcv_testing',
    ]
    const report = await partner(changed)
    expect(report).toMatchObject({ updated: 2, unchanged: 1, inserted: 0 })
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['entity_type', 'field_name', 'previous_value', 'new_value'])
      .where('batch_id', '=', report.batchId)
      .execute()
    const fields = audit.map((a) => `${a.entity_type}.${a.field_name}`).sort()
    expect(fields).toEqual(['location.name', 'location.name', 'location.phones', 'location.phones', 'organization.name', 'organization.name', 'service.codes'])
    expect(audit).toContainEqual({ entity_type: 'location', field_name: 'phones', previous_value: ['(410) 555-0102'], new_value: ['(410) 555-0199'] })
    const search = await database.db.selectFrom('site_search').select(['name', 'phone']).where('name', 'like', 'Eastside%').executeTakeFirstOrThrow()
    expect(search).toEqual({ name: 'Eastside Drop-in Center', phone: '(410) 555-0188' })
    const again = await partner(changed)
    expect(again).toMatchObject({ updated: 0, unchanged: 3, inserted: 0 })
  })

  it('reads back records stored in the compact form exactly as they were imported', async () => {
    const rows = await database.db.selectFrom('location_sources').select(['source_id', 'record']).where('source', '=', 'partner').orderBy('source_id').execute()
    const stored = rows[0]?.record as Record<string, unknown>
    expect(stored).not.toHaveProperty('sourceId')
    expect(stored).not.toHaveProperty('description')
    expect(stored).toMatchObject({ name: 'Harbor Outreach', phones: ['(410) 555-0101'] })
    // A --full import of one row deactivates the other two from their stored records.
    const report = await partner([ROWS[0] as string], { full: true, allowDeactivate: { percent: 100 } })
    expect(report).toMatchObject({ deactivated: 2, unchanged: 1 })
    const inactive = await database.db
      .selectFrom('locations')
      .select('name')
      .where('source', '=', 'partner')
      .where('status', '=', 'inactive')
      .orderBy('name')
      .execute()
    expect(inactive.map((r) => r.name)).toEqual(['Eastside Drop-in Center', 'Uptown Syringe Services'])
  })

  it('keeps a curated mapping working after the bulk paths (no duplicate links)', async () => {
    const report = await runImport(database.db, {
      format: 'csv',
      paths: [DATA + 'syringe_access/nys_esap_healthcareProviders.csv'],
      mappingPath: MAPPINGS + 'nys-esap-health-care-providers.json',
      skipInvalid: true,
      rebuildAbove: 1,
    })
    expect(report.written).toBe(true)
    const dupes = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT location_id FROM site_search GROUP BY location_id HAVING count(*) > 1) d`.execute(
      database.db,
    )
    expect(Number(dupes.rows[0]?.n)).toBe(0)
  })
})
