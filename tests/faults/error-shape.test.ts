/**
 * Every answer that is not a success has the one error shape { statusCode, code, error,
 * message } — also the ones Fastify and Node's HTTP parser give before any route runs, the
 * 503 while shutting down, and the 503 of an overloaded process.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { appFor } from '../helpers/app.js'
import { freshDatabase, type TestDatabase } from '../helpers/backends.js'

/** Sends raw bytes and returns the raw answer (the server closes the connection). */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')))
    socket.on('end', () => resolve(answer))
    socket.on('close', () => resolve(answer))
    socket.on('error', (err) => (answer ? resolve(answer) : reject(err)))
    socket.write(bytes)
  })
}

function parseRaw(answer: string): { status: number; headers: string; body: Record<string, unknown> } {
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: JSON.parse(body) as Record<string, unknown> }
}

const expectShape = (body: unknown, status: number, code: string) => {
  expect(Object.keys(body as object).sort()).toEqual(['code', 'error', 'message', 'statusCode'])
  expect(body).toMatchObject({ statusCode: status, code })
  expect(JSON.stringify(body)).not.toMatch(/FST_|HPE_|at .*\.[jt]s:\d+/)
}

// One embedded database for the file: these answers never depend on its rows.
let database: TestDatabase
beforeAll(async () => {
  database = await freshDatabase('pglite')
})
afterAll(async () => database?.close())

describe('errors that come before any route still have the one shape', () => {
  let app: FastifyInstance
  let port: number

  beforeAll(async () => {
    app = await appFor(database)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    port = typeof address === 'object' && address ? address.port : 0
  })
  afterAll(async () => app?.close())

  it('431 for headers larger than the server accepts', async () => {
    const answer = parseRaw(await rawRequest(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`))
    expect(answer.status).toBe(431)
    expectShape(answer.body, 431, 'HEADERS_TOO_LARGE')
  })

  it('400 for a request that is not HTTP', async () => {
    const answer = parseRaw(await rawRequest(port, 'HELLO THERE\r\n\r\n'))
    expect(answer.status).toBe(400)
    expectShape(answer.body, 400, 'BAD_REQUEST')
  })

  it('414 for a path segment longer than the router takes, 400 for a broken %-escape', async () => {
    const long = await app.inject({ method: 'GET', url: `/api/v1/sites/${'x'.repeat(500)}` })
    expect(long.statusCode).toBe(414)
    expectShape(long.json(), 414, 'URI_TOO_LONG')
    const bad = await app.inject({ method: 'GET', url: '/api/v1/sites/%E0%A4%A' })
    expect(bad.statusCode).toBe(400)
    expectShape(bad.json(), 400, 'BAD_REQUEST')
  })

  it.each([
    ['an unknown path', { method: 'GET' as const, url: '/nowhere' }, 404, 'NOT_FOUND'],
    ['a method the path does not take', { method: 'DELETE' as const, url: '/api/v1/search' }, 404, 'NOT_FOUND'],
    [
      'a body too large',
      { method: 'POST' as const, url: '/api/v1/search', headers: { 'content-type': 'application/json' }, payload: `{"near":"${'a'.repeat(70_000)}"}` },
      413,
      'BODY_TOO_LARGE',
    ],
    [
      'a body that is not JSON',
      { method: 'POST' as const, url: '/api/v1/search', headers: { 'content-type': 'application/xml' }, payload: '<a/>' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ])('%s', async (_what, request, status, code) => {
    const res = await app.inject(request)
    expect(res.statusCode).toBe(status)
    expectShape(res.json(), status, code)
  })
})

describe('while shutting down and while overloaded', () => {
  it('a request arriving while the server drains gets 503 UNAVAILABLE with Retry-After and Connection: close', async () => {
    const app = await appFor(database)
    // A route that holds a request open, so close() has something to drain.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    app.get('/test-slow', async () => {
      await held
      return { ok: true }
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    // One keep-alive connection: the first request is held, the second arrives during close.
    const socket = connect(port, '127.0.0.1')
    await new Promise((resolve) => socket.once('connect', resolve))
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')))
    socket.write('GET /test-slow HTTP/1.1\r\nHost: x\r\n\r\n')
    await new Promise((resolve) => setTimeout(resolve, 100))
    const closing = app.close()
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n')
    await new Promise((resolve) => setTimeout(resolve, 200))
    release()
    await closing
    await new Promise((resolve) => setTimeout(resolve, 100))
    socket.destroy()
    const responses = answer.split(/(?=HTTP\/1\.1 )/)
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200/)
    const drained = responses.find((r) => r.startsWith('HTTP/1.1 503'))
    expect(drained, answer).toBeDefined()
    const parsed = parseRaw(drained as string)
    expect(parsed.headers).toContain('retry-after:')
    expect(parsed.headers).toContain('connection: close')
    expectShape(parsed.body, 503, 'UNAVAILABLE')
  })

  it('an overloaded process answers 503 OVERLOADED with Retry-After, and /health still answers', async () => {
    // A heap threshold of 1 MB is always exceeded: every request is "under pressure".
    const app = await appFor(database, { pressure: { maxEventLoopDelayMs: 0, maxHeapUsedMb: 1, maxRssMb: 0 } })
    try {
      await app.ready()
      await new Promise((resolve) => setTimeout(resolve, 600)) // a sample is taken every 250 ms
      const res = await app.inject({ method: 'POST', url: '/api/v1/search', payload: { lat: 39.29, lon: -76.61 } })
      expect(res.statusCode).toBe(503)
      expect(res.headers['retry-after']).toMatch(/^\d+$/)
      expectShape(res.json(), 503, 'OVERLOADED')
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })
})
