/**
 * Offline geocoding of US ZIP codes, place names and neighbourhoods. ZIP codes and "City, ST"
 * come from the `zipcodes` package's ZIP centroids: a place is the median of its ZIP
 * centroids (a few ZIP records sit far from their city, which would drag a mean). Towns
 * without a ZIP of their own, neighbourhoods, and the populations that order places sharing
 * a name come from GeoNames (cities.ts), loaded the first time a name needs them.
 *
 * A bare name that fits several places is ambiguous unless the largest is at least 10 times
 * the size of the next one more than 50 km away (see `isAmbiguous`): "Springfield" and
 * "Portland" (OR 632k, ME 67k) ask which; "Chicago", "Baltimore" and "Kansas City" do not.
 */
import { createRequire } from 'node:module'
import { cityIndex, distanceKm, type CityRow } from './cities.js'
import { looksLikeStreetAddress, type GeocodeAnswer, type Geocoder, type Place } from './geocoder.js'
import { normalizePlace } from './normalize.js'

export { normalizePlace }

interface ZipRow {
  zip: string
  latitude: number
  longitude: number
  city: string
  state: string
}
interface PlaceEntry {
  city: string
  state: string
  lat: number
  lon: number
  zips: number
}

const require = createRequire(import.meta.url)
const STATES = (require('zipcodes/lib/states.js') as { full: Record<string, string> }).full
const STATE_CODES = new Set(Object.values(STATES))

/** A bare name is settled when the largest place is this many times the next one. */
export const CLEAR_WINNER_RATIO = 10
/** Places this close to the largest are the same area (Kansas City, MO and KS), not rivals. */
const SAME_AREA_KM = 50
/** Candidates offered for an ambiguous name. */
const MAX_CANDIDATES = 8
/** A neighbourhood named with its city ("Boyle Heights, Los Angeles") lies this close to it. */
const CONTEXT_KM = 40

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase())
}

class OfflineIndex {
  readonly byZip = new Map<string, ZipRow>()
  readonly byCityState = new Map<string, PlaceEntry>()
  readonly byCity = new Map<string, PlaceEntry[]>()

  constructor() {
    const codes = (require('zipcodes/lib/codes.js') as { codes: Record<string, ZipRow> }).codes
    const groups = new Map<string, { city: string; state: string; lats: number[]; lons: number[] }>()
    for (const row of Object.values(codes)) {
      if (!Number.isFinite(row.latitude) || (row.latitude === 0 && row.longitude === 0)) continue
      this.byZip.set(row.zip, row)
      const key = `${normalizePlace(row.city)}|${row.state}`
      const g = groups.get(key) ?? { city: titleCase(row.city), state: row.state, lats: [], lons: [] }
      g.lats.push(row.latitude)
      g.lons.push(row.longitude)
      groups.set(key, g)
    }
    for (const [key, g] of groups) {
      const entry = { city: g.city, state: g.state, lat: median(g.lats), lon: median(g.lons), zips: g.lats.length }
      this.byCityState.set(key, entry)
      const city = key.split('|')[0] as string
      const list = this.byCity.get(city) ?? []
      list.push(entry)
      this.byCity.set(city, list)
    }
  }
}

let index: OfflineIndex | null = null
function getIndex(): OfflineIndex {
  index ??= new OfflineIndex()
  return index
}

function zipPlace(row: ZipRow): Place {
  return {
    label: `ZIP ${row.zip}, ${titleCase(row.city)}, ${row.state}`,
    lat: row.latitude,
    lon: row.longitude,
    kind: 'zip',
    match: 'zip',
    approximate: true,
    postalCode: row.zip,
    region: row.state,
  }
}

function placeOf(entry: PlaceEntry, population?: number): Place {
  return {
    label: `${entry.city}, ${entry.state}`,
    lat: entry.lat,
    lon: entry.lon,
    kind: 'place',
    match: 'place',
    approximate: true,
    region: entry.state,
    zips: entry.zips,
    ...(population ? { population } : {}),
  }
}

/** A GeoNames town or neighbourhood; a neighbourhood names its city when one is near. */
function cityPlace(row: CityRow): Place {
  const match = row.neighbourhood ? 'neighbourhood' : 'place'
  const parent = row.neighbourhood ? cityIndex().parentOf(row) : null
  const label = parent ? `${row.name}, ${parent.name}, ${row.state}` : `${row.name}, ${row.state}`
  return {
    label,
    lat: row.lat,
    lon: row.lon,
    kind: match,
    match,
    approximate: true,
    region: row.state,
    population: row.population,
    ...(parent ? { parent: `${parent.name}, ${parent.state}` } : {}),
  }
}

/** How big a place is, to order namesakes: its population, or 1,000 a ZIP when GeoNames does not list it. */
const sizeOf = (p: Place) => p.population ?? (p.zips ?? 0) * 1000

/** Every place called `name` (normalized), largest first: ZIP-table places with their populations, then GeoNames-only towns and neighbourhoods. */
function namesakes(name: string): Place[] {
  const rows = cityIndex().byName.get(name) ?? []
  const fromZips = (getIndex().byCity.get(name) ?? []).map((entry) =>
    placeOf(entry, (rows.find((r) => r.state === entry.state && !r.neighbourhood) ?? rows.find((r) => r.state === entry.state))?.population),
  )
  const covered = new Set(fromZips.map((p) => p.region))
  const others: Place[] = []
  for (const row of rows) {
    if (covered.has(row.state)) continue
    covered.add(row.state)
    others.push(cityPlace(row))
  }
  return [...fromZips, ...others].sort((a, b) => sizeOf(b) - sizeOf(a) || (b.zips ?? 0) - (a.zips ?? 0) || (a.region ?? '').localeCompare(b.region ?? ''))
}

/**
 * Whether a person typing a bare name could mean more than one of `places` (largest first):
 * yes unless the largest is at least 10 times the next one that is more than 50 km away.
 * Example: Springfield (MO 167k, MA 154k) → true; Chicago → false; Portland (OR 632k, ME 67k) → true.
 */
export function isAmbiguous(places: readonly Place[]): boolean {
  const [top, ...rest] = places
  if (!top) return false
  const rival = rest.find((p) => distanceKm(p, top) > SAME_AREA_KM)
  if (!rival) return false
  return sizeOf(top) < CLEAR_WINNER_RATIO * Math.max(sizeOf(rival), 1)
}

/** Splits "baltimore md" / "baltimore maryland" into city and state code, if the tail is a state. */
function splitState(text: string): { city: string; state: string } | null {
  const words = text.split(' ')
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const tail = words.slice(-n).join(' ')
    const code = tail.length === 2 && STATE_CODES.has(tail.toUpperCase()) ? tail.toUpperCase() : STATES[tail.toUpperCase()]
    if (code) return { city: words.slice(0, -n).join(' '), state: code }
  }
  return null
}

/** "City ST": the ZIP-table place, else a GeoNames town or neighbourhood; for an address, the last words that name a place. */
function inState(city: string, state: string, address: boolean): Place | null {
  const idx = getIndex()
  const exact = idx.byCityState.get(`${city}|${state}`)
  if (exact) return placeOf(exact)
  if (!address) {
    const row = (cityIndex().byName.get(city) ?? []).find((r) => r.state === state)
    if (row) return cityPlace(row)
  }
  // Drop a street part ("123 main st baltimore" → the last words that name a place).
  const words = city.split(' ')
  for (let start = 1; start < words.length; start++) {
    const entry = idx.byCityState.get(`${words.slice(start).join(' ')}|${state}`)
    if (entry) return placeOf(entry)
  }
  return null
}

const NOTHING: GeocodeAnswer = { results: [], ambiguous: false, candidates: [], notice: null }
const TYPED_COORDINATES = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/

const commaParts = (query: string) =>
  query
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)

/**
 * "Boyle Heights, Los Angeles" and "Boyle Heights, Los Angeles, CA": the place called by the
 * first part that lies near what the rest names; null when the rest names nothing known.
 */
function nearNamed(parts: readonly string[]): Place[] | null {
  const near = offlineResolve(parts.slice(1).join(', '), 1).results[0]
  if (!near) return null
  return namesakes(normalizePlace(parts[0] as string))
    .filter((p) => distanceKm(p, near) <= CONTEXT_KM)
    .slice(0, 1)
}

/** A place typed without a state: one name, or a name and its city ("Boyle Heights, Los Angeles"). */
function withoutState(query: string, text: string, limit: number): GeocodeAnswer {
  let places = namesakes(text)
  const parts = commaParts(query)
  if (places.length === 0 && parts.length > 1) places = nearNamed(parts) ?? namesakes(normalizePlace(parts[0] as string))
  if (places.length === 0) return NOTHING
  const ambiguous = isAmbiguous(places)
  return { results: places.slice(0, limit), ambiguous, candidates: places.length > 1 ? places.slice(0, MAX_CANDIDATES) : [], notice: null }
}

/**
 * Geocodes ZIP codes, "lat, lon", "City, ST", "City State", bare names (with namesakes and
 * whether they are ambiguous), neighbourhoods, and addresses (to their ZIP or city, saying so).
 * Example: offlineResolve('Springfield').ambiguous → true.
 */
export function offlineResolve(query: string, limit = 5): GeocodeAnswer {
  const coords = TYPED_COORDINATES.exec(query)
  if (coords) {
    const lat = Number(coords[1])
    const lon = Number(coords[2])
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return NOTHING
    const label = `${lat}, ${lon}`
    return { ...NOTHING, results: [{ label, lat, lon, kind: 'coordinates', match: 'coordinates', approximate: false }] }
  }
  const text = normalizePlace(query)
  if (text.length === 0) return NOTHING
  const address = looksLikeStreetAddress(query)
  const notice = address ? ('address_approximated' as const) : null
  const zip = /(?:^|\s)(\d{5})(?:-\d{4})?$/.exec(text)
  if (zip) {
    const row = getIndex().byZip.get(zip[1] as string)
    return row ? { ...NOTHING, results: [zipPlace(row)], notice } : NOTHING
  }
  const split = splitState(text)
  const parts = commaParts(query)
  if (split && !address && parts.length >= 3) {
    // "Boyle Heights, Los Angeles, CA" (a chooser's own label): the neighbourhood, not the city.
    const [named] = nearNamed(parts) ?? []
    if (named) return { ...NOTHING, results: [named] }
  }
  if (split) {
    const place = inState(split.city, split.state, address)
    return place ? { ...NOTHING, results: [place], notice } : NOTHING
  }
  if (address) {
    // "123 Main St, Springfield": the place is what follows the street.
    const rest = query.split(',').slice(1).join(',').trim()
    if (!rest) return NOTHING
    const found = offlineResolve(rest, limit)
    return found.results.length ? { ...found, notice } : NOTHING
  }
  return withoutState(query, text, limit)
}

/** The places `offlineResolve` finds, best first (for callers that want only points: ZIP lookups, importers). */
export function offlineGeocode(query: string, limit = 5): Place[] {
  return offlineResolve(query, limit).results
}

export class OfflineGeocoder implements Geocoder {
  async geocode(query: string, limit = 5): Promise<Place[]> {
    return offlineGeocode(query, limit)
  }

  async resolve(query: string, limit = 5): Promise<GeocodeAnswer> {
    return offlineResolve(query, limit)
  }
}
