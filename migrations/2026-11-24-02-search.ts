/**
 * Derived search tables, rebuilt from the directory tables (never edited by hand):
 * - site_search: one row per location with filter bitmasks and a compact copy of its hours;
 * - site_facets: one row per (filter term, active location) with a composite GiST index, so
 *   "nearest with a rare service" walks only that service's points;
 * - site_hours: weekly opening minutes as multiranges, so "open now" is one containment test.
 */
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE site_search (
      location_id text PRIMARY KEY,
      organization_id text NOT NULL,
      name text NOT NULL,
      organization_name text NOT NULL,
      address_1 text,
      address_2 text,
      city text,
      region text,
      postal_code text,
      phone text,
      latitude double precision NOT NULL,
      longitude double precision NOT NULL,
      geog geography(Point, 4326) NOT NULL,
      geocode_precision text NOT NULL,
      types integer NOT NULL,
      services integer NOT NULL,
      payment integer NOT NULL,
      populations integer NOT NULL,
      access integer NOT NULL,
      languages text[] NOT NULL,
      timezone text NOT NULL,
      hours jsonb NOT NULL,
      status text NOT NULL,
      source text NOT NULL,
      assured_date date,
      demo boolean NOT NULL
    );
    CREATE INDEX site_search_geog_active_idx ON site_search USING gist (geog) WHERE status = 'active';

    CREATE TABLE site_facets (
      term smallint NOT NULL,
      location_id text NOT NULL,
      geog geography(Point, 4326) NOT NULL
    );
    CREATE INDEX site_facets_term_geog_idx ON site_facets USING gist (term, geog);

    CREATE TABLE site_facet_counts (
      term smallint PRIMARY KEY,
      sites integer NOT NULL
    );

    CREATE TABLE site_hours (
      location_id text NOT NULL,
      valid daterange,
      open_week int4multirange NOT NULL
    );
    CREATE INDEX site_hours_location_idx ON site_hours (location_id);

    -- Minutes since Monday 00:00 of a local wall-clock time.
    CREATE FUNCTION hrl_minute_of_week(ts timestamp) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN ((extract(isodow FROM ts)::integer - 1) * 1440
        + extract(hour FROM ts)::integer * 60 + extract(minute FROM ts)::integer);

    -- Bit mask of the codes' positions in a vocabulary list (unknown codes add nothing).
    CREATE FUNCTION hrl_mask(codes text[], vocabulary text[]) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN coalesce((SELECT bit_or(1 << (array_position(vocabulary, c) - 1))
                         FROM unnest(codes) AS c WHERE array_position(vocabulary, c) IS NOT NULL), 0);

    -- Weekly minutes covered by one rule; hours past midnight spill into the next day.
    CREATE FUNCTION hrl_week_ranges(byday text, opens time, closes time) RETURNS int4multirange
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      BEGIN ATOMIC
        SELECT coalesce(range_agg(r), '{}'::int4multirange) FROM (
          SELECT int4range(d * 1440 + o, d * 1440 + CASE WHEN c > o THEN c ELSE 1440 END) AS r
            FROM (SELECT array_position(ARRAY['MO','TU','WE','TH','FR','SA','SU'], day) - 1 AS d,
                         (extract(epoch FROM opens) / 60)::integer AS o,
                         (extract(epoch FROM closes) / 60)::integer AS c
                    FROM unnest(string_to_array(byday, ',')) AS day) days
          UNION ALL
          SELECT int4range(((d + 1) % 7) * 1440, ((d + 1) % 7) * 1440 + c)
            FROM (SELECT array_position(ARRAY['MO','TU','WE','TH','FR','SA','SU'], day) - 1 AS d,
                         (extract(epoch FROM opens) / 60)::integer AS o,
                         (extract(epoch FROM closes) / 60)::integer AS c
                    FROM unnest(string_to_array(byday, ',')) AS day) days
           WHERE c < o AND c > 0
        ) spans;
      END;
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    DROP FUNCTION hrl_week_ranges(text, time, time);
    DROP FUNCTION hrl_mask(text[], text[]);
    DROP FUNCTION hrl_minute_of_week(timestamp);
    DROP TABLE site_hours, site_facet_counts, site_facets, site_search;
  `).execute(db)
}
