/**
 * Nearest-site search in PostGIS. The index walk (KNN `<->`) orders by distance on the
 * sphere; results are then ordered by true ellipsoidal distance (ST_Distance with the
 * spheroid), in SQL, and only the wanted rows leave the database. Sphere and ellipsoid differ
 * by under 0.75%, so a walked candidate set is exact once the last wanted result is nearer
 * than 99.25% of the farthest candidate's sphere distance (the query returns that bound);
 * otherwise the walk is repeated with a larger candidate set.
 *
 * The SQL text is assembled here directly (see candidatesQuery), not through Kysely's
 * builder: a search runs thousands of times a second, and building and compiling the same
 * shape on each was a measurable share of the API's CPU.
 */
import { CompiledQuery, type Kysely } from 'kysely'
import type { Database, HoursRule } from '../db/schema.js'
import type { StatusRow } from '../sites/live-status.js'
import type { Cursor } from './cursor.js'
import type { SearchPlan } from './plan.js'
import type { SearchQuery } from './query.js'
import { REAL_SITES_EXIST, siteFilter, Statement } from './search-filter.js'

/** Largest relative gap between sphere (KNN) and ellipsoid distance, with a margin. */
const SPHERE_ELLIPSOID_GAP = 0.0075
const MAX_ROUNDS = 4

/**
 * A walked site as a search reads it: its card (the result's search-independent members as
 * JSON text, see server/directory/search-card.ts), what the answer's per-search members are
 * worked out from, and its ellipsoidal distance from the search centre; with `live` asked
 * for, the site's unexpired posts (null: none); with excludeDemo 'if-real-sites', whether
 * real sites exist (the same on every row).
 */
export interface SiteHit {
  location_id: string
  card: string
  hours: HoursRule[]
  timezone: string
  assured_date: string | null
  distance_m: number
  live?: StatusRow[] | null
  real_sites?: boolean
  /** With unknownHoursOf: the count, or null when not exact. */
  hours_unknown?: UnknownHoursCount | null
}

/** A returned row: a hit (its hours still JSON text) plus the walk's bound (the same on every row; null when every match was walked). */
type Candidate = Omit<SiteHit, 'hours'> & { hours: string; bound_m: number | null }

/**
 * What else the rows carry: the unexpired posts at `liveAt` (the search's real now); with
 * `unknownHoursOf` (an open-now search without its open filter, plan and all), of its `limit`
 * nearest sites, how many list no hours — on every row, or null when that walk was not
 * exact (the caller then counts with a search of its own).
 */
export interface HitExtras {
  liveAt?: Date
  unknownHoursOf?: { query: SearchQuery; plan: SearchPlan }
}

/** Of a search's nearest sites, how many list no hours (what unknownHoursOf asks for). */
export type UnknownHoursCount = { nearest: number; unknown: number }

/** The extra output columns for a row whose site id is `id`. */
function extraColumns(st: Statement, q: SearchQuery, extras: HitExtras, id: string): string {
  let out = ''
  if (extras.liveAt) {
    const now = st.bind(extras.liveAt.toISOString(), 'timestamptz')
    out += `, (SELECT json_agg(json_build_object('location_id', t.location_id, 'topic', t.topic, 'value', t.value, 'posted_at', t.posted_at,
      'expires_at', t.expires_at, 'posted_by', t.posted_by, 'closed_from', lower(t.closed_during), 'closed_to', upper(t.closed_during),
      'open_from', lower(t.open_during), 'open_to', upper(t.open_during)))
      FROM site_status t WHERE t.location_id = ${id} AND t.expires_at > ${now}) AS live`
  }
  if (q.excludeDemo === 'if-real-sites') out += `, ${REAL_SITES_EXIST} AS real_sites`
  if (extras.unknownHoursOf) {
    // The same walk as that search's first page (an uncorrelated sub-select: run once per
    // statement), judged exact as findNearestSites judges it.
    const { query, plan } = extras.unknownHoursOf
    const inner = candidatesQuery(query, plan, null, firstCandidateCount(query.limit), query.limit)
    const gap = st.bind(1 - SPHERE_ELLIPSOID_GAP, 'float8')
    out += `, (SELECT CASE WHEN count(*) = 0 OR min(u.bound_m) IS NULL OR max(u.distance_m) < min(u.bound_m) * ${gap}
        THEN json_build_object('nearest', count(*), 'unknown', count(*) FILTER (WHERE u.hours = '[]')) END
        FROM (${st.embed(inner.sql, inner.parameters)}) u) AS hours_unknown`
  }
  return out
}

/** What a search reads of each site (hours as stored text: parsed once per distinct value, see parsedHours). */
const COLUMNS = ['location_id', 'card', 'timezone', 'assured_date']
const columns = (alias: string) => COLUMNS.map((c) => `${alias}.${c}`).join(', ') + `, ${alias}.hours`
const OF_CANDIDATE = columns('c')
const OF_SITE = COLUMNS.map((c) => `s.${c}`).join(', ') + ', s.hours_text AS hours'
/** Ties by id in byte order, as cursors compare them. */
const BY_DISTANCE = 'c.distance_m, (c.location_id COLLATE "C")'

/**
 * The candidate query for k walked rows, returning the `wanted` nearest on the ellipsoid with
 * the bound below which nothing was left unwalked (exported so the benchmark times the very
 * SQL the API runs).
 *
 * Each plan has exactly one index walk in nearest-first order that stops after k matches,
 * filtering each walked row in place (a facet row carries the filter columns). A branch that
 * walked fewer than k rows is exhausted; the bound is the nearest of the full branches' farthest rows.
 */
export function candidatesQuery(
  q: SearchQuery,
  plan: SearchPlan,
  after: Cursor | null,
  k: number,
  wanted: number,
  extras: HitExtras = {},
): CompiledQuery<Candidate> {
  const st = new Statement()
  const lon = st.bind(q.lon, 'float8')
  const lat = st.bind(q.lat, 'float8')
  const point = `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`
  const radius = st.bind(q.radiusM, 'float8')
  const kk = st.bind(k, 'int')
  const limit = st.bind(wanted, 'int')
  if (plan.kind === 'nearest') {
    const filter = siteFilter(st, q, point, after, 's')
    const text = `SELECT ${OF_CANDIDATE}, c.distance_m, c.bound_m${extraColumns(st, q, extras, 'c.location_id')} FROM (
  SELECT c.*, CASE WHEN count(*) OVER () >= ${kk} THEN max(c.knn_m) OVER () END AS bound_m FROM (
    SELECT ${OF_SITE}, ST_Distance(s.geog, ${point}, true) AS distance_m, s.geog <-> ${point} AS knn_m
      FROM site_search s
     WHERE ST_DWithin(s.geog, ${point}, ${radius}) AND ${filter}
     ORDER BY s.geog <-> ${point}
     LIMIT ${kk}) c) c
 ORDER BY ${BY_DISTANCE}
 LIMIT ${limit}`
    return CompiledQuery.raw(text, st.values) as CompiledQuery<Candidate>
  }
  // Facet rows carry the geography too: distances and the order come from them, and only the
  // wanted rows are joined to their search rows.
  const walk = (term: string, filter: string) => `
    SELECT f.location_id, ST_Distance(f.geog, ${point}, true) AS distance_m, f.geog <-> ${point} AS knn_m, f.term::int AS via_term
      FROM site_facets f
     WHERE f.term = ${term} AND ST_DWithin(f.geog, ${point}, ${radius}) AND ${filter}
     ORDER BY f.geog <-> ${point}
     LIMIT ${kk}`
  // Any of several terms: the nearest k of each, merged (a site found by two terms once).
  const candidates =
    plan.terms.length === 1
      ? walk(st.bind(plan.terms[0], 'smallint'), siteFilter(st, q, point, after, 'f'))
      : `SELECT w.* FROM unnest(${st.bind(plan.terms, 'smallint[]')}) AS t(term) CROSS JOIN LATERAL (${walk('t.term', siteFilter(st, q, point, after, 'f'))}) w`
  const text = `SELECT ${OF_SITE}, c.distance_m, c.bound_m${extraColumns(st, q, extras, 's.location_id')} FROM (
  SELECT DISTINCT ON (${BY_DISTANCE}) c.location_id, c.distance_m, c.bound_m FROM (
    SELECT c.*, min(CASE WHEN c.branch_n >= ${kk} THEN c.branch_max END) OVER () AS bound_m FROM (
      SELECT w.*, count(*) OVER (PARTITION BY w.via_term) AS branch_n, max(w.knn_m) OVER (PARTITION BY w.via_term) AS branch_max
        FROM (${candidates}) w) c) c
   ORDER BY ${BY_DISTANCE}
   LIMIT ${limit}) c
  JOIN site_search s ON s.location_id = c.location_id
 ORDER BY ${BY_DISTANCE}`
  return CompiledQuery.raw(text, st.values) as CompiledQuery<Candidate>
}

/**
 * Candidates walked in the first round for a page of `limit`: a quarter more than wanted (at
 * least 4). Each walked row costs the database about 5 µs (a heap fetch and an ellipsoidal
 * distance); at a million demo sites, 27 walked for 21 wanted needed a second round from 1 of
 * 300 centres, 24 from 5, 22 from 83 — and the 32 walked before cost 0.05 ms more per search.
 */
export function firstCandidateCount(limit: number): number {
  return limit + 1 + Math.max(4, Math.ceil((limit + 1) / 4))
}

/**
 * The `limit + 1` nearest matching sites after the cursor, in ellipsoidal distance order (the
 * extra one tells whether a next page exists). Each row also carries `bound_m`, which callers ignore.
 */
export async function findNearestSites(
  db: Kysely<Database>,
  q: SearchQuery,
  plan: SearchPlan,
  after: Cursor | null,
  extras: HitExtras = {},
): Promise<SiteHit[]> {
  const wanted = q.limit + 1
  let k = firstCandidateCount(q.limit)
  let rows: Candidate[] = []
  for (let round = 0; round < MAX_ROUNDS; round++) {
    rows = (await db.executeQuery(candidatesQuery(q, plan, after, k, wanted, extras))).rows
    const bound = rows[0]?.bound_m ?? null
    const last = rows[rows.length - 1]
    if (bound === null || (last !== undefined && last.distance_m < bound * (1 - SPHERE_ELLIPSOID_GAP))) break
    k *= 4
  }
  // In place (a copy per row was measurable); bound_m stays on the rows, unread.
  for (const row of rows) (row as unknown as SiteHit).hours = parsedHours(row.hours)
  return rows as unknown as SiteHit[]
}

/**
 * Hours as JSON text, parsed: sites share a few thousand distinct schedules ("Mon–Fri 9–5"),
 * so each is parsed once and the result shared (frozen, so no caller changes another's).
 */
function parsedHours(text: string): HoursRule[] {
  let hours = hoursCache.get(text)
  if (hours === undefined) {
    hours = deepFreeze(JSON.parse(text) as HoursRule[])
    if (hoursCache.size >= 20_000) hoursCache.clear()
    hoursCache.set(text, hours)
  }
  return hours
}
const hoursCache = new Map<string, HoursRule[]>()
const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

/** Whether the directory holds any active site that is not demo data (one probe of a partial index). */
export async function realSitesExist(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await db.executeQuery(CompiledQuery.raw(`SELECT ${REAL_SITES_EXIST} AS yes`) as CompiledQuery<{ yes: boolean }>)
  return rows[0]?.yes === true
}
