/**
 * Mobile units with stops: a stop is a location of its own (address, point, schedule, found by
 * search like any site) that names the unit it belongs to. The unit is a location too (the van:
 * its name, phones and services; usually no point of its own). One level: a unit is no stop.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE locations ADD COLUMN stop_of text REFERENCES locations(id) ON DELETE SET NULL;
    ALTER TABLE locations ADD CONSTRAINT locations_stop_of_not_self CHECK (stop_of <> id);
    CREATE INDEX locations_stop_of_idx ON locations (stop_of) WHERE stop_of IS NOT NULL;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE locations DROP COLUMN IF EXISTS stop_of`.execute(db)
}
