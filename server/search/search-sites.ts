/**
 * The search use case: where (coordinates or a typed place), what (filters), when (open
 * now/at), which page — validated, planned and run.
 */
import type { Kysely } from 'kysely'
import { DEFAULT_LIMIT, type SearchMeta, type SearchResponse } from '../../common/contract/search.js'
import { ApiError, ErrorCode, invalidField } from '../errors.js'
import type { Database } from '../db/schema.js'
import { resolvePlace, type GeocodeAnswer, type Geocoder, type Place } from '../geocode/geocoder.js'
import { decodeCursor, encodeCursor, searchFingerprint, type Cursor } from './cursor.js'
import type { FacetStatsCache } from './facet-stats.js'
import { planSearch, type SearchPlan } from './plan.js'
import { jsonPresenter, presenter } from './present.js'
import { parseFilters, parseInstant, parseRadius, type SearchFields, type SearchQuery } from './query.js'
import { findNearestSites, realSitesExist, type SiteHit, type UnknownHoursCount } from './repository.js'
import { liveStatusFromRows, type LiveStatus } from '../sites/live-status.js'

export interface SearchDeps {
  db: Kysely<Database>
  geocoder: Geocoder
  facetStats: FacetStatsCache
  /** STALE_HIDE_AFTER_DAYS: stale listings are left out unless the search says include_stale (null: never). */
  staleHideAfterDays?: number | null
  now?: () => Date
}

const round3 = (x: number) => Math.round(x * 1000) / 1000

async function resolveOrigin(
  fields: SearchFields,
  geocoder: Geocoder,
): Promise<{ lat: number; lon: number; place: Place | null; answer: GeocodeAnswer | null }> {
  const hasLat = fields.lat !== undefined
  const hasLon = fields.lon !== undefined
  if (hasLat !== hasLon) throw invalidField(hasLat ? 'lon' : 'lat', `is required when ${hasLat ? 'lat' : 'lon'} is given`)
  if (hasLat && fields.near !== undefined) throw invalidField('near', 'cannot be given together with lat and lon')
  if (hasLat) return { lat: fields.lat as number, lon: fields.lon as number, place: null, answer: null }
  if (fields.near === undefined) throw invalidField('lat', 'and lon, or near (a ZIP code or place name), are required')
  const answer = await resolvePlace(geocoder, fields.near, 1)
  const [place] = answer.results
  if (!place) throw new ApiError(404, ErrorCode.PLACE_NOT_FOUND, `near: no US ZIP code or place matches "${fields.near.slice(0, 60)}"`)
  return { lat: place.lat, lon: place.lon, place, answer }
}

/** What the geocoder said about a typed place, for the answer's `origin` (nothing for coordinates). */
function geocodeMeta(origin: { place: Place | null; answer: GeocodeAnswer | null }) {
  if (!origin.place || !origin.answer) return {}
  const { notice, ambiguous, candidates } = origin.answer
  return { match: origin.place.match, notice, ambiguous, candidates }
}

/** One page found: its hits with their live posts, when it was judged, and what it says about itself. */
interface FoundPage {
  page: SiteHit[]
  live: Map<string, LiveStatus>
  at: Date
  now: Date
  meta: SearchMeta
}

/** Runs one search page; errors are ApiErrors naming the offending field. */
export async function searchSites(deps: SearchDeps, fields: SearchFields): Promise<SearchResponse> {
  const { page, live, at, now, meta } = await findPage(deps, fields)
  const present = presenter(at, now)
  return { results: page.map((hit) => present(hit, live.get(hit.location_id))), ...meta }
}

/**
 * searchSites' answer as JSON text, written from the stored cards (the API's JSON answer: no
 * result object is built and serialized). The same members as searchSites' answer.
 */
export async function searchSitesJson(deps: SearchDeps, fields: SearchFields): Promise<string> {
  const { page, live, at, now, meta } = await findPage(deps, fields)
  const present = jsonPresenter(at, now)
  let results = ''
  // Most answers carry no live post: no lookup per hit then.
  for (const hit of page) results += (results === '' ? '' : ',') + present(hit, live.size === 0 ? undefined : live.get(hit.location_id))
  return `{"results":[${results}],${JSON.stringify(meta).slice(1)}`
}

async function findPage(deps: SearchDeps, fields: SearchFields): Promise<FoundPage> {
  const filters = parseFilters(fields)
  const radiusM = parseRadius(fields)
  const origin = await resolveOrigin(fields, deps.geocoder)
  const openFilter = fields.open_now === true || fields.open_at !== undefined
  if (fields.include_unknown_hours === true && !openFilter) {
    throw invalidField('include_unknown_hours', 'only applies with open_now or open_at')
  }
  const includeUnknownHours = openFilter && fields.include_unknown_hours === true
  const hideStaleAfterDays = fields.include_stale === true ? null : (deps.staleHideAfterDays ?? null)
  const base = { ...filters, lat: origin.lat, lon: origin.lon, radiusM, openFilter, includeUnknownHours, excludeDemo: false, hideStaleAfterDays }
  const fingerprint = (excludeDemo: boolean) => searchFingerprint({ ...base, excludeDemo })
  // Demo sites are left out once real sites exist, unless asked for. A first page decides that
  // in its own statement; a later page keeps its first page's decision, which its fingerprint binds.
  let cursor: Cursor | null = null
  let excludeDemo: boolean | 'if-real-sites' = fields.include_demo === true ? false : 'if-real-sites'
  if (fields.cursor !== undefined) {
    const candidates = excludeDemo === false ? [fingerprint(false)] : [fingerprint(true), fingerprint(false)]
    const decoded = decodeCursor(fields.cursor, candidates)
    cursor = decoded
    excludeDemo = decoded.fingerprint === candidates[0] && excludeDemo !== false
  }
  const now = deps.now?.() ?? new Date()
  // A later page judges hours at the same instant as the first, so pages never disagree.
  const at = cursor ? new Date(cursor.at) : parseInstant(fields, now)
  const query: SearchQuery = { ...base, excludeDemo, at, now, limit: fields.limit ?? DEFAULT_LIMIT }

  const plan = planSearch(filters, await deps.facetStats.get())
  // An open filter's first page says how many of the nearest sites list no hours, counted in
  // the same statement (a search of its own only when that count was not exact, or no site is open).
  const withoutOpen = { ...query, openFilter: false, includeUnknownHours: false }
  const countUnknown = openFilter && !cursor
  const hits = await findNearestSites(deps.db, query, plan, cursor, { liveAt: now, ...(countUnknown ? { unknownHoursOf: { query: withoutOpen, plan } } : {}) })
  const hoursUnknown = !countUnknown ? null : (hits[0]?.hours_unknown ?? (await countUnknownHours(deps.db, withoutOpen, plan)))
  const demoExcluded = excludeDemo === 'if-real-sites' ? (hits[0]?.real_sites ?? (await realSitesExist(deps.db))) : excludeDemo
  const page = hits.length > query.limit ? hits.slice(0, query.limit) : hits
  const live = liveStatusFromRows(page.flatMap((hit) => hit.live ?? []))
  const last = page[page.length - 1]
  const next =
    hits.length > query.limit && last ? encodeCursor({ distanceM: last.distance_m, id: last.location_id, at: at.getTime() }, fingerprint(demoExcluded)) : null
  const meta: SearchMeta = {
    count: page.length,
    next_cursor: next,
    origin: {
      lat: round3(origin.lat),
      lon: round3(origin.lon),
      label: origin.place?.label ?? null,
      approximate: origin.place?.approximate ?? false,
      ...geocodeMeta(origin),
    },
    radius_m: Math.round(radiusM),
    at: at.toISOString(),
    demo_excluded: demoExcluded,
    hours_unknown: hoursUnknown,
  }
  return { page, live, at, now, meta }
}

/**
 * Of the sites nearest the centre that match the other filters (as many as a first page
 * holds), how many list no hours: "open now" cannot judge them, so the page can say so.
 */
async function countUnknownHours(db: Kysely<Database>, withoutOpen: SearchQuery, plan: SearchPlan): Promise<UnknownHoursCount> {
  const nearest = (await findNearestSites(db, withoutOpen, plan, null)).slice(0, withoutOpen.limit)
  return { nearest: nearest.length, unknown: nearest.filter((hit) => hit.hours.length === 0).length }
}
