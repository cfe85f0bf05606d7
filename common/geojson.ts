/**
 * GeoJSON positions are [lon, lat] (RFC 7946); everywhere else the project says latitude
 * first. These functions are the one boundary where the order flips, in both directions.
 */

/** A GeoJSON position. */
export type Position = [lon: number, lat: number]

/** A point as GeoJSON geometry. Example: pointGeometry(39.29, -76.61) → { type: 'Point', coordinates: [-76.61, 39.29] }. */
export function pointGeometry(lat: number, lon: number): { type: 'Point'; coordinates: Position } {
  return { type: 'Point', coordinates: [lon, lat] }
}

/** A path of points as GeoJSON positions, in order. */
export function positions(points: readonly { lat: number; lon: number }[]): Position[] {
  return points.map((p) => [p.lon, p.lat])
}

/** Latitude and longitude of a GeoJSON position. Example: latLonOf([-76.61, 39.29]) → { lat: 39.29, lon: -76.61 }. */
export function latLonOf(position: readonly number[]): { lat: number; lon: number } {
  return { lat: position[1] as number, lon: position[0] as number }
}
