/**
 * Ruin & recreate with "slack induction by string removals" (SISR, Christiaens &
 * Vanden Berghe 2020): remove a few strings of consecutive stops from routes near a
 * random seed stop, re-insert greedily with random "blinks", accept by simulated
 * annealing. Routes touched in an iteration are backed up first, so a rejected
 * candidate is undone in time proportional to what changed.
 */
import { Inserter } from './construct.js'
import type { LocalSearch } from './localSearch.js'
import type { Model } from './model.js'
import type { Rng } from './random.js'
import { copyRoute, copySolution, emptySolution, insertAt, objective, updateRoute, type Route, type Solution } from './solution.js'

const CBAR = 10
const LMAX = 10
const BLINK = 0.01

/** Decides when to stop; `frac()` drives the cooling schedule. */
export interface SearchControl {
  done(): boolean
  frac(): number
}

export class Sisr {
  readonly inserter: Inserter
  iterations = 0
  private readonly backup: Route[]
  private readonly touched: Uint8Array
  private readonly touchedList: number[] = []
  private readonly ruined: Uint8Array
  private readonly ruinedList: number[] = []
  private readonly removed: Int32Array
  private nRemoved = 0
  /** Unassigned stops before the last step (what `restore` brings back). */
  readonly savedUnassigned: number[] = []
  private readonly key: Float64Array
  private readonly order: Int32Array
  /** Local search applied to each candidate (optional). */
  ls: LocalSearch | null = null
  /** Seed half of the ruins at absent stops (fleet minimisation). */
  seedAbsent = false

  constructor(
    readonly M: Model,
    readonly rng: Rng,
    readonly cur: Solution,
  ) {
    this.inserter = new Inserter(M)
    this.backup = emptySolution(M).routes
    this.touched = new Uint8Array(M.m)
    this.ruined = new Uint8Array(M.m)
    this.removed = new Int32Array(M.n)
    this.key = new Float64Array(M.n)
    this.order = new Int32Array(M.n)
  }

  private touch(r: number): void {
    if (r < 0 || this.touched[r]) return
    this.touched[r] = 1
    this.touchedList.push(r)
    copyRoute(this.backup[r]!, this.cur.routes[r]!)
  }

  /** Accepts the last step. */
  commit(): void {
    for (const r of this.touchedList) this.touched[r] = 0
    this.touchedList.length = 0
  }

  /** Undoes the last step. */
  restore(): void {
    const s = this.cur
    for (const r of this.touchedList) {
      const R = s.routes[r]!
      copyRoute(R, this.backup[r]!)
      for (let i = 0; i < R.len; i++) {
        s.routeOf[R.nodes[i]!] = r
        s.posOf[R.nodes[i]!] = i
      }
      this.touched[r] = 0
    }
    this.touchedList.length = 0
    s.unassigned.length = 0
    for (const u of this.savedUnassigned) {
      s.unassigned.push(u)
      s.routeOf[u] = -1
    }
  }

  /** One ruin & recreate step on the current solution (not yet accepted or rejected). */
  step(allowNew: boolean): void {
    const s = this.cur
    this.savedUnassigned.length = 0
    for (const u of s.unassigned) this.savedUnassigned.push(u)
    this.ruin()
    this.recreate(allowNew)
    if (this.ls) this.ls.run(s, this.removed.subarray(0, this.nRemoved))
    this.iterations++
  }

  private ruin(): void {
    const M = this.M
    const s = this.cur
    const rng = this.rng
    this.nRemoved = 0
    let assigned = 0
    let used = 0
    for (const R of s.routes) {
      if (R.len > 2) {
        assigned += R.len - 2
        used++
      }
    }
    if (assigned === 0) return
    const lsmax = Math.min(LMAX, assigned / used)
    const ksmax = (4 * CBAR) / (1 + lsmax) - 1
    const ks = Math.floor(rng.next() * ksmax) + 1
    let seed: number
    if (this.seedAbsent && s.unassigned.length > 0 && rng.next() < 0.5) {
      // ruin where an absent stop would have to go, so recreate can make room for it
      seed = s.unassigned[rng.int(s.unassigned.length)]!
    } else {
      seed = rng.int(M.n)
      // some stop is assigned, so after a long run of misses a scan is sure to find one
      for (let misses = 1; s.routeOf[seed]! < 0; misses++) seed = misses < 64 * M.n ? rng.int(M.n) : (seed + 1) % M.n
    }
    for (let i = -1; i < M.K && this.ruinedList.length < ks; i++) {
      const c = i < 0 ? seed : M.neigh[seed * M.K + i]!
      const r = s.routeOf[c]!
      if (r < 0 || this.ruined[r]) continue
      const R = s.routes[r]!
      const card = R.len - 2
      const l = Math.floor(rng.next() * Math.min(card, lsmax)) + 1
      this.touch(r)
      this.ruined[r] = 1
      this.ruinedList.push(r)
      let keep = 0
      if (l < card && rng.next() < 0.5) {
        keep = 1
        while (l + keep < card && rng.next() < 0.5) keep++
      }
      const span = l + keep
      const pc = s.posOf[c]!
      const lo = Math.max(1, pc - span + 1)
      const hi = Math.min(pc, card - span + 1)
      const start = lo + rng.int(hi - lo + 1)
      const keepAt = start + rng.int(l + 1)
      for (let p = start; p < start + span; p++) {
        if (p >= keepAt && p < keepAt + keep) continue
        const x = R.nodes[p]!
        s.routeOf[x] = -1
        this.removed[this.nRemoved++] = x
      }
    }
    for (const r of this.ruinedList) {
      const R = s.routes[r]!
      let j = 1
      for (let i = 1; i < R.len; i++) {
        const x = R.nodes[i]!
        if (x >= M.n || s.routeOf[x]! >= 0) R.nodes[j++] = x
      }
      R.len = j
      updateRoute(M, s, R)
      this.ruined[r] = 0
    }
    this.ruinedList.length = 0
  }

  private recreate(allowNew: boolean): void {
    const M = this.M
    const s = this.cur
    const rng = this.rng
    const order = this.order
    const key = this.key
    let cnt = 0
    for (let i = 0; i < this.nRemoved; i++) order[cnt++] = this.removed[i]!
    for (const u of s.unassigned) order[cnt++] = u
    s.unassigned.length = 0
    // SISR's mix of orders: random, largest demand, farthest, closest (weights 4:4:2:1)
    const pick = rng.int(11)
    const depot = M.n
    for (let i = 0; i < cnt; i++) {
      const u = order[i]!
      const far = M.cost[depot * M.N + u]!
      key[i] = pick < 4 ? rng.next() : pick < 8 ? -M.demand[u]! + rng.next() * 1e-9 : pick < 10 ? -far : far
    }
    for (let i = 1; i < cnt; i++) {
      const u = order[i]!
      const k = key[i]!
      let j = i - 1
      while (j >= 0 && key[j]! > k) {
        order[j + 1] = order[j]!
        key[j + 1] = key[j]!
        j--
      }
      order[j + 1] = u
      key[j + 1] = k
    }
    const stride = M.n + 2
    for (let i = 0; i < cnt; i++) {
      const u = order[i]!
      const w = this.inserter.best(s, u, rng, BLINK, allowNew)
      if (w < 0) {
        s.unassigned.push(u)
        continue
      }
      const r = Math.floor(w / stride)
      this.touch(r)
      insertAt(M, s, s.routes[r]!, w % stride, u)
    }
  }

  /** Simulated-annealing SISR on cur; copies improvements into best. Temperatures are absolute. */
  anneal(best: Solution, ctl: SearchControl, t0: number, tf: number, maxIter: number): void {
    const M = this.M
    const s = this.cur
    if (this.ls)
      this.ls.beforeApply = (a, b) => {
        this.touch(a)
        this.touch(b)
      }
    let curObj = objective(M, s)
    let bestObj = objective(M, best)
    while (!ctl.done() && this.iterations < maxIter) {
      const T = t0 * (tf / t0) ** ctl.frac()
      const threshold = curObj - T * Math.log(this.rng.next() + 1e-300)
      this.step(true)
      const obj = objective(M, s)
      if (obj < threshold) {
        this.commit()
        curObj = obj
        if (obj < bestObj - 1e-9) {
          bestObj = obj
          copySolution(best, s)
        }
      } else this.restore()
    }
  }
}
