/**
 * Construction heuristics: nearest neighbour for a single unconstrained tour, regret-2
 * insertion for small constrained problems, and greedy insertion with "blinks" (the
 * recreate step of SISR) for everything else. All only place stops where capacity and
 * windows allow, so every solution they return is feasible; leftovers stay unassigned.
 */
import type { Model } from './model.js'
import type { Rng } from './random.js'
import { canInsert, insertAt, updateRoute, type Route, type Solution } from './solution.js'

/** Whether route r may receive stops: non-empty routes always; of identical empty vehicles only the first. */
function openable(M: Model, _s: Solution, r: Route, seen: Uint8Array, allowNew: boolean): boolean {
  if (r.len > 2) return true
  if (!allowNew) return false
  const c = M.vclass[r.vehicle]!
  if (seen[c]) return false
  seen[c] = 1
  return true
}

/** Nearest-neighbour tour for vehicle 0 over the given stops (no windows, no capacity). */
export function nearestNeighbour(M: Model, s: Solution, stops: readonly number[]): void {
  const r = s.routes[0]!
  const N = M.N
  const left = stops.slice()
  let cur = r.nodes[0]!
  let len = 1
  while (left.length > 0) {
    let bi = 0
    let bc = Infinity
    for (let i = 0; i < left.length; i++) {
      const c = M.cost[cur * N + left[i]!]!
      if (c < bc) {
        bc = c
        bi = i
      }
    }
    cur = left[bi]!
    left[bi] = left[left.length - 1]!
    left.pop()
    r.nodes[len++] = cur
  }
  r.nodes[len++] = M.n + 1
  r.len = len
  updateRoute(M, s, r)
}

export class Inserter {
  private readonly seen: Uint8Array

  constructor(private readonly M: Model) {
    this.seen = new Uint8Array(M.m)
  }

  /** Cheapest feasible insertion of u; returns [route, position] packed as r*(n+2)+p, or -1. */
  best(s: Solution, u: number, rng: Rng | null, blink: number, allowNew: boolean): number {
    const M = this.M
    const N = M.N
    this.seen.fill(0)
    let best = Infinity
    let where = -1
    const d = M.demand[u]!
    for (const r of s.routes) {
      if (!openable(M, s, r, this.seen, allowNew)) continue
      if (M.hasCap && r.load + d > M.capacity[r.vehicle]!) continue
      const fixed = r.len === 2 ? M.vehicleWeight : 0
      const nodes = r.nodes
      for (let p = 0; p < r.len - 1; p++) {
        const a = nodes[p]!
        const b = nodes[p + 1]!
        const delta = fixed + M.cost[a * N + u]! + M.cost[u * N + b]! - M.cost[a * N + b]!
        if (delta >= best) continue
        if (rng && blink > 0 && rng.next() < blink) continue
        if (!canInsert(M, r, p, u)) continue
        best = delta
        where = r.vehicle * (M.n + 2) + p
      }
    }
    return where
  }

  /** Inserts each stop of `order` at its cheapest place; the rest go to s.unassigned. */
  greedy(s: Solution, order: ArrayLike<number>, rng: Rng | null, blink: number, allowNew: boolean): void {
    const M = this.M
    for (let i = 0; i < order.length; i++) {
      const u = order[i]!
      const w = this.best(s, u, rng, blink, allowNew)
      if (w < 0) {
        s.unassigned.push(u)
        continue
      }
      const r = s.routes[Math.floor(w / (M.n + 2))]!
      insertAt(M, s, r, w % (M.n + 2), u)
    }
  }

  /** Regret-2 insertion: places first the stop that would lose most by waiting. O(n^2 (n+m)). */
  regret(s: Solution, stops: readonly number[]): void {
    const M = this.M
    const N = M.N
    const left = stops.slice()
    const perRoute = new Float64Array(M.m)
    while (left.length > 0) {
      let pick = -1
      let pickWhere = -1
      let pickRegret = -Infinity
      let pickCost = Infinity
      for (let i = 0; i < left.length; i++) {
        const u = left[i]!
        this.seen.fill(0)
        let b1 = Infinity
        let b2 = Infinity
        let where = -1
        for (const r of s.routes) {
          perRoute[r.vehicle] = Infinity
          if (!openable(M, s, r, this.seen, true)) continue
          if (M.hasCap && r.load + M.demand[u]! > M.capacity[r.vehicle]!) continue
          const fixed = r.len === 2 ? M.vehicleWeight : 0
          let rb = Infinity
          for (let p = 0; p < r.len - 1; p++) {
            const a = r.nodes[p]!
            const b = r.nodes[p + 1]!
            const delta = fixed + M.cost[a * N + u]! + M.cost[u * N + b]! - M.cost[a * N + b]!
            if (delta >= rb || !canInsert(M, r, p, u)) continue
            rb = delta
            if (delta < b1) where = r.vehicle * (M.n + 2) + p
          }
          if (rb < b1) {
            b2 = b1
            b1 = rb
          } else if (rb < b2) b2 = rb
        }
        if (where < 0) continue
        // a stop with a single option must go first; cap so Infinity does not swamp ties
        const regret = Math.min(b2 - b1, 1e300)
        if (regret > pickRegret || (regret === pickRegret && b1 < pickCost)) {
          pick = i
          pickWhere = where
          pickRegret = regret
          pickCost = b1
        }
      }
      if (pick < 0) {
        for (const u of left) s.unassigned.push(u)
        return
      }
      const u = left[pick]!
      left[pick] = left[left.length - 1]!
      left.pop()
      insertAt(M, s, s.routes[Math.floor(pickWhere / (M.n + 2))]!, pickWhere % (M.n + 2), u)
    }
  }
}
