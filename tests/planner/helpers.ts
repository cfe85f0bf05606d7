/**
 * Test helpers that deliberately share no code with the solver: a tiny PRNG, instance
 * generators, an independent schedule checker and brute-force optimum.
 */
import type { RoutePlan, RouteProblem, RouteStop, TimeWindow } from '../../common/planner/solver/index.js'

/** mulberry32, independent of the solver's generator. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Random points in a square, as an (integer) Euclidean duration matrix in seconds. */
export function randomMatrix(n: number, rnd: () => number, size = 3600): { matrix: number[][]; pts: [number, number][] } {
  const pts = Array.from({ length: n }, () => [rnd() * size, rnd() * size] as [number, number])
  const matrix = pts.map((a) => pts.map((b) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]))))
  return { matrix, pts }
}

export interface Violation {
  stop?: number
  what: string
}

/** Earliest start within raw windows for an arrival (undefined windows = always open). */
function earliest(ws: readonly TimeWindow[] | undefined, arrival: number): number | null {
  if (ws === undefined) return arrival
  let best: number | null = null
  for (const w of ws) {
    if (arrival > w.end || w.start > w.end) continue
    const s = Math.max(arrival, w.start)
    if (best === null || s < best) best = s
  }
  return best
}

/** Recomputes every route of a plan from the matrix and lists broken windows, shifts, loads. */
export function independentCheck(p: RouteProblem, plan: RoutePlan): { violations: Violation[]; travel: number } {
  const violations: Violation[] = []
  let travel = 0
  const seen = new Map<number, number>()
  for (const r of plan.routes) {
    const v = p.vehicles[r.vehicle]!
    let t = v.shiftStart ?? 0
    let at = v.startLocation
    let load = 0
    for (const visit of r.visits) {
      seen.set(visit.stop, (seen.get(visit.stop) ?? 0) + 1)
      const s = p.stops[visit.stop]!
      const leg = p.durations[at]![s.location]!
      travel += leg
      const start = earliest(s.timeWindows, t + leg)
      if (start === null) {
        violations.push({ stop: visit.stop, what: `arrives ${t + leg} with no window open` })
        t = t + leg + (s.serviceSeconds ?? 0)
      } else {
        if (Math.abs(start - visit.serviceStart) > 1e-6) violations.push({ stop: visit.stop, what: `reported service start ${visit.serviceStart} != ${start}` })
        t = start + (s.serviceSeconds ?? 0)
      }
      load += s.demand ?? 0
      at = s.location
    }
    if (r.visits.length > 0) {
      const back = p.durations[at]![v.endLocation]!
      travel += back
      if (t + back > (v.shiftEnd ?? Infinity) + 1e-6) violations.push({ what: `vehicle ${r.vehicle} back at ${t + back} after shift end` })
    }
    if (load > (v.capacity ?? Infinity)) violations.push({ what: `vehicle ${r.vehicle} overloaded (${load})` })
  }
  for (const u of plan.unassigned) seen.set(u.stop, (seen.get(u.stop) ?? 0) + 1)
  p.stops.forEach((_, i) => {
    const c = seen.get(i) ?? 0
    if (c !== 1) violations.push({ stop: i, what: `stop appears ${c} times in routes + unassigned` })
  })
  return { violations, travel }
}

/** All permutations of arr (Heap's algorithm), calling f with a reused array. */
export function permute(arr: number[], f: (perm: readonly number[]) => void): void {
  const a = arr.slice()
  const c = new Array<number>(a.length).fill(0)
  f(a)
  let i = 0
  while (i < a.length) {
    if (c[i]! < i) {
      const j = i % 2 === 0 ? 0 : c[i]!
      ;[a[j], a[i]] = [a[i]!, a[j]!]
      f(a)
      c[i]!++
      i = 0
    } else {
      c[i] = 0
      i++
    }
  }
}

/** Shortest feasible single-vehicle route over all stops by enumeration (Infinity if none). */
export function bruteForce(p: RouteProblem): number {
  const v = p.vehicles[0]!
  const stops: readonly RouteStop[] = p.stops
  let best = Infinity
  permute(
    stops.map((_, i) => i),
    (perm) => {
      let t = v.shiftStart ?? 0
      let at = v.startLocation
      let cost = 0
      for (const i of perm) {
        const s = stops[i]!
        const leg = p.durations[at]![s.location]!
        cost += leg
        if (cost >= best) return
        const start = earliest(s.timeWindows, t + leg)
        if (start === null) return
        t = start + (s.serviceSeconds ?? 0)
        at = s.location
      }
      const back = p.durations[at]![v.endLocation]!
      if (t + back > (v.shiftEnd ?? Infinity)) return
      best = Math.min(best, cost + back)
    },
  )
  return best
}

/** Hours to seconds since midnight. */
export const h = (hours: number): number => Math.round(hours * 3600)

/**
 * A day of stops, each open for a few hours between 8:00 and 22:00, served from one depot by
 * `vans` vans on a 7:00–21:00 shift; with `capacity`, each stop takes one unit of it.
 */
export function outreachDay(seed: number, n: number, vans: number, options: { capacity?: number; objective?: RouteProblem['objective'] } = {}): RouteProblem {
  const rnd = prng(seed)
  const { matrix } = randomMatrix(n + 1, rnd, 3000)
  const { capacity, objective } = options
  return {
    durations: matrix,
    stops: matrix.slice(1).map((_, i) => {
      const open = h(8 + rnd() * 8)
      return { location: i + 1, serviceSeconds: 300, ...(capacity ? { demand: 1 } : {}), timeWindows: [{ start: open, end: open + h(2 + rnd() * 4) }] }
    }),
    vehicles: Array.from({ length: vans }, () => ({ startLocation: 0, endLocation: 0, shiftStart: h(7), shiftEnd: h(21), ...(capacity ? { capacity } : {}) })),
    ...(objective ? { objective } : {}),
  }
}
