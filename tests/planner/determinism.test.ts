import { describe, it, expect } from 'vitest'
import { solveRoutes, type RoutePlan, type RouteProblem } from '../../common/planner/solver/index.js'
import { independentCheck, outreachDay, prng, randomMatrix } from './helpers.js'

const day = (seed: number, n: number, vans: number): RouteProblem => outreachDay(seed, n, vans, { capacity: 30 })

const orders = (plan: RoutePlan): number[][] => plan.routes.map((r) => r.visits.map((v) => v.stop))

describe('the same request gives the same plan', () => {
  it('repeats a VRPTW plan exactly for the same seed and iteration count', () => {
    const p = day(1, 60, 6)
    const a = solveRoutes(p, { seed: 42, maxIterations: 400, budgetMs: 60_000 })
    const b = solveRoutes(p, { seed: 42, maxIterations: 400, budgetMs: 60_000 })
    expect(orders(a)).toEqual(orders(b))
    expect(a.cost).toBe(b.cost)
    expect(a.stats.iterations).toBe(400)
  })

  it('repeats a single-van tour exactly for the same seed', () => {
    const { matrix } = randomMatrix(80, prng(9))
    const p: RouteProblem = { durations: matrix, stops: matrix.slice(1).map((_, i) => ({ location: i + 1 })), vehicles: [{ startLocation: 0, endLocation: 0 }] }
    const a = solveRoutes(p, { seed: 7, maxIterations: 2000, budgetMs: 60_000 })
    const b = solveRoutes(p, { seed: 7, maxIterations: 2000, budgetMs: 60_000 })
    expect(orders(a)).toEqual(orders(b))
  })

  it('is deterministic under an injected clock even when the budget decides when to stop', () => {
    const p = day(2, 40, 4)
    const fakeClock = (): (() => number) => {
      let t = 0
      return () => (t += 0.05) // every reading advances 50 microseconds
    }
    const a = solveRoutes(p, { seed: 3, budgetMs: 50, now: fakeClock() })
    const b = solveRoutes(p, { seed: 3, budgetMs: 50, now: fakeClock() })
    expect(orders(a)).toEqual(orders(b))
    expect(a.stats.iterations).toBeGreaterThan(0)
  })
})

/** A clock that advances `stepMs` at every reading, so "when the budget runs out" is the same on any machine. */
const steppingClock = (stepMs: number): (() => number) => {
  let t = 0
  return () => (t += stepMs)
}

describe('the planner answers within the time it was given', () => {
  it('stops a 200-stop plan when its 200 ms run out, with a valid plan', () => {
    const p = day(3, 200, 15)
    const plan = solveRoutes(p, { budgetMs: 200, seed: 1, now: steppingClock(0.5) })
    // The last reading may overshoot the deadline by the one step that found it passed.
    expect(plan.stats.elapsedMs).toBeLessThanOrEqual(200 + 1)
    expect(plan.stats.iterations).toBeGreaterThan(0)
    expect(independentCheck(p, plan).violations).toEqual([])
  })

  it('has a complete 200-stop single-van tour long before its budget runs out', () => {
    const { matrix } = randomMatrix(201, prng(4))
    const p: RouteProblem = { durations: matrix, stops: matrix.slice(1).map((_, i) => ({ location: i + 1 })), vehicles: [{ startLocation: 0, endLocation: 0 }] }
    const plan = solveRoutes(p, { budgetMs: 200, now: steppingClock(0.5) })
    expect(plan.routes[0]!.visits).toHaveLength(200)
    expect(plan.stats.elapsedMs).toBeLessThanOrEqual(200 + 1)
    // Construction reads the clock a handful of times: the first plan exists at once, and the
    // rest of the budget goes to improving it.
    expect(plan.stats.firstFeasibleMs).toBeLessThan(20)
  })

  it('still returns a complete plan with a zero budget', () => {
    const p = day(5, 30, 3)
    const plan = solveRoutes(p, { budgetMs: 0 })
    expect(independentCheck(p, plan).violations).toEqual([])
  })
})
