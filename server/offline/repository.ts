/**
 * The rows of an offline area: every active site in a box, from the search table (what search
 * filters and shows) with the location's website and import day. Bounded by the box's index.
 */
import { sql } from 'kysely'
import type { Db, SiteSearchRow } from '../db/schema.js'

/** A box in degrees: west, south, east, north (west > east crosses the antimeridian, which no US box does; refused upstream). */
export type Bbox = [number, number, number, number]

/** A search row (without its geometry), with the location's website and the day its freshness is judged on. */
export type AreaRow = Omit<SiteSearchRow, 'geog' | 'card' | 'hours_text'> & { website: string | null; freshness_date: string }

const envelope = ([w, s, e, n]: Bbox) => sql`ST_MakeEnvelope(${w}::float8, ${s}::float8, ${e}::float8, ${n}::float8, 4326)::geography`

/** The active sites inside the box, nearest the box's south-west corner first (a stable order). */
export async function sitesInBox(db: Db, box: Bbox, limit: number): Promise<AreaRow[]> {
  const { rows } = await sql<AreaRow>`
    SELECT s.location_id, s.name, s.organization_name, s.address_1, s.address_2, s.city, s.region, s.postal_code,
           s.phone, l.website, s.latitude, s.longitude, s.geocode_precision, s.types, s.services, s.payment,
           s.populations, s.access, s.languages, s.timezone, s.hours, s.status, s.source, s.assured_date,
           coalesce(s.assured_date, (l.imported_at AT TIME ZONE s.timezone)::date)::text AS freshness_date,
           s.demo, s.public_note, s.status_until, s.status_reason
      FROM site_search s
      JOIN locations l ON l.id = s.location_id
     WHERE s.status = 'active' AND s.geog && ${envelope(box)}
       AND s.longitude BETWEEN ${box[0]}::float8 AND ${box[2]}::float8
       AND s.latitude BETWEEN ${box[1]}::float8 AND ${box[3]}::float8
     ORDER BY s.location_id
     LIMIT ${limit}::int`.execute(db)
  return rows
}

/** How many active sites the box holds and about how many bytes their stored records take. */
export async function sizeOfBox(db: Db, box: Bbox): Promise<{ sites: number; bytes: number }> {
  const { rows } = await sql<{ sites: number; bytes: number | null }>`
    SELECT count(*)::int AS sites, sum(octet_length(s.hours::text) + octet_length(s.name) + octet_length(s.organization_name)
           + coalesce(octet_length(s.address_1), 0) + coalesce(octet_length(s.city), 0) + coalesce(octet_length(s.public_note), 0))::float8 AS bytes
      FROM site_search s
     WHERE s.status = 'active' AND s.geog && ${envelope(box)}
       AND s.longitude BETWEEN ${box[0]}::float8 AND ${box[2]}::float8
       AND s.latitude BETWEEN ${box[1]}::float8 AND ${box[3]}::float8`.execute(db)
  const row = rows[0] ?? { sites: 0, bytes: 0 }
  return { sites: row.sites, bytes: row.bytes ?? 0 }
}

/** Whether any active site is not demo data (as search asks it: the predicate written out for the partial index). */
export async function realSitesExist(db: Db): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM site_search WHERE status = 'active' AND NOT demo LIMIT 1`.execute(db)
  return rows.length > 0
}
