/**
 * Bulk-load mode for very large first loads: inside the import's transaction, the directory
 * tables' indexes, keys and foreign keys are dropped, the rows go in as plain heap appends, and
 * everything is re-created from the definitions PostgreSQL itself reported before the drop
 * (pg_get_indexdef / pg_get_constraintdef), so nothing here restates the migrations.
 *
 * Why: at a million new sites, every insert otherwise lands on random pages of about twenty
 * B-tree and GiST indexes (ids are hashes) that no longer fit in shared buffers, and each FK
 * check probes another one. Sorting once per index at the end is several times cheaper.
 *
 * Re-adding a key or foreign key checks every row, so a load that broke one fails and the
 * transaction rolls back as any failed import does. Until it commits, the tables are locked
 * (readers of the directory wait), the same as the search-table rebuild that follows a large load.
 */
import { sql } from 'kysely'
import { allowIndexBuildMemory, keysOf, plainIndexesOf, type IndexDefinition, type KeyDefinition } from '../db/catalog.js'
import type { Db } from './location-sources.js'

/** The tables an import writes. */
export const DIRECTORY_TABLES = ['organizations', 'locations', 'services', 'service_at_location', 'schedules', 'phones', 'location_sources'] as const

/** What suspendKeys dropped, to hand back to restoreKeys. */
export interface SuspendedKeys {
  constraints: KeyDefinition[]
  indexes: IndexDefinition[]
}

/**
 * Drops the indexes and constraints (primary, unique, exclusion and foreign keys, including
 * foreign keys of other tables that point at these) of the directory tables.
 */
export async function suspendKeys(db: Db): Promise<SuspendedKeys> {
  const constraints = await keysOf(db, DIRECTORY_TABLES, { foreignKeys: true })
  const indexes = await plainIndexesOf(db, DIRECTORY_TABLES)
  // Foreign keys first (they depend on the keys they reference), then keys, then plain indexes.
  for (const c of constraints) await sql`ALTER TABLE ${sql.raw(c.table)} DROP CONSTRAINT ${sql.id(c.name)}`.execute(db)
  for (const i of indexes) await sql`DROP INDEX ${sql.id(i.name)}`.execute(db)
  return { constraints, indexes }
}

/** Re-creates what suspendKeys dropped: indexes and keys first, then the foreign keys that need them. */
export async function restoreKeys(db: Db, keys: SuspendedKeys): Promise<void> {
  await allowIndexBuildMemory(db)
  for (const i of keys.indexes) await sql.raw(i.definition).execute(db)
  const ordered = [...keys.constraints.filter((c) => c.kind !== 'f'), ...keys.constraints.filter((c) => c.kind === 'f')]
  for (const c of ordered) {
    await sql`ALTER TABLE ${sql.raw(c.table)} ADD CONSTRAINT ${sql.id(c.name)} ${sql.raw(c.definition)}`.execute(db)
  }
  // The tables grew many times over: statistics for the search-table rebuild that follows.
  await sql`ANALYZE ${sql.join(DIRECTORY_TABLES.map((t) => sql.table(t)))}`.execute(db)
}
