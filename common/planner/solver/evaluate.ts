/**
 * Independent schedule of a route in a given order, straight from the problem's
 * matrices (no solver caches). Used to report the solver's plans and to check routes a
 * person reordered by hand: it never refuses an order, it lists what the order breaks.
 */
import { normaliseWindows } from './model.js'
import type { PlannedVisit, RouteEvaluation, RouteProblem, RouteViolation } from './types.js'

/** Formats seconds since midnight as HH:MM (24h, may exceed 24:00 for overnight plans). */
export function formatClock(t: number): string {
  if (!Number.isFinite(t)) return t > 0 ? 'end of day' : 'start of day'
  const m = Math.floor(t / 60)
  const h = Math.floor(m / 60)
  return `${String(h).padStart(2, '0')}:${String(m - h * 60).padStart(2, '0')}`
}

/** Schedules `stops` (indices into problem.stops) on vehicle `vehicle` and reports every violation. */
export function evaluateRoute(
  problem: RouteProblem,
  vehicle: number,
  stops: readonly number[],
  formatTime: (t: number) => string = formatClock,
): RouteEvaluation {
  const v = problem.vehicles[vehicle]
  if (!v) throw new RangeError(`no vehicle ${vehicle}`)
  const D = problem.durations
  const dist = problem.distances
  const shiftStart = v.shiftStart ?? 0
  const shiftEnd = v.shiftEnd ?? Infinity
  const capacity = v.capacity ?? Infinity
  const violations: RouteViolation[] = []
  const visits: PlannedVisit[] = []
  let t = shiftStart
  let at = v.startLocation
  let load = 0
  let travel = 0
  let wait = 0
  let service = 0
  let distance = 0
  let overloaded = false
  for (const i of stops) {
    const stop = problem.stops[i]
    if (!stop) {
      violations.push({ kind: 'invalid', stop: i, message: `stop ${i} does not exist` })
      continue
    }
    const leg = D[at]![stop.location]!
    travel += leg
    distance += dist ? dist[at]![stop.location]! : 0
    const arrival = t + leg
    const ws = normaliseWindows(stop.timeWindows, -Infinity, Infinity)
    const open = ws.find((w) => arrival <= w.end)
    let serviceStart = arrival
    const name = stop.id ?? `stop ${i}`
    if (open) serviceStart = Math.max(arrival, open.start)
    else if (ws.length === 0) violations.push({ kind: 'closed', stop: i, message: `${name} is closed all day` })
    else {
      const close = ws[ws.length - 1]!.end
      violations.push({
        kind: 'late',
        stop: i,
        lateBy: arrival - close,
        message: `${name}: arrives at ${formatTime(arrival)}, after it closes at ${formatTime(close)}`,
      })
    }
    const svc = Math.max(0, stop.serviceSeconds ?? 0)
    load += stop.demand ?? 0
    if (load > capacity && !overloaded) {
      overloaded = true
      violations.push({ kind: 'capacity', stop: i, message: `load ${load} exceeds vehicle capacity ${capacity} at ${name}` })
    }
    wait += serviceStart - arrival
    service += svc
    t = serviceStart + svc
    visits.push({
      stop: i,
      id: stop.id,
      location: stop.location,
      arrival,
      wait: serviceStart - arrival,
      serviceStart,
      departure: t,
      load,
      travelFromPrevious: leg,
    })
    at = stop.location
  }
  const back = D[at]![v.endLocation]!
  travel += back
  distance += dist ? dist[at]![v.endLocation]! : 0
  const returnTime = t + back
  if (returnTime > shiftEnd + 1e-6) {
    violations.push({
      kind: 'shift',
      lateBy: returnTime - shiftEnd,
      message: `returns at ${formatTime(returnTime)}, after the shift ends at ${formatTime(shiftEnd)}`,
    })
  }
  // leave later instead of waiting at the first stop; nothing downstream moves
  let departure = shiftStart
  const first = visits[0]
  if (first && first.wait > 0) {
    departure += first.wait
    wait -= first.wait
    first.arrival += first.wait
    first.wait = 0
  }
  return {
    vehicle,
    departure,
    returnTime,
    visits,
    load,
    violations,
    feasible: violations.length === 0,
    travelSeconds: travel,
    waitSeconds: wait,
    serviceSeconds: service,
    distanceMetres: distance,
  }
}

/** A plan as a person may edit it: stop orders per vehicle, plus stops deliberately left out. */
export interface PlanDraft {
  routes: readonly { vehicle: number; stops: readonly number[] }[]
  unassigned?: readonly number[]
}

/** Checks a whole (possibly hand-edited) plan: each route's windows, plus stops missing or repeated. */
export function checkPlan(
  problem: RouteProblem,
  plan: PlanDraft,
  formatTime: (t: number) => string = formatClock,
): { feasible: boolean; routes: RouteEvaluation[]; violations: RouteViolation[] } {
  const routes = plan.routes
  const evaluations = routes.map((r) => evaluateRoute(problem, r.vehicle, r.stops, formatTime))
  const violations: RouteViolation[] = evaluations.flatMap((e) => e.violations)
  const seen = new Map<number, number>()
  for (const r of routes) for (const s of r.stops) seen.set(s, (seen.get(s) ?? 0) + 1)
  for (const s of plan.unassigned ?? []) seen.set(s, (seen.get(s) ?? 0) + 1)
  const vehicles = new Set<number>()
  for (const r of routes) {
    if (vehicles.has(r.vehicle)) violations.push({ kind: 'invalid', message: `vehicle ${r.vehicle} has more than one route` })
    vehicles.add(r.vehicle)
  }
  problem.stops.forEach((s, i) => {
    const c = seen.get(i) ?? 0
    const name = s.id ?? `stop ${i}`
    if (c === 0) violations.push({ kind: 'missing', stop: i, message: `${name} is neither in a route nor listed as unassigned` })
    if (c > 1) violations.push({ kind: 'duplicate', stop: i, message: `${name} is visited ${c} times` })
  })
  return { feasible: violations.length === 0, routes: evaluations, violations }
}
