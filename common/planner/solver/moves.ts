/**
 * Every local-search move is described as new routes made of "pieces": ranges of
 * existing routes, possibly reversed. Cost, load and window feasibility of a piece
 * sequence come from the route caches, so 2-opt, Or-opt, swap and 2-opt* share one
 * evaluator and none of them allocates.
 */
import { earliestStart as importedEarliest, type Model } from './model.js'
import { updateRoute as importedUpdate, type Solution } from './solution.js'

// module-local aliases: transpilers turn imported bindings into getters, too slow for hot loops
const earliestStart = importedEarliest
const updateRoute = importedUpdate

/** A route under construction: up to 6 pieces. */
export class Pieces {
  readonly route = new Int32Array(6)
  readonly from = new Int32Array(6)
  readonly to = new Int32Array(6)
  readonly rev = new Uint8Array(6)
  n = 0

  clear(): this {
    this.n = 0
    return this
  }

  /** Appends positions a..b of route r (skipped when empty). */
  add(r: number, a: number, b: number, rev = false): this {
    if (a > b) return this
    const i = this.n++
    this.route[i] = r
    this.from[i] = a
    this.to[i] = b
    this.rev[i] = rev ? 1 : 0
    return this
  }
}

/** Travel cost of the route described by q. */
export function piecesCost(M: Model, s: Solution, q: Pieces): number {
  const N = M.N
  let c = 0
  let last = -1
  for (let i = 0; i < q.n; i++) {
    const R = s.routes[q.route[i]!]!
    const a = q.from[i]!
    const b = q.to[i]!
    let first: number
    if (q.rev[i]) {
      c += R.B[b]! - R.B[a]!
      first = R.nodes[b]!
      if (last >= 0) c += M.cost[last * N + first]!
      last = R.nodes[a]!
    } else {
      c += R.F[b]! - R.F[a]!
      first = R.nodes[a]!
      if (last >= 0) c += M.cost[last * N + first]!
      last = R.nodes[b]!
    }
  }
  return c
}

/** Total demand carried by the route described by q. */
export function piecesLoad(s: Solution, q: Pieces): number {
  let l = 0
  for (let i = 0; i < q.n; i++) {
    const R = s.routes[q.route[i]!]!
    const a = q.from[i]!
    l += R.Q[q.to[i]!]! - (a > 0 ? R.Q[a - 1]! : 0)
  }
  return l
}

/** Number of stops in the route described by q (depots excluded). */
export function piecesStops(q: Pieces): number {
  let c = -2
  for (let i = 0; i < q.n; i++) c += q.to[i]! - q.from[i]! + 1
  return c
}

/**
 * Window feasibility of q for `vehicle`. The first piece must be a prefix; a final
 * forward suffix is checked in O(1) against its latest-start cache, other pieces are walked.
 */
export function piecesFeasible(M: Model, s: Solution, q: Pieces, vehicle: number): boolean {
  if (!M.hasTW) return true
  const N = M.N
  const R0 = s.routes[q.route[0]!]!
  let t = R0.E[q.to[0]!]!
  let prev = R0.nodes[q.to[0]!]!
  const last = q.n - 1
  for (let i = 1; i < q.n; i++) {
    const R = s.routes[q.route[i]!]!
    const a = q.from[i]!
    const b = q.to[i]!
    if (i === last && !q.rev[i] && b === R.len - 1 && (R.vehicle === vehicle || M.uniformEnds)) {
      const x = R.nodes[a]!
      return earliestStart(M, x, t + M.service[prev]! + M.time[prev * N + x]!) <= R.L[a]!
    }
    if (q.rev[i]) {
      for (let p = b; p >= a; p--) {
        const x = R.nodes[p]!
        t = earliestStart(M, x, t + M.service[prev]! + M.time[prev * N + x]!)
        if (t === Infinity) return false
        prev = x
      }
    } else {
      for (let p = a; p <= b; p++) {
        const x = R.nodes[p]!
        t = earliestStart(M, x, t + M.service[prev]! + M.time[prev * N + x]!)
        if (t === Infinity) return false
        prev = x
      }
    }
  }
  return true
}

/** Writes the nodes of q into buf, with the vehicle's own depots at both ends. */
export function piecesWrite(M: Model, s: Solution, q: Pieces, vehicle: number, buf: Int32Array): number {
  let k = 0
  for (let i = 0; i < q.n; i++) {
    const nodes = s.routes[q.route[i]!]!.nodes
    const a = q.from[i]!
    const b = q.to[i]!
    if (q.rev[i]) for (let p = b; p >= a; p--) buf[k++] = nodes[p]!
    else for (let p = a; p <= b; p++) buf[k++] = nodes[p]!
  }
  buf[0] = M.n + 2 * vehicle
  buf[k - 1] = M.n + 2 * vehicle + 1
  return k
}

/** Scratch buffers reused by applyPieces. */
export interface MoveScratch {
  buf1: Int32Array
  buf2: Int32Array
}

/** Rewrites route r1 as q1 (and r2 as q2 when r2 >= 0), then refreshes caches. */
export function applyPieces(M: Model, s: Solution, w: MoveScratch, r1: number, q1: Pieces, r2: number, q2: Pieces | null): void {
  const l1 = piecesWrite(M, s, q1, r1, w.buf1)
  const l2 = r2 >= 0 && q2 ? piecesWrite(M, s, q2, r2, w.buf2) : 0
  const R1 = s.routes[r1]!
  R1.nodes.set(w.buf1.subarray(0, l1))
  R1.len = l1
  if (r2 >= 0) {
    const R2 = s.routes[r2]!
    R2.nodes.set(w.buf2.subarray(0, l2))
    R2.len = l2
    updateRoute(M, s, R2)
  }
  updateRoute(M, s, R1)
}
