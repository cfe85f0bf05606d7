/**
 * Route-planner benchmark: solves every TSPLIB / Solomon instance under <dir> with a
 * fixed budget and prints gaps to the known optima / best-known solutions, then the worst
 * five instances and the mean gap of each family.
 *
 *   npx tsx bench/routes.ts [dir] [--budget-ms 1000] [--vrptw-budget-ms 2000] [--seed 1]
 *                           [--iterations n] [--only name] [--family f]
 *
 * dir defaults to the shared benchmark set. TSPLIB runs get --budget-ms, Solomon runs
 * --vrptw-budget-ms; --iterations caps the search instead (the same answer on any machine).
 */
import { performance } from 'node:perf_hooks'
import { checkPlan, solveRoutes } from '../common/planner/solver/index.js'
import { loadCases, type BenchCase } from './routes/instances.js'
import { pgroutingAvailable, pgrTourLength } from './routes/pgrouting.js'
import { worstLines } from './routes/summary.js'

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name)
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback
}

const DEFAULT_DIR = '/work/shared/bench/routes'
const dir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : DEFAULT_DIR
const budgetMs = Number(arg('--budget-ms', '1000'))
const vrptwBudgetMs = Number(arg('--vrptw-budget-ms', '2000'))
const iterations = Number(arg('--iterations', 'Infinity'))
const seed = Number(arg('--seed', '1'))
const only = arg('--only', '')
const familyFilter = arg('--family', '')

const cases = loadCases(dir).filter((c) => (!only || c.name === only) && (!familyFilter || c.family === familyFilter))
const pg = cases.some((c) => c.tsp?.edgeWeightType === 'EUC_2D') ? pgroutingAvailable() : { ok: false, note: 'no EUC_2D instances' }

interface Row {
  c: BenchCase
  found: number
  gap: number | null
  vehicles: number
  firstMs: number
  totalMs: number
  unassigned: number
  pgGap: number | null
  iterations: number
}

const pad = (s: string | number, w: number): string => String(s).padStart(w)
const header = ['instance', 'family', 'size', 'found', 'best', 'gap%', 'veh', 'bestVeh', 'first ms', 'total ms', 'iter', 'unasg']
const widths = [10, 18, 5, 10, 10, 7, 4, 7, 9, 9, 8, 5]
if (pg.ok) {
  header.push('pgr gap%')
  widths.push(9)
}
const capped = Number.isFinite(iterations) ? `, at most ${iterations} iterations` : ''
console.log(`route planner benchmark: ${cases.length} cases, budget ${budgetMs} ms TSP / ${vrptwBudgetMs} ms VRPTW${capped}, seed ${seed}`)
console.log(header.map((h, i) => pad(h, widths[i]!)).join(' '))

// warm-up, not reported: a running server has its solver compiled; the first instance should not pay for the JIT
for (const c of [cases.find((x) => x.tsp), cases.find((x) => !x.tsp)]) if (c) solveRoutes(c.problem, { budgetMs: 200, seed })

const rows: Row[] = []
for (const c of cases) {
  const t = performance.now()
  const plan = solveRoutes(c.problem, {
    budgetMs: Number.isFinite(iterations) ? 60_000 : c.tsp ? budgetMs : vrptwBudgetMs,
    seed,
    ...(Number.isFinite(iterations) ? { maxIterations: iterations } : {}),
  })
  const totalMs = performance.now() - t
  const found = Number(plan.cost.toFixed(c.digits))
  // independent re-timing of the returned plan; any violation is a solver bug
  const check = checkPlan(c.problem, {
    routes: plan.routes.map((r) => ({ vehicle: r.vehicle, stops: r.visits.map((v) => v.stop) })),
    unassigned: plan.unassigned.map((u) => u.stop),
  })
  if (!check.feasible)
    console.error(
      `INVALID PLAN for ${c.name}/${c.family}: ${check.violations
        .slice(0, 3)
        .map((v) => v.message)
        .join('; ')}`,
    )
  const gap = c.best ? ((found - c.best) / c.best) * 100 : null
  let pgGap: number | null = null
  if (pg.ok && c.tsp && c.best) {
    const len = pgrTourLength(c.tsp)
    if (len !== null) pgGap = ((len - c.best) / c.best) * 100
  }
  const row: Row = {
    c,
    found,
    gap,
    vehicles: plan.totals.vehiclesUsed,
    firstMs: plan.stats.firstFeasibleMs,
    totalMs,
    unassigned: plan.unassigned.length,
    pgGap,
    iterations: plan.stats.iterations,
  }
  rows.push(row)
  const cells = [
    c.name,
    c.family,
    c.size,
    found.toFixed(c.digits),
    c.best?.toFixed(c.digits) ?? '-',
    gap === null ? '-' : gap.toFixed(2),
    row.vehicles,
    c.bestVehicles ?? '-',
    row.firstMs.toFixed(1),
    totalMs.toFixed(0),
    row.iterations,
    row.unassigned,
  ]
  if (pg.ok) cells.push(pgGap === null ? '-' : pgGap.toFixed(2))
  console.log(cells.map((x, i) => pad(x, widths[i]!)).join(' '))
}
if (!pg.ok) console.log(`note: ${pg.note}`)

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN)
const round = (x: number, d = 3): number | null => (Number.isFinite(x) ? Number(x.toFixed(d)) : null)
const families: Record<string, unknown> = {}
for (const f of [...new Set(rows.map((r) => r.c.family))]) {
  const rs = rows.filter((r) => r.c.family === f)
  const gaps = rs.map((r) => r.gap).filter((g): g is number => g !== null)
  const vehOver = rs.filter((r) => r.c.bestVehicles !== undefined).map((r) => r.vehicles - r.c.bestVehicles!)
  const pgGaps = rs.map((r) => r.pgGap).filter((g): g is number => g !== null)
  families[f] = {
    instances: rs.length,
    meanGapPct: round(mean(gaps)),
    maxGapPct: round(Math.max(...gaps)),
    meanFirstFeasibleMs: round(mean(rs.map((r) => r.firstMs)), 2),
    maxFirstFeasibleMs: round(Math.max(...rs.map((r) => r.firstMs)), 2),
    meanMs: round(mean(rs.map((r) => r.totalMs)), 1),
    ...(vehOver.length ? { maxVehiclesOverBest: Math.max(...vehOver), meanVehiclesOverBest: round(mean(vehOver)) } : {}),
    unassigned: rs.reduce((a, r) => a + r.unassigned, 0),
    ...(pgGaps.length ? { pgroutingMeanGapPct: round(mean(pgGaps)) } : {}),
  }
}
for (const line of worstLines(
  rows.map((r) => ({
    name: r.c.name,
    family: r.c.family,
    size: r.c.size,
    gap: r.gap,
    vehicles: r.vehicles,
    iterations: r.iterations,
    vehiclesFirst: (r.c.problem.objective ?? '').startsWith('vehicles'),
    ...(r.c.bestVehicles === undefined ? {} : { bestVehicles: r.c.bestVehicles }),
  })),
))
  console.log(line)
console.log(
  JSON.stringify({
    budgetMs,
    vrptwBudgetMs,
    seed,
    cases: rows.length,
    meanMs: round(mean(rows.map((r) => r.totalMs)), 1),
    pgrouting: pg.ok ? 'compared' : 'skipped',
    families,
  }),
)
