/** Finds benchmark instances under a directory and their reference values. */
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { parseSolomon, parseTsplib, solomonToRouteProblem, tspToRouteProblem, type TsplibInstance } from '../../server/planner/tsplib/index.js'
import type { RouteProblem } from '../../common/planner/solver/index.js'

export interface BenchCase {
  name: string
  family: string
  size: number
  problem: RouteProblem
  best?: number
  bestVehicles?: number
  /** Digits the objective is reported with. */
  digits: number
  tsp?: TsplibInstance
}

/** The rows of a reference-values CSV, keyed by its (trimmed) header; blank lines skipped. */
export function parseCsv(text: string): Record<string, string>[] {
  return parse(text, {
    bom: true,
    columns: true,
    trim: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    relax_column_count: true,
  }) as Record<string, string>[]
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort()
}

function csvBeside(file: string, name: string): Record<string, string>[] {
  const p = join(dirname(file), name)
  return existsSync(p) ? parseCsv(readFileSync(p, 'utf8')) : []
}

/** Every TSPLIB .tsp and Solomon .txt case under dir (Solomon at 25, 50, 100 and 100-exact). */
export function loadCases(dir: string): BenchCase[] {
  const cases: BenchCase[] = []
  for (const file of walk(dir)) {
    const stem = basename(file).replace(/\.[^.]+$/, '')
    if (file.endsWith('.tsp')) {
      const tsp = parseTsplib(readFileSync(file, 'utf8'))
      const opt = csvBeside(file, 'optima.csv').find((r) => r.name === stem)
      cases.push({
        name: stem,
        family: 'TSP',
        size: tsp.dimension,
        problem: tspToRouteProblem(tsp),
        digits: 0,
        tsp,
        ...(opt ? { best: Number(opt.optimum) } : {}),
      })
    } else if (file.endsWith('.txt')) {
      const inst = parseSolomon(readFileSync(file, 'utf8'))
      const known = csvBeside(file, 'best_known.csv').filter((r) => r.instance?.toLowerCase() === stem.toLowerCase())
      const variants = [
        { family: 'Solomon_25', customers: 25, exact: false },
        { family: 'Solomon_50', customers: 50, exact: false },
        { family: 'Solomon_100', customers: 100, exact: false },
        { family: 'Solomon_100_EXACT', customers: 100, exact: true },
      ]
      for (const v of variants) {
        if (inst.customers.length - 1 < v.customers) continue
        const bk = known.find((r) => r.benchmark_set === v.family)
        if (v.exact && !bk) continue
        const problem = solomonToRouteProblem(inst, {
          customers: v.customers,
          distances: v.exact ? 'exact' : 'truncate1',
          objective: v.exact ? 'vehicles-then-distance' : 'distance',
        })
        cases.push({
          name: stem,
          family: v.family,
          size: v.customers,
          problem,
          digits: v.exact ? 2 : 1,
          ...(bk ? { best: Number(bk.distance), bestVehicles: Number(bk.vehicles) } : {}),
        })
      }
    }
  }
  return cases
}
