/**
 * Facet rows only for the terms a search would walk (issue 2): a term carried by a large
 * share of the sites is never walked (the planner filters the main spatial walk instead), yet
 * its rows were most of site_facets (about 15 rows per site, 2.3 GB with its index at a
 * million sites). `indexed` marks the terms that have facet rows; the counts of all terms stay.
 * Existing rows keep every term indexed until the next full rebuild. Frozen once merged.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE site_facet_counts ADD COLUMN indexed boolean NOT NULL DEFAULT true`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE site_facet_counts DROP COLUMN indexed`.execute(db)
}
