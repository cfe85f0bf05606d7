/** Optional comparison with pgRouting's pgr_TSPeuclidean, via the psql client. */
import { spawnSync } from 'node:child_process'
import { euc2d, type TsplibInstance } from '../../server/planner/tsplib/index.js'

const URL = 'postgres://postgres@127.0.0.1:5432/test'

function psql(sql: string): { ok: boolean; out: string } {
  try {
    const r = spawnSync('psql', [URL, '-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PGCONNECT_TIMEOUT: '3' },
    })
    return { ok: r.status === 0, out: (r.stdout ?? '') + (r.stderr ?? '') }
  } catch (e) {
    return { ok: false, out: String(e) }
  }
}

/** Whether pgRouting can be used; the note explains why not. */
export function pgroutingAvailable(): { ok: boolean; note: string } {
  const r = psql('CREATE EXTENSION IF NOT EXISTS pgrouting')
  if (r.ok) return { ok: true, note: 'pgRouting available' }
  const first = r.out.trim().split('\n')[0] ?? 'psql failed'
  return { ok: false, note: `pgRouting comparison skipped: ${first}` }
}

/** Tour length (TSPLIB EUC_2D) of pgr_TSPeuclidean's tour, or null on failure. */
export function pgrTourLength(inst: TsplibInstance): number | null {
  const c = inst.coords
  if (!c || inst.edgeWeightType !== 'EUC_2D') return null
  const values = c.map(([x, y], i) => `(${i + 1},${x},${y})`).join(',')
  const r = psql(`SELECT node FROM pgr_TSPeuclidean($$SELECT * FROM (VALUES ${values}) AS t(id, x, y)$$, start_id => 1) ORDER BY seq`)
  if (!r.ok) return null
  const tour = r.out
    .trim()
    .split(/\s+/)
    .map(Number)
    .filter((v) => Number.isInteger(v) && v >= 1)
  let len = 0
  if (tour.length > 1 && tour[0] !== tour[tour.length - 1]) tour.push(tour[0]!)
  for (let i = 1; i < tour.length; i++) len += euc2d(c[tour[i - 1]! - 1]!, c[tour[i]! - 1]!)
  return tour.length > 1 ? len : null
}
