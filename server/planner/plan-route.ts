/**
 * The route-planning use case: stops (directory sites or typed points) with the day's opening
 * hours as windows, a start and end, vehicles and a mode → an ordered plan with arrival times,
 * "open until" per stop, reasons for stops left out, and GeoJSON. Nothing is stored.
 */
import type { Kysely } from 'kysely'
import {
  MAX_BUDGET_MS,
  MAX_STOPS,
  type PlanFeature,
  type RoutePlace,
  type RoutePlan as RoutePlanBody,
  type RouteRequest,
} from '../../common/contract/route-plan.js'
import { pointGeometry, positions } from '../../common/geojson.js'
import type { Database } from '../db/schema.js'
import { ApiError, ErrorCode, invalidField } from '../errors.js'
import { planClock, planClockLabel, planTimeIso, type PlanClock } from './clock.js'
import { checkPlan, type RoutePlan, type RouteProblem, type RouteStop, type TimeWindow } from '../../common/planner/solver/index.js'
import type { Solve } from './solve-task.js'
import { findPlannerSites, type PlannerSite } from './repository.js'
import { routeGeometry, straightLineModel, travelMatrix, type LatLon, type TravelMatrix, type TravelMode } from './travel.js'
import { openIntervals, serviceWindows } from '../../common/planner/windows.js'
import { windowsWithToday } from '../../common/schedule/live-today.js'
import type { LiveStatusItem } from '../../common/contract/live-status.js'

const HORIZON = 2 * 86400

interface ResolvedStop extends LatLon {
  index: number
  siteId: string | null
  name: string
  hoursKnown: boolean
  open: TimeWindow[] | null
  serviceSeconds: number
  address: string | null
  phone: string | null
  demo: boolean
  precision: string | null
  live: LiveStatusItem[]
}

function clockSeconds(field: string, value: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(value)
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59 || (Number(m[1]) === 24 && Number(m[2]) > 0)) throw invalidField(field, 'must be a time HH:MM (00:00–24:00)')
  return Number(m[1]) * 3600 + Number(m[2]) * 60
}

function place(field: string, p: RoutePlace, sites: Map<string, PlannerSite>): LatLon & { name: string } {
  if (p.site_id !== undefined) {
    const site = sites.get(p.site_id)
    if (!site) throw new ApiError(404, ErrorCode.NOT_FOUND, `${field}.site_id: no site with id "${p.site_id.slice(0, 80)}"`)
    return { lat: site.lat, lon: site.lon, name: site.name }
  }
  if (p.lat === undefined || p.lon === undefined) throw invalidField(field, 'needs site_id, or lat and lon')
  return { lat: p.lat, lon: p.lon, name: p.label ?? field }
}

function resolveStops(req: RouteRequest, sites: Map<string, PlannerSite>, clock: PlanClock, horizon: number): ResolvedStop[] {
  const unknown = req.stops.map((s, i) => ({ s, i })).filter(({ s }) => s.site_id !== undefined && !sites.has(s.site_id))
  if (unknown.length > 0) {
    throw new ApiError(
      404,
      ErrorCode.NOT_FOUND,
      `stops: no site with id ${unknown
        .slice(0, 5)
        .map(({ s, i }) => `"${s.site_id?.slice(0, 80)}" (stop ${i})`)
        .join(', ')}`,
    )
  }
  const reference = new Date(clock.referenceMs)
  return req.stops.map((s, index) => {
    const serviceSeconds = Math.round((s.service_minutes ?? req.service_minutes ?? 15) * 60)
    if (s.site_id !== undefined) {
      const site = sites.get(s.site_id) as PlannerSite
      const hoursKnown = site.hours.length > 0
      // A "today" post (not running, closing early, open late) reshapes the windows; with unknown hours only its closed time counts.
      const hoursWindows = hoursKnown ? openIntervals(site.hours, site.timezone, reference, horizon) : site.live.today ? [{ start: 0, end: horizon }] : null
      const open =
        site.status !== 'active'
          ? []
          : hoursWindows &&
            windowsWithToday(hoursWindows, hoursKnown ? site.live.today : { closed: site.live.today?.closed ?? null, open: null }, reference.getTime(), horizon)
      return {
        index,
        siteId: site.id,
        name: site.name,
        lat: site.lat,
        lon: site.lon,
        hoursKnown,
        open,
        serviceSeconds,
        address: site.address,
        phone: site.phone,
        demo: site.demo,
        precision: site.precision,
        live: site.live.items,
      }
    }
    if (s.lat === undefined || s.lon === undefined) throw invalidField(`stops[${index}]`, 'needs site_id, or lat and lon')
    if ((s.opens === undefined) !== (s.closes === undefined)) throw invalidField(`stops[${index}]`, 'needs both opens and closes, or neither')
    let open: TimeWindow[] | null = null
    if (s.opens !== undefined && s.closes !== undefined) {
      const o = clockSeconds(`stops[${index}].opens`, s.opens)
      let c = clockSeconds(`stops[${index}].closes`, s.closes)
      if (c <= o) c += 86400
      open = [{ start: o, end: c }]
    }
    return {
      index,
      siteId: null,
      name: s.label ?? `Stop ${index + 1}`,
      lat: s.lat,
      lon: s.lon,
      hoursKnown: open !== null,
      open,
      serviceSeconds,
      address: null,
      phone: null,
      demo: false,
      precision: null,
      live: [],
    }
  })
}

/** Where a plan gets road times, and what runs the optimisation (the server's solver threads). */
export interface PlanRouteOptions {
  osrmUrl: string | null
  solve: Solve
}

/**
 * Validates, builds the matrix and windows (here, on the caller's thread), then optimises
 * through `solve` (or checks a given order, which is cheap).
 */
export async function planRoute(db: Kysely<Database>, req: RouteRequest, { osrmUrl, solve }: PlanRouteOptions): Promise<RoutePlanBody> {
  if (req.stops.length === 0) throw invalidField('stops', 'must list at least one stop')
  if (req.stops.length > MAX_STOPS) throw invalidField('stops', `must have at most ${MAX_STOPS} stops (got ${req.stops.length})`)
  const clock = planClock(req.departure)
  const ids = [req.start.site_id, req.end?.site_id, ...req.stops.map((s) => s.site_id)].filter((x): x is string => x !== undefined)
  const sites = await findPlannerSites(db, ids)
  const start = place('start', req.start, sites)
  const end = req.end ? place('end', req.end, sites) : start
  // Hours on later days cannot help today's plan; the day (or a shift running past midnight) bounds them.
  let returnBy = 86400
  if (req.return_by !== undefined) {
    returnBy = clockSeconds('return_by', req.return_by)
    if (returnBy <= clock.departureSeconds) returnBy += 86400
  }
  const stops = resolveStops(req, sites, clock, Math.min(Math.max(returnBy, 86400), HORIZON))

  const mode = req.mode ?? 'driving'
  const points = [...stops, start, end]
  const matrix: TravelMatrix = await travelMatrix(points, mode, osrmUrl, {
    ...(req.speed_kmh !== undefined ? { speedKmh: req.speed_kmh } : {}),
    ...(req.detour_factor !== undefined ? { detourFactor: req.detour_factor } : {}),
  })
  const n = stops.length
  const vehicleCount = req.vehicles ?? 1
  const problem: RouteProblem = {
    durations: matrix.durations,
    distances: matrix.distances,
    stops: stops.map(
      (s): RouteStop => ({
        id: s.name,
        location: s.index,
        serviceSeconds: s.serviceSeconds,
        ...(s.open ? { timeWindows: serviceWindows(s.open, s.serviceSeconds) } : {}),
      }),
    ),
    vehicles: Array.from({ length: vehicleCount }, (_, v) => ({
      id: `van-${v + 1}`,
      startLocation: n,
      endLocation: n + 1,
      shiftStart: clock.departureSeconds,
      shiftEnd: returnBy,
    })),
  }
  const format = (t: number) => planClockLabel(clock, t)

  let routes: RoutePlan['routes']
  let unassigned: { stop: number; code: string; reason: string }[]
  let violations: { stop?: number; kind: string; message: string }[] = []
  let stats: { elapsedMs: number; iterations: number } | null = null
  if (req.order) {
    const seen = req.order.flat()
    const bad = seen.find((i) => !Number.isInteger(i) || i < 0 || i >= n)
    if (bad !== undefined) throw invalidField('order', `has stop index ${bad}, but there are ${n} stops (0–${n - 1})`)
    if (req.order.length > vehicleCount) throw invalidField('order', `has ${req.order.length} routes for ${vehicleCount} vehicle(s)`)
    const draft = {
      routes: req.order.map((stopsOfVehicle, vehicle) => ({ vehicle, stops: stopsOfVehicle })),
      unassigned: [...Array(n).keys()].filter((i) => !seen.includes(i)),
    }
    const checked = checkPlan(problem, draft, format)
    routes = checked.routes
    unassigned = draft.unassigned.map((stop) => ({ stop, code: 'by_hand', reason: 'left out by hand' }))
    violations = checked.violations.filter((v) => v.kind !== 'missing')
  } else {
    // Without budget_ms the solver scales its budget with the stop count (20 ms + 2 ms a stop).
    const budgetMs = req.budget_ms === undefined ? {} : { budgetMs: Math.min(req.budget_ms, MAX_BUDGET_MS) }
    const plan = await solve({ problem, ...budgetMs, seed: req.seed ?? 1, clock })
    routes = plan.routes
    unassigned = plan.unassigned
    stats = { elapsedMs: Math.round(plan.stats.elapsedMs), iterations: plan.stats.iterations }
  }

  const openUntil = (s: ResolvedStop, at: number): string | null => {
    const w = s.open?.find((x) => x.start <= at && at < x.end)
    return w ? planTimeIso(clock, w.end) : null
  }
  const vehiclesOut = routes.map((r) => ({
    vehicle: r.vehicle + 1,
    departure: planTimeIso(clock, r.departure),
    return: planTimeIso(clock, r.returnTime),
    travel_minutes: Math.round(r.travelSeconds / 60),
    wait_minutes: Math.round(r.waitSeconds / 60),
    service_minutes: Math.round(r.serviceSeconds / 60),
    distance_km: Math.round(r.distanceMetres / 100) / 10,
    stops: r.visits.map((v, order) => {
      const s = stops[v.stop] as ResolvedStop
      return {
        order: order + 1,
        stop_index: v.stop,
        site_id: s.siteId,
        name: s.name,
        lat: s.lat,
        lon: s.lon,
        address: s.address,
        phone: s.phone,
        arrival: planTimeIso(clock, v.arrival),
        wait_minutes: Math.round(v.wait / 60),
        service_start: planTimeIso(clock, v.serviceStart),
        departure: planTimeIso(clock, v.departure),
        open_until: openUntil(s, v.serviceStart),
        hours_known: s.hoursKnown,
        demo: s.demo,
        location_precision: s.precision,
        live_status: s.live,
      }
    }),
  }))
  const iso = (t: number | null) => (t === null ? null : planTimeIso(clock, t))
  const closingAfter = (s: ResolvedStop, t: number): number | null => {
    const open = s.open ?? []
    const w = [...open].reverse().find((x) => x.start <= t) ?? open[0]
    return w ? w.end : null
  }
  const unassignedOut = unassigned.map((u) => {
    const s = stops[u.stop] as ResolvedStop
    const earliest = clock.departureSeconds + (matrix.durations[n]?.[u.stop] ?? 0)
    const closes = u.code === 'unreachable' ? closingAfter(s, Number.POSITIVE_INFINITY) : null
    const reason =
      u.code === 'unreachable' && closes !== null
        ? `cannot get there in time to finish a ${Math.round(s.serviceSeconds / 60)}-minute visit before it closes at ${iso(closes)?.slice(11, 16)} (earliest arrival ${iso(earliest)?.slice(11, 16)})`
        : u.reason
    // A "not running today" post explains a closed day better than the hours do.
    const notRunning = s.live.some((item) => item.topic === 'today' && item.value === 'not_running')
    return {
      stop_index: u.stop,
      site_id: s.siteId,
      name: s.name,
      code: u.code,
      reason: notRunning && u.code !== 'by_hand' ? `not running today (live status), ${reason}` : reason,
      closes_at: iso(closes),
      earliest_arrival: u.code === 'unreachable' ? iso(earliest) : null,
    }
  })
  const arrivalOf = (stop: number) => {
    for (const r of routes) for (const v of r.visits) if (v.stop === stop) return v.arrival
    return null
  }
  const violationsOut = violations.map((v) => {
    if (v.kind !== 'late' || v.stop === undefined) return { stop_index: v.stop ?? null, kind: v.kind, message: v.message, arrival: null, closes_at: null }
    const s = stops[v.stop] as ResolvedStop
    const arrival = arrivalOf(v.stop) as number
    const closes = closingAfter(s, arrival)
    const message =
      closes !== null && arrival >= closes
        ? `${s.name}: arrives at ${iso(arrival)?.slice(11, 16)}, after it closes at ${iso(closes)?.slice(11, 16)}`
        : `${s.name}: arrives at ${iso(arrival)?.slice(11, 16)}, too late to finish a ${Math.round(s.serviceSeconds / 60)}-minute visit before it closes at ${iso(closes)?.slice(11, 16)}`
    return { stop_index: v.stop, kind: v.kind, message, arrival: iso(arrival), closes_at: iso(closes) }
  })
  // Say what the times were estimated with when no road router answered (none configured, or it failed).
  const estimate = straightLineModel(mode, {
    ...(req.speed_kmh !== undefined ? { speedKmh: req.speed_kmh } : {}),
    ...(req.detour_factor !== undefined ? { detourFactor: req.detour_factor } : {}),
  })
  const straight = matrix.source === 'great_circle'
  const travel = {
    source: matrix.source,
    mode,
    note: matrix.note,
    speed_kmh: straight ? estimate.speedKmh : null,
    detour_factor: straight ? estimate.detourFactor : null,
    highway_after_km: straight && estimate.highway ? estimate.highway.afterKm : null,
    highway_speed_kmh: straight && estimate.highway ? estimate.highway.speedKmh : null,
  }
  const geojson = await planGeoJson(vehiclesOut, start, end, mode, osrmUrl)
  return {
    vehicles: vehiclesOut,
    unassigned: unassignedOut,
    violations: violationsOut,
    hours_unknown: stops.filter((s) => !s.hoursKnown).map((s) => ({ stop_index: s.index, name: s.name })),
    totals: {
      travel_minutes: vehiclesOut.reduce((a, v) => a + v.travel_minutes, 0),
      wait_minutes: vehiclesOut.reduce((a, v) => a + v.wait_minutes, 0),
      distance_km: Math.round(vehiclesOut.reduce((a, v) => a + v.distance_km, 0) * 10) / 10,
      vehicles_used: vehiclesOut.filter((v) => v.stops.length > 0).length,
    },
    travel,
    solver: stats,
    geojson,
  }
}

type VehicleOut = {
  vehicle: number
  stops: { order: number; name: string; lat: number; lon: number; arrival: string; open_until: string | null; site_id: string | null }[]
}

/** Numbered stop points and one line per vehicle (road geometry from OSRM when configured). */
async function planGeoJson(
  vehicles: VehicleOut[],
  start: LatLon & { name: string },
  end: LatLon & { name: string },
  mode: TravelMode,
  osrmUrl: string | null,
): Promise<RoutePlanBody['geojson']> {
  const features: PlanFeature[] = [
    { type: 'Feature', geometry: pointGeometry(start.lat, start.lon), properties: { role: 'start', name: start.name } },
    { type: 'Feature', geometry: pointGeometry(end.lat, end.lon), properties: { role: 'end', name: end.name } },
  ]
  for (const v of vehicles) {
    if (v.stops.length === 0) continue
    for (const s of v.stops) {
      features.push({
        type: 'Feature',
        geometry: pointGeometry(s.lat, s.lon),
        properties: { role: 'stop', vehicle: v.vehicle, order: s.order, name: s.name, site_id: s.site_id, arrival: s.arrival, open_until: s.open_until },
      })
    }
    const path = [start, ...v.stops, end]
    const road = await routeGeometry(path, mode, osrmUrl)
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: road ?? positions(path) },
      properties: { role: 'route', vehicle: v.vehicle, geometry: road ? 'road' : 'straight' },
    })
  }
  return { type: 'FeatureCollection', features }
}
