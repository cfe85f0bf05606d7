/**
 * Travel times and distances between route points: great-circle distance × a detour factor
 * at a mode's speed by default, or road times from an OSRM server's /table service (with a
 * clear fallback note when it cannot be reached).
 */
import type { TravelMode } from '../../common/contract/route-plan.js'

export type { TravelMode } from '../../common/contract/route-plan.js'

export interface LatLon {
  lat: number
  lon: number
}

export interface TravelMatrix {
  /** Seconds, [from][to]. */
  durations: number[][]
  /** Metres, [from][to]. */
  distances: number[][]
  source: 'great_circle' | 'osrm'
  /** Set when a configured road router could not be used. */
  note: string | null
}

/** Typical urban door-to-door speeds and how much longer roads are than the straight line. */
export const MODE_DEFAULTS: Record<TravelMode, { speedKmh: number; detourFactor: number }> = {
  driving: { speedKmh: 35, detourFactor: 1.35 },
  cycling: { speedKmh: 14, detourFactor: 1.25 },
  walking: { speedKmh: 4.8, detourFactor: 1.2 },
}

/**
 * Driving legs longer than a town hop reach highways: past the first 10 km of road a leg goes at
 * 80 km/h. One flat town speed made Baltimore → Washington (57 km straight) a 2 h 12 min drive;
 * with this it is about 1 h 7 min, near the real hour. Cycling and walking keep one speed.
 */
const HIGHWAY: Partial<Record<TravelMode, { afterKm: number; speedKmh: number }>> = { driving: { afterKm: 10, speedKmh: 80 } }

/** What a straight-line estimate assumes: a speed (and a highway speed past a distance), and a detour factor. */
export interface StraightLineModel {
  speedKmh: number
  detourFactor: number
  highway: { afterKm: number; speedKmh: number } | null
}

/** The model for a mode; a caller's own speed means that speed throughout (no highway part). */
export function straightLineModel(mode: TravelMode, overrides: { speedKmh?: number; detourFactor?: number } = {}): StraightLineModel {
  const { speedKmh, detourFactor } = { ...MODE_DEFAULTS[mode], ...overrides }
  const highway = overrides.speedKmh === undefined ? (HIGHWAY[mode] ?? null) : null
  return { speedKmh, detourFactor, highway }
}

/** Seconds to cover `roadMetres` under the model: town speed, then highway speed past its distance. */
export function legSeconds(roadMetres: number, model: StraightLineModel): number {
  const town = (model.speedKmh * 1000) / 3600
  if (!model.highway) return roadMetres / town
  const townMetres = Math.min(roadMetres, model.highway.afterKm * 1000)
  return townMetres / town + (roadMetres - townMetres) / ((model.highway.speedKmh * 1000) / 3600)
}

const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in metres (haversine on the mean-radius sphere). */
export function greatCircleMetres(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Straight-line estimate: distance × detour factor, at the mode's speed (see straightLineModel). */
export function greatCircleMatrix(points: readonly LatLon[], mode: TravelMode, overrides: { speedKmh?: number; detourFactor?: number } = {}): TravelMatrix {
  const model = straightLineModel(mode, overrides)
  const distances = points.map((a) => points.map((b) => Math.round(greatCircleMetres(a, b) * model.detourFactor)))
  const durations = distances.map((row) => row.map((d) => Math.round(legSeconds(d, model))))
  return { durations, distances, source: 'great_circle', note: null }
}

const OSRM_PROFILE: Record<TravelMode, string> = { driving: 'driving', cycling: 'cycling', walking: 'foot' }

function coordinates(points: readonly LatLon[]): string {
  return points.map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(';')
}

async function osrmJson(url: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
  const body = (await response.json()) as Record<string, unknown>
  if (!response.ok || body.code !== 'Ok') throw new Error(`OSRM answered ${String(body.code ?? response.status)}`)
  return body
}

/**
 * Road durations and distances from OSRM /table; on any failure, the great-circle estimate
 * with a note saying so. Unroutable pairs (null in OSRM's answer) become unreachable.
 */
export async function travelMatrix(
  points: readonly LatLon[],
  mode: TravelMode,
  osrmUrl: string | null,
  overrides: { speedKmh?: number; detourFactor?: number } = {},
): Promise<TravelMatrix> {
  if (!osrmUrl) return greatCircleMatrix(points, mode, overrides)
  const base = osrmUrl.replace(/\/+$/, '')
  try {
    const body = await osrmJson(`${base}/table/v1/${OSRM_PROFILE[mode]}/${coordinates(points)}?annotations=duration,distance`, 8000)
    const durations = body.durations as (number | null)[][] | undefined
    const distances = body.distances as (number | null)[][] | undefined
    if (!durations || durations.length !== points.length) throw new Error('OSRM table has the wrong size')
    const fallback = greatCircleMatrix(points, mode, overrides)
    return {
      durations: durations.map((row) => row.map((d) => (d === null ? Number.POSITIVE_INFINITY : Math.round(d)))),
      distances: distances
        ? distances.map((row, i) => row.map((d, j) => (d === null ? Number.POSITIVE_INFINITY : Math.round(d ?? fallback.distances[i]![j]!))))
        : fallback.distances,
      source: 'osrm',
      note: null,
    }
  } catch (err) {
    const why = err instanceof Error && err.name !== 'Error' ? err.name : err instanceof Error ? err.message : 'unknown error'
    return { ...greatCircleMatrix(points, mode, overrides), note: `road times unavailable (${why}); using straight-line estimates` }
  }
}

/** The road geometry of a route ([lon, lat] pairs) from OSRM /route, or null (draw straight lines). */
export async function routeGeometry(points: readonly LatLon[], mode: TravelMode, osrmUrl: string | null): Promise<[number, number][] | null> {
  if (!osrmUrl || points.length < 2) return null
  try {
    const body = await osrmJson(`${osrmUrl.replace(/\/+$/, '')}/route/v1/${OSRM_PROFILE[mode]}/${coordinates(points)}?overview=full&geometries=geojson`, 8000)
    const routes = body.routes as { geometry?: { coordinates?: [number, number][] } }[] | undefined
    return routes?.[0]?.geometry?.coordinates ?? null
  } catch {
    return null
  }
}
