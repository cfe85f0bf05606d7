import { describe, it, expect } from 'vitest'
import { checkPlan, evaluateRoute, solveRoutes, type RouteProblem } from '../../common/planner/solver/index.js'
import { h } from './helpers.js'

// depot 0 and three sites on a line, 20 minutes apart
const line = [
  [0, 1200, 2400, 3600],
  [1200, 0, 1200, 2400],
  [2400, 1200, 0, 1200],
  [3600, 2400, 1200, 0],
]
const problem: RouteProblem = {
  durations: line,
  stops: [
    { id: 'clinic', location: 1, serviceSeconds: 900, timeWindows: [{ start: h(9), end: h(10) }] },
    {
      id: 'pharmacy',
      location: 2,
      serviceSeconds: 900,
      timeWindows: [
        { start: h(9), end: h(10.25) },
        { start: h(13), end: h(17) },
      ],
    },
    { id: 'drop-in', location: 3, serviceSeconds: 900, timeWindows: [{ start: h(9), end: h(10.5) }] },
  ],
  vehicles: [{ id: 'van', startLocation: 0, endLocation: 0, shiftStart: h(8.5), shiftEnd: h(12) }],
}

describe('drag to reorder manually: the plan reports any window it breaks', () => {
  it('accepts the solver plan as it is', () => {
    const plan = solveRoutes(problem, { budgetMs: 60_000, maxIterations: 200 })
    const draft = {
      routes: plan.routes.map((r) => ({ vehicle: r.vehicle, stops: r.visits.map((v) => v.stop) })),
      unassigned: plan.unassigned.map((u) => u.stop),
    }
    expect(checkPlan(problem, draft).feasible).toBe(true)
  })

  it('flags the stop that a reversed order reaches after closing, with times', () => {
    // leave 08:30; drop-in 09:30-09:45; pharmacy 10:05-10:20 (open till 10:15); clinic 10:40, closed at 10:00
    const ev = evaluateRoute(problem, 0, [2, 1, 0])
    expect(ev.feasible).toBe(false)
    expect(ev.visits.map((v) => v.serviceStart)).toEqual([h(9.5), h(9.5) + 2100, h(9.5) + 4200])
    expect(ev.violations).toEqual([{ kind: 'late', stop: 0, lateBy: 2400, message: 'clinic: arrives at 10:40, after it closes at 10:00' }])
  })

  it('waits for the afternoon window when the morning one is missed, then flags the late return', () => {
    // clinic 09:00-09:15 (leaving 08:40 rather than waiting), drop-in 09:55-10:10,
    // pharmacy reached 10:30 after its 10:15 close: waits for 13:00, home 13:55
    const ev = evaluateRoute(problem, 0, [0, 2, 1])
    const pharmacy = ev.visits[2]!
    expect(pharmacy.serviceStart).toBe(h(13))
    expect(pharmacy.wait).toBeGreaterThan(0)
    expect(ev.violations.map((v) => v.kind)).toEqual(['shift'])
    expect(ev.violations[0]!.message).toBe('returns at 13:55, after the shift ends at 12:00')
  })

  it('reports stops left out or visited twice', () => {
    const res = checkPlan(problem, { routes: [{ vehicle: 0, stops: [0, 0] }] })
    expect(res.feasible).toBe(false)
    const kinds = res.violations.map((v) => `${v.kind}:${v.stop ?? ''}`)
    expect(kinds).toContain('duplicate:0')
    expect(kinds).toContain('missing:1')
    expect(kinds).toContain('missing:2')
  })

  it('does not count deliberately unassigned stops as missing', () => {
    const res = checkPlan(problem, { routes: [{ vehicle: 0, stops: [0, 2] }], unassigned: [1] })
    expect(res.violations).toEqual([])
  })

  it('flags an overloaded van', () => {
    const heavy: RouteProblem = { ...problem, stops: problem.stops.map((s) => ({ ...s, demand: 4 })), vehicles: [{ ...problem.vehicles[0]!, capacity: 10 }] }
    const ev = evaluateRoute(heavy, 0, [0, 1, 2])
    expect(ev.violations.some((v) => v.kind === 'capacity' && v.stop === 2)).toBe(true)
  })
})
