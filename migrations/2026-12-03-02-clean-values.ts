/**
 * Clean values (issue 14, item 6): a mailing address (a P.O. box) apart from the street
 * address; HSDS ids as real version-5 UUIDs (hrl_hsds_uuid5, on uuid-ossp's
 * uuid_generate_v5) with expression indexes beside the legacy md5 ones, which old links still
 * use; and import_batches.finished_at defaulting to the clock, not the transaction's start.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

/** server/hsds/ids.ts HSDS_NAMESPACE: fixed forever. */
const NAMESPACE = '1602c4cf-da4e-4886-9af3-a5284b7de2e5'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`.execute(db)
  await sql.raw(`
    ALTER TABLE locations ADD COLUMN mailing_address text;
    ALTER TABLE import_batches ALTER COLUMN finished_at SET DEFAULT clock_timestamp();

    CREATE FUNCTION hrl_hsds_uuid5(kind text, id text) RETURNS uuid
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN uuid_generate_v5('${NAMESPACE}'::uuid, kind || ':' || id);
    CREATE INDEX services_hsds_uuid5_idx ON services (hrl_hsds_uuid5('service', id));
    CREATE INDEX organizations_hsds_uuid5_idx ON organizations (hrl_hsds_uuid5('organization', id));
    CREATE INDEX service_at_location_hsds_uuid5_idx ON service_at_location (hrl_hsds_uuid5('service_at_location', id));
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP INDEX service_at_location_hsds_uuid5_idx;
    DROP INDEX organizations_hsds_uuid5_idx;
    DROP INDEX services_hsds_uuid5_idx;
    DROP FUNCTION hrl_hsds_uuid5(text, text);
    ALTER TABLE import_batches ALTER COLUMN finished_at SET DEFAULT now();
    ALTER TABLE locations DROP COLUMN mailing_address;
  `).execute(db)
}
