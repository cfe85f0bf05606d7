/**
 * Public types of the route solver.
 *
 * Units: the solver is unit-agnostic, but the API convention is **seconds** for every
 * time and duration (times are seconds since midnight of the plan's day) and **metres**
 * for distances. Locations are row/column indices into the matrices.
 */

/** A window in which service may *start*: start <= serviceStart <= end. */
export interface TimeWindow {
  start: number
  end: number
}

/** A place to visit (a pharmacy, a syringe services site, a drop box...). */
export interface RouteStop {
  /** Caller's identifier, echoed back in results. */
  id?: string
  /** Row/column of this stop in the duration (and distance) matrix. */
  location: number
  /** Time spent on site, in seconds. Default 0. */
  serviceSeconds?: number
  /**
   * Opening windows for the day (several allowed, e.g. 9-12 and 13-17).
   * `undefined` means always open; an empty array means closed all day.
   */
  timeWindows?: readonly TimeWindow[]
  /** Load picked up / dropped off (kits, boxes). Default 0. */
  demand?: number
}

/** A vehicle (van, bike, walker) with its shift. */
export interface RouteVehicle {
  id?: string
  /** Matrix index where the shift starts. */
  startLocation: number
  /** Matrix index where the shift must end (may equal startLocation). */
  endLocation: number
  /** Earliest departure. Default 0. */
  shiftStart?: number
  /** Latest return to endLocation. Default: unbounded. */
  shiftEnd?: number
  /** Maximum load. Default: unbounded. */
  capacity?: number
}

/**
 * What to minimise. Travel only: waiting and service time are fixed by the stops.
 * The `vehicles-then-*` variants first minimise the number of vehicles used.
 */
export type RouteObjective = 'duration' | 'distance' | 'vehicles-then-duration' | 'vehicles-then-distance'

/** Everything the solver needs to know about the day's problem. */
export interface RouteProblem {
  /** Square travel-time matrix in seconds; durations[i][j] = time from i to j. May be asymmetric. */
  durations: readonly (readonly number[])[]
  /** Optional square distance matrix in metres (reported, and used by distance objectives). */
  distances?: readonly (readonly number[])[]
  stops: readonly RouteStop[]
  vehicles: readonly RouteVehicle[]
  /** Default 'duration'. */
  objective?: RouteObjective
}

/** Knobs that do not change the problem, only how hard the solver works. */
export interface SolveOptions {
  /**
   * Wall-clock budget in ms, counted from the call; the best plan found is returned when it
   * runs out (construction always completes first). Default 20 + 2 per stop, at most 1000.
   * Cut to [0, 60 000]; not a number means the default. Whatever the clock does, the search
   * also stops after 250 iterations per ms of budget.
   */
  budgetMs?: number
  /** PRNG seed; same seed + same problem + same iteration count gives the same plan. Default 1. */
  seed?: number
  /** Clock in ms (injectable for tests). Default performance.now. */
  now?: () => number
  /** Hard cap on improvement iterations (makes runs reproducible regardless of machine speed; the cooling schedule follows it). */
  maxIterations?: number
  /** Formats a time for human-readable reasons. Default HH:MM from seconds since midnight. */
  formatTime?: (t: number) => string
}

/** One stop in a planned route, with its schedule. */
export interface PlannedVisit {
  /** Index into problem.stops. */
  stop: number
  id?: string
  location: number
  arrival: number
  /** Time spent waiting for the stop to open. */
  wait: number
  serviceStart: number
  departure: number
  /** Load on board after this stop. */
  load: number
  /** Travel time from the previous location. */
  travelFromPrevious: number
}

/** Totals for one route or the whole plan. */
export interface RouteTotals {
  travelSeconds: number
  waitSeconds: number
  serviceSeconds: number
  distanceMetres: number
}

/** The plan for one vehicle. Vehicles with no stops get an empty `visits` list. */
export interface PlannedRoute extends RouteTotals {
  /** Index into problem.vehicles. */
  vehicle: number
  vehicleId?: string
  /** When the vehicle leaves its start location (delayed to avoid waiting at the first stop). */
  departure: number
  /** When the vehicle reaches its end location. */
  returnTime: number
  visits: PlannedVisit[]
  load: number
}

/** Why a stop could not be planned. */
export type UnassignedCode = 'closed' | 'unreachable' | 'capacity' | 'shift' | 'no-room' | 'invalid'

/** A stop left out of the plan, with a reason a person can read. */
export interface UnassignedStop {
  stop: number
  id?: string
  code: UnassignedCode
  reason: string
}

/** The solver's answer. Every stop appears exactly once: in a route or in `unassigned`. */
export interface RoutePlan {
  routes: PlannedRoute[]
  unassigned: UnassignedStop[]
  totals: RouteTotals & { vehiclesUsed: number }
  /** Value of the chosen objective's cost term (travel seconds or metres). */
  cost: number
  stats: {
    iterations: number
    /** ms from the call until the first complete plan existed. */
    firstFeasibleMs: number
    elapsedMs: number
  }
}

/** A broken constraint found by `evaluateRoute` / `checkPlan`. */
export interface RouteViolation {
  kind: 'late' | 'closed' | 'capacity' | 'shift' | 'missing' | 'duplicate' | 'invalid'
  /** Index into problem.stops, when the violation concerns a stop. */
  stop?: number
  /** How late, in seconds (for 'late' and 'shift'). */
  lateBy?: number
  message: string
}

/** Independent schedule of a given stop order, with everything it breaks. */
export interface RouteEvaluation extends RouteTotals {
  vehicle: number
  departure: number
  returnTime: number
  visits: PlannedVisit[]
  load: number
  violations: RouteViolation[]
  feasible: boolean
}
