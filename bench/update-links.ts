/**
 * npm run bench:links — the provider update page answers every dead link alike: an expired,
 * a revoked, an unknown (well-formed, guessed) and a malformed token each get the same 404
 * after the same hash and one indexed lookup. This times GET /update/<token> for each class,
 * interleaved (round-robin, so drift hits all alike), on the embedded database with 5,000 demo
 * sites and 2,000 links, and prints p50/p90 per class and each p50 over the guessed token's.
 * A live link renders the listing, so it is slower by design; it is printed for scale.
 */
import { randomBytes } from 'node:crypto'
import { buildApp } from '../server/app.js'
import { loadConfig } from '../server/config.js'
import { createAccount } from '../server/curate/accounts.js'
import { createLink, revokeLink } from '../server/curate/provider-links.js'
import { connectDatabase } from '../server/db/connect.js'
import { prepareDatabase } from '../server/startup/prepare.js'

const database = await connectDatabase({ databaseUrl: process.env.DATABASE_URL || null, pgliteDir: 'memory://' })
await prepareDatabase(database.db, { demoSeedCount: 5000 })
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000' }), { database })
const curator = await createAccount(database.db, { email: `bench-${Date.now()}@example.org`, name: 'Bench', role: 'admin' })
const sites = (await database.db.selectFrom('locations').select('id').limit(2000).execute()).map((r) => r.id)

const past = new Date(Date.now() - 60 * 86_400_000)
const tokens: Record<string, string[]> = { live: [], expired: [], revoked: [], guessed: [], malformed: [] }
for (const [i, siteId] of sites.entries()) {
  const kind = i % 3
  if (kind === 0) tokens.live?.push((await createLink(database.db, { siteId, curator })).token)
  if (kind === 1) tokens.expired?.push((await createLink(database.db, { siteId, curator, days: 1, now: past })).token)
  if (kind === 2) {
    const made = await createLink(database.db, { siteId, curator })
    await revokeLink(database.db, made.link.id, curator)
    tokens.revoked?.push(made.token)
  }
}
for (let i = 0; i < 600; i++) {
  tokens.guessed?.push(randomBytes(32).toString('base64url'))
  tokens.malformed?.push(randomBytes(12).toString('hex') + '!')
}

const ROUNDS = 600
const times: Record<string, number[]> = Object.fromEntries(Object.keys(tokens).map((k) => [k, []]))
const bodies: Record<string, Set<string>> = Object.fromEntries(Object.keys(tokens).map((k) => [k, new Set()]))
for (let round = 0; round < ROUNDS + 50; round++) {
  for (const [kind, list] of Object.entries(tokens)) {
    const token = list[round % list.length] as string
    const t = performance.now()
    // A fresh client address per request: the page's own limit (60 a minute per address) is not what is timed.
    const n = round * 8 + Object.keys(tokens).indexOf(kind)
    const res = await app.inject({ method: 'GET', url: `/update/${token}`, remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` })
    const ms = performance.now() - t
    if (round < 50) continue // warm-up
    times[kind]?.push(ms)
    if (kind === 'live' && res.statusCode !== 200) throw new Error(`a live link answered ${res.statusCode}`)
    if (kind !== 'live') bodies[kind]?.add(`${res.statusCode} ${res.body}`)
  }
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] as number
const base = pct(times.guessed as number[], 0.5)
const rows = Object.entries(times).map(([kind, xs]) => ({ kind, p50: pct(xs, 0.5), p90: pct(xs, 0.9), ratio: pct(xs, 0.5) / base }))
for (const r of rows) console.log(`${r.kind.padEnd(9)} p50 ${r.p50.toFixed(2)} ms  p90 ${r.p90.toFixed(2)} ms  p50/guessed ${r.ratio.toFixed(2)}`)
const answers = new Set(Object.entries(bodies).flatMap(([, set]) => [...set]))
console.log(`dead-link answers: ${answers.size} distinct (status and body) across expired, revoked, guessed and malformed`)
console.log(JSON.stringify({ bench: 'update-links', rounds: ROUNDS, rows, distinct_dead_answers: answers.size }))
await app.close()
await database.db.destroy()
