/**
 * Search with no signal: the same question POST /api/v1/search answers, answered from the
 * listings saved on the phone. Nearest first by true ellipsoidal distance (WGS 84 geodesics,
 * as PostGIS measures geography), the same filters, and open now judged from the stored hours
 * in each site's own timezone by the server's own schedule code (common/schedule/). Tested
 * against the server's answers in tests/offline-search.test.ts.
 *
 *   const page = searchSaved(sites, meta, { lat: 39.29, lon: -76.61, services: ['naloxone'], open_now: true }, new Date())
 */
import { Geodesic } from 'geographiclib-geodesic'
import type { LiveStatusItem } from '../../../common/contract/live-status.js'
import type { OfflineSite } from '../../../common/contract/offline-area.js'
import type { SearchFields, SearchResponse, SearchResult } from '../../../common/contract/search.js'
import { openState } from '../../../common/schedule/hours.js'
import { withToday } from '../../../common/schedule/live-today.js'
import { addDays } from '../../../common/schedule/zoned.js'
import { siteToday, verificationAge } from '../../../common/verification.js'

const MILE_M = 1609.344
const DEFAULT_RADIUS_MI = 50
const DEFAULT_LIMIT = 20
/** The sphere is at most 0.75% off the ellipsoid: a cheap bound before the geodesic. */
const SPHERE_SLACK = 1.0075
const EARTH_R = 6_371_008.8

/** What the saved listings were downloaded with (the server's settings at the time). */
export interface SavedMeta {
  realSitesExist: boolean
  staleHideAfterDays: number | null
}

/** An offline answer: the API's shape, and whether every match could be in the saved area. */
export interface SavedSearchResponse extends SearchResponse {
  /** False when the search circle reaches past the saved area far enough to hide a nearer site. */
  complete: boolean
}

/** A search the saved listings cannot answer (a typed place with no saved match). */
export class OfflineSearchError extends Error {
  constructor(readonly code: 'PLACE_NOT_FOUND' | 'INVALID_FIELD') {
    super(code)
  }
}

const codes = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : value.split(',')).map((c) => c.trim()).filter(Boolean)

function sphereM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLon = (lon2 - lon1) * rad
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_R * Math.asin(Math.min(1, Math.sqrt(a)))
}

/** Metres along the WGS 84 ellipsoid, as ST_Distance on geography gives them. */
export function geodesicM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE).s12 as number
}

interface Filters {
  types: string[]
  services: string[]
  matchAll: boolean
  payment: string[]
  populations: string[]
  access: string[]
  languages: string[]
  inStock: string[]
  acceptingNewPatients: boolean
  sameDayStart: boolean
  bedsAvailable: number | null
  verifiedWithinDays: number | null
  hideStaleAfterDays: number | null
  excludeDemo: boolean
}

function filtersOf(fields: SearchFields, meta: SavedMeta): Filters {
  return {
    types: codes(fields.types),
    services: codes(fields.services),
    matchAll: fields.match !== 'any',
    payment: codes(fields.payment),
    populations: codes(fields.populations),
    access: codes(fields.access),
    languages: codes(fields.languages),
    inStock: codes(fields.in_stock),
    acceptingNewPatients: fields.accepting_new_patients === true,
    sameDayStart: fields.same_day_start === true,
    bedsAvailable: fields.beds_available ?? null,
    verifiedWithinDays: fields.verified_within_days ?? null,
    hideStaleAfterDays: fields.include_stale === true ? null : meta.staleHideAfterDays,
    excludeDemo: fields.include_demo !== true && meta.realSitesExist,
  }
}

const anyOf = (have: readonly string[], wanted: readonly string[]) => wanted.length === 0 || wanted.some((c) => have.includes(c))
const allOf = (have: readonly string[], wanted: readonly string[]) => wanted.every((c) => have.includes(c))

/** The unexpired live posts of a site at `now`. */
export function liveItems(site: OfflineSite, now: Date): LiveStatusItem[] {
  const t = now.getTime()
  return site.live_status.filter((item) => Date.parse(item.expires_at) > t)
}

function liveMatches(items: LiveStatusItem[], f: Filters): boolean {
  const has = (topic: string, test: (v: LiveStatusItem['value']) => boolean) => items.some((i) => i.topic === topic && test(i.value))
  if (!f.inStock.every((supply) => has(supply, (v) => v === 'in_stock' || v === 'low'))) return false
  if (f.acceptingNewPatients && !has('accepting_new_patients', (v) => v === 'yes')) return false
  if (f.sameDayStart && !has('same_day_start', (v) => v === true)) return false
  const beds = f.bedsAvailable
  if (beds !== null && !has('beds_available', (v) => typeof v === 'number' && v >= beds)) return false
  return true
}

function matches(site: OfflineSite, f: Filters, now: Date): boolean {
  if (site.status !== 'active') return false
  if (!anyOf(site.types, f.types)) return false
  if (f.services.length && !(f.matchAll ? allOf(site.services, f.services) : anyOf(site.services, f.services))) return false
  if (!anyOf(site.payment, f.payment) || !anyOf(site.populations, f.populations) || !allOf(site.access, f.access)) return false
  if (!anyOf(site.languages, f.languages)) return false
  if (f.excludeDemo && site.demo) return false
  if (!liveMatches(liveItems(site, now), f)) return false
  if (f.verifiedWithinDays !== null) {
    const since = addDays(siteToday(now, site.timezone), -f.verifiedWithinDays)
    if (site.assured_date === null || site.assured_date < since) return false
  }
  if (f.hideStaleAfterDays) {
    if (site.freshness_date < addDays(siteToday(now, site.timezone), -f.hideStaleAfterDays)) return false
  }
  return true
}

/** The open state at `at`: the hours, with a "today" post on top (as the server's presentHit judges it). */
function stateAt(site: OfflineSite, at: Date) {
  return withToday(openState(site.hours, site.timezone, at), site.hours, site.timezone, at, site.today)
}

function radiusOf(fields: SearchFields): number {
  if (fields.radius_mi !== undefined && fields.radius_km !== undefined) throw new OfflineSearchError('INVALID_FIELD')
  if (fields.radius_km !== undefined) return fields.radius_km * 1000
  return (fields.radius_mi ?? DEFAULT_RADIUS_MI) * MILE_M
}

interface Hit {
  site: OfflineSite
  distanceM: number
}

const byDistance = (a: Hit, b: Hit) => a.distanceM - b.distanceM || (a.site.id < b.site.id ? -1 : a.site.id > b.site.id ? 1 : 0)

/** Offline cursors: the last result's distance and id, and the instant hours were judged at. */
function encodeCursor(hit: Hit, at: Date): string {
  return `offline:${btoa(JSON.stringify([hit.distanceM, hit.site.id, at.getTime()]))}`
}
function decodeCursor(text: string): { distanceM: number; id: string; at: number } {
  try {
    const [distanceM, id, at] = JSON.parse(atob(text.replace(/^offline:/, ''))) as [number, string, number]
    if (typeof distanceM === 'number' && typeof id === 'string' && typeof at === 'number') return { distanceM, id, at }
  } catch {}
  throw new OfflineSearchError('INVALID_FIELD')
}

function present(hit: Hit, at: Date, now: Date): SearchResult {
  const { site } = hit
  const state = stateAt(site, at)
  return {
    id: site.id,
    name: site.name,
    organization_name: site.organization_name,
    types: site.types,
    services: site.services,
    payment: site.payment,
    populations: site.populations,
    access: site.access,
    languages: site.languages,
    address_1: site.address_1,
    address_2: site.address_2,
    city: site.city,
    region: site.region,
    postal_code: site.postal_code,
    phone: site.phone,
    lat: site.lat,
    lon: site.lon,
    location_precision: site.location_precision,
    distance_m: Math.round(hit.distanceM * 10) / 10,
    distance_mi: Math.round((hit.distanceM / MILE_M) * 100) / 100,
    open_now: state.open,
    next_change: state.nextChange,
    timezone: site.timezone,
    assured_date: site.assured_date,
    verification: { assured_date: site.assured_date, age: verificationAge(site.assured_date, siteToday(now, site.timezone)) },
    public_note: site.public_note,
    status_until: site.status_until,
    status_reason: site.status_reason,
    status: site.status,
    source: site.source,
    demo: site.demo,
    live_status: liveItems(site, now),
  }
}

/** Metres from a point to the nearest edge of a box, never more than the truth (so "complete" is never claimed wrongly). */
export function distanceToEdgeM(lat: number, lon: number, [w, s, e, n]: readonly [number, number, number, number]): number {
  if (lon < w || lon > e || lat < s || lat > n) return 0
  const mPerDegLat = 110_574
  const widestLat = Math.max(Math.abs(s), Math.abs(n))
  const mPerDegLon = 111_320 * Math.cos((widestLat * Math.PI) / 180)
  return 0.99 * Math.min((lat - s) * mPerDegLat, (n - lat) * mPerDegLat, (lon - w) * mPerDegLon, (e - lon) * mPerDegLon)
}

/**
 * One page of the nearest saved sites matching `fields` (lat/lon only: a typed place is
 * resolved by the caller), judged open at `open_at`, the cursor's instant, or `now`.
 * `boxes` are the saved areas: the answer is complete when the farthest result needed lies
 * nearer than the area's edge.
 */
export function searchSaved(
  sites: readonly OfflineSite[],
  meta: SavedMeta,
  fields: SearchFields,
  now: Date,
  boxes: readonly (readonly [number, number, number, number])[] = [],
): SavedSearchResponse {
  const { lat, lon } = fields
  if (lat === undefined || lon === undefined) throw new OfflineSearchError('INVALID_FIELD')
  const radiusM = radiusOf(fields)
  const f = filtersOf(fields, meta)
  const openFilter = fields.open_now === true || fields.open_at !== undefined
  const includeUnknown = openFilter && fields.include_unknown_hours === true
  const cursor = fields.cursor !== undefined ? decodeCursor(fields.cursor) : null
  const at = cursor ? new Date(cursor.at) : fields.open_at !== undefined ? new Date(fields.open_at) : now
  const limit = fields.limit ?? DEFAULT_LIMIT

  const inReach: Hit[] = []
  for (const site of sites) {
    if (sphereM(lat, lon, site.lat, site.lon) > radiusM * SPHERE_SLACK) continue
    if (!matches(site, f, now)) continue
    const distanceM = geodesicM(lat, lon, site.lat, site.lon)
    if (distanceM <= radiusM) inReach.push({ site, distanceM })
  }
  inReach.sort(byDistance)
  const isOpen = (hit: Hit) => {
    const state = stateAt(hit.site, at)
    return state.open === true || (includeUnknown && hit.site.hours.length === 0 && state.open === null)
  }
  const after = cursor ? inReach.filter((h) => h.distanceM > cursor.distanceM || (h.distanceM === cursor.distanceM && h.site.id > cursor.id)) : inReach
  const wanted = (openFilter ? after.filter(isOpen) : after).slice(0, limit + 1)
  const page = wanted.slice(0, limit)
  const last = page[page.length - 1]
  const hoursUnknown = openFilter && !cursor ? inReach.slice(0, limit) : null
  const edge = Math.max(0, ...boxes.map((box) => distanceToEdgeM(lat, lon, box)))
  const reach = wanted.length > limit ? (wanted[limit] as Hit).distanceM : radiusM
  return {
    results: page.map((hit) => present(hit, at, now)),
    count: page.length,
    next_cursor: wanted.length > limit && last ? encodeCursor(last, at) : null,
    origin: { lat: Math.round(lat * 1000) / 1000, lon: Math.round(lon * 1000) / 1000, label: null, approximate: false },
    radius_m: Math.round(radiusM),
    at: at.toISOString(),
    demo_excluded: f.excludeDemo,
    hours_unknown: hoursUnknown ? { nearest: hoursUnknown.length, unknown: hoursUnknown.filter((h) => h.site.hours.length === 0).length } : null,
    complete: reach <= edge,
  }
}
