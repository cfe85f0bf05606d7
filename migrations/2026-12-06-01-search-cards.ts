/**
 * Search cards: each search row carries its result's search-independent members as JSON text
 * (server/directory/search-card.ts), so a search reads one column per result and writes it into
 * the answer as it is.
 * Rows that exist already get their cards at start-up (fillSearchCards), which then makes the
 * column NOT NULL; every later derivation writes them.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE site_search ADD COLUMN card text`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE site_search DROP COLUMN card`.execute(db)
}
