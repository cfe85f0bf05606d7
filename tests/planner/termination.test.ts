import { describe, it, expect } from 'vitest'
import { planClock } from '../../server/planner/clock.js'
import { solveTask } from '../../server/planner/solve-task.js'
import { clampBudget, solveRoutes, type RouteProblem } from '../../common/planner/solver/index.js'
import { h, independentCheck, outreachDay, prng, randomMatrix } from './helpers.js'

/** A day of stops with opening hours for a few vans (the SISR path). */
const day = (seed: number, n: number, vans: number, objective?: RouteProblem['objective']): RouteProblem =>
  outreachDay(seed, n, vans, objective ? { objective } : {})

/** One van, no hours (the iterated-local-search path). */
function tour(seed: number, n: number): RouteProblem {
  const { matrix } = randomMatrix(n + 1, prng(seed))
  return { durations: matrix, stops: matrix.slice(1).map((_, i) => ({ location: i + 1 })), vehicles: [{ startLocation: 0, endLocation: 0 }] }
}

// A clock that never moves: only the iteration bounds can end the search.
const frozen = () => 0

describe('the solver always comes back, whatever the clock or the budget says', () => {
  it('returns a 150-stop, three-van plan on a frozen clock with an endless budget and an iteration cap', () => {
    const p = day(1, 150, 3)
    const plan = solveRoutes(p, { budgetMs: Infinity, maxIterations: 300, now: frozen })
    expect(plan.stats.iterations).toBeLessThanOrEqual(300)
    expect(independentCheck(p, plan).violations).toEqual([])
  })

  it('returns a single-van tour on a frozen clock with an endless budget and an iteration cap', () => {
    const p = tour(2, 120)
    const plan = solveRoutes(p, { budgetMs: Infinity, maxIterations: 500, now: frozen })
    expect(plan.stats.iterations).toBeLessThanOrEqual(500)
    expect(plan.routes[0]!.visits).toHaveLength(120)
  })

  it('returns a vans-first plan (fleet minimisation) on a frozen clock with an iteration cap', () => {
    const p = day(3, 60, 8, 'vehicles-then-duration')
    const plan = solveRoutes(p, { budgetMs: Infinity, maxIterations: 200, now: frozen })
    expect(plan.stats.iterations).toBeLessThanOrEqual(200)
    expect(independentCheck(p, plan).violations).toEqual([])
  })

  it('stops by itself on a frozen clock without an iteration cap: at most 250 iterations per ms of budget', () => {
    const vrp = solveRoutes(day(4, 40, 3), { budgetMs: 20, now: frozen })
    expect(vrp.stats.iterations).toBeLessThanOrEqual(250 * 20)
    const tsp = solveRoutes(tour(5, 60), { budgetMs: 20, now: frozen })
    expect(tsp.stats.iterations).toBeLessThanOrEqual(250 * 20)
  })

  it('ends on a matrix full of unroutable legs (the road router answered null)', () => {
    const p = day(6, 40, 2)
    const rnd = prng(7)
    const durations = p.durations.map((row, i) => row.map((d, j) => (i !== j && rnd() < 0.3 ? Number.POSITIVE_INFINITY : d)))
    const plan = solveRoutes({ ...p, durations }, { budgetMs: 50, maxIterations: 400, now: frozen })
    expect(plan.routes.flatMap((r) => r.visits).length + plan.unassigned.length).toBe(40)
  })

  it('cuts a budget of Infinity (or "Infinity") to 60 s, a negative one to 0, and treats NaN as no budget', () => {
    expect(clampBudget(Number.POSITIVE_INFINITY, 10)).toBe(60_000)
    expect(clampBudget('Infinity' as unknown as number, 10)).toBe(60_000)
    expect(clampBudget(1e12, 10)).toBe(60_000)
    expect(clampBudget(-5, 10)).toBe(0)
    expect(clampBudget(Number.NaN, 10)).toBe(40) // the default: 20 ms + 2 ms a stop
    expect(clampBudget(undefined, 150)).toBe(320)
  })
})

describe('reasons stay readable when a leg cannot be driven', () => {
  it('says "end of day" for a return that can never happen, instead of failing the plan', () => {
    // The camp (no known hours) can be reached, but no road leads on from it.
    const problem: RouteProblem = {
      durations: [
        [0, 600, 600],
        [Number.POSITIVE_INFINITY, 0, Number.POSITIVE_INFINITY],
        [600, 600, 0],
      ],
      stops: [
        { id: 'camp', location: 1 },
        { id: 'pharmacy', location: 2, timeWindows: [{ start: h(9), end: h(17) }] },
      ],
      vehicles: [{ startLocation: 0, endLocation: 0, shiftStart: h(9), shiftEnd: h(17) }],
    }
    const plan = solveTask({ problem, budgetMs: 10, seed: 1, clock: planClock('2026-11-24T09:00:00-05:00') })
    expect(plan.unassigned).toEqual([
      { stop: 0, id: 'camp', code: 'shift', reason: 'no vehicle shift fits (back at end of day at the earliest, shift ends 17:00)' },
    ])
    expect(plan.routes[0]!.visits.map((v) => v.id)).toEqual(['pharmacy'])
  })
})
