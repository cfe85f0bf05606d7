/**
 * Keys and indexes of tables as PostgreSQL itself defines them (pg_get_constraintdef /
 * pg_get_indexdef), for code that drops and re-creates them around a bulk write (bulk-load
 * mode, the shadow-table search rebuild) without restating the migrations.
 */
import { sql } from 'kysely'
import type { Db } from './schema.js'

export interface KeyDefinition {
  table: string
  name: string
  /** 'p' primary, 'u' unique, 'x' exclusion, 'f' foreign key. */
  kind: string
  definition: string
}

export interface IndexDefinition {
  table: string
  name: string
  definition: string
}

/**
 * The primary, unique and exclusion keys of `tables`; with `foreignKeys`, also every foreign
 * key of or into them (listed first: they depend on the keys they reference).
 */
export async function keysOf(db: Db, tables: readonly string[], options: { foreignKeys?: boolean } = {}): Promise<KeyDefinition[]> {
  const names = [...tables]
  const { rows } = await sql<KeyDefinition>`
    SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS kind, pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c
     WHERE (c.contype IN ('p', 'u', 'x') AND c.conrelid = ANY(${names}::regclass[]))
        OR (${options.foreignKeys ?? false} AND c.contype = 'f'
            AND (c.conrelid = ANY(${names}::regclass[]) OR c.confrelid = ANY(${names}::regclass[])))
     ORDER BY c.contype = 'f' DESC, c.conname`.execute(db)
  return rows
}

/** The indexes of `tables` that do not back a key (those come with keysOf). */
export async function plainIndexesOf(db: Db, tables: readonly string[]): Promise<IndexDefinition[]> {
  const { rows } = await sql<IndexDefinition>`
    SELECT i.indrelid::regclass::text AS table, c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = ANY(${[...tables]}::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
     ORDER BY 2`.execute(db)
  return rows
}

/** Sorting for index builds: more memory than a live server's default, for the caller's transaction only. */
export async function allowIndexBuildMemory(db: Db): Promise<void> {
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(db)
}
