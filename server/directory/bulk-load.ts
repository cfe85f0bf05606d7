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
import type { Db } from './location-sources.js'

/** The tables an import writes. */
export const DIRECTORY_TABLES = ['organizations', 'locations', 'services', 'service_at_location', 'schedules', 'phones', 'location_sources'] as const

interface Constraint { table: string; name: string; kind: string; definition: string }
interface Index { name: string; definition: string }

/** What suspendKeys dropped, to hand back to restoreKeys. */
export interface SuspendedKeys {
  constraints: Constraint[]
  indexes: Index[]
}

const quoted = (name: string) => sql.id(name)

/**
 * Drops the indexes and constraints (primary, unique, exclusion and foreign keys, including
 * foreign keys of other tables that point at these) of the directory tables.
 */
export async function suspendKeys(db: Db): Promise<SuspendedKeys> {
  const tables = [...DIRECTORY_TABLES]
  const { rows: constraints } = await sql<Constraint>`
    SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS kind, pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c
     WHERE c.contype IN ('p', 'u', 'x', 'f')
       AND (c.conrelid = ANY(${tables}::regclass[]) OR (c.contype = 'f' AND c.confrelid = ANY(${tables}::regclass[])))
     ORDER BY c.contype = 'f' DESC, c.conname`.execute(db)
  const { rows: indexes } = await sql<Index>`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i
     WHERE i.indrelid = ANY(${tables}::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
     ORDER BY 1`.execute(db)
  // Foreign keys first (they depend on the keys they reference), then keys, then plain indexes.
  for (const c of constraints) await sql`ALTER TABLE ${sql.raw(c.table)} DROP CONSTRAINT ${quoted(c.name)}`.execute(db)
  for (const i of indexes) await sql`DROP INDEX ${sql.raw(i.name)}`.execute(db)
  return { constraints, indexes }
}

/** Re-creates what suspendKeys dropped: indexes and keys first, then the foreign keys that need them. */
export async function restoreKeys(db: Db, keys: SuspendedKeys): Promise<void> {
  // Sorting for many indexes at once: more memory than a live server's default, for this transaction only.
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(db)
  for (const i of keys.indexes) await sql.raw(i.definition).execute(db)
  const ordered = [...keys.constraints.filter((c) => c.kind !== 'f'), ...keys.constraints.filter((c) => c.kind === 'f')]
  for (const c of ordered) {
    await sql`ALTER TABLE ${sql.raw(c.table)} ADD CONSTRAINT ${quoted(c.name)} ${sql.raw(c.definition)}`.execute(db)
  }
  // The tables grew many times over: statistics for the search-table rebuild that follows.
  await sql`ANALYZE ${sql.join(DIRECTORY_TABLES.map((t) => sql.table(t)))}`.execute(db)
}
