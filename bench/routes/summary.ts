/** The closing lines of the route benchmark: the worst instances and the mean gap per family. */

export interface GapRow {
  name: string
  family: string
  size: number
  gap: number | null
  vehicles: number
  bestVehicles?: number
  /** The objective counts vehicles first (then a larger fleet is worse whatever the distance). */
  vehiclesFirst: boolean
  iterations: number
}

const fmt = (g: number): string => `${g >= 0 ? '+' : ''}${g.toFixed(2)}%`

/** Vehicles used beyond the best known solution (0 when the family does not count vehicles). */
const extraVehicles = (r: GapRow): number => (!r.vehiclesFirst || r.bestVehicles === undefined ? 0 : Math.max(0, r.vehicles - r.bestVehicles))

/**
 * Lines naming the `worst` instances of each family and its mean gap. Under a vehicles-first
 * objective a plan with more vehicles than the best known is worse whatever its distance,
 * so such rows rank first and stay out of the mean distance gap (they are counted instead).
 */
export function worstLines(rows: readonly GapRow[], worst = 5): string[] {
  const out: string[] = []
  for (const family of [...new Set(rows.map((r) => r.family))]) {
    const rs = rows.filter((r): r is GapRow & { gap: number } => r.family === family && r.gap !== null)
    if (rs.length === 0) continue
    const same = rs.filter((r) => extraVehicles(r) === 0)
    const mean = same.reduce((a, r) => a + r.gap, 0) / Math.max(1, same.length)
    const sorted = rs.slice().sort((a, b) => extraVehicles(b) - extraVehicles(a) || b.gap - a.gap)
    const within1 = same.filter((r) => r.gap <= 1 + 1e-9).length
    const over = rs.length - same.length
    const overNote = over > 0 ? ` (mean over the ${same.length} with the best-known fleet; ${over} use more vehicles)` : ''
    out.push(
      `${family}: mean gap ${fmt(mean)}${overNote}, max ${fmt(Math.max(...same.map((r) => r.gap)))}, ${within1}/${rs.length} within 1%; worst ${Math.min(worst, rs.length)}:`,
    )
    for (const r of sorted.slice(0, worst)) {
      const veh = r.bestVehicles === undefined ? '' : `, ${r.vehicles} vehicles (best known ${r.bestVehicles})`
      out.push(`  ${r.name.padEnd(12)} n=${String(r.size).padEnd(4)} ${fmt(r.gap).padStart(8)}  ${r.iterations} iterations${veh}`)
    }
  }
  return out
}
