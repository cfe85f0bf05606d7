import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { solveRoutes } from '../../common/planner/solver/index.js'
import {
  att,
  euc2d,
  geo,
  geoRadians,
  parseSolomon,
  parseTsplib,
  solomonToRouteProblem,
  tsplibMatrix,
  tspToRouteProblem,
} from '../../server/planner/tsplib/index.js'
import { independentCheck } from './helpers.js'

const DIR = '/work/shared/bench/routes'
const read = (p: string): string => readFileSync(`${DIR}/${p}`, 'utf8')

describe('TSPLIB distances match the TSPLIB95 definitions', () => {
  it('EUC_2D rounds the Euclidean distance to the nearest integer', () => {
    expect(euc2d([0, 0], [3, 4])).toBe(5) // exactly 5
    expect(euc2d([0, 0], [1, 1])).toBe(1) // sqrt 2 = 1.414 -> 1
    expect(euc2d([0, 0], [2, 3])).toBe(4) // sqrt 13 = 3.606 -> 4
    expect(euc2d([0, 0], [0.5, 0])).toBe(1) // nint(0.5) = (int)(0.5 + 0.5) = 1: halves round up
    expect(euc2d([565, 575], [25, 185])).toBe(666) // berlin52 1-2: sqrt(540^2 + 390^2) = 666.108 -> 666
  })

  it('ATT rounds up whenever rounding to nearest would go below the pseudo-distance', () => {
    expect(att([0, 0], [10, 0])).toBe(4) // r = sqrt(100/10) = 3.162, nint 3 < r -> 4
    expect(att([0, 0], [30, 40])).toBe(16) // r = sqrt(2500/10) = 15.811, nint 16 >= r -> 16
    expect(att([0, 0], [10, 30])).toBe(10) // r = sqrt(1000/10) = 10 exactly -> 10
  })

  it('GEO reads DDD.MM as degrees and minutes, truncating the degrees', () => {
    // 38.24 = 38 deg 24 min = 38 + 5 * 0.24 / 3 = 38.4 deg -> PI * 38.4 / 180 with PI = 3.141592
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: TSPLIB's own PI
    expect(geoRadians(38.24)).toBeCloseTo((3.141592 * 38.4) / 180, 12)
    // 39.57 = 39 deg 57 min = 39.95 deg (rounding the degrees to 40 would give 39.283 deg)
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: TSPLIB's own PI
    expect(geoRadians(39.57)).toBeCloseTo((3.141592 * 39.95) / 180, 12)
    // ulysses22 nodes 1 (38.24, 20.42) and 2 (39.57, 26.15):
    // lat 0.670206 / 0.697259 rad, lon 0.361283 / 0.458149 rad
    // q1 = cos(dlon) = 0.995312, q2 = cos(dlat) = 0.999634, q3 = cos(lat sum) = 0.201933
    // acos(0.5 ((1 + q1) q2 - (1 - q1) q3)) = acos(0.996818) = 0.0797992 rad
    // 6378.388 * 0.0797992 = 508.99 km; (int)(508.99 + 1.0) = 509
    expect(geo([38.24, 20.42], [39.57, 26.15])).toBe(509)
    expect(geo([38.24, 20.42], [38.24, 20.42])).toBe(1) // TSPLIB's +1.0 makes even a zero distance 1
  })
})

describe('the benchmark files parse', () => {
  it('reads berlin52 (EUC_2D)', () => {
    const t = parseTsplib(read('tsplib/berlin52.tsp'))
    expect(t).toMatchObject({ name: 'berlin52', dimension: 52, edgeWeightType: 'EUC_2D' })
    expect(t.coords).toHaveLength(52)
    expect(t.coords![0]).toEqual([565, 575])
    expect(t.coords![51]).toEqual([1740, 245])
  })

  it('reads every TSPLIB file with its dimension', () => {
    const dims: Record<string, number> = { berlin52: 52, eil51: 51, st70: 70, kroA100: 100, ulysses22: 22 }
    for (const [name, dim] of Object.entries(dims)) {
      const t = parseTsplib(read(`tsplib/${name}.tsp`))
      expect(t.dimension).toBe(dim)
      expect(t.coords!.every((c) => c !== undefined)).toBe(true)
    }
    expect(parseTsplib(read('tsplib/eil51.tsp')).coords![0]).toEqual([37, 52])
    expect(parseTsplib(read('tsplib/kroA100.tsp')).coords![0]).toEqual([1380, 939])
  })

  it('reads ulysses22 (GEO) and prices its known optimal length', () => {
    const t = parseTsplib(read('tsplib/ulysses22.tsp'))
    expect(t.edgeWeightType).toBe('GEO')
    expect(t.coords![0]).toEqual([38.24, 20.42])
    expect(tsplibMatrix(t)[0]![1]).toBe(509)
  })

  it('reads explicit matrices in the triangular formats', () => {
    const text =
      'NAME: tiny\nTYPE: TSP\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT: LOWER_DIAG_ROW\nEDGE_WEIGHT_SECTION\n0\n5 0\n7 9 0\nEOF\n'
    expect(tsplibMatrix(parseTsplib(text))).toEqual([
      [0, 5, 7],
      [5, 0, 9],
      [7, 9, 0],
    ])
    const upper = text.replace('LOWER_DIAG_ROW', 'UPPER_ROW').replace('0\n5 0\n7 9 0', '5 7\n9')
    expect(tsplibMatrix(parseTsplib(upper))).toEqual([
      [0, 5, 7],
      [5, 0, 9],
      [7, 9, 0],
    ])
  })

  it('reads a Solomon instance: fleet, depot and first customer', () => {
    const s = parseSolomon(read('solomon/C101.txt'))
    expect(s.vehicles).toBe(25)
    expect(s.capacity).toBe(200)
    expect(s.customers).toHaveLength(101)
    expect(s.customers[0]).toEqual({ id: 0, x: 40, y: 50, demand: 0, ready: 0, due: 1236, service: 0 })
    expect(s.customers[1]).toEqual({ id: 1, x: 45, y: 68, demand: 10, ready: 912, due: 967, service: 90 })
    const p25 = solomonToRouteProblem(s, { customers: 25 })
    expect(p25.stops).toHaveLength(25)
    // depot (40,50) to customer 1 (45,68): sqrt(25 + 324) = 18.681 -> 18.6 truncated to one decimal
    expect(p25.durations[0]![1]).toBe(18.6)
  })
})

describe('benchmark quality', () => {
  // Iteration caps, not seconds: the same answer on a busy machine (1 s here is 10,000-80,000 on a tour).
  it('solves berlin52 within 1% of the optimum 7542 in 3,000 iterations', () => {
    const p = tspToRouteProblem(parseTsplib(read('tsplib/berlin52.tsp')))
    const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 3000, seed: 1 })
    expect(plan.routes[0]!.visits).toHaveLength(51)
    expect(plan.cost).toBeLessThanOrEqual(7542 * 1.01)
    expect(plan.cost).toBeGreaterThanOrEqual(7542)
  })

  it('solves kroA100 within 1% of the optimum 21282 in 2,000 iterations, whatever the seed', () => {
    const p = tspToRouteProblem(parseTsplib(read('tsplib/kroA100.tsp')))
    for (const seed of [1, 2, 3]) {
      const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 2000, seed })
      expect(plan.routes[0]!.visits).toHaveLength(99)
      expect(plan.cost).toBeLessThanOrEqual(21282 * 1.01)
      expect(plan.cost).toBeGreaterThanOrEqual(21282)
    }
  })

  it('solves Solomon R101 (25 customers) feasibly and close to the best known 617.1', () => {
    const p = solomonToRouteProblem(parseSolomon(read('solomon/R101.txt')), { customers: 25 })
    const plan = solveRoutes(p, { budgetMs: 60_000, maxIterations: 800, seed: 1 })
    expect(plan.unassigned).toEqual([])
    expect(independentCheck(p, plan).violations).toEqual([])
    expect(plan.cost).toBeLessThanOrEqual(617.1 * 1.01 + 1e-9)
  })
})
