/**
 * Import bookkeeping: which source records make up each location (several after a
 * cross-source merge), the import batches, and HSDS ids for the services table.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    -- One row per source record. The location's own (source, source_id) is its primary record;
    -- other rows are records merged into it. "record" is the mapped record as last imported, so a
    -- change can be detected by hash and a merge can be undone without the source file.
    CREATE TABLE location_sources (
      source text NOT NULL,
      source_id text NOT NULL,
      location_id text NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
      service_id text,
      record jsonb NOT NULL,
      record_hash text NOT NULL,
      batch_id text,
      merged_at timestamptz,
      imported_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source, source_id)
    );
    CREATE INDEX location_sources_location_idx ON location_sources (location_id);

    CREATE TABLE import_batches (
      id text PRIMARY KEY,
      source text NOT NULL,
      format text NOT NULL,
      files text[] NOT NULL,
      full_import boolean NOT NULL DEFAULT false,
      summary jsonb NOT NULL DEFAULT '{}'::jsonb,
      started_at timestamptz NOT NULL,
      finished_at timestamptz NOT NULL DEFAULT now()
    );

    -- HSDS 3.0 wants UUIDs; ours are text. A service's HSDS id is md5('service:' || id) as a UUID.
    CREATE FUNCTION hrl_hsds_uuid(kind text, id text) RETURNS uuid
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN md5(kind || ':' || id)::uuid;
    CREATE INDEX services_hsds_uuid_idx ON services (hrl_hsds_uuid('service', id));
    CREATE INDEX services_updated_at_idx ON services (updated_at);
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP INDEX services_updated_at_idx;
    DROP INDEX services_hsds_uuid_idx;
    DROP FUNCTION hrl_hsds_uuid(text, text);
    DROP TABLE import_batches, location_sources;
  `).execute(db)
}
