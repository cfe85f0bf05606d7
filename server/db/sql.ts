/**
 * Small typed SQL helpers for PostGIS, so spatial expressions are written once.
 */
import { sql, type RawBuilder } from 'kysely'

/** A geography point from longitude and latitude (bound parameters). */
export function makePoint(lon: number, lat: number): RawBuilder<unknown> {
  return sql`ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)::geography`
}

/** Ellipsoidal (WGS 84) distance in metres between two geographies. */
export function stDistance(a: RawBuilder<unknown> | string, b: RawBuilder<unknown>): RawBuilder<number> {
  const left = typeof a === 'string' ? sql.ref(a) : a
  return sql<number>`ST_Distance(${left}, ${b}, true)`
}
