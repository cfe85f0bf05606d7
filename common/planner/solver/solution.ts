/**
 * Mutable search state. Each route caches, per position, the earliest feasible service
 * start (E), the latest service start that keeps the rest of the route feasible (L),
 * forward/backward cost prefixes (F/B, so reversed segments cost O(1) on asymmetric
 * matrices) and load prefixes (Q). These make most move checks O(1).
 */
import { earliestStart as importedEarliest, latestStart as importedLatest, type Model } from './model.js'

// module-local aliases: transpilers turn imported bindings into getters, too slow for hot loops
const earliestStart = importedEarliest
const latestStart = importedLatest

export interface Route {
  vehicle: number
  nodes: Int32Array
  len: number
  E: Float64Array
  L: Float64Array
  F: Float64Array
  B: Float64Array
  Q: Float64Array
  cost: number
  load: number
  feasible: boolean
}

export interface Solution {
  routes: Route[]
  routeOf: Int32Array
  posOf: Int32Array
  /** Stops not in any route (allowed ones the search still has to place). */
  unassigned: number[]
}

/** Empty routes for every vehicle, every stop unassigned. */
export function emptySolution(M: Model): Solution {
  const cap = M.n + 2
  const routes: Route[] = []
  for (let k = 0; k < M.m; k++) {
    const r: Route = {
      vehicle: k,
      nodes: new Int32Array(cap),
      len: 2,
      E: new Float64Array(cap),
      L: new Float64Array(cap),
      F: new Float64Array(cap),
      B: new Float64Array(cap),
      Q: new Float64Array(cap),
      cost: 0,
      load: 0,
      feasible: true,
    }
    r.nodes[0] = M.n + 2 * k
    r.nodes[1] = M.n + 2 * k + 1
    routes.push(r)
  }
  const s: Solution = { routes, routeOf: new Int32Array(M.N).fill(-1), posOf: new Int32Array(M.N), unassigned: [] }
  for (const r of routes) updateRoute(M, s, r)
  return s
}

/** Recomputes a route's caches and the node -> (route, position) index. */
export function updateRoute(M: Model, s: Solution, r: Route): void {
  const { nodes, E, L, F, B, Q, len } = r
  const N = M.N
  const cost = M.cost
  const time = M.time
  const svc = M.service
  const tw = M.hasTW
  let prev = nodes[0]!
  E[0] = tw ? earliestStart(M, prev, -Infinity) : 0
  F[0] = 0
  B[0] = 0
  Q[0] = 0
  s.routeOf[prev] = r.vehicle
  s.posOf[prev] = 0
  for (let i = 1; i < len; i++) {
    const x = nodes[i]!
    F[i] = F[i - 1]! + cost[prev * N + x]!
    B[i] = B[i - 1]! + cost[x * N + prev]!
    Q[i] = Q[i - 1]! + M.demand[x]!
    // without windows E/L are never consulted, so skip them
    if (tw) E[i] = earliestStart(M, x, E[i - 1]! + svc[prev]! + time[prev * N + x]!)
    s.routeOf[x] = r.vehicle
    s.posOf[x] = i
    prev = x
  }
  r.cost = F[len - 1]!
  r.load = Q[len - 1]!
  if (!tw) {
    r.feasible = r.load <= M.capacity[r.vehicle]!
    return
  }
  let next = nodes[len - 1]!
  L[len - 1] = latestStart(M, next, Infinity)
  for (let i = len - 2; i >= 0; i--) {
    const x = nodes[i]!
    L[i] = latestStart(M, x, L[i + 1]! - svc[x]! - time[x * N + next]!)
    next = x
  }
  r.feasible = E[len - 1]! <= L[len - 1]! && r.load <= M.capacity[r.vehicle]!
}

/** Scalar objective: unassigned >> vehicles >> travel cost. */
export function objective(M: Model, s: Solution): number {
  let c = M.unassignedWeight * s.unassigned.length
  for (const r of s.routes) {
    c += r.cost
    if (r.len > 2) c += M.vehicleWeight
  }
  return c
}

/** Travel cost only. */
export function travelCost(s: Solution): number {
  let c = 0
  for (const r of s.routes) c += r.cost
  return c
}

/** Number of non-empty routes. */
export function routesUsed(s: Solution): number {
  let c = 0
  for (const r of s.routes) if (r.len > 2) c++
  return c
}

/** Copies `src` into `dst` (same model) without allocating route buffers. */
export function copySolution(dst: Solution, src: Solution): void {
  for (let k = 0; k < src.routes.length; k++) copyRoute(dst.routes[k]!, src.routes[k]!)
  dst.routeOf.set(src.routeOf)
  dst.posOf.set(src.posOf)
  dst.unassigned.length = 0
  for (const u of src.unassigned) dst.unassigned.push(u)
}

/** Copies one route's nodes and caches. */
export function copyRoute(d: Route, r: Route): void {
  const len = r.len
  d.len = len
  d.nodes.set(r.nodes.subarray(0, len))
  d.E.set(r.E.subarray(0, len))
  d.L.set(r.L.subarray(0, len))
  d.F.set(r.F.subarray(0, len))
  d.B.set(r.B.subarray(0, len))
  d.Q.set(r.Q.subarray(0, len))
  d.cost = r.cost
  d.load = r.load
  d.feasible = r.feasible
}

/** Cost of inserting u between positions p and p+1 of r, or Infinity if infeasible. */
export function insertionDelta(M: Model, r: Route, p: number, u: number): number {
  const N = M.N
  const a = r.nodes[p]!
  const b = r.nodes[p + 1]!
  return M.cost[a * N + u]! + M.cost[u * N + b]! - M.cost[a * N + b]!
}

/** O(1) window check for inserting u between positions p and p+1 of r. */
export function canInsert(M: Model, r: Route, p: number, u: number): boolean {
  if (!M.hasTW) return true
  const N = M.N
  const a = r.nodes[p]!
  const b = r.nodes[p + 1]!
  const tu = earliestStart(M, u, r.E[p]! + M.service[a]! + M.time[a * N + u]!)
  if (tu === Infinity) return false
  return earliestStart(M, b, tu + M.service[u]! + M.time[u * N + b]!) <= r.L[p + 1]!
}

/** Inserts u after position p and refreshes the route. */
export function insertAt(M: Model, s: Solution, r: Route, p: number, u: number): void {
  r.nodes.copyWithin(p + 2, p + 1, r.len)
  r.nodes[p + 1] = u
  r.len++
  updateRoute(M, s, r)
}

/** Removes the node at position p (without refreshing caches; call updateRoute after a batch). */
export function removeAt(s: Solution, r: Route, p: number): void {
  s.routeOf[r.nodes[p]!] = -1
  r.nodes.copyWithin(p, p + 1, r.len)
  r.len--
}
