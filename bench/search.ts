/**
 * npm run bench:search — nearest-20-with-filters on PostgreSQL at 10k, 100k and 1M demo sites
 * and on PGlite at 100k: (a) the API's own SQL through `pg` as a prepared statement, and
 * (b) the HTTP API (a separate server process) under autocannon at the same concurrency.
 * Prints req/s, p50 and p99 per case and the API/raw ratio, then one JSON line. The raw
 * 1-client latency (the KNN figure) is taken in a child process, bench/knn-latency.ts, whose
 * small young generation keeps the client's own GC pauses out of the query's p99.
 *
 * Options: --sizes 10000,100000,1000000  --pglite 100000 (0 to skip)  --seconds 4  --connections 8
 * --peer [--rounds 3]: instead, at each size, our API against a thin Fastify + pg peer and the
 * pgbench ceiling, with CPU per request from /proc (see bench/peer/compare.ts).
 * Databases hrl_bench_<size> are created on BENCH_PG_URL's server (default 127.0.0.1:5432) and reused.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { sql, type Kysely } from 'kysely'
import { connectDatabase } from '../server/db/connect.js'
import { preparedName } from '../server/db/sql.js'
import { prepareDatabase } from '../server/startup/prepare.js'
import type { Database } from '../server/db/schema.js'
import { seedDemo } from '../server/demo/seed.js'
import { facetStatsCache } from '../server/search/facet-stats.js'
import type { SearchFields } from '../server/search/query.js'
import { CASES, compiled, ORIGINS, summarize, type Stats } from './search-cases.js'
import { comparePeer } from './peer/compare.js'

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    pglite: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '4' },
    connections: { type: 'string', default: '8' },
    peer: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
  },
})
const SECONDS = Number(opts.seconds)
const CONNECTIONS = Number(opts.connections)
const PG_BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const ms = (x: number) => x.toFixed(2)

async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1')
  await once(srv, 'listening')
  const port = (srv.address() as { port: number }).port
  srv.close()
  return port
}

/** The 1-client latency of a case, measured in a child process (see bench/knn-latency.ts). */
async function sequentialLatency(url: string, caseIndex: number): Promise<Stats> {
  const child = spawn(process.execPath, ['--max-semi-space-size=1', '--import', 'tsx', 'bench/knn-latency.ts', url, String(caseIndex)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`knn-latency exited with code ${code}`)
  return JSON.parse(out.trim().split('\n').pop() as string) as Stats
}

/** Raw SQL: sequential latency (1 client) and loaded throughput (CONNECTIONS clients). */
async function rawPostgres(url: string, db: Kysely<Database>, fields: SearchFields, caseIndex: number) {
  const stats = await facetStatsCache(db).get()
  const queries = await Promise.all(ORIGINS.map((o) => compiled(db, fields, o, stats)))
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      return c
    }),
  )
  const run = (c: pg.Client, i: number) => {
    const { query } = queries[i % queries.length]!
    // Named by SQL text, as the API's pool names them: one prepared statement per query shape.
    return c.query({ name: preparedName(query.sql) ?? undefined, text: query.sql, values: query.parameters as unknown[] })
  }
  // Warm up: prepare each statement on each client.
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < queries.length; i++) await run(c, i)
    }),
  )
  const seq = await sequentialLatency(url, caseIndex)
  const loaded: number[] = []
  const end = performance.now() + SECONDS * 1000
  await Promise.all(
    clients.map(async (c, w) => {
      for (let i = w; performance.now() < end; i += CONNECTIONS) {
        const t = performance.now()
        await run(c, i)
        loaded.push(performance.now() - t)
      }
    }),
  )
  await Promise.all(clients.map((c) => c.end()))
  return { seq, load: summarize(loaded, SECONDS), plan: queries[0]!.plan.kind }
}

/** Raw SQL on PGlite, in-process (it has one session: sequential only). */
async function rawPglite(db: Kysely<Database>, fields: SearchFields) {
  const stats = await facetStatsCache(db).get()
  const queries = await Promise.all(ORIGINS.map((o) => compiled(db, fields, o, stats)))
  for (const { query } of queries.slice(0, 50)) await db.executeQuery(query)
  const seq: number[] = []
  const end = performance.now() + SECONDS * 1000
  for (let i = 0; performance.now() < end; i++) {
    const t = performance.now()
    await db.executeQuery(queries[i % queries.length]!.query)
    seq.push(performance.now() - t)
  }
  const s = summarize(seq, SECONDS)
  return { seq: s, load: s, plan: queries[0]!.plan.kind }
}

/**
 * Node flags our API runs with, as `npm start` and the Dockerfile start it: a 64 MB young
 * generation (V8's default is 16) roughly halves the scavenges a search's short-lived objects
 * cause (about 5% of its CPU at 1M sites). The thin peer runs with Node's defaults, as it ships.
 */
const API_NODE_FLAGS = ['--max-semi-space-size=64']

async function startServer(env: Record<string, string>, argv = ['server/main.ts']): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort()
  const flags = argv[0] === 'server/main.ts' ? API_NODE_FLAGS : []
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', ...argv], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      DEMO_SEED_COUNT: '0',
      // A stall of the shared machine must not shed the load being measured.
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  let exited: number | null = null
  child.on('exit', (code) => (exited = code ?? -1))
  for (let i = 0; i < 600 && exited === null; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) return { port, child }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill()
  throw new Error(exited === null ? 'server did not become ready' : `server exited with code ${exited}`)
}

/** The API under autocannon; latencies recorded exactly from its response events. */
async function api(port: number, fields: SearchFields, connections: number) {
  let i = 0
  const body = () => JSON.stringify({ ...ORIGINS[i++ % ORIGINS.length], radius_mi: 50, limit: 20, ...fields })
  const run = (duration: number, conns: number) => {
    const latencies: number[] = []
    return new Promise<{ latencies: number[]; non2xx: number }>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `http://127.0.0.1:${port}`,
          connections: conns,
          duration,
          requests: [
            { method: 'POST', path: '/api/v1/search', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: body() }) },
          ],
        },
        (err, result) => (err ? reject(err) : resolve({ latencies, non2xx: result.non2xx })),
      )
      instance.on('response', (_client, status, _bytes, time) => {
        if (status === 200) latencies.push(time)
      })
    })
  }
  await run(1, connections) // warm-up
  const seq = await run(Math.max(2, SECONDS / 2), 1)
  const load = await run(SECONDS, connections)
  if (load.non2xx > 0 || seq.non2xx > 0) throw new Error(`API answered ${load.non2xx + seq.non2xx} non-2xx responses`)
  return { seq: summarize(seq.latencies, Math.max(2, SECONDS / 2)), load: summarize(load.latencies, SECONDS) }
}

async function ensureSeeded(db: Kysely<Database>, size: number, label: string) {
  await prepareDatabase(db, { demoSeedCount: 0 })
  const row = await db
    .selectFrom('site_search')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  // The generator may drop a duplicate or two (100,000 asked gave 99,999): reseeding each run took minutes.
  if (Math.abs(Number(row.n) - size) <= size * 0.001) return
  const started = Date.now()
  console.log(`${label}: seeding ${size.toLocaleString('en-US')} demo sites…`)
  await seedDemo(db, { count: size, batchSize: 10_000 })
  console.log(`${label}: seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

interface Row {
  backend: string
  size: number
  case: string
  plan: string
  raw: { seq: Stats; load: Stats }
  api: { seq: Stats; load: Stats }
}
const rows: Row[] = []

function print(row: Row) {
  const ratio = row.api.load.rps / row.raw.load.rps
  console.log(
    `${row.backend.padEnd(8)} ${String(row.size).padStart(8)}  ${row.case.padEnd(24)} ${row.plan.padEnd(7)}` +
      ` raw 1-client p50 ${ms(row.raw.seq.p50)} p99 ${ms(row.raw.seq.p99)} | raw x${CONNECTIONS} ${row.raw.load.rps.toFixed(0).padStart(6)} req/s p50 ${ms(row.raw.load.p50)} p99 ${ms(row.raw.load.p99)}` +
      ` | API 1-conn p50 ${ms(row.api.seq.p50)} p99 ${ms(row.api.seq.p99)} | API x${CONNECTIONS} ${row.api.load.rps.toFixed(0).padStart(6)} req/s p50 ${ms(row.api.load.p50)} p99 ${ms(row.api.load.p99)}` +
      ` | API/raw ${(ratio * 100).toFixed(0)}%`,
  )
}

/** The seeded, analysed bench database of this size (created on first use). */
async function benchDatabase(size: number): Promise<{ url: string; db: Kysely<Database> }> {
  const name = `hrl_bench_${size}`
  const admin = new pg.Client({ connectionString: PG_BASE })
  await admin.connect()
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(PG_BASE)
  url.pathname = '/' + name
  const { db } = await connectDatabase({ databaseUrl: url.toString(), pgliteDir: '' })
  await ensureSeeded(db, size, `postgres ${size}`)
  await sql`VACUUM ANALYZE site_search`.execute(db)
  return { url: url.toString(), db }
}

async function benchPostgres(size: number) {
  const { url, db } = await benchDatabase(size)
  const server = await startServer({ DATABASE_URL: url })
  try {
    for (const [i, c] of CASES.entries()) {
      const raw = await rawPostgres(url, db, c.fields, i)
      const a = await api(server.port, c.fields, CONNECTIONS)
      const row = { backend: 'postgres', size, case: c.name, plan: raw.plan, raw, api: a }
      rows.push(row)
      print(row)
    }
  } finally {
    server.child.kill('SIGTERM')
    await db.destroy()
  }
}

async function benchPglite(size: number) {
  const dir = `.data/bench-pglite-${size}`
  mkdirSync(dir, { recursive: true })
  const handle = await connectDatabase({ databaseUrl: null, pgliteDir: dir })
  await ensureSeeded(handle.db, size, `pglite ${size}`)
  const raws = []
  for (const c of CASES) raws.push(await rawPglite(handle.db, c.fields))
  await handle.db.destroy()
  // PGlite is single-process: the server opens the folder after the raw runs closed it.
  const server = await startServer({ PGLITE_DIR: dir })
  try {
    for (const [i, c] of CASES.entries()) {
      const a = await api(server.port, c.fields, CONNECTIONS)
      const row = { backend: 'pglite', size, case: c.name, plan: raws[i]!.plan, raw: raws[i]!, api: a }
      rows.push(row)
      print(row)
    }
  } finally {
    server.child.kill('SIGTERM')
  }
}

if (opts.peer) {
  const summaries = []
  for (const size of opts.sizes.split(',').filter(Boolean).map(Number)) {
    const { url, db } = await benchDatabase(size)
    try {
      const start = (argv: string[], env: Record<string, string>) => startServer(env, argv)
      summaries.push(await comparePeer({ url, db, size, seconds: SECONDS, connections: CONNECTIONS, rounds: Number(opts.rounds), start }))
    } finally {
      await db.destroy()
    }
  }
  console.log(JSON.stringify({ bench: 'search-peer', connections: CONNECTIONS, seconds: SECONDS, results: summaries }))
  process.exit(0)
}
for (const size of opts.sizes.split(',').filter(Boolean).map(Number)) await benchPostgres(size)
if (Number(opts.pglite) > 0) await benchPglite(Number(opts.pglite))

console.log(
  JSON.stringify({
    bench: 'search',
    connections: CONNECTIONS,
    seconds: SECONDS,
    results: rows.map((r) => ({
      backend: r.backend,
      size: r.size,
      case: r.case,
      plan: r.plan,
      raw_rps: Math.round(r.raw.load.rps),
      raw_p50_ms: +ms(r.raw.load.p50),
      raw_p99_ms: +ms(r.raw.load.p99),
      knn_p50_ms: +ms(r.raw.seq.p50),
      knn_p99_ms: +ms(r.raw.seq.p99),
      api_rps: Math.round(r.api.load.rps),
      api_p50_ms: +ms(r.api.load.p50),
      api_p99_ms: +ms(r.api.load.p99),
      api_1conn_p50_ms: +ms(r.api.seq.p50),
      api_1conn_p99_ms: +ms(r.api.seq.p99),
      api_over_raw: +(r.api.load.rps / r.raw.load.rps).toFixed(3),
    })),
  }),
)
