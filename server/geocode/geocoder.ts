/**
 * Turning what a person types ("21201", "Baltimore, MD") into a point. The offline geocoder
 * is the default; remote ones (Nominatim, Photon, Pelias) implement the same interface.
 * Every answer says how precise it is (`match`), whether a typed street address was only
 * matched to its city or ZIP (`notice`), and whether a bare name fits several places.
 */

/** How precisely the text was matched: a ZIP centroid, a city or town, a neighbourhood, a street address, or coordinates as typed. */
export type Match = 'zip' | 'place' | 'neighbourhood' | 'address' | 'coordinates'

export interface Place {
  /** What was found, for display: "Baltimore, MD" or "ZIP 21201, Baltimore, MD". */
  label: string
  lat: number
  lon: number
  kind: Match
  /** The same as `kind`: the precision matched. */
  match: Match
  /** ZIP, place and neighbourhood results are centroids: approximate, never a street address. */
  approximate: boolean
  postalCode?: string
  region?: string
  /** A neighbourhood's city: "Los Angeles, CA". */
  parent?: string
  /** People living there (GeoNames), when known. */
  population?: number
  /** ZIP codes the place has, offline. */
  zips?: number
}

/** What a lookup found and how sure it is. */
export interface GeocodeAnswer {
  /** Best matches first; empty when nothing matches. */
  results: Place[]
  /** A bare name that fits places in several states with no clear winner ("Springfield"): ask which. */
  ambiguous: boolean
  /** The places a bare name fits, largest first (up to 8); empty unless several fit. */
  candidates: Place[]
  /** 'address_approximated': the text looked like a street address, but only its city or ZIP was matched. */
  notice: 'address_approximated' | null
}

export interface Geocoder {
  /** Best matches first; an empty list when nothing matches. */
  geocode(query: string, limit?: number): Promise<Place[]>
  /** The full answer (precision, ambiguity); geocoders without it are wrapped by `resolvePlace`. */
  resolve?(query: string, limit?: number): Promise<GeocodeAnswer>
}

/** Asks `geocoder` for the full answer, wrapping a plain list from one that only geocodes. */
export async function resolvePlace(geocoder: Geocoder, query: string, limit = 5): Promise<GeocodeAnswer> {
  if (geocoder.resolve) return geocoder.resolve(query, limit)
  return { results: await geocoder.geocode(query, limit), ambiguous: false, candidates: [], notice: null }
}

const STREET_WORD =
  /^(st|street|ave|avenue|av|blvd|boulevard|rd|road|dr|drive|ln|lane|way|ct|court|pl|pkwy|parkway|hwy|highway|ter|terrace|cir|circle|sq|square|trl|trail|pike|route|rte|apt|suite|ste|unit)$/i

/**
 * Whether the text looks like a street address: a house number then words ("1600 Pennsylvania
 * Ave NW"), or a first part ending in a street word ("Main St, Baltimore").
 * Example: looksLikeStreetAddress('1600 Pennsylvania Ave NW, Washington, DC') → true; ('21201') → false.
 */
export function looksLikeStreetAddress(text: string): boolean {
  const parts = text.split(',').map((p) => p.trim())
  const first = parts[0] ?? ''
  if (/^\d+[a-z]?(?:-\d+)?\s+[a-z]/i.test(first)) return true
  if (parts.length < 2) return false
  // "St Louis" starts with "St": a street word only counts at the end of the first part.
  const words = first.replace(/[.#]/g, ' ').trim().split(/\s+/)
  const last = words[words.length - 1] ?? ''
  const beforeDirection = /^(n|s|e|w|ne|nw|se|sw)$/i.test(last) ? (words[words.length - 2] ?? '') : last
  return words.length >= 2 && STREET_WORD.test(beforeDirection)
}
