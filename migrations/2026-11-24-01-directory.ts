/**
 * The directory: HSDS 3.0-shaped source tables with provenance, and the audit trail.
 * Frozen once merged: change the schema with a new dated file.
 */
import { sql, type Kysely } from 'kysely'

const provenance = `
  source text NOT NULL,
  source_id text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  assured_date date,
  demo boolean NOT NULL DEFAULT false,
  source_attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_id)`

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db)
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db)
  await sql.raw(`
    CREATE TABLE organizations (
      id text PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
      alternate_name text,
      description text,
      email text,
      website text,
      ${provenance}
    );

    CREATE TABLE locations (
      id text PRIMARY KEY,
      organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
      description text,
      location_type text NOT NULL DEFAULT 'physical' CHECK (location_type IN ('physical', 'postal', 'virtual')),
      mobile boolean NOT NULL DEFAULT false,
      address_1 text,
      address_2 text,
      city text,
      region text,
      postal_code text,
      country text NOT NULL DEFAULT 'US',
      latitude double precision CHECK (latitude BETWEEN -90 AND 90),
      longitude double precision CHECK (longitude BETWEEN -180 AND 180),
      geog geography(Point, 4326),
      geocode_precision text NOT NULL DEFAULT 'exact' CHECK (geocode_precision IN ('exact', 'street', 'zip_centroid', 'city', 'unknown')),
      timezone text NOT NULL DEFAULT 'America/New_York',
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily_closed')),
      website text,
      types text[] NOT NULL DEFAULT '{}',
      payment text[] NOT NULL DEFAULT '{}',
      populations text[] NOT NULL DEFAULT '{}',
      access text[] NOT NULL DEFAULT '{}',
      languages text[] NOT NULL DEFAULT '{}',
      ${provenance}
    );
    CREATE INDEX locations_organization_idx ON locations (organization_id);

    CREATE TABLE services (
      id text PRIMARY KEY,
      organization_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
      name text NOT NULL,
      description text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily_closed')),
      codes text[] NOT NULL DEFAULT '{}',
      ${provenance}
    );
    CREATE INDEX services_organization_idx ON services (organization_id);

    CREATE TABLE service_at_location (
      id text PRIMARY KEY,
      service_id text NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      location_id text NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
      UNIQUE (service_id, location_id)
    );
    CREATE INDEX service_at_location_location_idx ON service_at_location (location_id);

    -- RRULE-like weekly opening hours. closes_at <= opens_at means the hours run past midnight;
    -- opens_at = closes_at = 00:00 means the whole day.
    CREATE TABLE schedules (
      id text PRIMARY KEY,
      location_id text REFERENCES locations(id) ON DELETE CASCADE,
      service_at_location_id text REFERENCES service_at_location(id) ON DELETE CASCADE,
      freq text NOT NULL DEFAULT 'WEEKLY' CHECK (freq = 'WEEKLY'),
      byday text NOT NULL CHECK (byday ~ '^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$'),
      opens_at time NOT NULL,
      closes_at time NOT NULL,
      valid_from date,
      valid_to date,
      timezone text,
      description text,
      CHECK (location_id IS NOT NULL OR service_at_location_id IS NOT NULL),
      CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
    );
    CREATE INDEX schedules_location_idx ON schedules (location_id);
    CREATE INDEX schedules_service_at_location_idx ON schedules (service_at_location_id);

    CREATE TABLE phones (
      id text PRIMARY KEY,
      location_id text REFERENCES locations(id) ON DELETE CASCADE,
      organization_id text REFERENCES organizations(id) ON DELETE CASCADE,
      service_id text REFERENCES services(id) ON DELETE CASCADE,
      number text NOT NULL,
      extension text,
      type text NOT NULL DEFAULT 'voice' CHECK (type IN ('voice', 'text', 'fax', 'cell', 'video', 'pager', 'textphone')),
      description text,
      ordinal integer NOT NULL DEFAULT 0
    );
    CREATE INDEX phones_location_idx ON phones (location_id);

    CREATE TABLE taxonomy_terms (
      id text PRIMARY KEY,
      kind text NOT NULL,
      code text NOT NULL,
      label_en text NOT NULL,
      label_es text NOT NULL,
      term_group text,
      UNIQUE (kind, code)
    );

    -- HSDS metadata: who changed what, from which value to which.
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      action text NOT NULL,
      field_name text,
      previous_value jsonb,
      new_value jsonb,
      source text,
      batch_id text,
      changed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP TABLE audit_log, taxonomy_terms, phones, schedules, service_at_location, services, locations, organizations;
  `).execute(db)
}
