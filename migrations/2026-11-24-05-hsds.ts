/**
 * Indexes for the HSDS 3.0 API (issue 4): look-ups by HSDS id of organizations and
 * service_at_location (services got theirs in 04), and a spatial index on locations.geog for
 * the lat/long/radius extension, which must also find inactive sites (site_search's spatial
 * index covers active ones only), and partial indexes for the (rare) phones of a service or an
 * organization, which an HSDS service nests. Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE INDEX organizations_hsds_uuid_idx ON organizations (hrl_hsds_uuid('organization', id));
    CREATE INDEX service_at_location_hsds_uuid_idx ON service_at_location (hrl_hsds_uuid('service_at_location', id));
    CREATE INDEX locations_geog_idx ON locations USING gist (geog);
    CREATE INDEX phones_service_idx ON phones (service_id) WHERE service_id IS NOT NULL;
    CREATE INDEX phones_organization_idx ON phones (organization_id) WHERE organization_id IS NOT NULL;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP INDEX phones_organization_idx;
    DROP INDEX phones_service_idx;
    DROP INDEX locations_geog_idx;
    DROP INDEX service_at_location_hsds_uuid_idx;
    DROP INDEX organizations_hsds_uuid_idx;
  `).execute(db)
}
