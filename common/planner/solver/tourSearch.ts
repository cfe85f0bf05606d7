/**
 * 2-opt and Or-opt on a symmetric array tour, both driven by neighbour lists with a
 * don't-look-bit queue. Each candidate is priced in O(1) from the matrix (no route caches
 * to refresh), so after a kick the search only revisits the handful of cities around it.
 * Or-opt moves segments of 1-3 cities in either orientation next to a near neighbour;
 * Or-3opt (sequential 3-opt without the 2-opt case) moves a stretch of any length, which
 * is what drilling and circuit-board instances need: a whole row of holes has to move at once.
 */
import type { ArrayTour } from './tour.js'

const EPS = 1e-7

export class TourSearch {
  private readonly queue: Int32Array
  private readonly inQueue: Uint8Array
  private head = 0
  private count = 0
  /** Moves applied so far (all runs). */
  moves = 0

  /**
   * @param D symmetric T x T cost matrix
   * @param neigh K nearest cities of each city, nearest first
   */
  constructor(
    private readonly tour: ArrayTour,
    private readonly D: Float64Array,
    private readonly neigh: Int32Array,
    private readonly K: number,
  ) {
    this.queue = new Int32Array(tour.size)
    this.inQueue = new Uint8Array(tour.size)
  }

  /** Queues a city for (re)examination. */
  push(c: number): void {
    if (this.inQueue[c]) return
    this.inQueue[c] = 1
    let i = this.head + this.count++
    if (i >= this.queue.length) i -= this.queue.length
    this.queue[i] = c
  }

  /** Queues every city. */
  pushAll(): void {
    for (let c = 0; c < this.tour.size; c++) this.push(c)
  }

  /**
   * Applies improving moves until the queue is empty or maxMoves were applied (a guard
   * against rounding loops); returns the total change in tour length (<= 0).
   */
  run(maxMoves: number): number {
    let delta = 0
    const limit = this.moves + maxMoves
    while (this.count > 0 && this.moves < limit) {
      const a = this.queue[this.head]!
      if (++this.head === this.queue.length) this.head = 0
      this.count--
      this.inQueue[a] = 0
      const d = this.twoOpt(a) || this.orOpt(a) || this.orThree(a)
      if (d < 0) {
        delta += d
        this.moves++
        this.push(a)
      }
    }
    while (this.count > 0) {
      this.inQueue[this.queue[this.head]!] = 0
      if (++this.head === this.queue.length) this.head = 0
      this.count--
    }
    return delta
  }

  /** First improving 2-opt move that gives city a a nearer tour neighbour; its delta or 0. */
  private twoOpt(a: number): number {
    const { tour, D, neigh, K } = this
    const T = tour.size
    for (let dir = 0; dir < 2; dir++) {
      const b = dir === 0 ? tour.succ(a) : tour.pred(a)
      const dab = D[a * T + b]!
      for (let k = 0; k < K; k++) {
        const c = neigh[a * K + k]!
        const dac = D[a * T + c]!
        if (dac >= dab - EPS) break
        const d = dir === 0 ? tour.succ(c) : tour.pred(c)
        if (c === b || d === a) continue
        const delta = dac + D[b * T + d]! - dab - D[c * T + d]!
        if (delta < -EPS) {
          tour.twoOpt(a, b, c, d)
          this.push(b)
          this.push(c)
          this.push(d)
          return delta
        }
      }
    }
    return 0
  }

  /** First improving Or-opt move of a segment that ends at city a, placed next to a neighbour of a. */
  private orOpt(a: number): number {
    const { tour, D, neigh, K } = this
    const T = tour.size
    for (let L = 1; L <= 3 && L + 3 <= T; L++) {
      for (let dir = 0; dir < (L === 1 ? 1 : 2); dir++) {
        // the segment runs from a for L cities forward (dir 0) or backward (dir 1)
        let o = a
        let mid = a
        for (let i = 1; i < L; i++) {
          o = dir === 0 ? tour.succ(o) : tour.pred(o)
          if (i === 1) mid = o
        }
        const s1 = dir === 0 ? a : o
        const s2 = dir === 0 ? o : a
        const p = tour.pred(s1)
        const nx = tour.succ(s2)
        const removed = D[p * T + s1]! + D[s2 * T + nx]! - D[p * T + nx]!
        if (removed <= EPS) continue
        for (let k = 0; k < K; k++) {
          const c = neigh[a * K + k]!
          const dac = D[a * T + c]!
          if (dac >= removed - EPS) break
          if (c === o || c === mid) continue
          for (let side = 0; side < 2; side++) {
            const d = side === 0 ? tour.succ(c) : tour.pred(c)
            if (d === a || d === o || d === mid) continue
            const delta = dac + D[o * T + d]! - D[c * T + d]! - removed
            if (delta >= -EPS) continue
            // the segment goes between c and d with a next to c
            if (side === 0) tour.moveSegment(s1, s2, p, nx, c, d, a !== s1)
            else tour.moveSegment(s1, s2, p, nx, d, c, a === s1)
            this.push(p)
            this.push(nx)
            this.push(c)
            this.push(d)
            this.push(o)
            return delta
          }
        }
      }
    }
    return 0
  }

  /**
   * First improving Or-3opt move from t1 = a: drop (t1,t2), add (t2,t3) for a near t3, drop
   * (t3,t4), add (t4,t5) for a near t5 inside t2..t3, close through t6 beside t5. The two
   * stretches t2..t5 and t6..t3 swap places (or both turn round); either way no stretch has
   * a length limit. Gains are checked after each added edge, as in Lin-Kernighan.
   */
  private orThree(t1: number): number {
    const { tour, D, neigh, K } = this
    const T = tour.size
    const pos = tour.pos
    for (let dir = 0; dir < 2; dir++) {
      // read the cycle forward (dir 0) or backward (dir 1); "next" follows the reading
      const t2 = dir === 0 ? tour.succ(t1) : tour.pred(t1)
      const d12 = D[t1 * T + t2]!
      for (let k = 0; k < K; k++) {
        const t3 = neigh[t2 * K + k]!
        const g1 = d12 - D[t2 * T + t3]!
        if (g1 <= EPS) break
        if (t3 === t1) continue
        const t4 = dir === 0 ? tour.succ(t3) : tour.pred(t3)
        if (t4 === t1 || t3 === t2) continue
        const g1c = g1 + D[t3 * T + t4]!
        // distance from t2 along the reading, so "inside t2..t3" is a comparison
        const span = dir === 0 ? pos[t3]! - pos[t2]! : pos[t2]! - pos[t3]!
        const len = span < 0 ? span + T : span
        for (let q = 0; q < K; q++) {
          const c = neigh[t4 * K + q]!
          const g2 = g1c - D[t4 * T + c]!
          if (g2 <= EPS) break
          const off0 = dir === 0 ? pos[c]! - pos[t2]! : pos[t2]! - pos[c]!
          const off = off0 < 0 ? off0 + T : off0
          if (off < len) {
            // c = t5 in t2..before t3: t1 [t6..t3] [t2..t5] t4
            const t6 = dir === 0 ? tour.succ(c) : tour.pred(c)
            const delta = D[t6 * T + t1]! - D[c * T + t6]! - g2
            if (delta < -EPS) {
              tour.twoOpt(t1, t2, t3, t4) // t1 [t3..t6] [t5..t2] t4
              tour.twoOpt(t1, t3, t6, c) // t1 [t6..t3] [t5..t2] t4
              tour.twoOpt(t3, c, t2, t4) // t1 [t6..t3] [t2..t5] t4
              return this.touched(delta, t1, t2, t3, t4, c, t6)
            }
          }
          if (off > 0 && off <= len) {
            // c = t6 in after t2..t3: t1 [t5..t2] [t3..t6] t4
            const t5 = dir === 0 ? tour.pred(c) : tour.succ(c)
            const delta = D[t1 * T + t5]! - D[t5 * T + c]! - g2
            if (delta < -EPS) {
              tour.twoOpt(t1, t2, t5, c) // t1 [t5..t2] [t6..t3] t4
              tour.twoOpt(t2, c, t3, t4) // t1 [t5..t2] [t3..t6] t4
              return this.touched(delta, t1, t2, t3, t4, t5, c)
            }
          }
        }
      }
    }
    return 0
  }

  /** Queues the six cities of a 3-opt move and returns its delta. */
  private touched(delta: number, a: number, b: number, c: number, d: number, e: number, f: number): number {
    this.push(b)
    this.push(c)
    this.push(d)
    this.push(e)
    this.push(f)
    this.push(a)
    return delta
  }
}
