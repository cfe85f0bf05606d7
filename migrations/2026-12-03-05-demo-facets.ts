/**
 * Demo sites stay out of a real directory's searches (issue 15): facet rows carry the site's
 * demo flag, so a facet walk leaves demo sites out in place, and a partial index answers "are
 * there any real sites?" with one probe. Existing facet rows are filled in from site_search.
 * Frozen once merged.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE site_facets ADD COLUMN demo boolean NOT NULL DEFAULT false;
    UPDATE site_facets f SET demo = true FROM site_search s WHERE s.location_id = f.location_id AND s.demo;
    CREATE INDEX site_search_real_idx ON site_search (location_id) WHERE status = 'active' AND NOT demo;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP INDEX site_search_real_idx;
    ALTER TABLE site_facets DROP COLUMN demo;
  `).execute(db)
}
