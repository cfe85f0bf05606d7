/**
 * Offline geocoding of US ZIP codes and place names from the `zipcodes` package's
 * ZIP centroids. A place is the median of its ZIP centroids (a few ZIP records sit far from
 * their city, which would drag a mean); a bare city name prefers the
 * place with the most ZIP codes (the larger city).
 */
import { createRequire } from 'node:module'
import type { Geocoder, Place } from './geocoder.js'

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

/** Lowercase, no punctuation, single spaces, "saint" spelled "st". */
export function normalizePlace(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.,;#()]/g, ' ')
    .replace(/\bsaint\b/g, 'st')
    .replace(/\bfort\b/g, 'ft')
    .replace(/\s+/g, ' ')
    .trim()
}

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
    for (const list of this.byCity.values()) list.sort((a, b) => b.zips - a.zips || a.state.localeCompare(b.state))
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
    approximate: true,
    postalCode: row.zip,
    region: row.state,
  }
}

function placeOf(entry: PlaceEntry): Place {
  return { label: `${entry.city}, ${entry.state}`, lat: entry.lat, lon: entry.lon, kind: 'place', approximate: true, region: entry.state }
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

/** Geocodes ZIP codes, "City, ST", "City State", bare city names, and addresses ending in a ZIP. */
export function offlineGeocode(query: string, limit = 5): Place[] {
  const idx = getIndex()
  const text = normalizePlace(query)
  if (text.length === 0) return []
  const zip = /(?:^|\s)(\d{5})(?:-\d{4})?$/.exec(text)
  if (zip) {
    const row = idx.byZip.get(zip[1] as string)
    return row ? [zipPlace(row)] : []
  }
  // Drop a street part ("123 main st, baltimore, md" → the last words that name a place).
  const split = splitState(text)
  if (split) {
    const words = split.city.split(' ')
    for (let start = 0; start < words.length; start++) {
      const entry = idx.byCityState.get(`${words.slice(start).join(' ')}|${split.state}`)
      if (entry) return [placeOf(entry)]
    }
    return []
  }
  return (idx.byCity.get(text) ?? []).slice(0, limit).map(placeOf)
}

export class OfflineGeocoder implements Geocoder {
  async geocode(query: string, limit = 5): Promise<Place[]> {
    return offlineGeocode(query, limit)
  }
}
