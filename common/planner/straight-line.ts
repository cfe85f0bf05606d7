/**
 * Straight-line travel estimates between route points: great-circle distance × a detour
 * factor at a mode's speed (with a highway speed past a town hop when driving). The server
 * uses them without a road router, the page to plan with no signal.
 */
import type { TravelMode } from '../contract/route-plan.js'

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
