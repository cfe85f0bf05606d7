/**
 * Provider update links: a curator makes a link for one site, and whoever holds it (the
 * provider, without an account) sees the listing and can confirm it is correct. Only the
 * SHA-256 hash of the link's token is stored: a copy of the database opens no link.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE provider_links (
      id text PRIMARY KEY,
      location_id text NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
      created_by text REFERENCES accounts(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_by text REFERENCES accounts(id) ON DELETE SET NULL,
      last_used_at timestamptz,
      confirmations integer NOT NULL DEFAULT 0,
      last_confirmed_at timestamptz,
      CHECK (expires_at > created_at)
    );
    CREATE INDEX provider_links_location_idx ON provider_links (location_id, created_at DESC);
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TABLE provider_links;`).execute(db)
}
