/**
 * Records without coordinates: a configured geocoder (street precision) or the offline ZIP
 * centroid (approximate, marked zip_centroid). A point is never invented: a record that
 * cannot be placed, or whose ZIP lies in another state, is rejected. A placed record without
 * an explicit timezone gets the zone of its new point.
 */
import type { Geocoder } from '../geocode/geocoder.js'
import { offlineGeocode } from '../geocode/offline.js'
import { timezoneAt } from '../geo/timezones.js'
import { isInUnitedStates } from './coordinates.js'
import type { MappedRow } from './record.js'

export interface Placer {
  /** A remote geocoder for street addresses (null: ZIP centroids only). */
  geocoder: Geocoder | null
  cache: Map<string, { lat: number; lon: number } | null>
}

export const offlinePlacer = (): Placer => ({ geocoder: null, cache: new Map() })

/** Fills in a missing point; returns true when the point is approximate. */
export async function placeRow(row: MappedRow, placer: Placer): Promise<boolean> {
  const approximate = await placePoint(row, placer)
  // A mapper leaves the timezone empty when it had neither a point nor an explicit zone.
  const r = row.record
  if (r && !r.timezone && r.latitude !== null && r.longitude !== null) r.timezone = timezoneAt(r.latitude, r.longitude)
  return approximate
}

async function placePoint(row: MappedRow, placer: Placer): Promise<boolean> {
  const r = row.record
  if (!r || (r.latitude !== null && r.longitude !== null)) return false
  if (placer.geocoder && r.address1 && (r.postalCode || r.city)) {
    const query = [r.address1, r.city, [r.region, r.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')
    let hit = placer.cache.get(query)
    if (hit === undefined) {
      const found = (await placer.geocoder.geocode(query, 1).catch(() => [])).find((p) => !p.approximate && isInUnitedStates(p.lat, p.lon))
      hit = found ? { lat: found.lat, lon: found.lon } : null
      placer.cache.set(query, hit)
    }
    if (hit) {
      Object.assign(r, { latitude: hit.lat, longitude: hit.lon, geocodePrecision: 'street' })
      return false
    }
  }
  const problem = (field: string, message: string) => {
    const { path, ...at } = row.origin
    row.problems.push({ ...at, field: path ? `${path}.${field}` : field, message })
    row.record = null
    return false
  }
  if (!r.postalCode) return problem('coordinates', 'are missing and there is no ZIP code to place the site by')
  const [place] = offlineGeocode(r.postalCode, 1)
  // A ZIP restored from a short cell is named with what the file holds.
  const written = r.attributes.zip_restored_from
  const zip = typeof written === 'string' ? `${r.postalCode} (read from "${written}")` : r.postalCode
  if (!place) return problem('postal_code', `${zip} is not a ZIP code the offline geocoder knows, and there are no coordinates`)
  if (r.region && /^[A-Z]{2}$/.test(r.region) && place.region && place.region !== r.region) {
    return problem('postal_code', `${zip} is in ${place.region}, not ${r.region}: the site cannot be placed by its ZIP`)
  }
  Object.assign(r, { latitude: place.lat, longitude: place.lon, geocodePrecision: 'zip_centroid' })
  return true
}
