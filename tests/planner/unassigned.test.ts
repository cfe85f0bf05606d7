import { describe, it, expect } from 'vitest'
import { solveRoutes, type RouteProblem } from '../../common/planner/solver/index.js'
import { h, independentCheck } from './helpers.js'

// depot 0, sites 1..4 each 30 min (1800 s) from the depot and 10 min from each other
const M = [
  [0, 1800, 1800, 1800, 1800],
  [1800, 0, 600, 600, 600],
  [1800, 600, 0, 600, 600],
  [1800, 600, 600, 0, 600],
  [1800, 600, 600, 600, 0],
]
const van = { id: 'van', startLocation: 0, endLocation: 0, shiftStart: h(9), shiftEnd: h(17), capacity: 10 }

describe('stops that cannot be planned are reported with a reason, never dropped', () => {
  it('says a site closed all day is closed all day', () => {
    const p: RouteProblem = {
      durations: M,
      stops: [
        { id: 'open', location: 1 },
        { id: 'sunday-closed', location: 2, timeWindows: [] },
      ],
      vehicles: [van],
    }
    const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 200 })
    expect(plan.unassigned).toEqual([{ stop: 1, id: 'sunday-closed', code: 'closed', reason: 'closed all day' }])
    expect(plan.routes[0]!.visits.map((v) => v.id)).toEqual(['open'])
  })

  it('says a site closing before the van can possibly get there is unreachable before close', () => {
    const p: RouteProblem = {
      durations: M,
      // the van leaves at 09:00 and needs 30 min: a 09:00-09:15 window cannot be met
      stops: [
        { id: 'early-bird', location: 1, timeWindows: [{ start: h(8), end: h(9.25) }] },
        { id: 'ok', location: 3 },
      ],
      vehicles: [van],
    }
    const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 200 })
    expect(plan.unassigned).toHaveLength(1)
    expect(plan.unassigned[0]).toMatchObject({ stop: 0, code: 'unreachable' })
    expect(plan.unassigned[0]!.reason).toBe('cannot reach before 09:15 close (earliest arrival 09:30)')
  })

  it('says a delivery bigger than any van exceeds vehicle capacity', () => {
    const p: RouteProblem = {
      durations: M,
      stops: [
        { id: 'bulk', location: 1, demand: 25 },
        { id: 'small', location: 2, demand: 2 },
      ],
      vehicles: [van],
    }
    const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 200 })
    expect(plan.unassigned).toHaveLength(1)
    expect(plan.unassigned[0]).toMatchObject({ stop: 0, code: 'capacity' })
    expect(plan.unassigned[0]!.reason).toMatch(/^exceeds vehicle capacity/)
  })

  it('says no vehicle shift fits when the van could get there but not back in time', () => {
    const p: RouteProblem = {
      durations: M,
      stops: [{ id: 'long-visit', location: 1, serviceSeconds: h(7.5) }],
      vehicles: [van],
    }
    const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 200 })
    expect(plan.unassigned[0]).toMatchObject({ stop: 0, code: 'shift' })
    expect(plan.unassigned[0]!.reason).toMatch(/^no vehicle shift fits/)
  })

  it('explains stops that are fine alone but do not all fit into the day', () => {
    // four 3-hour visits, one 8-hour shift: at most two fit
    const p: RouteProblem = {
      durations: M,
      stops: [1, 2, 3, 4].map((l) => ({ id: `site-${l}`, location: l, serviceSeconds: h(3) })),
      vehicles: [van],
    }
    const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 200 })
    expect(plan.routes[0]!.visits).toHaveLength(2)
    expect(plan.unassigned).toHaveLength(2)
    for (const u of plan.unassigned) expect(u).toMatchObject({ code: 'no-room' })
    expect(independentCheck(p, plan).violations).toEqual([])
  })

  it('accounts for every stop exactly once on a messy day', () => {
    const p: RouteProblem = {
      durations: M,
      stops: [
        { location: 1, timeWindows: [] },
        { location: 2, demand: 50 },
        { location: 3, timeWindows: [{ start: h(10), end: h(11) }] },
        { location: 4, timeWindows: [{ start: h(6), end: h(7) }] },
        { location: 1, serviceSeconds: h(20) },
        { location: 2 },
      ],
      vehicles: [van, { ...van, id: 'bike', capacity: 2 }],
    }
    const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 200 })
    expect(independentCheck(p, plan).violations).toEqual([])
    expect(plan.unassigned.map((u) => u.code)).toEqual(['closed', 'capacity', 'unreachable', 'shift'])
    for (const u of plan.unassigned) expect(u.reason.length).toBeGreaterThan(5)
  })

  it('reports every stop as unassigned when there are no vehicles', () => {
    const plan = solveRoutes({ durations: M, stops: [{ location: 1 }, { location: 2 }], vehicles: [] }, { budgetMs: 60_000, maxIterations: 200 })
    expect(plan.routes).toEqual([])
    expect(plan.unassigned.map((u) => u.stop)).toEqual([0, 1])
  })

  it('rejects a stop that points outside the matrix instead of guessing', () => {
    expect(() => solveRoutes({ durations: M, stops: [{ location: 9 }], vehicles: [van] })).toThrow(/outside the matrix/)
  })
})
