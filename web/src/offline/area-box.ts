/**
 * The box an area is saved as: around a point out to a distance, or the map's view, snapped
 * outwards to a 0.01° grid (~1 km) so that nearby saves ask for the same box, which a cache
 * then answers, and the request says no more than ~1 km about where the person looked.
 *
 *   boxAround(39.29, -76.61, 25)   // [-77.08, 38.92, -76.14, 39.66]
 */
export type Bbox = [number, number, number, number]

/** Grid the saved boxes snap out to (~1 km): nearby saves ask for the same box, which a cache then answers. */
const SNAP = 0.01
/** A box grown outwards to the grid. */
export const snapOut = ([w, s, e, n]: Bbox): Bbox => {
  const down = (x: number) => Math.floor(x / SNAP) * SNAP
  const up = (x: number) => Math.ceil(x / SNAP) * SNAP
  const r = (x: number) => Math.round(x * 100) / 100
  return [r(Math.max(-180, down(w))), r(Math.max(-90, down(s))), r(Math.min(180, up(e))), r(Math.min(90, up(n)))]
}

/** The box around a point out to `miles` (lat/lon degrees from miles at that latitude). */
export function boxAround(lat: number, lon: number, miles: number): Bbox {
  const dLat = miles / 69.05
  const dLon = miles / (69.17 * Math.max(0.05, Math.cos((lat * Math.PI) / 180)))
  return snapOut([lon - dLon, lat - dLat, lon + dLon, lat + dLat])
}
