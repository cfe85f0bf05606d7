import { describe, it, expect } from 'vitest'
import { solveRoutes, type RouteProblem } from '../../common/planner/solver/index.js'
import { bruteForce, independentCheck, prng, randomMatrix } from './helpers.js'

/** One van from location 0 visiting locations 1..n-1 and coming back. */
function loop(matrix: number[][]): RouteProblem {
  return {
    durations: matrix,
    stops: matrix.slice(1).map((_, i) => ({ location: i + 1, id: `site-${i + 1}` })),
    vehicles: [{ startLocation: 0, endLocation: 0 }],
  }
}

describe('a single outreach van takes the shortest loop', () => {
  it('matches the brute-force optimum on small random areas (no opening hours)', () => {
    for (let trial = 0; trial < 12; trial++) {
      const rnd = prng(100 + trial)
      const n = 5 + (trial % 5) // 5..9 locations including the depot
      const p = loop(randomMatrix(n, rnd).matrix)
      const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 2000, seed: trial })
      expect(plan.unassigned).toEqual([])
      expect(independentCheck(p, plan).violations).toEqual([])
      expect(plan.cost).toBe(bruteForce(p))
    }
  })

  it('matches the brute-force optimum on one-way streets (asymmetric travel times)', () => {
    for (let trial = 0; trial < 8; trial++) {
      const rnd = prng(200 + trial)
      const { matrix } = randomMatrix(9, rnd)
      // uphill/downhill: going "east" is slower than coming back
      const asym = matrix.map((row, i) => row.map((d, j) => (i === j ? 0 : Math.round(d * (j > i ? 1.3 : 0.8) + rnd() * 60))))
      const p = loop(asym)
      const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 2000, seed: 1 })
      expect(plan.cost).toBe(bruteForce(p))
      expect(independentCheck(p, plan).travel).toBe(plan.cost)
    }
  })

  it('matches the brute-force optimum when every site has opening hours', () => {
    for (let trial = 0; trial < 12; trial++) {
      const rnd = prng(300 + trial)
      const n = 9
      const { matrix } = randomMatrix(n, rnd, 1800)
      const service = 600
      // windows built around a random feasible visiting order, so a feasible plan exists
      const order = Array.from({ length: n - 1 }, (_, i) => i + 1).sort(() => rnd() - 0.5)
      const windows = new Map<number, { start: number; end: number }[]>()
      let t = 8 * 3600
      let at = 0
      for (const loc of order) {
        t += matrix[at]![loc]!
        const slack = 300 + rnd() * 2400
        const w = { start: Math.round(t - slack * rnd()), end: Math.round(t + slack * rnd()) }
        // some sites close for lunch: a second window later in the day
        windows.set(loc, rnd() < 0.4 ? [w, { start: w.end + 1800, end: w.end + 5400 }] : [w])
        t += service
        at = loc
      }
      const p: RouteProblem = {
        durations: matrix,
        stops: matrix.slice(1).map((_, i) => ({ location: i + 1, serviceSeconds: service, timeWindows: windows.get(i + 1)! })),
        vehicles: [{ startLocation: 0, endLocation: 0, shiftStart: 8 * 3600, shiftEnd: 20 * 3600 }],
      }
      const optimum = bruteForce(p)
      expect(optimum).toBeLessThan(Infinity)
      const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 2000, seed: trial })
      expect(plan.unassigned).toEqual([])
      expect(independentCheck(p, plan).violations).toEqual([])
      expect(plan.cost).toBe(optimum)
    }
  })

  it('ends the shift somewhere else when start and end differ', () => {
    const rnd = prng(7)
    const { matrix } = randomMatrix(9, rnd)
    const p: RouteProblem = { ...loop(matrix), vehicles: [{ startLocation: 0, endLocation: 8 }] }
    p.stops = p.stops.filter((s) => s.location !== 8)
    const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 2000 })
    expect(plan.cost).toBe(bruteForce(p))
    expect(plan.routes[0]!.visits).toHaveLength(7)
  })
})
