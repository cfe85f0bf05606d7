/**
 * Nearest-site search in PostGIS. The index walk (KNN `<->`) orders by distance on the
 * sphere; results are then ordered by true ellipsoidal distance (ST_Distance with the
 * spheroid). Sphere and ellipsoid differ by under 0.75%, so a fetched candidate set is exact
 * once the last wanted result is nearer than 99.25% of the farthest candidate's sphere
 * distance; otherwise the walk is repeated with a larger candidate set.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database, SiteSearchRow } from '../db/schema.js'
import { makePoint, stDistance } from '../db/sql.js'
import { maskOf } from '../vocabulary.js'
import type { Cursor } from './cursor.js'
import type { SearchPlan } from './plan.js'
import type { SearchQuery } from './query.js'

/** Largest relative gap between sphere (KNN) and ellipsoid distance, with a margin. */
const SPHERE_ELLIPSOID_GAP = 0.0075
const MAX_ROUNDS = 4

/** A search row (without its geometry) and its ellipsoidal distance from the search centre. */
export type SiteHit = Omit<SiteSearchRow, 'geog'> & { distance_m: number }

interface Candidate extends SiteHit {
  knn_m: number
  via_term: number | null
}

const HIT_COLUMNS = sql.raw(`s.location_id, s.name, s.organization_name, s.address_1, s.address_2, s.city, s.region,
  s.postal_code, s.phone, s.latitude, s.longitude, s.geocode_precision, s.types, s.services, s.payment, s.populations,
  s.access, s.languages, s.timezone, s.hours, s.status, s.source, s.assured_date, s.demo, s.public_note, s.status_until,
  s.status_reason`)

/**
 * The filters as one boolean expression (all values bound) on the walked row: `s` (a
 * site_search row, of any status) or `f` (a site_facets row: active sites only, carrying the
 * same filter columns and the site's undated weekly hours). "Open" is a scalar sub-select,
 * not EXISTS, so Postgres cannot turn it into a join over all of site_hours; on a facet row
 * only sites with dated hours need it.
 */
function siteFilter(q: SearchQuery, point: RawBuilder<unknown>, after: Cursor | null, on: 's' | 'f'): RawBuilder<unknown> {
  const col = (column: string) => sql.ref(`${on}.${column}`)
  const parts: RawBuilder<unknown>[] = on === 's' ? [sql`s.status = 'active'`] : []
  const anyOf = (column: string, mask: number) => sql`(${col(column)} & ${mask}::int) <> 0`
  const allOf = (column: string, mask: number) => sql`(${col(column)} & ${mask}::int) = ${mask}::int`
  if (q.types.length) parts.push(anyOf('types', maskOf('types', q.types)))
  if (q.services.length) {
    const mask = maskOf('services', q.services)
    parts.push(q.match === 'all' ? allOf('services', mask) : anyOf('services', mask))
  }
  if (q.payment.length) parts.push(anyOf('payment', maskOf('payment', q.payment)))
  if (q.populations.length) parts.push(anyOf('populations', maskOf('populations', q.populations)))
  if (q.access.length) parts.push(allOf('access', maskOf('access', q.access)))
  if (q.languages.length) parts.push(sql`${col('languages')} && ${q.languages}::text[]`)
  if (q.excludeDemo) parts.push(sql`NOT ${col('demo')}`)
  if (q.openFilter) {
    const local = sql`(${q.at.toISOString()}::timestamptz AT TIME ZONE ${col('timezone')})`
    const minute = sql`hrl_minute_of_week(${local})`
    const probe = (valid: RawBuilder<unknown>) => sql`coalesce((SELECT true FROM site_hours h WHERE h.location_id = ${col('location_id')}
      AND ${valid} AND h.open_week @> ${minute} LIMIT 1), false)`
    const open =
      on === 's'
        ? probe(sql`(h.valid IS NULL OR h.valid @> ${local}::date)`)
        : sql`(coalesce(f.open_week @> ${minute}, false) OR (f.dated_hours AND ${probe(sql`h.valid @> ${local}::date`)}))`
    // No hours listed: a search row's hours are empty; a facet row has neither weekly nor dated hours.
    const unknown = on === 's' ? sql`jsonb_array_length(s.hours) = 0` : sql`(f.open_week IS NULL AND NOT f.dated_hours)`
    // A "today" post (live status) wins over the hours: -1 closed (not running, closing early), 1 open (open late).
    const at = sql`${q.at.toISOString()}::timestamptz`
    const today = sql`coalesce((SELECT CASE WHEN t.closed_during @> ${at} THEN -1 WHEN t.open_during @> ${at} THEN 1 ELSE 0 END
      FROM site_status t WHERE t.location_id = ${col('location_id')} AND t.topic = 'today'), 0)`
    parts.push(sql`(CASE ${today} WHEN -1 THEN false WHEN 1 THEN true ELSE ${q.includeUnknownHours ? sql`(${open} OR ${unknown})` : open} END)`)
  }
  parts.push(...liveFilters(q, col('location_id')))
  if (q.verifiedWithinDays !== null) {
    // "Today" is the site's own date, as the age class shown beside each result takes it.
    const since = sql`((${(q.now ?? q.at).toISOString()}::timestamptz AT TIME ZONE ${col('timezone')})::date - ${q.verifiedWithinDays}::int)`
    // A facet row carries no assured_date: one primary-key probe per walked row, as "open" does.
    parts.push(
      on === 's'
        ? sql`s.assured_date >= ${since}`
        : sql`coalesce((SELECT v.assured_date >= ${since} FROM site_search v WHERE v.location_id = f.location_id), false)`,
    )
  }
  if (q.hideStaleAfterDays) {
    // The verification date, or for a never-verified listing the day it was last imported, on the site's calendar.
    const since = sql`((${(q.now ?? q.at).toISOString()}::timestamptz AT TIME ZONE ${col('timezone')})::date - ${q.hideStaleAfterDays}::int)`
    const imported = (row: string) =>
      sql`(SELECT (l.imported_at AT TIME ZONE ${col('timezone')})::date FROM locations l WHERE l.id = ${sql.ref(`${row}.location_id`)})`
    parts.push(
      on === 's'
        ? sql`coalesce(s.assured_date, ${imported('s')}) >= ${since}`
        : sql`coalesce((SELECT coalesce(v.assured_date, ${imported('v')}) >= ${since} FROM site_search v WHERE v.location_id = f.location_id), false)`,
    )
  }
  if (after) {
    parts.push(sql`(${stDistance(col('geog'), point)}, ${col('location_id')}) > (${after.distanceM}::float8, ${after.id}::text)`)
  }
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`
}

/**
 * Live-status filters: the site has an unexpired post saying so. Such posts are few, so each
 * is a hashed set of site ids the walk probes, not a probe per walked row.
 */
function liveFilters(q: SearchQuery, siteId: RawBuilder<unknown>): RawBuilder<unknown>[] {
  const now = sql`${(q.now ?? q.at).toISOString()}::timestamptz`
  const posted = (topic: string, test: RawBuilder<unknown>) =>
    sql`${siteId} IN (SELECT t.location_id FROM site_status t WHERE t.topic = ${topic} AND t.expires_at > ${now} AND ${test})`
  const parts: RawBuilder<unknown>[] = []
  for (const supply of q.inStock ?? []) parts.push(posted(supply, sql`t.value IN ('"in_stock"'::jsonb, '"low"'::jsonb)`))
  if (q.acceptingNewPatients) parts.push(posted('accepting_new_patients', sql`t.value = '"yes"'::jsonb`))
  if (q.sameDayStart) parts.push(posted('same_day_start', sql`t.value = 'true'::jsonb`))
  if (q.bedsAvailable !== null && q.bedsAvailable !== undefined) {
    parts.push(posted('beds_available', sql`jsonb_typeof(t.value) = 'number' AND (t.value #>> '{}')::int >= ${q.bedsAvailable}::int`))
  }
  return parts
}

/**
 * The candidate query for k rows (exported so the benchmark times the very SQL the API runs).
 *
 * Each plan has exactly one index walk in nearest-first order that stops after k matches,
 * filtering each walked row in place (a facet row carries the filter columns), then reads the
 * k candidates' search rows.
 */
export function candidatesQuery(q: SearchQuery, plan: SearchPlan, after: Cursor | null, k: number) {
  const point = makePoint(q.lon, q.lat)
  const radius = sql`${q.radiusM}::float8`
  if (plan.kind === 'nearest') {
    return sql<Candidate>`
      SELECT ${HIT_COLUMNS}, ${stDistance('s.geog', point)} AS distance_m, s.geog <-> ${point} AS knn_m, NULL::int AS via_term
        FROM site_search s
       WHERE ST_DWithin(s.geog, ${point}, ${radius}) AND ${siteFilter(q, point, after, 's')}
       ORDER BY s.geog <-> ${point}
       LIMIT ${k}::int`
  }
  const filter = siteFilter(q, point, after, 'f')
  const walk = (term: RawBuilder<unknown>) => sql`
    SELECT f.location_id, f.geog <-> ${point} AS knn_m, f.term::int AS via_term
      FROM site_facets f
     WHERE f.term = ${term} AND ST_DWithin(f.geog, ${point}, ${radius}) AND ${filter}
     ORDER BY f.geog <-> ${point}
     LIMIT ${k}::int`
  // Any of several terms: the nearest k of each, merged (duplicates removed by the caller).
  const candidates =
    plan.terms.length === 1
      ? walk(sql`${plan.terms[0]}::smallint`)
      : sql`SELECT w.* FROM unnest(${plan.terms}::smallint[]) AS t(term) CROSS JOIN LATERAL (${walk(sql`t.term`)}) w`
  return sql<Candidate>`
    SELECT ${HIT_COLUMNS}, ${stDistance('s.geog', point)} AS distance_m, c.knn_m, c.via_term
      FROM (${candidates}) c
      JOIN site_search s ON s.location_id = c.location_id`
}

/** Candidates fetched in the first round for a page of `limit`. */
export function firstCandidateCount(limit: number): number {
  return limit + 1 + Math.max(8, Math.ceil((limit + 1) / 2))
}

function byDistance(a: SiteHit, b: SiteHit): number {
  return a.distance_m - b.distance_m || (a.location_id < b.location_id ? -1 : a.location_id > b.location_id ? 1 : 0)
}

/**
 * Sphere distance below which nothing was left unfetched, or Infinity when every match was
 * fetched (a branch that returned fewer than k rows is exhausted).
 */
function unfetchedBound(rows: Candidate[], k: number): number {
  const perBranch = new Map<number | null, { n: number; max: number }>()
  for (const r of rows) {
    const b = perBranch.get(r.via_term) ?? { n: 0, max: 0 }
    b.n++
    b.max = Math.max(b.max, r.knn_m)
    perBranch.set(r.via_term, b)
  }
  let bound = Infinity
  for (const b of perBranch.values()) if (b.n >= k) bound = Math.min(bound, b.max)
  return bound
}

/**
 * The `limit + 1` nearest matching sites after the cursor, in ellipsoidal distance order (the
 * extra one tells whether a next page exists).
 */
export async function findNearestSites(db: Kysely<Database>, q: SearchQuery, plan: SearchPlan, after: Cursor | null): Promise<SiteHit[]> {
  const wanted = q.limit + 1
  let k = firstCandidateCount(q.limit)
  let hits: Candidate[] = []
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { rows } = await candidatesQuery(q, plan, after, k).execute(db)
    const unique = new Map<string, Candidate>()
    for (const r of rows) unique.set(r.location_id, r)
    hits = [...unique.values()].sort(byDistance)
    const bound = unfetchedBound(rows, k)
    const last = hits[Math.min(wanted, hits.length) - 1]
    if (bound === Infinity || (last !== undefined && last.distance_m < bound * (1 - SPHERE_ELLIPSOID_GAP))) break
    k *= 4
  }
  return hits.slice(0, wanted).map(({ knn_m: _k, via_term: _v, ...hit }) => hit as SiteHit)
}
