/**
 * Writes the demo directory into the database in batches, then rebuilds the search tables.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { generateDemoSites } from '../../data/demo/generate.js'
import type { SiteRecord } from './site-record.js'
import { insertSites } from './bulk-insert.js'
import { rebuildSearchTables } from './search-tables.js'

export interface SeedOptions {
  count: number
  seed?: number
  batchSize?: number
  onProgress?: (written: number, total: number) => void
}

/** Replaces all demo records with `count` freshly generated ones (real records are untouched). */
export async function seedDemo(db: Kysely<Database>, options: SeedOptions): Promise<void> {
  const batchSize = options.batchSize ?? 5000
  await db.deleteFrom('organizations').where('demo', '=', true).execute()
  let batch: SiteRecord[] = []
  let written = 0
  const flush = async () => {
    await db.transaction().execute((trx) => insertSites(trx, batch))
    written += batch.length
    batch = []
    options.onProgress?.(written, options.count)
  }
  for (const site of generateDemoSites(options.count, options.seed)) {
    batch.push(site)
    if (batch.length >= batchSize) await flush()
  }
  if (batch.length > 0) await flush()
  await rebuildSearchTables(db)
}
