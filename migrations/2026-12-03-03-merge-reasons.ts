/**
 * Merge reasons: every record merged into a site of its own or another source keeps why the
 * matcher merged it and how sure it was (location_sources.merge_reason, merge_score), for
 * `npm run import -- merges` to filter and sort by. Merges made before this migration have
 * neither (NULL). Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE location_sources ADD COLUMN merge_reason text, ADD COLUMN merge_score double precision;
    CREATE INDEX location_sources_merge_score_idx ON location_sources (merge_score) WHERE merged_at IS NOT NULL;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP INDEX location_sources_merge_score_idx;
    ALTER TABLE location_sources DROP COLUMN merge_reason, DROP COLUMN merge_score;
  `).execute(db)
}
