/**
 * npm run bench:faults [-- --sites 100000 --seconds 40 --connections 50]
 *
 * The real server (its own process) on a throwaway PostgreSQL cluster with demo sites, under
 * autocannon load on POST /api/v1/search; the database gets a fast restart at 15 s and an
 * immediate one at 30 s. Prints what the clients got (ok, 503, other 5xx, socket errors),
 * whether the server process survived, and the seconds from each restart to the first
 * success, then one JSON line. Targets: survived, 0 other 5xx, recovery ≤ 2 s.
 */
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { connectDatabase } from '../server/db/connect.js'
import { prepareDatabase } from '../server/startup/prepare.js'
import { seedDemo } from '../server/demo/seed.js'
import { freePort, startCluster } from '../tests/helpers/pg-cluster.js'

const { values } = parseArgs({
  options: {
    sites: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '40' },
    connections: { type: 'string', default: '50' },
  },
})
const sites = Number(values.sites)
const seconds = Number(values.seconds)
const connections = Number(values.connections)
const restarts = [
  { at: Math.round(seconds * 0.375), mode: 'fast' as const },
  { at: Math.round(seconds * 0.75), mode: 'immediate' as const },
]
const say = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const cluster = await startCluster()
try {
  const url = await cluster.createDatabase('hrl')
  say(`throwaway cluster on port ${cluster.port}; seeding ${sites.toLocaleString('en-US')} demo sites`)
  const seeding = await connectDatabase({ databaseUrl: url, pgliteDir: '' })
  await prepareDatabase(seeding.db, { demoSeedCount: 0 })
  await seedDemo(seeding.db, { count: sites, batchSize: 10_000 })
  await seeding.db.destroy()

  const port = await freePort()
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      DEMO_SEED_COUNT: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let serverErr = ''
  server.stderr.on('data', (chunk) => (serverErr += String(chunk)))
  let exitCode: number | null = null
  let exitSignal: string | null = null
  server.on('exit', (code, signal) => {
    exitCode = code
    exitSignal = signal
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    const ready = await fetch(`${base}/ready`).then(
      (r) => r.status,
      () => 0,
    )
    if (ready === 200) break
    if (i > 600 || server.exitCode !== null) throw new Error(`server did not become ready: ${serverErr}`)
    await sleep(100)
  }
  say(`server ready on ${base}; ${connections} connections for ${seconds} s, restarts at ${restarts.map((r) => `${r.at} s (${r.mode})`).join(' and ')}`)

  const counts = { ok: 0, status503: 0, other5xx: 0, other4xx: 0, socketErrors: 0 }
  const successes: number[] = []
  const started = Date.now()
  let finish!: (result: autocannon.Result) => void
  let fail!: (err: Error) => void
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve
    fail = reject
  })
  const instance = autocannon(
    {
      url: `${base}/api/v1/search`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lat: 39.29, lon: -76.61, services: ['naloxone'], limit: 20 }),
      connections,
      duration: seconds,
    },
    (err, result) => (err ? fail(err) : finish(result)),
  )
  // autocannon hands over no body here: the 503s' bodies are sampled out of band below.
  instance.on('response', (_client, statusCode) => {
    if (statusCode === 200) {
      counts.ok++
      successes.push(Date.now())
    } else if (statusCode === 503) counts.status503++
    else if (statusCode >= 500) counts.other5xx++
    else counts.other4xx++
  })
  instance.on('reqError', () => counts.socketErrors++)

  // Sample the 503 bodies out of band: they must carry the error shape and Retry-After.
  const sampled503: { code: string; retryAfter: string | null; shape: boolean }[] = []
  const sampler = setInterval(() => {
    void fetch(`${base}/api/v1/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lat":39.29,"lon":-76.61}' })
      .then(async (res) => {
        if (res.status !== 503) return
        const body = (await res.json()) as Record<string, unknown>
        sampled503.push({
          code: String(body.code),
          retryAfter: res.headers.get('retry-after'),
          shape: Object.keys(body).sort().join() === 'code,error,message,statusCode',
        })
      })
      .catch(() => {})
  }, 50)

  const recoveries: { mode: string; issuedAtS: number; downMs: number; toFirstSuccessS: number; fromBackToFirstSuccessS: number }[] = []
  for (const restart of restarts) {
    await sleep(started + restart.at * 1000 - Date.now())
    const issued = Date.now()
    await cluster.restart(restart.mode)
    const back = Date.now()
    say(`database ${restart.mode} restart took ${((back - issued) / 1000).toFixed(2)} s`)
    // First success that started after the database was back.
    while (!successes.some((t) => t > back) && Date.now() - back < 15_000) await sleep(20)
    const first = successes.find((t) => t > back) ?? NaN
    recoveries.push({
      mode: restart.mode,
      issuedAtS: Math.round((issued - started) / 100) / 10,
      downMs: back - issued,
      toFirstSuccessS: Math.round((first - issued) / 10) / 100,
      fromBackToFirstSuccessS: Math.round((first - back) / 10) / 100,
    })
  }
  const result = await done
  clearInterval(sampler)
  await sleep(200)
  const survived = exitCode === null && exitSignal === null && server.exitCode === null
  const ready = await fetch(`${base}/ready`).then(
    (r) => r.status,
    () => 0,
  )
  server.kill('SIGTERM')
  await new Promise((resolve) => server.once('exit', resolve))

  const unshaped = sampled503.filter((s) => !s.shape || !s.retryAfter)
  console.log('')
  console.log(`requests: ${result.requests.total.toLocaleString('en-US')} in ${seconds} s (${Math.round(result.requests.average)} req/s on average)`)
  console.log(`  ok (200):            ${counts.ok}`)
  console.log(
    `  503 (told to retry): ${counts.status503}  [sampled ${sampled503.length}: ${[...new Set(sampled503.map((s) => s.code))].join(', ') || 'none'}; without shape or Retry-After: ${unshaped.length}]`,
  )
  console.log(`  other 5xx:           ${counts.other5xx}`)
  console.log(`  4xx:                 ${counts.other4xx}`)
  console.log(`  socket errors:       ${counts.socketErrors + result.errors}`)
  console.log(`server process survived: ${survived ? 'yes' : `NO (exit ${exitCode}, signal ${exitSignal})`}; /ready after the run: ${ready}`)
  for (const r of recoveries) {
    console.log(
      `${r.mode} restart at ${r.issuedAtS} s: database down ${r.downMs} ms; first success ${r.toFirstSuccessS} s after the restart began, ${r.fromBackToFirstSuccessS} s after the database was back`,
    )
  }
  const target = survived && counts.other5xx === 0 && unshaped.length === 0 && recoveries.every((r) => r.fromBackToFirstSuccessS <= 2)
  console.log(`targets (survived, 0 other 5xx, recovery ≤ 2 s): ${target ? 'met' : 'MISSED'}`)
  if (!survived && serverErr) console.log(serverErr.slice(-2000))
  console.log(
    JSON.stringify({
      bench: 'faults',
      sites,
      seconds,
      connections,
      requests: result.requests.total,
      ok: counts.ok,
      status503: counts.status503,
      other5xx: counts.other5xx,
      status4xx: counts.other4xx,
      socketErrors: counts.socketErrors + result.errors,
      survived,
      recoveries,
      targetsMet: target,
    }),
  )
  process.exitCode = target ? 0 : 1
} finally {
  await cluster.destroy()
}
