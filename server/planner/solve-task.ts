/**
 * One optimisation as plain data, so it can cross to a worker thread: the solver's problem,
 * its knobs, and the plan's clock for the times in its reasons (a formatter function cannot
 * cross, so it is rebuilt on the far side).
 */
import { planClockLabel, type PlanClock } from './clock.js'
import { solveRoutes, type RoutePlan, type RouteProblem } from '../../common/planner/solver/index.js'

export interface SolveTask {
  problem: RouteProblem
  /** The solver's budget; absent: it scales with the stop count. */
  budgetMs?: number
  seed: number
  clock: PlanClock
}

/** Solves a task on the calling thread. Example: `solveTask({ problem, seed: 1, clock: planClock(departure) })` */
export function solveTask(task: SolveTask): RoutePlan {
  return solveRoutes(task.problem, {
    ...(task.budgetMs !== undefined ? { budgetMs: task.budgetMs } : {}),
    seed: task.seed,
    formatTime: (t) => planClockLabel(task.clock, t),
  })
}

/** Whatever runs tasks: the server's worker pool, or the calling thread (`async (t) => solveTask(t)`) in a script. */
export type Solve = (task: SolveTask) => Promise<RoutePlan>

/** What a solver thread posts back: once `ready` when loaded, then one answer per task. */
export type WorkerReply = { kind: 'ready' } | { kind: 'plan'; plan: RoutePlan } | { kind: 'failed'; name: string; message: string }

/** workerData that marks a thread as a route solver (a module imported elsewhere stays inert). */
export const SOLVER_THREAD = 'route-solver'
