/**
 * Travel times and distances between route points: great-circle distance × a detour factor
 * at a mode's speed by default, or road times from an OSRM server's /table service (with a
 * clear fallback note when it cannot be reached).
 */
import type { TravelMode } from '../../common/contract/route-plan.js'

export type { TravelMode } from '../../common/contract/route-plan.js'

import { greatCircleMatrix, type LatLon, type TravelMatrix } from '../../common/planner/straight-line.js'

export { greatCircleMatrix, greatCircleMetres, legSeconds, MODE_DEFAULTS, straightLineModel } from '../../common/planner/straight-line.js'
export type { LatLon, StraightLineModel, TravelMatrix } from '../../common/planner/straight-line.js'

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
