/**
 * Writes the demo directory into the database in batches, then rebuilds the search tables.
 * A large seed into a directory smaller than it runs in one transaction in bulk-load mode
 * (directory/bulk-load.ts): indexes and keys are re-created once at the end.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { insertSites } from '../directory/bulk-insert.js'
import { restoreKeys, suspendKeys } from '../directory/bulk-load.js'
import { countLocations } from '../directory/location-sources.js'
import { rebuildSearchTables } from '../directory/search-tables.js'
import type { SiteRecord } from '../directory/site-record.js'
import { generateDemoSites } from './generate.js'
import { DEMO_VAN_RECORDS, writeDemoVan } from './mobile-van.js'

/** Seeds of more sites than this (and than the directory holds) run in bulk-load mode. */
const BULK_ABOVE = 100_000
/** From this many demo sites on, the syringe van and its stops are some of them (the count stays as asked). */
const VAN_FROM = 50

export interface SeedOptions {
  count: number
  seed?: number
  batchSize?: number
  onProgress?: (written: number, total: number) => void
}

/** Replaces all demo records with `count` freshly generated ones (real records are untouched). */
export async function seedDemo(db: Kysely<Database>, options: SeedOptions): Promise<void> {
  const batchSize = options.batchSize ?? 5000
  const van = options.count >= VAN_FROM
  const generated = van ? options.count - DEMO_VAN_RECORDS : options.count
  await db.deleteFrom('organizations').where('demo', '=', true).execute()
  const write = async (insert: (batch: SiteRecord[]) => Promise<void>) => {
    let batch: SiteRecord[] = []
    let written = 0
    const flush = async () => {
      await insert(batch)
      written += batch.length
      batch = []
      options.onProgress?.(written, options.count)
    }
    for (const site of generateDemoSites(generated, options.seed)) {
      batch.push(site)
      if (batch.length >= batchSize) await flush()
    }
    if (batch.length > 0) await flush()
  }
  if (options.count > BULK_ABOVE && options.count >= (await countLocations(db))) {
    await db.transaction().execute(async (trx) => {
      const keys = await suspendKeys(trx)
      await write((batch) => insertSites(trx, batch))
      await restoreKeys(trx, keys)
    })
  } else {
    await write((batch) => db.transaction().execute((trx) => insertSites(trx, batch)))
  }
  if (van) {
    await db.transaction().execute((trx) => writeDemoVan(trx))
    options.onProgress?.(options.count, options.count)
  }
  await rebuildSearchTables(db)
}

/**
 * Deletes every demo record (organizations marked demo, with their sites, services, phones and
 * hours) and rebuilds the search tables; real records are untouched. Returns how many demo
 * sites went. An empty directory is seeded again at the next start unless DEMO_SEED_COUNT=0.
 */
export async function removeDemo(db: Kysely<Database>): Promise<number> {
  const removed = await db.transaction().execute(async (trx) => {
    const { count } = await trx
      .selectFrom('locations')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('demo', '=', true)
      .executeTakeFirstOrThrow()
    await trx.deleteFrom('organizations').where('demo', '=', true).execute()
    // A demo site under a real organization (none are made so, but a hand-made one could be).
    await trx.deleteFrom('locations').where('demo', '=', true).execute()
    return Number(count)
  })
  await rebuildSearchTables(db)
  return removed
}
