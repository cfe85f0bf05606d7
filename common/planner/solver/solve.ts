/**
 * Orchestration: diagnose stops no vehicle can serve, construct a feasible plan, polish
 * it with local search, then spend the remaining budget on iterated local search (one
 * unconstrained tour) or SISR ruin & recreate (everything else, with a fleet-minimisation
 * phase first when the objective counts vehicles).
 */
import { Inserter, nearestNeighbour } from './construct.js'
import { noRoomReason, soloInfeasibility, unassignedEntry } from './diagnose.js'
import { evaluateRoute, formatClock } from './evaluate.js'
import { minimiseRoutes } from './fleet.js'
import { iteratedLocalSearch } from './ils.js'
import { Sisr, type SearchControl } from './lns.js'
import { LocalSearch } from './localSearch.js'
import { buildModel } from './model.js'
import { Rng } from './random.js'
import { copySolution, emptySolution, routesUsed, travelCost, type Solution } from './solution.js'
import type { PlannedRoute, RoutePlan, RouteProblem, SolveOptions, UnassignedStop } from './types.js'

/** Annealing temperatures relative to the mean edge of the first plan. */
const T0_FACTOR = 0.3
const TF_FACTOR = 0.01
/** Share of the budget given to fleet minimisation under a vehicles-first objective. */
const ROUTE_MIN_SHARE = 0.5
/** The longest budget the solver accepts; a larger or infinite one is cut to this. */
export const MAX_BUDGET_MS = 60_000
/**
 * Improvement iterations allowed per ms of budget. Far above what a machine reaches (a
 * 10-stop day runs about 35 a ms, 150 stops about 5), so it never decides a normal run; it
 * is there so that a clock that stalls or lies still ends the search.
 */
const ITERATIONS_PER_MS = 250

/** The budget in ms within [0, MAX_BUDGET_MS]; the default when absent or not a number. */
export function clampBudget(budgetMs: number | undefined, stops: number): number {
  const fallback = Math.min(1000, 20 + 2 * stops)
  // Number(): a caller outside TypeScript may hand over "Infinity" or "2000"
  const asked = Number(budgetMs ?? fallback)
  return Number.isNaN(asked) ? fallback : Math.min(MAX_BUDGET_MS, Math.max(0, asked))
}

/** Plans routes for the day's stops and vehicles. Pure and deterministic for a seed and iteration count. */
export function solveRoutes(problem: RouteProblem, options: SolveOptions = {}): RoutePlan {
  const now = options.now ?? (() => performance.now())
  const t0 = now()
  const budget = clampBudget(options.budgetMs, problem.stops.length)
  const askedIter = Math.floor(Number(options.maxIterations ?? Infinity))
  // maxIter shapes the cooling schedule (reproducible runs); limit bounds every loop whatever the clock says
  const maxIter = Number.isNaN(askedIter) ? Infinity : Math.max(0, askedIter)
  const limit = Math.min(maxIter, Math.max(1000, ITERATIONS_PER_MS * budget))
  const fmt = options.formatTime ?? formatClock
  const rng = new Rng(options.seed ?? 1)
  const M = buildModel(problem)

  const unassigned: UnassignedStop[] = []
  const allowed: number[] = []
  for (let u = 0; u < M.n; u++) {
    const why = soloInfeasibility(M, problem, u, fmt)
    if (why) unassigned.push(unassignedEntry(problem, u, why.code, why.reason))
    else allowed.push(u)
  }

  const s = emptySolution(M)
  const tspLike = M.m === 1 && !M.hasTW && !M.hasCap
  const inserter = new Inserter(M)
  if (allowed.length > 0) {
    if (tspLike) nearestNeighbour(M, s, allowed)
    else if (allowed.length <= 200) inserter.regret(s, allowed)
    else {
      const depot = M.n
      const far = allowed.slice().sort((a, b) => M.cost[depot * M.N + b]! - M.cost[depot * M.N + a]!)
      inserter.greedy(s, far, null, 0, true)
    }
  }
  const firstFeasibleMs = now() - t0
  const deadline = t0 + budget
  let iterations = 0
  const control = (from: number, to: number, itFrom: number, itTo: number, iter: () => number): SearchControl => ({
    done: () => now() >= to || iter() >= Math.min(itTo, limit),
    // with an iteration cap the schedule must not depend on wall-clock speed
    frac: () => (Number.isFinite(itTo) ? (iter() - itFrom) / Math.max(1, itTo - itFrom) : (now() - from) / Math.max(1e-9, to - from)),
  })

  const ls = new LocalSearch(M, tspLike ? 10 : 15)
  // a single tour gets its first local search inside the ILS (the array fast path has its own)
  if (!tspLike) ls.run(s, null, () => now() >= deadline)
  const best = emptySolution(M)
  copySolution(best, s)

  if (tspLike) {
    const ctl = control(now(), deadline, 0, maxIter, () => iterations)
    iterations += iteratedLocalSearch(M, s, best, ls, rng, ctl, limit, () => now() >= deadline)
  } else if (allowed.length > 1) {
    const sisr = new Sisr(M, rng, s)
    sisr.ls = ls
    if (M.vehicleWeight > 0) {
      const start = now()
      const to = Math.min(deadline, start + (deadline - start) * ROUTE_MIN_SHARE)
      const itTo = Number.isFinite(maxIter) ? maxIter * ROUTE_MIN_SHARE : Infinity
      minimiseRoutes(
        sisr,
        best,
        control(start, to, 0, itTo, () => sisr.iterations),
        Math.min(itTo, limit),
      )
    }
    let assigned = 0
    for (const R of best.routes) assigned += Math.max(0, R.len - 2)
    const meanEdge = travelCost(best) / Math.max(1, assigned + routesUsed(best))
    const itFrom = sisr.iterations
    sisr.anneal(
      best,
      control(now(), deadline, itFrom, maxIter, () => sisr.iterations),
      T0_FACTOR * meanEdge,
      TF_FACTOR * meanEdge,
      limit,
    )
    iterations = sisr.iterations
  }
  ls.beforeApply = null
  ls.run(best, null)
  return buildPlan(
    problem,
    best,
    unassigned,
    fmt,
    {
      iterations,
      firstFeasibleMs,
      elapsedMs: now() - t0,
    },
    noRoomReason(M),
  )
}

function buildPlan(
  problem: RouteProblem,
  best: Solution,
  unassigned: UnassignedStop[],
  fmt: (t: number) => string,
  stats: RoutePlan['stats'],
  noRoom: string,
): RoutePlan {
  for (const u of best.unassigned) unassigned.push(unassignedEntry(problem, u, 'no-room', noRoom))
  unassigned.sort((a, b) => a.stop - b.stop)
  const routes: PlannedRoute[] = best.routes.map((R) => {
    const v = problem.vehicles[R.vehicle]!
    const stops = Array.from(R.nodes.subarray(1, R.len - 1))
    const base = { vehicle: R.vehicle, ...(v.id === undefined ? {} : { vehicleId: v.id }) }
    if (stops.length === 0) {
      const t = v.shiftStart ?? 0
      return { ...base, departure: t, returnTime: t, visits: [], load: 0, travelSeconds: 0, waitSeconds: 0, serviceSeconds: 0, distanceMetres: 0 }
    }
    const ev = evaluateRoute(problem, R.vehicle, stops, fmt)
    return {
      ...base,
      departure: ev.departure,
      returnTime: ev.returnTime,
      visits: ev.visits,
      load: ev.load,
      travelSeconds: ev.travelSeconds,
      waitSeconds: ev.waitSeconds,
      serviceSeconds: ev.serviceSeconds,
      distanceMetres: ev.distanceMetres,
    }
  })
  const sum = (f: (r: PlannedRoute) => number): number => routes.reduce((a, r) => a + f(r), 0)
  return {
    routes,
    unassigned,
    totals: {
      travelSeconds: sum((r) => r.travelSeconds),
      waitSeconds: sum((r) => r.waitSeconds),
      serviceSeconds: sum((r) => r.serviceSeconds),
      distanceMetres: sum((r) => r.distanceMetres),
      vehiclesUsed: routes.filter((r) => r.visits.length > 0).length,
    },
    cost: travelCost(best),
    stats,
  }
}
