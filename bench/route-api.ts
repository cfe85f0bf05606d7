/**
 * npm run bench:route-api — a 50-stop outreach day over real-looking directory sites through
 * POST /api/v1/routes (great-circle times), timed end to end with inject(). Target: ≤ 200 ms.
 */
import { buildApp } from '../server/app.js'
import { loadConfig } from '../server/config.js'
import { connectDatabase } from '../server/db/connect.js'
import { prepareDatabase } from '../server/db/prepare.js'

const database = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' })
await prepareDatabase(database.db, { demoSeedCount: 5000 })
const app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000' }) }, { database })

const search = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { near: 'Washington, DC', radius_mi: 25, limit: 50 } })
const sites = (search.json() as { results: { id: string }[] }).results.map((r) => r.id)
if (sites.length < 50) throw new Error(`only ${sites.length} sites near Washington`)

const body = {
  stops: sites.map((site_id) => ({ site_id })),
  start: { lat: 38.9, lon: -77.03, label: 'Office' },
  departure: '2026-11-24T08:00:00-05:00',
  return_by: '20:00',
  service_minutes: 10,
  vehicles: 3,
  mode: 'driving',
}
const times: number[] = []
let last: { vehicles: { stops: unknown[] }[]; unassigned: unknown[]; totals: Record<string, number>; solver: { elapsedMs: number } | null } | null = null
for (let i = 0; i < 25; i++) {
  const t = performance.now()
  const res = await app.inject({ method: 'POST', url: '/api/v1/routes', payload: body })
  times.push(performance.now() - t)
  if (res.statusCode !== 200) throw new Error(res.body)
  last = res.json()
}
await app.close()
const sorted = times.slice(5).sort((a, b) => a - b)
const p50 = sorted[Math.floor(sorted.length / 2)]!
const max = sorted[sorted.length - 1]!
const planned = last!.vehicles.reduce((n, v) => n + v.stops.length, 0)
console.log(`50-stop plan via POST /api/v1/routes (3 vans, great-circle): p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms; ` +
  `${planned} stops planned, ${last!.unassigned.length} unassigned, solver ${last!.solver?.elapsedMs} ms, travel ${last!.totals.travel_minutes} min`)
console.log(JSON.stringify({ bench: 'route-api', stops: 50, vehicles: 3, p50_ms: +p50.toFixed(1), max_ms: +max.toFixed(1), planned, unassigned: last!.unassigned.length }))
