/**
 * Two API processes on one PostgreSQL and one Redis (127.0.0.1:6379) behave as one: a client
 * gets RATE_LIMIT_PER_MINUTE requests in all, not that many per process; a curator signed in
 * through one process is served, and signed out, by the other. With Redis down the API still
 * answers, and the log says the limits are off.
 */
import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccount } from '../../server/curate/accounts.js'
import { appFor } from '../helpers/app.js'
import { freshDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/backends.js'
import { freePort, startServer, untilOk, type ServerProcess } from './server-process.js'

const REDIS_URL = 'redis://127.0.0.1:6379'
const LIMIT = 5
const PASSWORD = 'correct horse battery staple'

/** Whether the test Redis answers (the tests skip, naming why, when it does not). */
async function redisUp(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null })
  try {
    await probe.connect()
    return (await probe.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    probe.disconnect()
  }
}

const haveRedis = await redisUp()

describe.skipIf(!TEST_DATABASE_URL || !haveRedis)('two API processes sharing PostgreSQL and Redis', () => {
  // A namespace of this run's own, removed afterwards: other runs and other tests share the Redis.
  const prefix = `hrl-test:${randomBytes(6).toString('hex')}:`
  const redis = new Redis(REDIS_URL)
  let database: TestDatabase
  let a: ServerProcess
  let b: ServerProcess

  beforeAll(async () => {
    database = await freshDatabase('postgres')
    await createAccount(database.db, { email: 'curator@example.org', name: 'Cleo Curator', role: 'curator', password: PASSWORD })
    // TRUST_PROXY: each test is a client of its own (X-Forwarded-For), with a budget of its own.
    const env = { DATABASE_URL: database.url as string, REDIS_URL, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'loopback' }
    ;[a, b] = await Promise.all([startServer(env), startServer(env)])
    await Promise.all([a.waitForLine(/"msg":"database prepared: serving"/), b.waitForLine(/"msg":"database prepared: serving"/)])
    // /health has no rate limit, so waiting on it spends none of the budget.
    await Promise.all([untilOk(`${a.base}/health`), untilOk(`${b.base}/health`)])
  })
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length) await redis.del(...keys)
    redis.disconnect()
    await database?.close()
  })

  it(`lets a client make ${LIMIT} requests a minute across both processes, not ${LIMIT} at each`, async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' }
    const statuses: number[] = []
    for (let i = 0; i < 4 * LIMIT; i++) statuses.push((await fetch(`${(i % 2 ? b : a).base}/api/v1/taxonomy`, { headers })).status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT)
    expect(statuses.filter((s) => s === 429)).toHaveLength(3 * LIMIT)
    // Each process turned the client away at least once: the count is shared, not split.
    expect(statuses.filter((s, i) => s === 429 && i % 2 === 0).length).toBeGreaterThan(0)
    expect(statuses.filter((s, i) => s === 429 && i % 2 === 1).length).toBeGreaterThan(0)
    const refused = await fetch(`${b.base}/api/v1/taxonomy`, { headers })
    expect(refused.status).toBe(429)
    expect(await refused.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' })
    // The counts are in Redis under this run's prefix, and expire with their window.
    const keys = await redis.keys(`${prefix}rl:*`)
    expect(keys.length).toBeGreaterThan(0)
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0)
  })

  it('serves a curator session made by one process from the other, and ends it everywhere', async () => {
    const client = { 'x-forwarded-for': '203.0.113.8' }
    const signIn = await fetch(`${a.base}/api/v1/curate/session`, {
      method: 'POST',
      headers: { ...client, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'curator@example.org', password: PASSWORD }),
    })
    expect(signIn.status).toBe(200)
    const { csrf_token } = (await signIn.json()) as { csrf_token: string }
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string
    expect(cookie).toMatch(/^hrl_session=/)
    const there = await fetch(`${b.base}/api/v1/curate/session`, { headers: { ...client, cookie } })
    expect(there.status).toBe(200)
    expect(await there.json()).toMatchObject({ account: { email: 'curator@example.org' }, via: 'session' })
    const signOut = await fetch(`${b.base}/api/v1/curate/session`, { method: 'DELETE', headers: { ...client, cookie, 'x-csrf-token': csrf_token } })
    expect(signOut.status).toBe(204)
    expect((await fetch(`${a.base}/api/v1/curate/session`, { headers: { ...client, cookie } })).status).toBe(401)
  })
})

describe.skipIf(!TEST_DATABASE_URL)('shared rate limits with Redis down', () => {
  it('still answers (limits off, not the API), and says so in the log without the Redis address', async () => {
    const database = await freshDatabase('postgres')
    const log: string[] = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        log.push(String(chunk))
        done()
      },
    })
    const downUrl = `redis://127.0.0.1:${await freePort()}`
    const app = await appFor(database, { logLevel: 'info', rateLimitPerMinute: 2, redis: { url: downUrl, keyPrefix: 'hrl-test-down:' } }, stream)
    try {
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) statuses.push((await app.inject({ url: '/api/v1/taxonomy' })).statusCode)
      expect(statuses).toEqual([200, 200, 200, 200])
      const warning = log.find((line) => line.includes('Redis for shared rate limits is not reachable'))
      expect(warning).toBeDefined()
      expect(warning).toContain('"code":"ECONNREFUSED"')
      expect(log.join('')).not.toContain(downUrl.replace('redis://', ''))
      expect(log.filter((line) => line.includes('is not reachable'))).toHaveLength(1)
    } finally {
      await app.close()
      await database.close()
    }
  })
})
