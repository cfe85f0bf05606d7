/**
 * Problem reports: a person tells curators a listing is wrong ("closed", "wrong hours").
 * Deliberately holds nothing about the reporter — no IP, no contact, no user agent.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE problem_reports (
      id text PRIMARY KEY,
      location_id text NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('wrong_hours', 'closed', 'wrong_address', 'wrong_phone', 'wrong_services', 'other')),
      message text NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed'))
    );
    CREATE INDEX problem_reports_location_idx ON problem_reports (location_id, created_at);
    CREATE INDEX problem_reports_open_idx ON problem_reports (created_at) WHERE status = 'open';
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS problem_reports`.execute(db)
}
