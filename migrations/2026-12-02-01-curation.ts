/**
 * Curation: accounts and their sessions and API tokens, the fields curators hold against
 * imports, per-field verification, the review queue's merge and source-disagreement items,
 * assignments, report resolutions, and the public status fields a curator edits.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE accounts (
      id text PRIMARY KEY,
      email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
      name text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
      role text NOT NULL CHECK (role IN ('admin', 'curator')),
      -- A curator works only on sites in these states and/or from these sources (empty: everywhere).
      scope_states text[] NOT NULL DEFAULT '{}',
      scope_sources text[] NOT NULL DEFAULT '{}',
      password_hash text,
      disabled boolean NOT NULL DEFAULT false,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Only hashes of session and API tokens are stored: a copy of the database cannot log in.
    CREATE TABLE curator_sessions (
      token_hash text PRIMARY KEY,
      account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX curator_sessions_account_idx ON curator_sessions (account_id);

    CREATE TABLE api_tokens (
      id text PRIMARY KEY,
      account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_tokens_account_idx ON api_tokens (account_id);

    -- A field a curator set: re-imports derive everything else, never these.
    CREATE TABLE curator_overrides (
      location_id text NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
      field text NOT NULL,
      value jsonb,
      account_id text REFERENCES accounts(id) ON DELETE SET NULL,
      set_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (location_id, field)
    );

    -- When a site, or one of its critical fields, was last confirmed as correct, and how.
    CREATE TABLE site_verifications (
      location_id text NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
      field text NOT NULL CHECK (field IN ('site', 'phone', 'address', 'hours', 'services')),
      verified_on date NOT NULL,
      how text NOT NULL CHECK (how IN ('called', 'visited', 'provider_confirmed', 'website')),
      account_id text REFERENCES accounts(id) ON DELETE SET NULL,
      verified_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (location_id, field)
    );

    -- Cross-source merges the importer was unsure of, for a curator to confirm or undo.
    CREATE TABLE merge_reviews (
      source text NOT NULL,
      source_id text NOT NULL,
      location_id text NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
      doubts text[] NOT NULL,
      name_similarity double precision NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'unmerged')),
      batch_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_by text REFERENCES accounts(id) ON DELETE SET NULL,
      decided_at timestamptz,
      PRIMARY KEY (source, source_id)
    );
    CREATE INDEX merge_reviews_open_idx ON merge_reviews (created_at) WHERE status = 'open';

    -- A re-import whose value for a field differs from the value a curator holds.
    -- One item per distinct source value: "keep ours" is not asked again for the same value.
    CREATE TABLE source_disagreements (
      id text PRIMARY KEY,
      location_id text NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
      field text NOT NULL,
      source text NOT NULL,
      source_value jsonb,
      curator_value jsonb,
      value_hash text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'kept')),
      batch_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_by text REFERENCES accounts(id) ON DELETE SET NULL,
      decided_at timestamptz,
      UNIQUE (location_id, field, value_hash)
    );
    CREATE INDEX source_disagreements_open_idx ON source_disagreements (created_at) WHERE status = 'open';

    -- Who is working on a queue item ("report:<site>:<kind>", "verify:<site>", "merge:<source>:<id>", "disagreement:<id>").
    CREATE TABLE queue_assignments (
      item_key text PRIMARY KEY,
      account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      assigned_at timestamptz NOT NULL DEFAULT now()
    );

    ALTER TABLE problem_reports
      ADD COLUMN resolution text CHECK (resolution IN ('fixed', 'no_change', 'duplicate')),
      ADD COLUMN resolution_note text CHECK (length(resolution_note) <= 2000),
      ADD COLUMN resolved_at timestamptz,
      ADD COLUMN resolved_by text REFERENCES accounts(id) ON DELETE SET NULL;
    CREATE INDEX problem_reports_open_location_idx ON problem_reports (location_id, kind) WHERE status = 'open';

    ALTER TABLE locations
      ADD COLUMN public_note text CHECK (length(public_note) <= 500),
      ADD COLUMN status_until date,
      ADD COLUMN status_reason text CHECK (length(status_reason) <= 500),
      -- The service codes a curator set for the site as a whole (null: the union of its services' codes).
      ADD COLUMN services_override text[];

    ALTER TABLE audit_log
      ADD COLUMN account_id text REFERENCES accounts(id) ON DELETE SET NULL,
      ADD COLUMN reason text;
    CREATE INDEX audit_log_changed_idx ON audit_log (entity_id, changed_at DESC, id DESC);

    ALTER TABLE site_search
      ADD COLUMN public_note text,
      ADD COLUMN status_until date,
      ADD COLUMN status_reason text;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ALTER TABLE site_search DROP COLUMN public_note, DROP COLUMN status_until, DROP COLUMN status_reason;
    DROP INDEX audit_log_changed_idx;
    ALTER TABLE audit_log DROP COLUMN account_id, DROP COLUMN reason;
    ALTER TABLE locations DROP COLUMN public_note, DROP COLUMN status_until, DROP COLUMN status_reason, DROP COLUMN services_override;
    DROP INDEX problem_reports_open_location_idx;
    ALTER TABLE problem_reports DROP COLUMN resolution, DROP COLUMN resolution_note, DROP COLUMN resolved_at, DROP COLUMN resolved_by;
    DROP TABLE queue_assignments, source_disagreements, merge_reviews, site_verifications, curator_overrides, api_tokens, curator_sessions, accounts;
  `).execute(db)
}
