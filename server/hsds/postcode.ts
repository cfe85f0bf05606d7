/**
 * The spec's postcode and proximity parameters of /service_at_locations, for US ZIP codes.
 * We keep no service areas, so a postcode alone means "locations with this postal code";
 * with proximity it means "within that many metres of the ZIP's centroid". Centroids come
 * from the offline ZIP table: a person's ZIP never leaves the server.
 */
import { offlineGeocode } from '../geocode/offline.js'
import type { Near } from './repository.js'

/** What a postcode selects: locations with its five-digit ZIP, or a circle around its centroid. */
export type PostcodeArea = { postalCode: string } | { near: Near }

/**
 * The area of `postcode` ("21201" or "21201-1234"); null when proximity is given and the
 * ZIP has no known centroid. Example: postcodeArea('21201', 2000) → { near: { lat: 39.29…, lon: -76.62…, radiusM: 2000 } }.
 */
export function postcodeArea(postcode: string, proximityM?: number): PostcodeArea | null {
  const zip = postcode.slice(0, 5)
  if (proximityM === undefined) return { postalCode: zip }
  const [centroid] = offlineGeocode(zip, 1)
  return centroid ? { near: { lat: centroid.lat, lon: centroid.lon, radiusM: proximityM } } : null
}
