/**
 * `npm run bench:search -- --peer`: our POST /api/v1/search against the thin peer
 * (bench/peer/thin-server.ts), the same nearest-20 from the same centres, alternating in one
 * run, each server its own process; CPU per request of each Node server, of PostgreSQL and of
 * the load generator (this process) from /proc; then the pgbench ceiling for our SQL and each
 * filter case's Node CPU against the no-filter case's, flat out and at one offered rate.
 */
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import autocannon from 'autocannon'
import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/schema.js'
import { facetStatsCache } from '../../server/search/facet-stats.js'
import type { SearchFields } from '../../server/search/query.js'
import { CASES, compiled, ORIGINS, summarize, type Stats } from '../search-cases.js'
import { pgbenchCeiling } from './pgbench.js'
import { postgresCpuMs, processCpuMs } from './proc-cpu.js'

export interface Server {
  port: number
  child: ChildProcess
}
export interface PeerOptions {
  url: string
  db: Kysely<Database>
  size: number
  seconds: number
  connections: number
  rounds: number
  /** Starts a server process and waits until it answers GET /ready. */
  start: (argv: string[], env: Record<string, string>) => Promise<Server>
}

interface Run extends Stats {
  nodeMs: number
  pgMs: number
  loadMs: number
}

/** Stops a server and waits until it has exited. */
async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return
  const exited = once(server.child, 'exit')
  server.child.kill('SIGTERM')
  await exited
}

const f2 = (x: number) => x.toFixed(2)
const f3 = (x: number) => x.toFixed(3)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

/** One load run against a server: latencies of 200s, CPU per answered request. */
async function load(
  server: Server,
  request: () => { method: 'GET' | 'POST'; path: string; body?: string },
  seconds: number,
  connections: number,
  /** Requests per second offered across all connections (0: as fast as answered). */
  rate = 0,
): Promise<Run> {
  const latencies: number[] = []
  const node0 = processCpuMs(server.child.pid as number)
  const pg0 = postgresCpuMs()
  const own0 = process.cpuUsage()
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${server.port}`,
        connections,
        duration: seconds,
        ...(rate > 0 ? { overallRate: rate } : {}),
        requests: [{ headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, ...request() }) }],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    )
    instance.on('response', (_c, status, _b, time) => {
      if (status === 200) latencies.push(time)
    })
  })
  const own = process.cpuUsage(own0)
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors`)
  const n = latencies.length
  return {
    ...summarize(latencies, seconds),
    nodeMs: (processCpuMs(server.child.pid as number) - node0) / n,
    pgMs: (postgresCpuMs() - pg0) / n,
    loadMs: (own.user + own.system) / 1000 / n,
  }
}

function line(label: string, r: Run): string {
  return (
    `${label.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${f2(r.p50).padStart(6)} p99 ${f2(r.p99).padStart(6)} ms` +
    `  | CPU ms/req: node ${f3(r.nodeMs)}  postgres ${f3(r.pgMs)}  load generator ${f3(r.loadMs)}`
  )
}

/** Runs the comparison at one size and prints it; returns the figures as one JSON-able object. */
export async function comparePeer(o: PeerOptions) {
  let i = 0
  const ours = (fields: SearchFields) => () => ({
    method: 'POST' as const,
    path: '/api/v1/search',
    body: JSON.stringify({ ...ORIGINS[i++ % ORIGINS.length], radius_mi: 50, limit: 20, ...fields }),
  })
  const thin = () => {
    const p = ORIGINS[i++ % ORIGINS.length]!
    return { method: 'GET' as const, path: `/v1/nearest/site_search/${p.lon},${p.lat}?limit=20` }
  }
  const api = await o.start(['server/main.ts'], { DATABASE_URL: o.url })
  const peer = await o.start(['bench/peer/thin-server.ts'], { DATABASE_URL: o.url })
  const runs: { ours: Run[]; peer: Run[] } = { ours: [], peer: [] }
  const cases: { name: string; run: Run }[] = []
  const paced: { rate: number; reference: Run | null; cases: { name: string; run: Run }[] } = { rate: 0, reference: null, cases: [] }
  try {
    // Warm both: connections opened, statements prepared, code optimised.
    await load(api, ours({}), 2, o.connections)
    await load(peer, thin, 2, o.connections)
    console.log(`\npeer comparison, ${o.size.toLocaleString('en-US')} sites, ${o.connections} connections, ${o.seconds} s per run, ${o.rounds} rounds`)
    for (let round = 1; round <= o.rounds; round++) {
      const a = await load(api, ours({}), o.seconds, o.connections)
      runs.ours.push(a)
      console.log(line(`round ${round} ours (no filter)`, a))
      const b = await load(peer, thin, o.seconds, o.connections)
      runs.peer.push(b)
      console.log(line(`round ${round} thin peer`, b))
    }
    for (const c of CASES.slice(1)) cases.push({ name: c.name, run: await load(api, ours(c.fields), o.seconds, o.connections) })
    // Node's CPU per request grows as its throughput falls (fewer requests per event-loop turn:
    // the same no-filter search cost 0.29 ms at 2,770 req/s and 0.39 ms at 1,530 here), so each
    // filter case is compared with the no-filter case at one offered rate every case sustains.
    paced.rate = Math.floor(0.8 * Math.min(...cases.map((c) => c.run.rps), ...runs.ours.map((r) => r.rps)))
    paced.reference = await load(api, ours({}), o.seconds, o.connections, paced.rate)
    for (const c of CASES.slice(1)) paced.cases.push({ name: c.name, run: await load(api, ours(c.fields), o.seconds, o.connections, paced.rate) })
  } finally {
    // Both gone (and reaped) before pgbench runs: its CPU is read from this process's reaped children.
    await Promise.all([stop(api), stop(peer)])
  }
  const stats = await facetStatsCache(o.db).get()
  const queries = ORIGINS.map((p) => compiled(o.db, {}, p, stats).query)
  const ceiling = await pgbenchCeiling(o.url, queries, o.connections, o.seconds)
  console.log(
    `${'pgbench, our SQL, prepared'.padEnd(26)} ${ceiling.tps.toFixed(0).padStart(6)} tps    latency avg ${f2(ceiling.latencyMs)} ms` +
      `  | CPU ms/query: postgres ${f3(ceiling.pgCpuMsPerQuery)}  pgbench ${f3(ceiling.pgbenchCpuMsPerQuery)}`,
  )

  const med = (rs: Run[], k: keyof Run) => median(rs.map((r) => r[k]))
  const oursRps = med(runs.ours, 'rps')
  const oursNode = med(runs.ours, 'nodeMs')
  console.log('filter cases (ours), as fast as answered; Node CPU against the no-filter median:')
  for (const c of cases) console.log(`  ${line(c.name, c.run)}  ×${f2(c.run.nodeMs / oursNode)}`)
  const reference = paced.reference as Run
  console.log(`the same at ${paced.rate} req/s offered (every case sustains it), Node CPU against no filter at that rate:`)
  console.log(`  ${line('no filter', reference)}`)
  for (const c of paced.cases) console.log(`  ${line(c.name, c.run)}  ×${f2(c.run.nodeMs / reference.nodeMs)}`)
  const summary = {
    size: o.size,
    ours_rps: Math.round(oursRps),
    peer_rps: Math.round(med(runs.peer, 'rps')),
    ours_over_peer: +(oursRps / med(runs.peer, 'rps')).toFixed(3),
    ours_node_ms: +f3(oursNode),
    peer_node_ms: +f3(med(runs.peer, 'nodeMs')),
    ours_pg_ms: +f3(med(runs.ours, 'pgMs')),
    peer_pg_ms: +f3(med(runs.peer, 'pgMs')),
    pgbench_tps: Math.round(ceiling.tps),
    ours_over_ceiling: +(oursRps / ceiling.tps).toFixed(3),
    worst_filter_cpu_ratio_unpaced: +f2(Math.max(...cases.map((c) => c.run.nodeMs / oursNode))),
    paced_rate: paced.rate,
    worst_filter_cpu_ratio: +f2(Math.max(...paced.cases.map((c) => c.run.nodeMs / reference.nodeMs))),
  }
  console.log(
    `targets: ours/peer ${f2(summary.ours_over_peer)} (≥ 1.20) | Node CPU ${f3(oursNode)} ms/search (≤ 0.35) | ours/ceiling ${(summary.ours_over_ceiling * 100).toFixed(0)}% (≥ 60%)` +
      ` | worst filter case Node CPU at ${paced.rate} req/s ×${f2(summary.worst_filter_cpu_ratio)} (≤ 1.30; ×${f2(summary.worst_filter_cpu_ratio_unpaced)} unpaced)`,
  )
  return summary
}
