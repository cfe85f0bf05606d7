/**
 * Route solver public API.
 *
 * `solveRoutes(problem, options)` plans the day: give it a travel-time matrix (seconds),
 * the stops (matrix location, service seconds, opening windows in seconds since the
 * plan's midnight, optional demand) and the vehicles (start/end location, shift window,
 * optional capacity). It returns each vehicle's ordered visits with arrival, wait,
 * service start and departure, totals, and every stop it could not plan with a reason.
 *
 * `evaluateRoute` / `checkPlan` re-time a route or plan in a given (e.g. hand-dragged)
 * order and list every window, capacity or shift it breaks.
 */
export { solveRoutes, clampBudget, MAX_BUDGET_MS } from './solve.js'
export { evaluateRoute, checkPlan, formatClock, type PlanDraft } from './evaluate.js'
export type {
  TimeWindow,
  RouteStop,
  RouteVehicle,
  RouteObjective,
  RouteProblem,
  SolveOptions,
  PlannedVisit,
  PlannedRoute,
  RouteTotals,
  RoutePlan,
  UnassignedCode,
  UnassignedStop,
  RouteViolation,
  RouteEvaluation,
} from './types.js'
