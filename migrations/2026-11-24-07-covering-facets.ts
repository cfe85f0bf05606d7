/**
 * Facet rows carry what the search filters test (issue 2): the five bitmasks, languages,
 * timezone, and the site's undated weekly hours (with a flag for sites that also have dated
 * hours). A facet walk then filters each walked row in place instead of looking the site up
 * in site_search and site_hours, two index probes per candidate. Existing rows are filled in
 * from the tables they were derived from. Frozen once merged.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE site_facets
      ADD COLUMN types integer NOT NULL DEFAULT 0,
      ADD COLUMN services integer NOT NULL DEFAULT 0,
      ADD COLUMN payment integer NOT NULL DEFAULT 0,
      ADD COLUMN populations integer NOT NULL DEFAULT 0,
      ADD COLUMN access integer NOT NULL DEFAULT 0,
      ADD COLUMN languages text[] NOT NULL DEFAULT '{}',
      ADD COLUMN timezone text NOT NULL DEFAULT 'UTC',
      ADD COLUMN open_week int4multirange,
      ADD COLUMN dated_hours boolean NOT NULL DEFAULT false;
    UPDATE site_facets f
       SET types = s.types, services = s.services, payment = s.payment, populations = s.populations, access = s.access,
           languages = s.languages, timezone = s.timezone
      FROM site_search s WHERE s.location_id = f.location_id;
    UPDATE site_facets f SET open_week = h.open_week FROM site_hours h WHERE h.location_id = f.location_id AND h.valid IS NULL;
    UPDATE site_facets f SET dated_hours = true
     WHERE EXISTS (SELECT 1 FROM site_hours h WHERE h.location_id = f.location_id AND h.valid IS NOT NULL);
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE site_facets DROP COLUMN types, DROP COLUMN services, DROP COLUMN payment, DROP COLUMN populations,
      DROP COLUMN access, DROP COLUMN languages, DROP COLUMN timezone, DROP COLUMN open_week, DROP COLUMN dated_hours;
  `).execute(db)
}
