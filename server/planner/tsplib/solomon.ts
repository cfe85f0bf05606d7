/**
 * Solomon (1987) VRPTW instance reader. Customer 0 is the depot; the 25- and
 * 50-customer instances are the first 25/50 customers of the 100-customer file.
 */
import type { RouteObjective, RouteProblem } from '../../../common/planner/solver/types.js'

export interface SolomonCustomer {
  id: number
  x: number
  y: number
  demand: number
  ready: number
  due: number
  service: number
}

export interface SolomonInstance {
  name: string
  vehicles: number
  capacity: number
  /** customers[0] is the depot. */
  customers: SolomonCustomer[]
}

/** Parses the text of a Solomon `.txt` file. */
export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim())
  const name = lines.find((l) => l !== '') ?? ''
  let vehicles = NaN
  let capacity = NaN
  const customers: SolomonCustomer[] = []
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    if (/^NUMBER\s+CAPACITY/i.test(l)) {
      const next = lines.slice(i + 1).find((x) => x !== '') ?? ''
      ;[vehicles, capacity] = next.split(/\s+/).map(Number) as [number, number]
      continue
    }
    const f = l.split(/\s+/)
    if (f.length === 7 && f.every((x) => /^-?\d+(\.\d+)?$/.test(x))) {
      const [id, x, y, demand, ready, due, service] = f.map(Number) as [number, number, number, number, number, number, number]
      customers.push({ id, x, y, demand, ready, due, service })
    }
  }
  if (!Number.isFinite(vehicles) || !Number.isFinite(capacity)) throw new Error('Solomon: missing VEHICLE NUMBER/CAPACITY')
  if (customers[0]?.id !== 0) throw new Error('Solomon: customer 0 (depot) missing')
  return { name, vehicles, capacity, customers }
}

export interface SolomonOptions {
  /** Number of customers to keep (25, 50, 100). Default all. */
  customers?: number
  /** 'truncate1': distances floored to one decimal (Solomon_25/50/100 convention); 'exact': unrounded. */
  distances?: 'truncate1' | 'exact'
  /** Default 'distance'. */
  objective?: RouteObjective
}

/** Converts an instance to a RouteProblem (travel time = distance, windows = [ready, due]). */
export function solomonToRouteProblem(inst: SolomonInstance, opts: SolomonOptions = {}): RouteProblem {
  const keep = Math.min(opts.customers ?? inst.customers.length - 1, inst.customers.length - 1)
  const cs = inst.customers.slice(0, keep + 1)
  const trunc = (opts.distances ?? 'truncate1') === 'truncate1'
  const d = cs.map((a) =>
    cs.map((b) => {
      const e = Math.hypot(a.x - b.x, a.y - b.y)
      return trunc ? Math.floor(e * 10) / 10 : e
    }),
  )
  const depot = cs[0]!
  return {
    durations: d,
    distances: d,
    objective: opts.objective ?? 'distance',
    stops: cs.slice(1).map((c, i) => ({
      id: String(c.id),
      location: i + 1,
      serviceSeconds: c.service,
      timeWindows: [{ start: c.ready, end: c.due }],
      demand: c.demand,
    })),
    vehicles: Array.from({ length: inst.vehicles }, () => ({
      startLocation: 0,
      endLocation: 0,
      shiftStart: depot.ready,
      shiftEnd: depot.due,
      capacity: inst.capacity,
    })),
  }
}
