/**
 * Planning a route with no signal: the server's own solver and opening-window code, run in
 * the page on the saved listings, with straight-line travel estimates (distance × detour
 * factor at the mode's speed, as the server estimates without a road router). The answer has
 * the API's shape and says in `travel.note` that it is an offline estimate.
 *
 *   const plan = await planSaved(request)   // null when a stop is not among the saved listings
 */
import type { PlannedStop, RoutePlan, RouteRequest } from '../../../common/contract/route-plan.js'
import type { OfflineSite } from '../../../common/contract/offline-area.js'
import { pointGeometry, positions } from '../../../common/geojson.js'
import { windowsWithToday } from '../../../common/schedule/live-today.js'
import { greatCircleMatrix, straightLineModel } from '../../../common/planner/straight-line.js'
import { openIntervals, serviceWindows } from '../../../common/planner/windows.js'
import { solveRoutes, type RouteProblem, type TimeWindow } from '../../../common/planner/solver/index.js'
import { liveItems } from './search.js'
import { savedListings } from './saved-areas.js'

const HORIZON = 2 * 86400

interface Point {
  lat: number
  lon: number
  name: string
  site: OfflineSite | null
  open: TimeWindow[] | null
  serviceSeconds: number
}

/** The departure's midnight (at its own UTC offset) and the departure in seconds after it. */
function clockOf(departure: string): { referenceMs: number; departureSeconds: number; offset: string } {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(departure)
  if (!m) throw new RangeError('departure')
  const offset = m[5] === 'Z' ? '+00:00' : (m[5] as string)
  const referenceMs = Date.parse(`${m[1]}T00:00:00${offset}`)
  return { referenceMs, departureSeconds: (Date.parse(departure) - referenceMs) / 1000, offset }
}

const clockSeconds = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60

/** An ISO time at the departure's offset for `seconds` after its midnight. */
function isoAt(clock: ReturnType<typeof clockOf>, seconds: number): string {
  const sign = clock.offset.startsWith('-') ? -1 : 1
  const offsetMs = sign * (Number(clock.offset.slice(1, 3)) * 60 + Number(clock.offset.slice(4, 6))) * 60_000
  const local = new Date(clock.referenceMs + seconds * 1000 + offsetMs).toISOString().slice(0, 19)
  return `${local}${clock.offset}`
}

/** Plans `req` from the saved listings; null when a site in it was not saved (the caller says the plan needs a signal). */
export async function planSaved(req: RouteRequest): Promise<RoutePlan | null> {
  const { sites, areas } = await savedListings()
  const byId = new Map(sites.map((s) => [s.id, s]))
  const clock = clockOf(req.departure)
  const now = new Date()
  const reference = new Date(clock.referenceMs)
  let returnBy = 86400
  if (req.return_by !== undefined) {
    returnBy = clockSeconds(req.return_by)
    if (returnBy <= clock.departureSeconds) returnBy += 86400
  }
  const horizon = Math.min(Math.max(returnBy, 86400), HORIZON)
  const place = (p: RouteRequest['start'], fallback: string): Point | null => {
    if (p.site_id !== undefined) {
      const site = byId.get(p.site_id)
      return site ? { lat: site.lat, lon: site.lon, name: site.name, site, open: null, serviceSeconds: 0 } : null
    }
    return p.lat !== undefined && p.lon !== undefined ? { lat: p.lat, lon: p.lon, name: p.label ?? fallback, site: null, open: null, serviceSeconds: 0 } : null
  }
  const stops: Point[] = []
  for (const [i, s] of req.stops.entries()) {
    const point = place(s, `Stop ${i + 1}`)
    if (!point) return null
    point.serviceSeconds = Math.round((s.service_minutes ?? req.service_minutes ?? 15) * 60)
    const site = point.site
    if (site) {
      const known = site.hours.length > 0
      const hours = known ? openIntervals(site.hours, site.timezone, reference, horizon) : site.today ? [{ start: 0, end: horizon }] : null
      point.open =
        site.status !== 'active'
          ? []
          : hours && windowsWithToday(hours, known ? site.today : { closed: site.today?.closed ?? null, open: null }, reference.getTime(), horizon)
    } else if (s.opens !== undefined && s.closes !== undefined) {
      const o = clockSeconds(s.opens)
      let c = clockSeconds(s.closes)
      if (c <= o) c += 86400
      point.open = [{ start: o, end: c }]
    }
    stops.push(point)
  }
  const start = place(req.start, 'start')
  if (!start) return null
  const end = req.end ? place(req.end, 'end') : start
  if (!end) return null
  const mode = req.mode ?? 'driving'
  const overrides = {
    ...(req.speed_kmh !== undefined ? { speedKmh: req.speed_kmh } : {}),
    ...(req.detour_factor !== undefined ? { detourFactor: req.detour_factor } : {}),
  }
  const matrix = greatCircleMatrix([...stops, start, end], mode, overrides)
  const n = stops.length
  const problem: RouteProblem = {
    durations: matrix.durations,
    distances: matrix.distances,
    stops: stops.map((s, i) => ({
      id: s.name,
      location: i,
      serviceSeconds: s.serviceSeconds,
      ...(s.open ? { timeWindows: serviceWindows(s.open, s.serviceSeconds) } : {}),
    })),
    vehicles: Array.from({ length: req.vehicles ?? 1 }, (_, v) => ({
      id: `van-${v + 1}`,
      startLocation: n,
      endLocation: n + 1,
      shiftStart: clock.departureSeconds,
      shiftEnd: returnBy,
    })),
  }
  const solved = solveRoutes(problem, { budgetMs: Math.min(req.budget_ms ?? 300, 500), seed: req.seed ?? 1 })
  const openUntil = (s: Point, t: number): string | null => {
    const w = s.open?.find((x) => x.start <= t && t < x.end)
    return w ? isoAt(clock, w.end) : null
  }
  const vehicles = solved.routes.map((route, vehicle) => {
    const planned: PlannedStop[] = route.visits.map((v, order) => {
      const s = stops[v.stop] as Point
      return {
        order: order + 1,
        stop_index: v.stop,
        site_id: s.site?.id ?? null,
        name: s.name,
        lat: s.lat,
        lon: s.lon,
        address: s.site ? [s.site.address_1, s.site.city].filter(Boolean).join(', ') || null : null,
        phone: s.site?.phone ?? null,
        arrival: isoAt(clock, v.arrival),
        wait_minutes: Math.round(v.wait / 60),
        service_start: isoAt(clock, v.serviceStart),
        departure: isoAt(clock, v.departure),
        open_until: openUntil(s, v.serviceStart),
        hours_known: s.open !== null,
        demo: s.site?.demo ?? false,
        location_precision: s.site?.location_precision ?? null,
        live_status: s.site ? liveItems(s.site, now) : [],
      }
    })
    const minutes = (x: number) => Math.round(x / 60)
    return {
      vehicle: vehicle + 1,
      departure: isoAt(clock, route.departure),
      return: isoAt(clock, route.returnTime),
      travel_minutes: minutes(route.travelSeconds),
      wait_minutes: minutes(route.waitSeconds),
      service_minutes: minutes(route.serviceSeconds),
      distance_km: Math.round(route.distanceMetres / 100) / 10,
      stops: planned,
    }
  })
  const model = straightLineModel(mode, overrides)
  const features = vehicles.flatMap((v) => [
    {
      type: 'Feature' as const,
      geometry: { type: 'LineString' as const, coordinates: positions([start, ...v.stops, end]) },
      properties: { role: 'route' as const, vehicle: v.vehicle, geometry: 'straight' as const },
    },
    ...v.stops.map((s) => ({
      type: 'Feature' as const,
      geometry: pointGeometry(s.lat, s.lon),
      properties: { role: 'stop' as const, vehicle: v.vehicle, order: s.order, name: s.name, site_id: s.site_id, arrival: s.arrival, open_until: s.open_until },
    })),
  ])
  return {
    vehicles,
    unassigned: solved.unassigned.map((u) => {
      const s = stops[u.stop] as Point
      return { stop_index: u.stop, site_id: s.site?.id ?? null, name: s.name, code: u.code, reason: u.reason, closes_at: null, earliest_arrival: null }
    }),
    violations: [],
    hours_unknown: stops.flatMap((s, i) => (s.open === null ? [{ stop_index: i, name: s.name }] : [])),
    totals: {
      travel_minutes: vehicles.reduce((a, v) => a + v.travel_minutes, 0),
      wait_minutes: vehicles.reduce((a, v) => a + v.wait_minutes, 0),
      distance_km: Math.round(vehicles.reduce((a, v) => a + v.distance_km, 0) * 10) / 10,
      vehicles_used: vehicles.filter((v) => v.stops.length > 0).length,
    },
    travel: {
      source: 'great_circle',
      mode,
      note: `offline:${areas.map((a) => a.savedAt).sort()[0] ?? now.toISOString()}`,
      speed_kmh: model.speedKmh,
      detour_factor: model.detourFactor,
      highway_after_km: model.highway?.afterKm ?? null,
      highway_speed_kmh: model.highway?.speedKmh ?? null,
    },
    solver: { elapsedMs: solved.stats.elapsedMs, iterations: solved.stats.iterations },
    geojson: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: pointGeometry(start.lat, start.lon), properties: { role: 'start', name: start.name } },
        { type: 'Feature', geometry: pointGeometry(end.lat, end.lon), properties: { role: 'end', name: end.name } },
        ...features,
      ],
    },
  }
}
