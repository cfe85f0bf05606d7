/**
 * Internal, flat representation of a problem. Nodes 0..n-1 are stops; vehicle k owns
 * node n+2k (its start) and n+2k+1 (its end), so heterogeneous shifts and depots need no
 * special cases in the search. All matrices are node x node typed arrays.
 */
import type { RouteObjective, RouteProblem, TimeWindow } from './types.js'

export interface Model {
  n: number
  m: number
  N: number
  /** Objective cost between nodes (durations or distances). */
  cost: Float64Array
  time: Float64Array
  dist: Float64Array
  service: Float64Array
  demand: Float64Array
  /** Windows of node i are twStart/twEnd[twOff[i] .. twOff[i+1]), sorted and disjoint. */
  twOff: Int32Array
  twStart: Float64Array
  twEnd: Float64Array
  capacity: Float64Array
  hasTW: boolean
  hasCap: boolean
  /** All vehicle end nodes are interchangeable (same location and window). */
  uniformEnds: boolean
  /** vclass[k] = first vehicle identical to k (so empty twins are tried only once). */
  vclass: Int32Array
  /** K nearest stops of each stop, by min(cost(i,j), cost(j,i)). */
  neigh: Int32Array
  K: number
  vehicleWeight: number
  unassignedWeight: number
  objective: RouteObjective
}

/** Location index of a node. */
export function nodeLocation(p: RouteProblem, node: number): number {
  const n = p.stops.length
  if (node < n) return p.stops[node]!.location
  const k = (node - n) >> 1
  const v = p.vehicles[k]!
  return (node - n) % 2 === 0 ? v.startLocation : v.endLocation
}

/** Sorts, clips and merges windows so that earliest/latest lookups are a simple scan. */
export function normaliseWindows(ws: readonly TimeWindow[] | undefined, lo: number, hi: number): TimeWindow[] {
  if (ws === undefined) return [{ start: lo, end: hi }]
  const sorted = ws
    .filter((w) => Number.isFinite(w.start) || Number.isFinite(w.end))
    .map((w) => ({ start: Math.max(w.start, lo), end: Math.min(w.end, hi) }))
    .filter((w) => w.start <= w.end)
    .sort((a, b) => a.start - b.start)
  const out: TimeWindow[] = []
  for (const w of sorted) {
    const last = out[out.length - 1]
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end)
    else out.push({ ...w })
  }
  return out
}

/** Builds the node-level model. Throws on malformed matrices or indices. */
export function buildModel(p: RouteProblem): Model {
  const n = p.stops.length
  const m = p.vehicles.length
  const N = n + 2 * m
  const L = p.durations.length
  const check = (loc: number, what: string): void => {
    if (!Number.isInteger(loc) || loc < 0 || loc >= L) throw new RangeError(`${what}: location ${loc} is outside the matrix (size ${L})`)
  }
  p.stops.forEach((s, i) => check(s.location, `stop ${i}`))
  p.vehicles.forEach((v, k) => {
    check(v.startLocation, `vehicle ${k} start`)
    check(v.endLocation, `vehicle ${k} end`)
  })
  for (const row of p.durations) if (row.length !== L) throw new RangeError('durations must be a square matrix')
  if (p.distances && (p.distances.length !== L || p.distances.some((r) => r.length !== L))) {
    throw new RangeError('distances must be a square matrix of the same size as durations')
  }
  const objective = p.objective ?? 'duration'
  const byDistance = objective === 'distance' || objective === 'vehicles-then-distance'
  if (byDistance && !p.distances) throw new RangeError(`objective '${objective}' needs a distance matrix`)

  const loc = new Int32Array(N)
  for (let i = 0; i < N; i++) loc[i] = nodeLocation(p, i)
  const time = new Float64Array(N * N)
  const dist = new Float64Array(N * N)
  for (let i = 0; i < N; i++) {
    const dr = p.durations[loc[i]!]!
    const sr = p.distances?.[loc[i]!]
    for (let j = 0; j < N; j++) {
      const t = dr[loc[j]!]!
      time[i * N + j] = Number.isFinite(t) ? t : 1e15
      dist[i * N + j] = sr ? sr[loc[j]!]! : 0
    }
  }
  const cost = byDistance ? dist : time

  const service = new Float64Array(N)
  const demand = new Float64Array(N)
  const capacity = new Float64Array(m)
  const windows: TimeWindow[][] = []
  let hasTW = false
  let hasCap = false
  for (let i = 0; i < n; i++) {
    const s = p.stops[i]!
    service[i] = Math.max(0, s.serviceSeconds ?? 0)
    demand[i] = s.demand ?? 0
    const ws = normaliseWindows(s.timeWindows, -Infinity, Infinity)
    windows.push(ws)
    if (ws.length !== 1 || Number.isFinite(ws[0]!.start) || Number.isFinite(ws[0]!.end)) hasTW = true
  }
  for (let k = 0; k < m; k++) {
    const v = p.vehicles[k]!
    const lo = v.shiftStart ?? 0
    const hi = v.shiftEnd ?? Infinity
    if (Number.isFinite(hi)) hasTW = true
    const w = lo <= hi ? [{ start: lo, end: hi }] : []
    windows.push(w, w)
    capacity[k] = v.capacity ?? Infinity
    if (Number.isFinite(capacity[k]!)) hasCap = true
  }
  const total = windows.reduce((a, w) => a + w.length, 0)
  const twOff = new Int32Array(N + 1)
  const twStart = new Float64Array(total)
  const twEnd = new Float64Array(total)
  let o = 0
  for (let i = 0; i < N; i++) {
    twOff[i] = o
    for (const w of windows[i]!) {
      twStart[o] = w.start
      twEnd[o++] = w.end
    }
  }
  twOff[N] = o

  let uniformEnds = true
  for (let k = 1; k < m; k++) {
    const a = p.vehicles[0]!
    const b = p.vehicles[k]!
    if (a.endLocation !== b.endLocation || (a.shiftEnd ?? Infinity) !== (b.shiftEnd ?? Infinity) || (a.shiftStart ?? 0) !== (b.shiftStart ?? 0))
      uniformEnds = false
  }

  const vclass = new Int32Array(m)
  for (let k = 0; k < m; k++) {
    const a = p.vehicles[k]!
    vclass[k] = k
    for (let j = 0; j < k; j++) {
      const b = p.vehicles[j]!
      if (
        a.startLocation === b.startLocation &&
        a.endLocation === b.endLocation &&
        a.shiftStart === b.shiftStart &&
        a.shiftEnd === b.shiftEnd &&
        a.capacity === b.capacity
      ) {
        vclass[k] = j
        break
      }
    }
  }

  const K = Math.min(Math.max(n - 1, 0), 40)
  const neigh = new Int32Array(n * K)
  const key = new Float64Array(K + 1)
  for (let i = 0; i < n; i++) {
    // bounded insertion keeps this O(n*K) instead of a full sort per row
    let cnt = 0
    for (let j = 0; j < n; j++) {
      if (j === i) continue
      const d = Math.min(cost[i * N + j]!, cost[j * N + i]!)
      if (cnt === K && d >= key[K - 1]!) continue
      let q = cnt < K ? cnt++ : K - 1
      while (q > 0 && key[q - 1]! > d) {
        key[q] = key[q - 1]!
        neigh[i * K + q] = neigh[i * K + q - 1]!
        q--
      }
      key[q] = d
      neigh[i * K + q] = j
    }
  }

  // Big-M weights make the objective lexicographic: stops planned >> vehicles >> cost.
  let bound = 1
  for (let i = 0; i < N; i++) {
    let mx = 0
    for (let j = 0; j < N; j++) if (j !== i && cost[i * N + j]! < 1e15) mx = Math.max(mx, cost[i * N + j]!)
    bound += mx
  }
  const hierarchical = objective.startsWith('vehicles')
  const vehicleWeight = hierarchical ? 2 * bound : 0
  const unassignedWeight = 2 * bound * (hierarchical ? m + 1 : 1)

  return {
    n,
    m,
    N,
    cost,
    time,
    dist,
    service,
    demand,
    twOff,
    twStart,
    twEnd,
    capacity,
    hasTW,
    hasCap,
    uniformEnds,
    vclass,
    neigh,
    K,
    vehicleWeight,
    unassignedWeight,
    objective,
  }
}

/** Earliest service start at `node` for an arrival at `a` (Infinity if every window has closed). */
export function earliestStart(M: Model, node: number, a: number): number {
  for (let w = M.twOff[node]!, e = M.twOff[node + 1]!; w < e; w++) {
    if (a <= M.twEnd[w]!) return a > M.twStart[w]! ? a : M.twStart[w]!
  }
  return Infinity
}

/** Latest service start at `node` no later than `b` (-Infinity if none). */
export function latestStart(M: Model, node: number, b: number): number {
  for (let w = M.twOff[node + 1]! - 1, s = M.twOff[node]!; w >= s; w--) {
    if (M.twStart[w]! <= b) return b < M.twEnd[w]! ? b : M.twEnd[w]!
  }
  return -Infinity
}
