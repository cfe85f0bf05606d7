/**
 * Hours as text beside the search row's hours: a search hands them to the API, which parses
 * each distinct schedule once, and turning jsonb into text for every returned row was a
 * measurable share of a search's database time (about 0.02 of 0.28 ms at a million sites).
 * A generated column, so no writer can forget it. Rewrites site_search once.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // A million rows are rewritten: no pool statement timeout may cut the migration short.
  await sql`SET LOCAL statement_timeout = 0`.execute(db)
  await sql`ALTER TABLE site_search ADD COLUMN hours_text text GENERATED ALWAYS AS (hours::text) STORED`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE site_search DROP COLUMN hours_text`.execute(db)
}
