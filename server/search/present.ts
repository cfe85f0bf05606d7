/**
 * Turns search hits into API results: the stored card plus open state from hours in the
 * site's timezone, distances in metres and miles and the verification's age; as objects or
 * straight to JSON text; and results into GeoJSON.
 */
import type { SearchGeoJson, SearchMeta, SearchResult } from '../../common/contract/search.js'
import { pointGeometry } from '../../common/geojson.js'
import { siteToday, verificationAger, type VerificationAge } from '../../common/verification.js'
import { openState } from '../../common/schedule/hours.js'
import { withToday } from '../../common/schedule/live-today.js'
import { NO_LIVE_STATUS, type LiveStatus } from '../sites/live-status.js'
import { MILE_M } from './query.js'
import type { SiteHit } from './repository.js'

/** One hit as an API result, judged open or closed at `at` (its "today" post on top), its verification aged on `now`'s date. */
export function presentHit(hit: SiteHit, at: Date, now: Date, live: LiveStatus = NO_LIVE_STATUS): SearchResult {
  return presenter(at, now)(hit, live)
}

/** The members of a result that depend on the search: where from, when, and what was posted. */
interface PerSearch {
  distance_m: number
  distance_mi: number
  open_now: boolean | null
  next_change: string | null
  verification: { assured_date: string | null; age: VerificationAge }
  live_status: LiveStatus['items']
}

/**
 * The per-search members of the hits of one answer: a page's sites share a few timezones and
 * "today"s, so each site-local date and its month cut-offs are worked out once per answer.
 */
function perSearch(at: Date, now: Date): (hit: SiteHit, live: LiveStatus) => PerSearch {
  const agers = new Map<string, ReturnType<typeof verificationAger>>()
  const ageOf = (assured: string | null, timezone: string) => {
    let ager = agers.get(timezone)
    if (ager === undefined) agers.set(timezone, (ager = verificationAger(siteToday(now, timezone))))
    return ager(assured)
  }
  return (hit, live) => {
    const state = withToday(openState(hit.hours, hit.timezone, at), hit.hours, hit.timezone, at, live.today)
    return {
      distance_m: Math.round(hit.distance_m * 10) / 10,
      distance_mi: Math.round((hit.distance_m / MILE_M) * 100) / 100,
      open_now: state.open,
      next_change: state.nextChange,
      verification: { assured_date: hit.assured_date, age: ageOf(hit.assured_date, hit.timezone) },
      live_status: live.items,
    }
  }
}

/** presentHit for the hits of one answer (see perSearch). */
export function presenter(at: Date, now: Date): (hit: SiteHit, live?: LiveStatus) => SearchResult {
  const members = perSearch(at, now)
  return (hit, live = NO_LIVE_STATUS) => ({ ...(JSON.parse(`{${hit.card}}`) as CardMembers), ...members(hit, live) })
}

/** The card's members (search-card.ts): a result without its per-search members. */
type CardMembers = Omit<SearchResult, keyof PerSearch>

/**
 * The hits of one answer as the JSON text of their results: the card as stored, then the
 * per-search members, each written here (no object per result is built or serialized).
 */
export function jsonPresenter(at: Date, now: Date): (hit: SiteHit, live?: LiveStatus) => string {
  const members = perSearch(at, now)
  return (hit, live = NO_LIVE_STATUS) => {
    const m = members(hit, live)
    const v = m.verification
    return (
      `{${hit.card},"distance_m":${m.distance_m},"distance_mi":${m.distance_mi},"open_now":${m.open_now}` +
      `,"next_change":${m.next_change === null ? 'null' : JSON.stringify(m.next_change)}` +
      `,"verification":{"assured_date":${v.assured_date === null ? 'null' : JSON.stringify(v.assured_date)},"age":"${v.age}"}` +
      `,"live_status":${m.live_status.length === 0 ? '[]' : JSON.stringify(m.live_status)}}`
    )
  }
}

/** Results as a GeoJSON FeatureCollection ([lon, lat]); the page-level fields go in `meta`. */
export function toFeatureCollection(results: SearchResult[], meta: SearchMeta): SearchGeoJson {
  return {
    type: 'FeatureCollection' as const,
    features: results.map(({ lat, lon, ...properties }) => ({
      type: 'Feature' as const,
      id: properties.id,
      geometry: pointGeometry(lat, lon),
      properties,
    })),
    meta,
  }
}
