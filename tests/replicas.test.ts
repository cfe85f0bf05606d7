/**
 * Read replicas for real: a throwaway PostgreSQL primary and a streaming standby made from it
 * with pg_basebackup -R (both in temp folders on free ports, never the shared cluster). People's
 * searches, site pages, HSDS and exports read from the standby; every write goes to the
 * primary; a curator sees their own edit at once; a standby that lags or dies is skipped with
 * one log line and searches go on from the primary without a single failed request.
 * Proof of where a read went: with the standby's replay paused, a row written to the primary
 * is missing from the standby's answers and present in the primary's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import pg from 'pg'
import { buildApp } from '../server/app.js'
import { createAccount } from '../server/curate/accounts.js'
import { createApiToken } from '../server/curate/sessions.js'
import { connectDatabase, type DatabaseHandle } from '../server/db/connect.js'
import { ReadRouter } from '../server/db/replicas.js'
import { insertSites } from '../server/directory/bulk-insert.js'
import { refreshSearchTables } from '../server/directory/search-tables.js'
import { hsdsId } from '../server/hsds/ids.js'
import { RecentWriters } from '../server/plugins/read-your-writes.js'
import { prepareDatabase } from '../server/startup/prepare.js'
import { testConfig } from './helpers/app.js'
import { postgresBinDir, startCluster, startStandby, type Cluster } from './helpers/pg-cluster.js'
import { site } from './helpers/sites.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const SEARCH_QUERY = 'lat=39.29&lon=-76.61&radius_km=50&limit=50'
const SEARCH_BODY = JSON.stringify({ lat: 39.29, lon: -76.61, radius_km: 50, limit: 20 })
/** A site right at the search point, so it comes first wherever it is seen. */
const atCentre = (id: string) => site({ id, name: `Centre ${id}`, lat: 39.29, lon: -76.61 })

async function queryOnce<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    return (await client.query<R>(text, values)).rows
  } finally {
    await client.end().catch(() => {})
  }
}

/** Polls until `ready` says yes; fails naming what never happened. */
async function waitFor(what: string, ready: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs
  while (!(await ready())) {
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`)
    await sleep(100)
  }
}

interface LogLine {
  level: 'info' | 'warn'
  message: string
}

describe('RecentWriters keeps a curator token on the primary for its window only', () => {
  it('opens a window on a write and closes it after windowMs; other tokens never had one', () => {
    let now = 1_000_000
    const writers = new RecentWriters(30_000, () => now)
    writers.wrote('hrl_token_a')
    expect(writers.isRecent('hrl_token_a')).toBe(true)
    expect(writers.isRecent('hrl_token_b')).toBe(false)
    expect(writers.isRecent(null)).toBe(false)
    now += 29_999
    expect(writers.isRecent('hrl_token_a')).toBe(true)
    now += 1
    expect(writers.isRecent('hrl_token_a')).toBe(false)
  })
})

describe.skipIf(!postgresBinDir())('read replicas on a real streaming standby', () => {
  let primary: Cluster
  let standby: Cluster
  let database: DatabaseHandle
  let router: ReadRouter
  let app: FastifyInstance
  let base: string
  let primaryUrl: string
  let standbyUrl: string
  let adminToken: string
  const logs: LogLine[] = []

  /**
   * The standby has replayed everything the primary has written so far: a marker row written
   * last on the primary is visible there. (Comparing LSNs flaked: the primary's insert position
   * can sit past a page header the standby never "replays" until the next record.)
   */
  let marks = 0
  const caughtUp = async () => {
    const mark = ++marks
    await queryOnce(primaryUrl, 'CREATE TABLE IF NOT EXISTS replica_test_mark (n int NOT NULL)')
    await queryOnce(primaryUrl, 'INSERT INTO replica_test_mark (n) VALUES ($1)', [mark])
    await waitFor(
      'the standby to replay the primary',
      async () => {
        try {
          const [row] = await queryOnce<{ done: boolean }>(standbyUrl, 'SELECT EXISTS (SELECT 1 FROM replica_test_mark WHERE n = $1) AS done', [mark])
          return row?.done === true
        } catch {
          return false // the marker table has not reached the standby yet
        }
      },
      60_000,
    )
  }
  const pauseReplay = async () => {
    // A fresh commit first, replayed: the standby's last replayed commit is now, not minutes ago.
    await queryOnce(primaryUrl, 'INSERT INTO replica_probe DEFAULT VALUES')
    await caughtUp()
    await queryOnce(standbyUrl, 'SELECT pg_wal_replay_pause()')
    await waitFor(
      'replay to pause',
      async () => (await queryOnce<{ s: string }>(standbyUrl, 'SELECT pg_get_wal_replay_pause_state() AS s'))[0]?.s !== 'not paused',
    )
  }
  const resumeReplay = async () => {
    await queryOnce(standbyUrl, 'SELECT pg_wal_replay_resume()')
    await caughtUp()
  }
  const addSite = async (id: string) => {
    await insertSites(database.db, [atCentre(id)])
    await refreshSearchTables(database.db, [id])
  }
  const searchIds = async (target: FastifyInstance, headers: Record<string, string> = {}) => {
    const res = await target.inject({ method: 'GET', url: `/api/v1/search?${SEARCH_QUERY}`, headers })
    expect(res.statusCode).toBe(200)
    return (res.json() as { results: { id: string }[] }).results.map((r) => r.id)
  }
  const replicaReads = (r: ReadRouter) => r.status()[0]?.reads ?? 0

  beforeAll(async () => {
    primary = await startCluster()
    primaryUrl = await primary.createDatabase('hrl')
    database = await connectDatabase({ databaseUrl: primaryUrl, pgliteDir: '', statementTimeoutMs: 5_000, maxConnections: 8, onPoolError: () => {} })
    await prepareDatabase(database.db, { demoSeedCount: 0 })
    await insertSites(
      database.db,
      Array.from({ length: 40 }, (_, i) => site({ id: `s${i}`, lat: 39.2 + (i % 8) * 0.02, lon: -76.7 + Math.floor(i / 8) * 0.03 })),
    )
    await refreshSearchTables(
      database.db,
      Array.from({ length: 40 }, (_, i) => `s${i}`),
    )
    const admin = await createAccount(database.db, { email: 'admin@example.org', name: 'Ada Admin', role: 'admin' })
    adminToken = (await createApiToken(database.db, admin.id, 'replica tests')).token
    await queryOnce(primaryUrl, 'CREATE TABLE replica_probe (at timestamptz NOT NULL DEFAULT now())')
    standby = await startStandby(primary)
    standbyUrl = standby.url('hrl')
    await caughtUp()
    router = new ReadRouter({
      primary: database.pool as pg.Pool,
      replicaUrls: [standbyUrl],
      maxLagS: 30,
      checkIntervalMs: 200,
      maxConnections: 6,
      statementTimeoutMs: 5_000,
      log: (level, message) => logs.push({ level, message }),
    })
    await router.checkNow()
    app = await buildApp(testConfig(), { database, readRouter: router, closeDatabase: false })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(async () => {
    await app?.close()
    await router?.close()
    await database?.db.destroy()
    await standby?.destroy()
    await primary?.destroy()
  })

  it('starts with the standby serving reads, and says so once', () => {
    expect(router.status()).toEqual([{ label: `127.0.0.1:${standby.port}/hrl`, state: 'healthy', lagS: 0, reads: 0 }])
    expect(logs).toEqual([{ level: 'info', message: `read replica 127.0.0.1:${standby.port}/hrl serves reads (0 s behind)` }])
  })

  it('serves search, site pages, HSDS and exports from the standby: a site only the primary has yet is in none of them', async () => {
    await pauseReplay()
    try {
      await addSite('unreplayed')
      const onPrimary = await queryOnce<{ id: string }>(primaryUrl, "SELECT id FROM locations WHERE id = 'unreplayed'")
      expect(onPrimary).toHaveLength(1)
      const before = { replica: replicaReads(router), primary: router.primaryReads }

      const ids = await searchIds(app)
      expect(ids.length).toBeGreaterThan(10)
      expect(ids).not.toContain('unreplayed')
      const post = await app.inject({ method: 'POST', url: '/api/v1/search', headers: { 'content-type': 'application/json' }, payload: SEARCH_BODY })
      expect(post.json().results.map((r: { id: string }) => r.id)).not.toContain('unreplayed')
      expect((await app.inject({ method: 'GET', url: '/api/v1/sites/unreplayed' })).statusCode).toBe(404)
      expect((await app.inject({ method: 'GET', url: '/api/v1/sites/s1' })).statusCode).toBe(200)
      expect((await app.inject({ method: 'GET', url: `/hsds/services/${hsdsId('service', 'svc-unreplayed')}` })).statusCode).toBe(404)
      expect((await app.inject({ method: 'GET', url: `/hsds/services/${hsdsId('service', 'svc-s1')}` })).statusCode).toBe(200)
      const csv = await app.inject({ method: 'GET', url: '/api/v1/export.csv' })
      expect(csv.statusCode).toBe(200)
      expect(csv.body).toContain('Site s1')
      expect(csv.body).not.toContain('unreplayed')
      const lite = await app.inject({
        method: 'POST',
        url: '/lite',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'near=39.29%2C-76.61&radius=25',
      })
      expect(lite.statusCode).toBe(200)
      expect(lite.body).toContain('Site s')
      expect(lite.body).not.toContain('Centre unreplayed')

      expect(replicaReads(router) - before.replica, 'reads taken by the standby').toBeGreaterThanOrEqual(7)
      expect(router.primaryReads - before.primary, 'reads sent to the primary').toBe(0)
    } finally {
      await resumeReplay()
    }
    expect((await searchIds(app))[0]).toBe('unreplayed')
    expect((await app.inject({ method: 'GET', url: '/api/v1/sites/unreplayed' })).statusCode).toBe(200)
  })

  it("writes go to the primary, and a curator's token reads its own edit at once while others see it once the standby has it", async () => {
    await pauseReplay()
    try {
      const edit = await app.inject({
        method: 'PATCH',
        url: '/api/v1/curate/sites/s2',
        headers: { authorization: `Bearer ${adminToken}` },
        payload: { changes: { phones: ['(410) 555-0199'] }, reason: 'called them' },
      })
      expect(edit.statusCode, edit.body).toBe(200)
      // A person's report is a write too: the standby is read-only, so it can only have gone to the primary.
      const report = await app.inject({ method: 'POST', url: '/api/v1/sites/s3/reports', payload: { kind: 'wrong_hours' } })
      expect(report.statusCode, report.body).toBeLessThan(300)

      const phonesOf = async (headers: Record<string, string>) =>
        ((await app.inject({ method: 'GET', url: '/api/v1/sites/s2', headers })).json() as { phones: { number: string }[] }).phones.map((p) => p.number)
      expect(await phonesOf({ authorization: `Bearer ${adminToken}` }), 'the curator sees their edit').toEqual(['(410) 555-0199'])
      expect(await phonesOf({}), 'the public reads the paused standby').not.toContain('(410) 555-0199')
      expect(await phonesOf({ authorization: 'Bearer hrl_not_a_token_that_wrote' })).not.toContain('(410) 555-0199')
      const history = await app.inject({ method: 'GET', url: '/api/v1/curate/sites/s2/history', headers: { authorization: `Bearer ${adminToken}` } })
      expect(history.statusCode).toBe(200)
      expect(JSON.stringify(history.json())).toContain('called them')
      const reports = await queryOnce<{ n: number }>(primaryUrl, "SELECT count(*)::int AS n FROM problem_reports WHERE location_id = 's3'")
      expect(reports[0]?.n).toBe(1)
    } finally {
      await resumeReplay()
    }
    expect(await (async () => (await app.inject({ method: 'GET', url: '/api/v1/sites/s2' })).json().phones.map((p: { number: string }) => p.number))()).toEqual(
      ['(410) 555-0199'],
    )
  })

  it('skips a standby lagging past REPLICA_MAX_LAG_S with one log line, serves searches from the primary, and takes it back once it catches up', async () => {
    const lagLogs: LogLine[] = []
    const strict = new ReadRouter({
      primary: database.pool as pg.Pool,
      replicaUrls: [standbyUrl],
      maxLagS: 1,
      checkIntervalMs: 200,
      log: (level, message) => lagLogs.push({ level, message }),
    })
    const strictApp = await buildApp(testConfig(), { database, readRouter: strict, closeDatabase: false })
    try {
      await strict.checkNow()
      // Idle for longer than the limit: a standby with nothing left to replay is not behind, however old its last commit.
      await sleep(1_500)
      await strict.checkNow()
      expect(strict.status()[0]?.state).toBe('healthy')

      await pauseReplay()
      await addSite('lagging-behind')
      await waitFor('the lag check to skip the standby', () => strict.status()[0]?.state === 'lagging')
      const replicaBefore = replicaReads(strict)
      const primaryBefore = strict.primaryReads
      expect((await searchIds(strictApp))[0], 'served by the primary, which has the new site').toBe('lagging-behind')
      expect((await strictApp.inject({ method: 'GET', url: '/api/v1/sites/lagging-behind' })).statusCode).toBe(200)
      expect(strict.primaryReads - primaryBefore).toBeGreaterThanOrEqual(2)
      expect(replicaReads(strict)).toBe(replicaBefore)
      await sleep(600) // several more checks, still lagging: no more lines
      const lagging = lagLogs.filter((l) => l.message.includes('lagging'))
      expect(lagging).toHaveLength(1)
      expect(lagging[0]).toMatchObject({ level: 'warn' })
      expect(lagging[0]?.message).toMatch(
        new RegExp(`^read replica 127\\.0\\.0\\.1:${standby.port}/hrl is lagging \\(\\d+ s behind, REPLICA_MAX_LAG_S 1\\): skipped, reads go to the primary$`),
      )

      await resumeReplay()
      await waitFor('the standby to be taken back', () => strict.status()[0]?.state === 'healthy')
      expect(lagLogs.at(-1)).toEqual({ level: 'info', message: `read replica 127.0.0.1:${standby.port}/hrl serves reads (0 s behind)` })
      const replicaAgain = replicaReads(strict)
      expect((await searchIds(strictApp))[0]).toBe('lagging-behind')
      expect(replicaReads(strict), 'the standby takes reads again').toBeGreaterThan(replicaAgain)
    } finally {
      await strictApp.close()
      await strict.close()
    }
  })

  it('keeps answering every search when the standby is killed mid-load (immediate stop): no 5xx, no dropped request, the rest from the primary', async () => {
    const outcomes: { at: number; status: number; first?: string; failed?: string }[] = []
    let running = true
    const loop = async () => {
      while (running) {
        const at = Date.now()
        try {
          const res = await fetch(`${base}/api/v1/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: SEARCH_BODY })
          const body = (await res.json()) as { results?: { id: string }[] }
          outcomes.push({ at, status: res.status, ...(body.results?.[0] ? { first: body.results[0].id } : {}) })
        } catch (err) {
          outcomes.push({ at, status: 0, failed: (err as Error).message })
        }
      }
    }
    const loops = Array.from({ length: 6 }, loop)
    await sleep(1_000)
    // A read certain to be on the standby when it dies: it must come back from the primary, not fail.
    const slowRead = sql<{ one: number }>`SELECT 1 AS one FROM pg_sleep(1.5)`.execute(router.readDb)
    await waitFor('the slow read to run on the standby', async () => {
      const rows = await queryOnce<{ n: number }>(
        standbyUrl,
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%FROM pg_sleep(1.5)' AND pid <> pg_backend_pid()",
      )
      return (rows[0]?.n ?? 0) > 0
    })
    const readsBeforeKill = replicaReads(router)
    const killedAt = Date.now()
    await standby.stop('immediate')
    expect((await slowRead).rows, 'the read cut off on the standby, answered by the primary').toEqual([{ one: 1 }])
    await sleep(2_000)
    running = false
    await Promise.all(loops)

    expect(readsBeforeKill, 'the standby was taking the load before it died').toBeGreaterThan(10)
    expect(
      outcomes.filter((o) => o.status !== 200),
      'every search answered 200',
    ).toEqual([])
    expect(outcomes.every((o) => o.first !== undefined)).toBe(true)
    const afterKill = outcomes.filter((o) => o.at > killedAt + 200)
    expect(afterKill.length).toBeGreaterThan(20)
    expect(router.status()[0]?.state).toBe('down')
    expect(router.primaryReads).toBeGreaterThanOrEqual(afterKill.length)
    const down = logs.filter((l) => l.message.includes(' is down '))
    expect(down).toHaveLength(1)
    expect(down[0]?.message).toMatch(
      new RegExp(`^read replica 127\\.0\\.0\\.1:${standby.port}/hrl is down \\([A-Z0-9a-z ]+\\): skipped, reads go to the primary$`),
    )
    // Site pages and HSDS too, with the standby gone.
    expect((await app.inject({ method: 'GET', url: '/api/v1/sites/s1' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: `/hsds/services/${hsdsId('service', 'svc-s1')}` })).statusCode).toBe(200)
  })
})
