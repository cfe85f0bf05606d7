/**
 * Helpers for import tests: real files from ../shared/data (never copied), temporary files,
 * and a dump of every table to prove a refused import changed nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../server/db/schema.js'

export const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url))
export const MAPPINGS = fileURLToPath(new URL('../../data/mappings/', import.meta.url))

const dir = mkdtempSync(join(tmpdir(), 'hrl-import-test-'))
// Gone with the test process that wrote it.
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
let n = 0
/** Writes a temporary file and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const path = join(dir, `${n++}-${name}`)
  writeFileSync(path, content)
  return path
}

/** The header of the small hand-written CSVs the import tests load. */
export const SIMPLE_CSV_HEADER = 'name,street,city,state,zip,lat,lon\n'

/**
 * A mapping file for SIMPLE_CSV_HEADER files under `source`: harm-reduction sites offering
 * naloxone. `extra` adds or overrides keys (e.g. `{ id: 'id' }`). Returns its path.
 */
export function simpleCsvMapping(source: string, extra: Record<string, unknown> = {}): string {
  const spec = {
    source,
    name: 'name',
    address1: 'street',
    city: 'city',
    region: 'state',
    postalCode: 'zip',
    latitude: 'lat',
    longitude: 'lon',
    types: ['harm_reduction'],
    services: ['naloxone'],
    ...extra,
  }
  return tempFile(`${source}.json`, JSON.stringify(spec))
}

/** Every row of every table, as text: equal dumps mean an unchanged database. */
export async function dumpTables(db: Kysely<Database>): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
     AND table_name NOT IN ('spatial_ref_sys') ORDER BY table_name`.execute(db)
  const parts: string[] = []
  for (const { table_name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table_name)}`.execute(db)
    parts.push(
      table_name +
        ':' +
        rows.rows
          .map((r) => JSON.stringify(r))
          .sort()
          .join('\n'),
    )
  }
  return parts.join('\n\n')
}
