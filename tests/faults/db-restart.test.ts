/**
 * The locator keeps serving when its PostgreSQL restarts, stops for a while, is not up yet at
 * start-up, or answers too slowly: people get a 503 that says when to retry, never a crash or
 * a 500, and searches work again by themselves within 2 s of the database being back.
 * Runs against a throwaway cluster of its own (never the shared one on 5432).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { buildApp } from '../../server/app.js'
import { connectDatabase, type DatabaseHandle } from '../../server/db/connect.js'
import { prepareDatabase } from '../../server/startup/prepare.js'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import { prepareWhenReachable } from '../../server/startup/prepare-when-reachable.js'
import { testConfig } from '../helpers/app.js'
import { postgresBinDir, startCluster, type Cluster } from '../helpers/pg-cluster.js'
import { site } from '../helpers/sites.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const SEARCH = JSON.stringify({ lat: 39.29, lon: -76.61, services: ['naloxone'], limit: 20 })

interface Outcome {
  at: number
  status: number
  body: Record<string, unknown> | null
  retryAfter: string | null
  /** A socket error instead of an answer. */
  failed?: string
}

/** `clients` loops of POST /api/v1/search, each waiting for its answer before the next. */
function startLoad(base: string, clients: number) {
  const outcomes: Outcome[] = []
  let running = true
  const loop = async () => {
    while (running) {
      const at = Date.now()
      try {
        const res = await fetch(`${base}/api/v1/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: SEARCH })
        const text = await res.text()
        let body: Record<string, unknown> | null = null
        try {
          body = JSON.parse(text) as Record<string, unknown>
        } catch {}
        outcomes.push({ at, status: res.status, body, retryAfter: res.headers.get('retry-after') })
      } catch (err) {
        outcomes.push({ at, status: 0, body: null, retryAfter: null, failed: (err as Error).message })
        await sleep(20)
      }
    }
  }
  const loops = Array.from({ length: clients }, loop)
  return {
    outcomes,
    async stop() {
      running = false
      await Promise.all(loops)
      return outcomes
    },
  }
}

const firstSuccessAfter = (outcomes: Outcome[], t: number) => outcomes.find((o) => o.at >= t && o.status === 200)?.at ?? Infinity

describe.skipIf(!postgresBinDir())('the API through PostgreSQL restarts and outages', () => {
  let cluster: Cluster
  let database: DatabaseHandle
  let app: FastifyInstance
  let base: string
  const poolErrors: string[] = []

  beforeAll(async () => {
    cluster = await startCluster()
    const url = await cluster.createDatabase('hrl')
    database = await connectDatabase({
      databaseUrl: url,
      pgliteDir: '',
      statementTimeoutMs: 2_000,
      maxConnections: 8,
      onPoolError: (err) => poolErrors.push((err as { code?: string }).code ?? err.message),
    })
    await prepareDatabase(database.db, { demoSeedCount: 0 })
    const sites = Array.from({ length: 60 }, (_, i) => site({ id: `s${i}`, lat: 39.2 + (i % 10) * 0.02, lon: -76.7 + Math.floor(i / 10) * 0.03 }))
    await insertSites(database.db, sites)
    await rebuildSearchTables(database.db)
    app = await buildApp(testConfig(), { database })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(async () => {
    await app?.close()
    await cluster?.destroy()
  })

  it('survives a fast restart, an immediate restart and a 3 s stop under load: 503 UNAVAILABLE with Retry-After meanwhile, and back within 2 s', async () => {
    const load = startLoad(base, 8)
    await sleep(700)
    await cluster.restart('fast')
    const backAfterFast = Date.now()
    await sleep(1500)
    await cluster.restart('immediate')
    const backAfterImmediate = Date.now()
    await sleep(1500)
    await cluster.stop('fast')
    const down = Date.now()
    await sleep(1500)
    const readyWhileDown = await fetch(`${base}/ready`)
    const healthWhileDown = await fetch(`${base}/health`)
    await sleep(1500)
    const upAgain = Date.now()
    await cluster.start()
    const backAfterStop = Date.now()
    await sleep(2500)
    const outcomes = await load.stop()

    expect(
      outcomes.filter((o) => o.failed),
      'no connection is dropped without an answer',
    ).toEqual([])
    const statuses = new Map<number, number>()
    for (const o of outcomes) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1)
    expect(
      [...statuses.keys()].every((s) => s === 200 || s === 503),
      `statuses seen: ${JSON.stringify([...statuses])}`,
    ).toBe(true)
    for (const o of outcomes.filter((x) => x.status === 503)) {
      expect(Object.keys(o.body ?? {}).sort()).toEqual(['code', 'error', 'message', 'statusCode'])
      expect(o.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' })
      expect(['UNAVAILABLE', 'TIMEOUT']).toContain(o.body?.code)
      expect(Number(o.retryAfter)).toBeGreaterThan(0)
    }
    // While the database is stopped every search is told to retry.
    const duringStop = outcomes.filter((o) => o.at > down + 300 && o.at < upAgain)
    expect(duringStop.length).toBeGreaterThan(10)
    expect(duringStop.every((o) => o.status === 503 && o.body?.code === 'UNAVAILABLE')).toBe(true)
    expect(readyWhileDown.status).toBe(503)
    expect(((await readyWhileDown.json()) as { code: string }).code).toBe('UNAVAILABLE')
    expect(healthWhileDown.status).toBe(200)

    for (const back of [backAfterFast, backAfterImmediate, backAfterStop]) {
      expect(firstSuccessAfter(outcomes, back) - back, 'first success after the database is back').toBeLessThanOrEqual(2_000)
    }
    // Once recovered, everything succeeds.
    const afterRecovery = outcomes.filter((o) => o.at > backAfterStop + 2_000)
    expect(afterRecovery.length).toBeGreaterThan(10)
    expect(afterRecovery.every((o) => o.status === 200)).toBe(true)
    expect((await fetch(`${base}/ready`)).status).toBe(200)
    expect(poolErrors.length, 'the lost connections were noticed').toBeGreaterThan(0)
  })

  it('answers 503 TIMEOUT, not 500, when the database is too slow (a search blocked past the statement timeout)', async () => {
    const blocker = new pg.Client({ connectionString: cluster.url('hrl') })
    await blocker.connect()
    try {
      await blocker.query('BEGIN')
      await blocker.query('LOCK TABLE site_search IN ACCESS EXCLUSIVE MODE')
      const res = await fetch(`${base}/api/v1/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: SEARCH })
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(await res.json()).toMatchObject({ statusCode: 503, code: 'TIMEOUT' })
    } finally {
      await blocker.query('ROLLBACK').catch(() => {})
      await blocker.end()
    }
    const after = await fetch(`${base}/api/v1/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: SEARCH })
    expect(after.status).toBe(200)
  })

  it('starts listening before the database is up: /ready and the API say 503 "starting up" until it is, then serve', async () => {
    const url = await cluster.createDatabase('late')
    await cluster.stop('fast')
    const late = await connectDatabase({ databaseUrl: url, pgliteDir: '', onPoolError: () => {} })
    let prepared = false
    const lateApp = await buildApp(testConfig(), { database: late, databasePrepared: () => prepared })
    const attempts: string[] = []
    try {
      const preparing = prepareWhenReachable(late.db, { demoSeedCount: 0, log: (m) => attempts.push(m) }, { firstDelayMs: 100, maxDelayMs: 300 }).then(
        () => (prepared = true),
      )
      await sleep(600)
      const ready = await lateApp.inject({ method: 'GET', url: '/ready' })
      expect(ready.statusCode).toBe(503)
      expect(ready.headers['retry-after']).toBeDefined()
      const search = await lateApp.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61 } })
      expect(search.statusCode).toBe(503)
      expect(search.json()).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('starting up') })
      expect((await lateApp.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200)
      expect(attempts.length).toBeGreaterThan(1)
      expect(attempts.join('\n')).not.toMatch(/postgres:\/\//)

      await cluster.start()
      await preparing
      expect((await lateApp.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200)
      const served = await lateApp.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61 } })
      expect(served.statusCode).toBe(200)
      expect(served.json().results).toEqual([])
    } finally {
      await lateApp.close()
    }
  })
})
