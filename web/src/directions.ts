/**
 * Links that hand a site's position to a maps app. They are navigations a person chooses,
 * never requests the page makes, and they carry the site's position, not the person's.
 * Where the point is only approximate (a ZIP or city centroid), the link carries the site's
 * address instead, so the maps app finds the door rather than the middle of the ZIP area.
 */
import { addressText, isApproximateLocation } from '../../common/format.js'

/** geo: URI (Android and most mobile maps apps), with the name as the pin label. */
export function geoUri(lat: number, lon: number, name: string): string {
  return `geo:${lat},${lon}?q=${lat},${lon}(${encodeURIComponent(name)})`
}

/** geo: URI that asks the maps app to search an address (RFC 5870 with Android's q=). */
export function geoAddressUri(address: string): string {
  return `geo:0,0?q=${encodeURIComponent(address)}`
}

/** OpenStreetMap directions to the site; the person fills in where they start. */
export function directionsUrl(lat: number, lon: number): string {
  return `https://www.openstreetmap.org/directions?to=${lat}%2C${lon}`
}

/** OpenStreetMap directions to an address, which the site geocodes: "1 Main St, Albany, NY 12207". */
export function directionsToAddressUrl(address: string): string {
  return `https://www.openstreetmap.org/directions?to=${encodeURIComponent(address)}`
}

/** What a directions link needs to know of a site. */
export interface DirectionsTarget {
  name: string
  lat: number | null
  lon: number | null
  location_precision: string
  address_1: string | null
  address_2?: string | null
  city: string | null
  region: string | null
  postal_code: string | null
}

/**
 * Whether a site's links should go by its address: its point is approximate and it has an
 * address to go by (a street, or at least a city), or it has no point at all.
 */
export function goesByAddress(site: DirectionsTarget): boolean {
  const hasAddress = Boolean(site.address_1 || site.city)
  if (site.lat === null || site.lon === null) return hasAddress
  return hasAddress && isApproximateLocation(site.location_precision)
}

/** The directions link for a site: OpenStreetMap (or geo: when `geo`), by coordinates or, for approximate points, by address. Null with neither. */
export function siteDirections(site: DirectionsTarget, geo = prefersGeoLinks()): string | null {
  const address = addressText({ ...site, address_2: null })
  if (goesByAddress(site)) return geo ? geoAddressUri(address) : directionsToAddressUrl(address)
  if (site.lat === null || site.lon === null) return null
  return geo ? geoUri(site.lat, site.lon, site.name) : directionsUrl(site.lat, site.lon)
}

/** Phones and tablets: where a geo: link opens an app rather than nothing. */
export function prefersGeoLinks(): boolean {
  return matchMedia('(pointer: coarse)').matches && !/iPhone|iPad|Macintosh/.test(navigator.userAgent)
}
