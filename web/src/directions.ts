/**
 * Links that hand a site's position to a maps app. They are navigations a person chooses,
 * never requests the page makes, and they carry the site's position, not the person's.
 */

/** geo: URI (Android and most mobile maps apps), with the name as the pin label. */
export function geoUri(lat: number, lon: number, name: string): string {
  return `geo:${lat},${lon}?q=${lat},${lon}(${encodeURIComponent(name)})`
}

/** OpenStreetMap directions to the site; the person fills in where they start. */
export function directionsUrl(lat: number, lon: number): string {
  return `https://www.openstreetmap.org/directions?to=${lat}%2C${lon}`
}

/** Phones and tablets: where a geo: link opens an app rather than nothing. */
export function prefersGeoLinks(): boolean {
  return matchMedia('(pointer: coarse)').matches && !/iPhone|iPad|Macintosh/.test(navigator.userAgent)
}
