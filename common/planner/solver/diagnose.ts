/**
 * Explains why a stop cannot be planned. A stop that no vehicle could serve even on its
 * own (closed, too heavy, unreachable before closing, or no way home before the shift
 * ends) is diagnosed up front and kept out of the search; stops the search could not
 * fit alongside the others get a "no room" reason afterwards.
 */
import { earliestStart, type Model } from './model.js'
import type { RouteProblem, UnassignedCode, UnassignedStop } from './types.js'

/** Reason a stop cannot be served by any vehicle alone, or null if some vehicle can. */
export function soloInfeasibility(M: Model, p: RouteProblem, u: number, fmt: (t: number) => string): { code: UnassignedCode; reason: string } | null {
  const stop = p.stops[u]!
  const ws = M.twOff[u + 1]! - M.twOff[u]!
  if (ws === 0) return { code: 'closed', reason: 'closed all day' }
  if (M.m === 0) return { code: 'no-room', reason: 'no vehicles available' }
  const lastClose = M.twEnd[M.twOff[u + 1]! - 1]!
  let maxCap = 0
  for (let k = 0; k < M.m; k++) maxCap = Math.max(maxCap, M.capacity[k]!)
  if (M.demand[u]! > maxCap) {
    return { code: 'capacity', reason: `exceeds vehicle capacity (needs ${stop.demand}, largest vehicle holds ${maxCap})` }
  }
  const N = M.N
  let earliestArrival = Infinity
  let shiftIssue: string | null = null
  for (let k = 0; k < M.m; k++) {
    if (M.demand[u]! > M.capacity[k]!) continue
    const a = M.n + 2 * k
    const b = a + 1
    const dep = earliestStart(M, a, -Infinity)
    if (dep === Infinity) continue
    const arrival = dep + M.time[a * N + u]!
    earliestArrival = Math.min(earliestArrival, arrival)
    const start = earliestStart(M, u, arrival)
    if (start === Infinity) continue
    const back = start + M.service[u]! + M.time[u * N + b]!
    if (earliestStart(M, b, back) !== Infinity) return null
    const shiftEnd = M.twEnd[M.twOff[b + 1]! - 1] ?? -Infinity
    shiftIssue ??= `no vehicle shift fits (back at ${fmt(back)} at the earliest, shift ends ${fmt(shiftEnd)})`
  }
  if (shiftIssue) return { code: 'shift', reason: shiftIssue }
  if (earliestArrival === Infinity) return { code: 'shift', reason: 'no vehicle shift fits' }
  return {
    code: 'unreachable',
    reason: `cannot reach before ${fmt(lastClose)} close (earliest arrival ${fmt(earliestArrival)})`,
  }
}

/** Reason for a stop that is serviceable alone but did not fit into the plan. */
export function noRoomReason(M: Model): string {
  let cap = 0
  for (let k = 0; k < M.m; k++) cap += M.capacity[k]!
  let demand = 0
  for (let i = 0; i < M.n; i++) demand += M.demand[i]!
  if (M.hasCap && demand > cap) return 'not enough vehicle capacity for every stop'
  return 'no room in any vehicle shift alongside the other stops (not enough vehicles or time)'
}

/** Builds the public unassigned entry. */
export function unassignedEntry(p: RouteProblem, u: number, code: UnassignedCode, reason: string): UnassignedStop {
  const id = p.stops[u]!.id
  return id === undefined ? { stop: u, code, reason } : { stop: u, id, code, reason }
}
