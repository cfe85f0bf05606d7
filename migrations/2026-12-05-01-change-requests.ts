/**
 * Change requests (issue 16): a provider proposes changes to its listing through an update
 * link; each request keeps, per field, the value it had and the value proposed, and the
 * curator's decision on that field. A site a curator marks as a trusted provider has its
 * proposals applied at once (still recorded here, as auto-applied).
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE change_requests (
      id text PRIMARY KEY,
      location_id text NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
      link_id text REFERENCES provider_links(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
      auto_applied boolean NOT NULL DEFAULT false,
      decided_at timestamptz
    );
    CREATE INDEX change_requests_open_idx ON change_requests (location_id, created_at) WHERE status = 'open';

    CREATE TABLE change_request_fields (
      request_id text NOT NULL REFERENCES change_requests(id) ON DELETE CASCADE,
      field text NOT NULL,
      ordinal integer NOT NULL,
      current_value jsonb,
      proposed_value jsonb,
      decision text CHECK (decision IN ('approved', 'rejected')),
      decided_by text REFERENCES accounts(id) ON DELETE SET NULL,
      decided_at timestamptz,
      PRIMARY KEY (request_id, field),
      CHECK ((decision IS NULL) = (decided_at IS NULL))
    );

    -- Sites whose provider's proposals apply without review (set by a curator).
    CREATE TABLE trusted_providers (
      location_id text PRIMARY KEY REFERENCES locations(id) ON DELETE CASCADE,
      set_by text REFERENCES accounts(id) ON DELETE SET NULL,
      set_at timestamptz NOT NULL DEFAULT now()
    );
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`DROP TABLE trusted_providers, change_request_fields, change_requests;`).execute(db)
}
