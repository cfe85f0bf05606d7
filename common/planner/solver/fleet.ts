/**
 * Fleet minimisation for vehicles-first objectives (SISR's fleet phase): empty a
 * route, then ruin & recreate without opening routes until every stop is back. A
 * candidate is accepted if it leaves fewer stops out, or as many but ones that have been
 * absent less often, which steers the search towards rehoming the awkward stops.
 */
import type { SearchControl, Sisr } from './lns.js'
import { copySolution, updateRoute, type Solution } from './solution.js'

/** Tries to remove routes from best (in place) until the phase ends or stalls. */
export function minimiseRoutes(sisr: Sisr, best: Solution, ctl: SearchControl, maxIter: number, stall = 0.6): void {
  const { M, rng } = sisr
  const s = sisr.cur
  const absences = new Float64Array(M.n)
  const absSum = (list: readonly number[]): number => list.reduce((a, u) => a + absences[u]!, 0)
  if (sisr.ls) sisr.ls.beforeApply = null
  const ls = sisr.ls
  sisr.ls = null
  sisr.seedAbsent = true
  // give up once a stretch of `stall` (fraction of the phase) brings no route reduction
  let lastWin = 0
  const stalled = (): boolean => ctl.done() || sisr.iterations >= maxIter || ctl.frac() - lastWin > stall
  while (!stalled() && best.unassigned.length === 0) {
    copySolution(s, best)
    const nonEmpty = s.routes.filter((R) => R.len > 2).sort((a, b) => a.len - b.len)
    if (nonEmpty.length <= 1) break
    // mostly the shortest route (its stops are easiest to rehome), sometimes another
    const R = nonEmpty[rng.next() < 0.5 ? 0 : rng.int(nonEmpty.length)]!
    for (let i = 1; i < R.len - 1; i++) {
      s.routeOf[R.nodes[i]!] = -1
      s.unassigned.push(R.nodes[i]!)
    }
    R.nodes[1] = R.nodes[R.len - 1]!
    R.len = 2
    updateRoute(M, s, R)
    let cnt = s.unassigned.length
    while (cnt > 0 && !stalled()) {
      sisr.step(false)
      const c2 = s.unassigned.length
      if (c2 < cnt || (c2 === cnt && absSum(s.unassigned) <= absSum(sisr.savedUnassigned))) {
        sisr.commit()
        cnt = c2
      } else sisr.restore()
      for (const u of s.unassigned) absences[u]!++
    }
    if (cnt === 0) {
      copySolution(best, s)
      lastWin = ctl.frac()
    }
  }
  sisr.ls = ls
  sisr.seedAbsent = false
  copySolution(s, best)
}
