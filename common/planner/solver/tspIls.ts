/**
 * Iterated local search for one van with no windows or capacity on a symmetric matrix:
 * the route becomes a cycle (start, stops..., end) closed by a pinned end -> start edge,
 * searched with array 2-opt + Or-opt (tourSearch.ts). Each iteration kicks with a
 * segment-local double bridge (swap two adjacent stretches: 2-opt and Or-opt cannot undo
 * it in one move), re-optimises only around the kick and keeps the result when it is no
 * longer; otherwise the journal undoes it. Ties are accepted so the search can drift along
 * the plateaus that clustered, grid-like instances are full of, and after a long stall one
 * longer tour is accepted; the best tour seen is what is returned.
 */
import type { SearchControl } from './lns.js'
import type { Model } from './model.js'
import type { Rng } from './random.js'
import { updateRoute, type Route, type Solution } from './solution.js'
import { ArrayTour } from './tour.js'
import { TourSearch } from './tourSearch.js'

/** Neighbours per city in the candidate lists. */
const K = 10
/**
 * Longest stretch a kick moves. Short kicks keep the repair local and cheap but leave deep
 * local optima alone; on 250-300 stops, 100 beat 10, 30 and 50 (and unbounded) per iteration.
 */
const KICK_SPAN = 100
/**
 * Kicks in a row without a new best after which one longer tour is accepted, to leave a
 * deep local optimum (a circuit-board instance sat at +0.8% without it, 0-0.05% with it).
 */
const STALL_PER_CITY = 2
const STALL_MIN = 200
/** Largest finite cost the fast path accepts; "unreachable" (1e15) loses precision. */
const MAX_COST = 1e13

/** The route's cities as a local symmetric matrix, or null when the matrix is not symmetric. */
export function tourMatrix(M: Model, R: Route): { D: Float64Array; nodes: Int32Array } | null {
  const T = R.len
  // local city 0 is the start depot, 1 the end depot, then the stops in route order
  const nodes = new Int32Array(T)
  nodes[0] = R.nodes[0]!
  nodes[1] = R.nodes[T - 1]!
  for (let i = 1; i < T - 1; i++) nodes[i + 1] = R.nodes[i]!
  const D = new Float64Array(T * T)
  let max = 0
  for (let i = 0; i < T; i++) {
    for (let j = i + 1; j < T; j++) {
      const a = M.cost[nodes[i]! * M.N + nodes[j]!]!
      const b = M.cost[nodes[j]! * M.N + nodes[i]!]!
      if (Math.abs(a - b) > 1e-9 * (1 + Math.abs(a)) || !(Math.abs(a) < MAX_COST)) return null
      D[i * T + j] = a
      D[j * T + i] = a
      max = Math.max(max, Math.abs(a))
    }
  }
  // pin end -> start: removing it costs more than any move of three edges can gain
  const pin = -(16 * max + 1)
  D[1] = pin
  D[T] = pin
  return { D, nodes }
}

/** The K nearest cities of each city (insertion into a bounded sorted list). */
export function nearestCities(D: Float64Array, T: number, k: number): Int32Array {
  const out = new Int32Array(T * k)
  const key = new Float64Array(k)
  for (let i = 0; i < T; i++) {
    let cnt = 0
    for (let j = 0; j < T; j++) {
      if (j === i) continue
      const d = D[i * T + j]!
      if (cnt === k && d >= key[k - 1]!) continue
      let q = cnt < k ? cnt++ : k - 1
      while (q > 0 && key[q - 1]! > d) {
        key[q] = key[q - 1]!
        out[i * k + q] = out[i * k + q - 1]!
        q--
      }
      key[q] = d
      out[i * k + q] = j
    }
  }
  return out
}

/**
 * Runs the ILS on route 0 of cur, writes the best tour into best (and cur). Returns the
 * iterations run, or -1 when the matrix is not symmetric (the caller then uses its own ILS).
 */
export function tourIls(M: Model, cur: Solution, best: Solution, rng: Rng, ctl: SearchControl, maxIter: number): number {
  const R = cur.routes[0]!
  const local = tourMatrix(M, R)
  if (!local) return -1
  const { D, nodes } = local
  const T = R.len
  const k = Math.min(K, T - 1)
  const cities = new Int32Array(T)
  // cycle order 0, stops..., 1 (the pinned edge closes it)
  cities[0] = 0
  for (let i = 1; i < T - 1; i++) cities[i] = i + 1
  cities[T - 1] = 1
  const tour = new ArrayTour(cities)
  const search = new TourSearch(tour, D, nearestCities(D, T, k), k)
  const maxMoves = 20 * T + 100
  search.pushAll()
  search.run(maxMoves)
  const bestOrder = new Int32Array(T)
  tour.copyTo(bestOrder)
  const span = Math.max(1, Math.min(KICK_SPAN, Math.floor((T - 2) / 2)))
  const stall = Math.max(STALL_MIN, STALL_PER_CITY * T)
  let it = 0
  let curLen = 0
  let bestLen = 0
  let since = 0
  while (T >= 8 && it < maxIter && !ctl.done()) {
    it++
    tour.mark()
    const kick = doubleBridge(tour, D, search, rng, span)
    if (Number.isNaN(kick)) continue
    const delta = kick + search.run(maxMoves)
    if (delta < 1e-7) {
      // ties are kept: they let the search drift along plateaus
      curLen += delta
      since++
      if (curLen < bestLen - 1e-7) {
        bestLen = curLen
        since = 0
        tour.copyTo(bestOrder)
      }
    } else if (since >= stall) {
      curLen += delta
      since = 0
    } else {
      tour.undo()
      since++
    }
  }
  if (curLen <= bestLen) tour.copyTo(bestOrder)
  writeTour(M, cur, R, nodes, bestOrder)
  writeTour(M, best, best.routes[0]!, nodes, bestOrder)
  return it
}

/**
 * Segment-local double bridge at a random place: A B C D -> A C B D with B and C at most
 * `span` long, done as three reversals, its six end cities queued for the local search.
 * Returns the change in length, or NaN when it would cut the pinned depot edge.
 */
function doubleBridge(tour: ArrayTour, D: Float64Array, search: TourSearch, rng: Rng, span: number): number {
  const T = tour.size
  const i = rng.int(T)
  const l1 = 1 + rng.int(span)
  const l2 = 1 + rng.int(span)
  const { order } = tour
  const a = order[i]!
  const b1 = order[(i + 1) % T]!
  const b2 = order[(i + l1) % T]!
  const c1 = order[(i + l1 + 1) % T]!
  const c2 = order[(i + l1 + l2) % T]!
  const d = order[(i + l1 + l2 + 1) % T]!
  if ((a < 2 && b1 < 2) || (b2 < 2 && c1 < 2) || (c2 < 2 && d < 2)) return Number.NaN
  const s = (i + 1) % T
  // (B C)^r = C^r B^r, then each part back
  tour.reversePositions(s, l1 + l2)
  tour.reversePositions(s, l2)
  tour.reversePositions((s + l2) % T, l1)
  for (const c of [a, b1, b2, c1, c2, d]) search.push(c)
  return D[a * T + c1]! + D[c2 * T + b1]! + D[b2 * T + d]! - D[a * T + b1]! - D[b2 * T + c1]! - D[c2 * T + d]!
}

/** Writes the cycle back as start, stops..., end (walking away from the pinned edge). */
function writeTour(M: Model, s: Solution, R: Route, nodes: Int32Array, order: Int32Array): void {
  const T = order.length
  const at0 = order.indexOf(0)
  const step = order[(at0 + 1) % T] === 1 ? T - 1 : 1
  for (let q = 0; q < T; q++) R.nodes[q] = nodes[order[(at0 + q * step) % T]!]!
  R.len = T
  updateRoute(M, s, R)
}
