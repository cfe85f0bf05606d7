/**
 * Live status (issue 16): what a site says about today, its supplies and its treatment
 * openings, each posted at a time and expiring. One row per site and topic — a new post
 * replaces the last (the audit log keeps every post). A "today" post also stores the time
 * ranges it closes or opens the site, so search can test "open at" with a range probe.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE site_status (
      location_id text NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
      topic text NOT NULL CHECK (topic IN ('today', 'naloxone', 'test_strips', 'syringes', 'accepting_new_patients', 'same_day_start', 'beds_available')),
      value jsonb NOT NULL,
      closed_during tstzrange,
      open_during tstzrange,
      posted_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      posted_by text NOT NULL CHECK (posted_by IN ('curator', 'provider')),
      account_id text REFERENCES accounts(id) ON DELETE SET NULL,
      link_id text REFERENCES provider_links(id) ON DELETE SET NULL,
      PRIMARY KEY (location_id, topic),
      CHECK (expires_at > posted_at),
      CHECK ((closed_during IS NULL AND open_during IS NULL) OR topic = 'today')
    );
    CREATE INDEX site_status_topic_idx ON site_status (topic, location_id) INCLUDE (value, expires_at);
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TABLE site_status;`).execute(db)
}
