/**
 * Neighbour-list local search: Or-opt (segments of 1-3, either orientation, which
 * includes relocate), exchange, intra-route 2-opt and inter-route 2-opt*. Every move
 * is anchored on a stop u and one of its nearest neighbours v and creates the edge u-v,
 * which keeps the scan at O(n K). A work queue ("don't look bits") means re-optimising
 * after a small perturbation only revisits the stops near the change.
 */
import type { Model } from './model.js'
import { applyPieces, Pieces, piecesCost, piecesFeasible, piecesLoad, piecesStops, type MoveScratch } from './moves.js'
import type { Route, Solution } from './solution.js'

const EPS = 1e-7

export class LocalSearch {
  private readonly queue: Int32Array
  private readonly inQueue: Uint8Array
  private head = 0
  private size = 0
  private readonly q1 = new Pieces()
  private readonly q2 = new Pieces()
  private readonly scratch: MoveScratch
  private s!: Solution
  /** Neighbours examined per stop. */
  kls: number
  moves = 0
  /**
   * Most moves one run may apply. A run from scratch needs fewer than n; the bound is there
   * because near-"unreachable" (1e15) costs lose precision, and rounding could make a move
   * and its reverse both look improving.
   */
  readonly maxMovesPerRun: number
  /** Called with the route indices a move is about to rewrite (lets callers back them up). */
  beforeApply: ((r1: number, r2: number) => void) | null = null

  constructor(
    private readonly M: Model,
    kls = 12,
  ) {
    this.queue = new Int32Array(Math.max(1, M.n))
    this.inQueue = new Uint8Array(Math.max(1, M.n))
    this.scratch = { buf1: new Int32Array(M.n + 2), buf2: new Int32Array(M.n + 2) }
    this.kls = Math.min(kls, M.K)
    this.maxMovesPerRun = 20 * M.n + 100
  }

  /** Queues a stop for (re)examination. */
  push(u: number): void {
    if (u >= this.M.n || this.inQueue[u]) return
    this.inQueue[u] = 1
    this.queue[(this.head + this.size++) % this.queue.length] = u
  }

  /**
   * Improves s in place until no queued stop has an improving move, `deadline()` says stop,
   * or the run has applied maxMovesPerRun moves (each pop without a move shrinks the queue,
   * so the run always ends).
   */
  run(s: Solution, seeds: ArrayLike<number> | null, deadline?: () => boolean): void {
    this.s = s
    const M = this.M
    if (seeds === null) for (let u = 0; u < M.n; u++) this.push(u)
    else for (let i = 0; i < seeds.length; i++) this.push(seeds[i]!)
    let pops = 0
    const moveLimit = this.moves + this.maxMovesPerRun
    while (this.size > 0 && this.moves < moveLimit) {
      if (deadline && (++pops & 63) === 0 && deadline()) break
      const u = this.queue[this.head]!
      this.head = (this.head + 1) % this.queue.length
      this.size--
      this.inQueue[u] = 0
      if (s.routeOf[u]! < 0) continue
      for (let k = 0; k < this.kls; k++) {
        const v = M.neigh[u * M.K + k]!
        if (s.routeOf[v]! < 0) continue
        if (this.tryPair(u, v)) break
      }
    }
    this.head = 0
    this.size = 0
    this.inQueue.fill(0)
  }

  /** Tries every move creating edge u-v; applies the first improving one. */
  private tryPair(u: number, v: number): boolean {
    const s = this.s
    const ru = s.routeOf[u]!
    const rv = s.routeOf[v]!
    const pu = s.posOf[u]!
    const pv = s.posOf[v]!
    const Ru = s.routes[ru]!
    const Rv = s.routes[rv]!
    const M = this.M
    const { q1, q2 } = this
    const C = M.cost
    const N = M.N
    const nu = Ru.nodes
    const nv = Rv.nodes
    // Or-opt: segment starting or ending at u, placed right after or right before v.
    for (let k = 1; k <= 3; k++) {
      for (let side = 0; side < (k === 1 ? 1 : 2); side++) {
        const a = side === 0 ? pu : pu - k + 1
        const b = a + k - 1
        if (a < 1 || b > Ru.len - 2) continue
        for (let place = 0; place < 2; place++) {
          const p = place === 0 ? pv : pv - 1
          // u must touch v: after v the segment starts with u, before v it ends with u
          const rev = place === 0 ? side === 1 : side === 0
          if (k === 1 && rev) continue
          if (ru === rv && ((pv >= a && pv <= b) || (p >= a - 1 && p <= b))) continue
          // O(1) cost filter before building pieces: most candidates fail here
          const S1 = nu[a]!
          const S2 = nu[b]!
          const X = nv[p]!
          const Y = nv[p + 1]!
          let d = C[nu[a - 1]! * N + nu[b + 1]!]! - C[nu[a - 1]! * N + S1]! - C[S2 * N + nu[b + 1]!]! - C[X * N + Y]!
          d += rev ? C[X * N + S2]! + C[S1 * N + Y]! + Ru.B[b]! - Ru.B[a]! - Ru.F[b]! + Ru.F[a]! : C[X * N + S1]! + C[S2 * N + Y]!
          if (d > -EPS && (ru === rv || a > 1 || b < Ru.len - 2)) continue
          if (ru === rv) {
            q1.clear()
            if (p < a)
              q1.add(ru, 0, p)
                .add(ru, a, b, rev)
                .add(ru, p + 1, a - 1)
                .add(ru, b + 1, Ru.len - 1)
            else
              q1.add(ru, 0, a - 1)
                .add(ru, b + 1, p)
                .add(ru, a, b, rev)
                .add(ru, p + 1, Ru.len - 1)
            if (this.tryMove(ru, q1, -1, null)) return true
          } else {
            q1.clear()
              .add(ru, 0, a - 1)
              .add(ru, b + 1, Ru.len - 1)
            q2.clear()
              .add(rv, 0, p)
              .add(ru, a, b, rev)
              .add(rv, p + 1, Rv.len - 1)
            if (this.tryMove(ru, q1, rv, q2)) return true
          }
        }
      }
    }
    // Exchange u with v's successor (giving v,u) or predecessor (giving u,v).
    for (let d = -1; d <= 1; d += 2) {
      const pw = pv + d
      if (pw < 1 || pw > Rv.len - 2) continue
      const w = Rv.nodes[pw]!
      if (w === u) continue
      if (this.trySwap(u, w)) return true
    }
    if (ru === rv) {
      // 2-opt: reverse the stretch between u and v so that they become adjacent.
      const lo = Math.min(pu, pv)
      const hi = Math.max(pu, pv)
      const end = Ru.len - 1
      if (this.reversalGain(Ru, lo + 1, hi) < -EPS) {
        q1.clear()
          .add(ru, 0, lo)
          .add(ru, lo + 1, hi, true)
          .add(ru, hi + 1, end)
        if (this.tryMove(ru, q1, -1, null)) return true
      }
      if (lo >= 1 && this.reversalGain(Ru, lo, hi - 1) < -EPS) {
        q1.clear()
          .add(ru, 0, lo - 1)
          .add(ru, lo, hi - 1, true)
          .add(ru, hi, end)
        if (this.tryMove(ru, q1, -1, null)) return true
      }
      return false
    }
    // 2-opt*: swap route tails so that u -> v (or v -> u) becomes an edge.
    q1.clear().add(ru, 0, pu)
    this.addTail(q1, rv, pv, ru)
    q2.clear().add(rv, 0, pv - 1)
    this.addTail(q2, ru, pu + 1, rv)
    if (this.tryMove(ru, q1, rv, q2)) return true
    q2.clear().add(rv, 0, pv)
    this.addTail(q2, ru, pu, rv)
    q1.clear().add(ru, 0, pu - 1)
    this.addTail(q1, rv, pv + 1, ru)
    return this.tryMove(ru, q1, rv, q2)
  }

  /** Appends route r's stops from position a, then the target vehicle's end depot. */
  private addTail(q: Pieces, r: number, a: number, target: number): void {
    const R = this.s.routes[r]!
    if (r === target || this.M.uniformEnds) {
      q.add(r, a, R.len - 1)
    } else {
      q.add(r, a, R.len - 2)
      const T = this.s.routes[target]!
      q.add(target, T.len - 1, T.len - 1)
    }
  }

  /** Cost change of reversing positions i..j of R (asymmetric-safe). */
  private reversalGain(R: Route, i: number, j: number): number {
    const C = this.M.cost
    const N = this.M.N
    const P = R.nodes[i - 1]!
    const Q = R.nodes[j + 1]!
    const a = R.nodes[i]!
    const b = R.nodes[j]!
    return C[P * N + b]! + C[a * N + Q]! - C[P * N + a]! - C[b * N + Q]! + R.B[j]! - R.B[i]! - R.F[j]! + R.F[i]!
  }

  /** Cost change of exchanging stops x and y (positions px < py when in the same route). */
  private swapGain(x: number, y: number): number {
    const s = this.s
    const C = this.M.cost
    const N = this.M.N
    const Rx = s.routes[s.routeOf[x]!]!
    const Ry = s.routes[s.routeOf[y]!]!
    const px = s.posOf[x]!
    const py = s.posOf[y]!
    const xp = Rx.nodes[px - 1]!
    const xn = Rx.nodes[px + 1]!
    const yp = Ry.nodes[py - 1]!
    const yn = Ry.nodes[py + 1]!
    if (Rx === Ry && Math.abs(px - py) === 1) {
      const [P, X, Y, Q] = px < py ? [xp, x, y, yn] : [yp, y, x, xn]
      return C[P * N + Y]! + C[Y * N + X]! + C[X * N + Q]! - C[P * N + X]! - C[X * N + Y]! - C[Y * N + Q]!
    }
    return C[xp * N + y]! + C[y * N + xn]! - C[xp * N + x]! - C[x * N + xn]! + C[yp * N + x]! + C[x * N + yn]! - C[yp * N + y]! - C[y * N + yn]!
  }

  private trySwap(x: number, y: number): boolean {
    if (this.swapGain(x, y) > -EPS) return false
    const s = this.s
    const rx = s.routeOf[x]!
    const ry = s.routeOf[y]!
    const { q1, q2 } = this
    if (rx === ry) {
      const R = s.routes[rx]!
      const a = Math.min(s.posOf[x]!, s.posOf[y]!)
      const b = Math.max(s.posOf[x]!, s.posOf[y]!)
      q1.clear()
        .add(rx, 0, a - 1)
        .add(rx, b, b)
        .add(rx, a + 1, b - 1)
        .add(rx, a, a)
        .add(rx, b + 1, R.len - 1)
      return this.tryMove(rx, q1, -1, null)
    }
    const px = s.posOf[x]!
    const py = s.posOf[y]!
    q1.clear()
      .add(rx, 0, px - 1)
      .add(ry, py, py)
      .add(rx, px + 1, s.routes[rx]!.len - 1)
    q2.clear()
      .add(ry, 0, py - 1)
      .add(rx, px, px)
      .add(ry, py + 1, s.routes[ry]!.len - 1)
    return this.tryMove(rx, q1, ry, q2)
  }

  /** Applies the move if it lowers the objective and respects capacity and windows. */
  private tryMove(r1: number, q1: Pieces, r2: number, q2: Pieces | null): boolean {
    const M = this.M
    const s = this.s
    const R1 = s.routes[r1]!
    let delta = piecesCost(M, s, q1) - R1.cost
    let used = (piecesStops(q1) > 0 ? 1 : 0) - (R1.len > 2 ? 1 : 0)
    if (r2 >= 0 && q2) {
      const R2 = s.routes[r2]!
      delta += piecesCost(M, s, q2) - R2.cost
      used += (piecesStops(q2) > 0 ? 1 : 0) - (R2.len > 2 ? 1 : 0)
    }
    delta += used * M.vehicleWeight
    if (delta > -EPS) return false
    if (M.hasCap && r2 >= 0 && q2) {
      if (piecesLoad(s, q1) > M.capacity[r1]! || piecesLoad(s, q2) > M.capacity[r2]!) return false
    }
    if (!piecesFeasible(M, s, q1, r1)) return false
    if (r2 >= 0 && q2 && !piecesFeasible(M, s, q2, r2)) return false
    // remember junction stops so the queue revisits the neighbourhood of the change
    for (const q of r2 >= 0 && q2 ? [q1, q2] : [q1]) {
      for (let i = 0; i < q.n; i++) {
        const nodes = s.routes[q.route[i]!]!.nodes
        this.push(nodes[q.from[i]!]!)
        this.push(nodes[q.to[i]!]!)
      }
    }
    this.beforeApply?.(r1, r2)
    applyPieces(M, s, this.scratch, r1, q1, r2, q2)
    this.moves++
    return true
  }
}
