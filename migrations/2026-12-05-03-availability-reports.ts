/**
 * Availability reports: a person says they got supplies at a site today, that it was out, or
 * that it was closed when they came. Deliberately holds nothing about the reporter — no IP,
 * no text, no user agent: a kind, an optional supply, a site and a time.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE availability_reports (
      id text PRIMARY KEY,
      location_id text NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('got_supplies', 'out_of_supplies', 'closed')),
      supply text CHECK (supply IN ('naloxone', 'test_strips', 'syringes')),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind <> 'closed' OR supply IS NULL)
    );
    CREATE INDEX availability_reports_location_idx ON availability_reports (location_id, created_at);
    CREATE INDEX availability_reports_created_idx ON availability_reports (created_at);
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS availability_reports`.execute(db)
}
