/**
 * Turns search hits into API results: codes from bitmasks, open state from hours in the
 * site's timezone, distances in metres and miles; and results into GeoJSON.
 */
import type { SearchGeoJson, SearchMeta, SearchResult } from '../../common/contract/search.js'
import { pointGeometry } from '../../common/geojson.js'
import { siteToday, verificationAger, type VerificationAge } from '../../common/verification.js'
import { openState } from '../../common/schedule/hours.js'
import { withToday } from '../../common/schedule/live-today.js'
import { NO_LIVE_STATUS, type LiveStatus } from '../sites/live-status.js'
import { codesFromMask } from '../vocabulary.js'
import { MILE_M } from './query.js'
import type { SiteHit } from './repository.js'

/** One hit as an API result, judged open or closed at `at` (its "today" post on top), its verification aged on `now`'s date. */
export function presentHit(hit: SiteHit, at: Date, now: Date, live: LiveStatus = NO_LIVE_STATUS): SearchResult {
  return presenter(at, now)(hit, live)
}

/**
 * presentHit for the hits of one answer: a page's sites share a few timezones and
 * "today"s, so each site-local date and its month cut-offs are worked out once per answer.
 */
export function presenter(at: Date, now: Date): (hit: SiteHit, live?: LiveStatus) => SearchResult {
  const agers = new Map<string, ReturnType<typeof verificationAger>>()
  const ageOf = (assured: string | null, timezone: string) => {
    let ager = agers.get(timezone)
    if (ager === undefined) agers.set(timezone, (ager = verificationAger(siteToday(now, timezone))))
    return ager(assured)
  }
  return (hit, live = NO_LIVE_STATUS) => result(hit, at, ageOf(hit.assured_date, hit.timezone), live)
}

function result(hit: SiteHit, at: Date, age: VerificationAge, live: LiveStatus): SearchResult {
  const state = withToday(openState(hit.hours, hit.timezone, at), hit.hours, hit.timezone, at, live.today)
  return {
    id: hit.location_id,
    name: hit.name,
    organization_name: hit.organization_name,
    types: codesFromMask('types', hit.types),
    services: codesFromMask('services', hit.services),
    payment: codesFromMask('payment', hit.payment),
    populations: codesFromMask('populations', hit.populations),
    access: codesFromMask('access', hit.access),
    languages: hit.languages,
    address_1: hit.address_1,
    address_2: hit.address_2,
    city: hit.city,
    region: hit.region,
    postal_code: hit.postal_code,
    phone: hit.phone,
    lat: hit.latitude,
    lon: hit.longitude,
    location_precision: hit.geocode_precision,
    distance_m: Math.round(hit.distance_m * 10) / 10,
    distance_mi: Math.round((hit.distance_m / MILE_M) * 100) / 100,
    open_now: state.open,
    next_change: state.nextChange,
    timezone: hit.timezone,
    assured_date: hit.assured_date,
    verification: { assured_date: hit.assured_date, age },
    public_note: hit.public_note,
    status_until: hit.status_until,
    status_reason: hit.status_reason,
    status: hit.status,
    source: hit.source,
    demo: hit.demo,
    live_status: live.items,
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
