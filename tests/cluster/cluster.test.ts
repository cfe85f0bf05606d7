/**
 * WEB_CONCURRENCY=2 on PostgreSQL: the real server as a cluster primary with two workers.
 * The database is migrated and seeded once, a worker killed with SIGKILL comes back while the
 * other keeps answering, and SIGTERM drains: a request already in flight is answered in full,
 * then the whole process tree exits 0. On the embedded database more than one process is
 * refused with a message that says why.
 */
import { connect } from 'node:net'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.js'
import { nextRestartDelay } from '../../server/startup/cluster.js'
import { freshDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/backends.js'
import { startServer, untilOk, type ServerProcess } from './server-process.js'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
/** The parent pid, from /proc/<pid>/stat (field 4, after the command in parentheses). */
const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1])

describe('WEB_CONCURRENCY on the embedded database', () => {
  it('is refused above 1, naming the fix', () => {
    expect(() => loadConfig({ WEB_CONCURRENCY: '2' })).toThrow(
      /WEB_CONCURRENCY must be 1 with the embedded database \(PGlite runs in one process and locks its folder\), got 2: set DATABASE_URL/,
    )
    expect(loadConfig({ WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://db/hrl' }).webConcurrency).toBe(2)
    expect(loadConfig({}).webConcurrency).toBe(1)
  })
})

describe('restarting a worker that died', () => {
  const limits = { firstDelayMs: 100, maxDelayMs: 30_000, stableAfterMs: 10_000 }
  it('waits longer each time a worker dies young, up to a cap, so a crash loop does not spin', () => {
    const pauses: number[] = []
    let pause = 0
    for (let i = 0; i < 12; i++) pauses.push((pause = nextRestartDelay(pause, 50, limits)))
    expect(pauses).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 12_800, 25_600, 30_000, 30_000, 30_000])
  })
  it('starts over at the first pause after a worker ran stably', () => {
    expect(nextRestartDelay(25_600, 10_000, limits)).toBe(100)
  })
})

describe.skipIf(!TEST_DATABASE_URL)('WEB_CONCURRENCY=2 on PostgreSQL', () => {
  let database: TestDatabase
  let server: ServerProcess
  const workerPids = new Map<number, number>()

  beforeAll(async () => {
    database = await freshDatabase('postgres')
    server = await startServer({ DATABASE_URL: database.url as string, WEB_CONCURRENCY: '2', DEMO_SEED_COUNT: '120' })
    for (let i = 0; i < 2; i++) {
      const [, slot, pid] = (await server.waitForLine(/"msg":"worker (\d) \(pid (\d+)\) listening"/, i)) as RegExpMatchArray
      workerPids.set(Number(slot), Number(pid))
    }
    await server.waitForLine(/"msg":"database prepared: serving"/)
    await untilOk(`${server.base}/api/v1/taxonomy`)
  })
  afterAll(async () => {
    await server?.stop()
    await database?.close()
  })

  it('runs two workers under one primary and seeds the demo directory once, not once per process', async () => {
    const primaryPid = server.child.pid as number
    expect([...workerPids.keys()].sort()).toEqual([1, 2])
    for (const pid of workerPids.values()) expect(parentOf(pid)).toBe(primaryPid)
    const { n } = await database.db
      .selectFrom('locations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(n)).toBe(120)
    expect(server.lines.filter((l) => l.includes('database prepared: serving'))).toHaveLength(1)
  })

  it('restarts a worker killed with SIGKILL, and the service keeps answering', async () => {
    const victim = workerPids.get(1) as number
    process.kill(victim, 'SIGKILL')
    await server.waitForLine(new RegExp(`"msg":"worker 1 \\(pid ${victim}\\) exited \\(signal SIGKILL\\); restarting in \\d+\\.\\d s"`))
    const [, pid] = (await server.waitForLine(/"msg":"worker 1 \(pid (\d+)\) listening"/, 1)) as RegExpMatchArray
    const replacement = Number(pid)
    expect(replacement).not.toBe(victim)
    expect(alive(victim)).toBe(false)
    expect(parentOf(replacement)).toBe(server.child.pid)
    workerPids.set(1, replacement)
    // A burst of requests all get their answer (the one error shape for an unknown id).
    const statuses = await Promise.all(Array.from({ length: 12 }, () => fetch(`${server.base}/api/v1/sites/demo-nope`).then((r) => r.status)))
    expect(statuses).toEqual(Array(12).fill(404))
    const taxonomy = await untilOk(`${server.base}/api/v1/taxonomy`)
    expect(((await taxonomy.json()) as { services: unknown[] }).services.length).toBeGreaterThan(10)
  })

  it('drains on SIGTERM: a search already in flight is answered in full, then every process exits and the primary exits 0', async () => {
    const socket = connect(server.port, '127.0.0.1')
    let received = ''
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1')
    })
    /** Resolves once what the socket received so far satisfies `done`. */
    const waitFor = (done: (text: string) => boolean) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!done(received)) return
          socket.off('data', check)
          resolve()
        }
        socket.on('data', check)
        socket.once('error', reject)
        check()
      })
    const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n'
    /** The final response, once all of its Content-Length has arrived. */
    const response = (text: string) => {
      const rest = text.startsWith(CONTINUE) ? text.slice(CONTINUE.length) : ''
      const end = rest.indexOf('\r\n\r\n')
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(rest.slice(0, end))?.[1] ?? Number.NaN)
      const body = Buffer.from(rest.slice(end + 4), 'latin1')
      return end > 0 && body.length >= length
        ? { head: rest.slice(0, end), json: body.subarray(0, length).toString('utf8'), after: body.subarray(length).toString() }
        : null
    }
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    const body = JSON.stringify({ lat: 39.29, lon: -76.61, radius_mi: 100 })
    // Expect: 100-continue: the worker answers "100 Continue" once it has the request, so the
    // request is provably in flight (headers in, body not yet) when SIGTERM arrives.
    socket.write(
      `POST /api/v1/search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
    )
    await waitFor((text) => text.startsWith(CONTINUE))
    const pids = [...workerPids.values()]
    server.child.kill('SIGTERM')
    await server.waitForLine(/"msg":"shutting down \(SIGTERM\): draining 2 worker\(s\)"/)
    await server.waitForLine(/"msg":"shutting down"/, 1)
    socket.write(body)
    await waitFor((text) => response(text) !== null)
    socket.end()
    const { head, json, after } = response(received) as { head: string; json: string; after: string }
    expect(head).toMatch(/^HTTP\/1\.1 200 OK/)
    expect(after, 'nothing follows the answer').toBe('')
    expect(head.toLowerCase()).toContain('cache-control: no-store')
    const results = (JSON.parse(json) as { results: { demo: boolean }[] }).results
    expect(results.length).toBeGreaterThan(0)
    expect(results.every((r) => r.demo)).toBe(true)
    expect(await server.exited).toBe(0)
    expect(server.lines.some((l) => l.includes('"msg":"stopped: every worker drained"'))).toBe(true)
    for (const pid of pids) expect(alive(pid)).toBe(false)
  })
})
