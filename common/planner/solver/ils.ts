/**
 * Iterated local search for a single unconstrained tour (plain TSP / one van, no
 * windows). A symmetric matrix goes to the array-tour search in tspIls.ts; an asymmetric
 * one (one-way streets) stays here, on the route pieces that price reversals from the
 * forward/backward caches: a segment-local double-bridge kick, then local search
 * restricted to the stops around the kick. Double-bridge is the classic kick because
 * 2-opt and Or-opt cannot undo it in one move; keeping the segments short keeps the repair cheap.
 */
import type { LocalSearch } from './localSearch.js'
import type { Model } from './model.js'
import { applyPieces, Pieces, type MoveScratch } from './moves.js'
import type { Rng } from './random.js'
import { copyRoute, copySolution, emptySolution, objective, type Solution } from './solution.js'
import type { SearchControl } from './lns.js'
import { tourIls } from './tspIls.js'

/**
 * Improves route 0 of cur (local search first, then ILS) and leaves the best tour in best.
 * `timeUp` bounds the first local search; ctl and maxIter bound the ILS. Returns iterations.
 */
export function iteratedLocalSearch(
  M: Model,
  cur: Solution,
  best: Solution,
  ls: LocalSearch,
  rng: Rng,
  ctl: SearchControl,
  maxIter: number,
  timeUp: () => boolean,
): number {
  const R = cur.routes[0]!
  const backup = emptySolution(M).routes[0]!
  const q = new Pieces()
  const scratch: MoveScratch = { buf1: new Int32Array(M.n + 2), buf2: new Int32Array(M.n + 2) }
  const seeds = new Int32Array(8)
  let curObj = objective(M, cur)
  let bestObj = objective(M, best)
  const n0 = R.len - 2
  // symmetric matrices take the array-tour fast path; one-way streets stay here
  const fast = n0 < 8 ? -1 : tourIls(M, cur, best, rng, ctl, maxIter)
  if (fast >= 0) return fast
  ls.run(cur, null, timeUp)
  copySolution(best, cur)
  curObj = objective(M, cur)
  bestObj = curObj
  if (n0 < 8) return 0
  let it = 0
  ls.beforeApply = null
  while (it < maxIter && !ctl.done()) {
    it++
    copyRoute(backup, R)
    // three cut points inside a window of at most 3*30 consecutive stops
    const w = Math.min(n0 - 1, 3 * (1 + rng.int(30)))
    const base = 1 + rng.int(n0 - w)
    let a = base + rng.int(w)
    let b = base + rng.int(w)
    let c = base + rng.int(w)
    if (a > b) [a, b] = [b, a]
    if (b > c) [b, c] = [c, b]
    if (a > b) [a, b] = [b, a]
    if (a === b || b === c) continue
    // A B C D -> A C B D
    q.clear()
      .add(0, 0, a)
      .add(0, b + 1, c)
      .add(0, a + 1, b)
      .add(0, c + 1, R.len - 1)
    seeds[0] = R.nodes[a]!
    seeds[1] = R.nodes[a + 1]!
    seeds[2] = R.nodes[b]!
    seeds[3] = R.nodes[b + 1]!
    seeds[4] = R.nodes[c]!
    seeds[5] = R.nodes[c + 1]!
    applyPieces(M, cur, scratch, 0, q, -1, null)
    ls.run(cur, seeds.subarray(0, 6))
    const obj = objective(M, cur)
    if (obj <= curObj + 1e-9) {
      curObj = obj
      if (obj < bestObj - 1e-9) {
        bestObj = obj
        copySolution(best, cur)
      }
    } else {
      copyRoute(R, backup)
      for (let i = 0; i < R.len; i++) cur.posOf[R.nodes[i]!] = i
    }
  }
  return it
}
