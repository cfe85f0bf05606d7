import { describe, it, expect } from 'vitest'
import { solveRoutes, type RouteProblem, type RouteStop } from '../../common/planner/solver/index.js'
import { h, independentCheck, prng, randomMatrix } from './helpers.js'

/** A city's pharmacies, some closing for lunch, served by a few vans on day shifts. */
function pharmacies(seed: number, n: number, vans: number, capacity?: number): RouteProblem {
  const rnd = prng(seed)
  const { matrix } = randomMatrix(n + 1, rnd, 2400)
  const stops: RouteStop[] = matrix.slice(1).map((_, i) => {
    const open = h(8 + Math.floor(rnd() * 6))
    const kind = rnd()
    const timeWindows =
      kind < 0.3
        ? [
            { start: h(9), end: h(12) },
            { start: h(13), end: h(17) },
          ]
        : kind < 0.6
          ? [{ start: open, end: open + h(1 + rnd() * 3) }]
          : undefined
    return {
      id: `pharmacy-${i + 1}`,
      location: i + 1,
      serviceSeconds: 300 + Math.floor(rnd() * 900),
      demand: 1 + Math.floor(rnd() * 5),
      ...(timeWindows ? { timeWindows } : {}),
    }
  })
  return {
    durations: matrix,
    distances: matrix.map((r) => r.map((d) => d * 8)),
    stops,
    vehicles: Array.from({ length: vans }, (_, k) => ({
      id: `van-${k + 1}`,
      startLocation: 0,
      endLocation: 0,
      shiftStart: h(8),
      shiftEnd: h(18),
      ...(capacity ? { capacity } : {}),
    })),
  }
}

describe('an outreach van visits every open pharmacy before it closes', () => {
  it('never plans a visit outside opening hours, a late return or an overloaded van', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const p = pharmacies(seed, 40, 4, 40)
      const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 300, seed })
      expect(independentCheck(p, plan).violations).toEqual([])
    }
  })

  it('waits for a pharmacy that is closed for lunch instead of arriving in the break', () => {
    const p: RouteProblem = {
      durations: [
        [0, 600],
        [600, 0],
      ],
      stops: [
        {
          id: 'lunch-closer',
          location: 1,
          serviceSeconds: 600,
          timeWindows: [
            { start: h(9), end: h(12) },
            { start: h(13), end: h(17) },
          ],
        },
      ],
      vehicles: [{ startLocation: 0, endLocation: 0, shiftStart: h(12.5), shiftEnd: h(18) }],
    }
    const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 50 })
    const visit = plan.routes[0]!.visits[0]!
    expect(visit.serviceStart).toBe(h(13))
    // it leaves late rather than idling on the doorstep
    expect(plan.routes[0]!.departure).toBe(h(13) - 600)
    expect(visit.wait).toBe(0)
    expect(visit.departure).toBe(h(13) + 600)
    expect(plan.routes[0]!.returnTime).toBe(h(13) + 1200)
  })

  it('reports arrival, wait, service start and departure that add up', () => {
    const p = pharmacies(11, 30, 3)
    const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 200 })
    for (const r of plan.routes) {
      let t = r.departure
      for (const v of r.visits) {
        expect(v.arrival).toBeCloseTo(t + v.travelFromPrevious, 6)
        expect(v.serviceStart).toBeCloseTo(v.arrival + v.wait, 6)
        expect(v.departure).toBeCloseTo(v.serviceStart + (p.stops[v.stop]!.serviceSeconds ?? 0), 6)
        t = v.departure
      }
      const travel = r.visits.reduce((a, v) => a + v.travelFromPrevious, 0)
      if (r.visits.length > 0) expect(r.travelSeconds).toBe(travel + p.durations[r.visits.at(-1)!.location]![0]!)
    }
    const sum = plan.routes.reduce((a, r) => a + r.travelSeconds, 0)
    expect(plan.totals.travelSeconds).toBe(sum)
    expect(plan.cost).toBe(sum)
    expect(plan.totals.distanceMetres).toBe(sum * 8)
  })

  it('gives 50 stops a default budget under 200 ms, and keeps to it (bench:route-api times it for real)', () => {
    const p = pharmacies(5, 50, 5, 40)
    let t = 0
    const plan = solveRoutes(p, { now: () => (t += 0.25) })
    expect(plan.stats.elapsedMs).toBeLessThanOrEqual(20 + 2 * 50 + 0.25)
    expect(independentCheck(p, plan).violations).toEqual([])
  })

  it('can minimise vans first and then travel', () => {
    const p = { ...pharmacies(3, 40, 8, 30), objective: 'vehicles-then-duration' as const }
    const few = solveRoutes(p, { budgetMs: 60_000, maxIterations: 600, seed: 2 })
    const fast = solveRoutes({ ...p, objective: 'duration' }, { budgetMs: 60_000, maxIterations: 600, seed: 2 })
    expect(independentCheck(p, few).violations).toEqual([])
    expect(few.unassigned).toHaveLength(fast.unassigned.length)
    expect(few.totals.vehiclesUsed).toBeLessThanOrEqual(fast.totals.vehiclesUsed)
  })
})
