/**
 * The one place where the plan's GeoJSON ([lon, lat], RFC 7946) becomes Leaflet's and GPX's
 * [lat, lon]. Everything that draws or writes a plan position goes through `toLatLng`.
 */
import type { RoutePlan } from './api.js'

export type LatLng = [lat: number, lon: number]

/** [lon, lat] → [lat, lon]. Example: toLatLng([-76.6, 39.3]) → [39.3, -76.6]. */
export function toLatLng(position: readonly [number, number] | readonly number[]): LatLng {
  return [position[1] as number, position[0] as number]
}

export interface PlanPoint {
  role: 'start' | 'end' | 'stop'
  at: LatLng
  vehicle: number
  order: number
  name: string
  arrival: string | null
}
export interface PlanLine {
  vehicle: number
  path: LatLng[]
}

/** The plan's points (start, end, numbered stops) and one line per van, in Leaflet order. */
export function planShapes(geojson: RoutePlan['geojson']): { points: PlanPoint[]; lines: PlanLine[] } {
  const points: PlanPoint[] = []
  const lines: PlanLine[] = []
  for (const f of geojson.features) {
    const p = f.properties
    if (f.geometry.type === 'LineString' && p.role === 'route') {
      lines.push({ vehicle: p.vehicle ?? 1, path: f.geometry.coordinates.map(toLatLng) })
    } else if (f.geometry.type === 'Point' && p.role !== 'route') {
      points.push({
        role: p.role,
        at: toLatLng(f.geometry.coordinates),
        vehicle: p.vehicle ?? 0,
        order: p.order ?? 0,
        name: p.name ?? '',
        arrival: p.arrival ?? null,
      })
    }
  }
  return { points, lines }
}
