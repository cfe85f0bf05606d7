import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { ErrorCode, UnavailableError } from '../server/errors.js'
import { planClock } from '../server/planner/clock.js'
import type { SolveTask } from '../server/planner/solve-task.js'
import { SolverPool } from '../server/planner/solver-pool.js'
import type { Config } from '../server/config.js'
import { freshDatabase, type TestDatabase } from './helpers/backends.js'
import { appFor } from './helpers/app.js'

const OFFICE = { lat: 39.2904, lon: -76.6122, label: 'Office' }

/** A full outreach day: `n` typed stops around Baltimore, each with its own opening hours. */
function day(n: number, budgetMs: number): Record<string, unknown> {
  const stops = Array.from({ length: n }, (_, i) => ({
    lat: 39.29 + 0.05 * Math.cos(i * 2.3) * ((i % 7) / 7),
    lon: -76.61 + 0.06 * Math.sin(i * 1.7) * ((i % 5) / 5),
    label: `Stop ${i + 1}`,
    opens: `${String(8 + (i % 6)).padStart(2, '0')}:00`,
    closes: `${String(14 + (i % 5)).padStart(2, '0')}:00`,
    service_minutes: 3,
  }))
  return { stops, start: OFFICE, departure: '2026-11-24T08:00:00-05:00', return_by: '20:00', vehicles: 3, budget_ms: budgetMs }
}

const expectErrorShape = (res: LightMyRequestResponse, status: number, code: string) => {
  expect(res.statusCode, res.body).toBe(status)
  const body = res.json() as Record<string, unknown>
  expect(Object.keys(body).sort()).toEqual(['code', 'error', 'message', 'statusCode'])
  expect(body).toMatchObject({ statusCode: status, code })
}

describe('the route planner under load', () => {
  let database: TestDatabase
  const apps: FastifyInstance[] = []
  const app = async (overrides: Partial<Config>) => {
    const a = await appFor(database, overrides)
    apps.push(a)
    return a
  }
  const plan = (a: FastifyInstance, body: Record<string, unknown>) => a.inject({ method: 'POST', url: '/api/v1/routes', payload: body })

  beforeAll(async () => {
    database = await freshDatabase('pglite')
  })
  afterAll(async () => {
    for (const a of apps) await a.close()
    await database?.close()
  })

  it('keeps /health answering while four 150-stop plans with a 2 s budget are solved: no probe waits out a solve', async () => {
    // One solver thread, as the default gives a 2-core machine: the main thread keeps a core
    // of its own (two threads here, beside the other test worker, starved it on a busy CI box).
    const a = await app({ planner: { workers: 1, queue: 3, timeoutMs: 20_000 } })
    // A first plan warms the code paths and a solver thread; the measurement is of steady service.
    expect((await plan(a, day(150, 10))).statusCode).toBe(200)

    const started = performance.now()
    let solving = true
    const plans = Promise.all([1, 2, 3, 4].map(() => plan(a, day(150, 2000)))).finally(() => (solving = false))
    // Probes on a fixed 20 ms schedule, each timed from when it was due: a blocked event loop
    // delays every probe behind it, so the stall is counted in full, not hidden.
    const latencies: number[] = []
    for (let i = 0; solving; i++) {
      const due = started + i * 20
      const wait = due - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const res = await a.inject({ method: 'GET', url: '/health' })
      expect(res.statusCode).toBe(200)
      latencies.push(performance.now() - due)
    }
    const results = await plans

    for (const res of results) {
      expect(res.statusCode, res.body).toBe(200)
      const body = res.json() as { vehicles: { stops: unknown[] }[]; unassigned: unknown[]; solver: { elapsedMs: number } }
      expect(body.vehicles.reduce((n, v) => n + v.stops.length, 0) + body.unassigned.length).toBe(150)
      // each plan really spent its two seconds searching while /health was being probed
      expect(body.solver.elapsedMs).toBeGreaterThanOrEqual(1990)
    }
    // Speed is the benchmark's to measure (npm run bench:route-api prints the p99); what this
    // checks is where the solving happens. A solve on the main thread would stall every probe
    // for its whole 2 s budget; off it, the worst stall (GC, a busy machine) stays well below.
    const sorted = latencies.sort((x, y) => x - y)
    const worst = sorted[sorted.length - 1] as number
    const figures = `p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, p99 ${sorted[Math.floor(sorted.length * 0.99)]?.toFixed(1)} ms, worst ${worst.toFixed(1)} ms over ${sorted.length} probes`
    expect(worst, figures).toBeLessThan(1500)
    // the probes kept answering all along: many per plan, not a few between stalls
    expect(sorted.length, figures).toBeGreaterThan(100)
  })

  it('answers 503 BUSY with Retry-After when every solver thread and queue place is taken, then plans again', async () => {
    const a = await app({ planner: { workers: 1, queue: 1, timeoutMs: 20_000 } })
    const results = await Promise.all([plan(a, day(150, 1000)), plan(a, day(150, 1000)), plan(a, day(150, 1000))])
    const refused = results.filter((r) => r.statusCode === 503)
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 503])
    expectErrorShape(refused[0]!, 503, 'BUSY')
    expect(refused[0]!.json()).toMatchObject({ error: 'Service Unavailable', message: expect.stringMatching(/busy/) })
    expect(Number(refused[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    // once the queue drains, the planner takes plans again
    expect((await plan(a, day(20, 10))).statusCode).toBe(200)
  })

  it('limits each client to its plans per minute, in the same error shape, while the rest of the API still answers', async () => {
    const a = await app({ routesRateLimitPerMinute: 2 })
    const codes = []
    for (let i = 0; i < 3; i++) codes.push(await plan(a, day(5, 10)))
    expect(codes.map((r) => r.statusCode)).toEqual([200, 200, 429])
    expectErrorShape(codes[2]!, 429, 'RATE_LIMITED')
    expect(codes[2]!.json()).toMatchObject({ error: 'Too Many Requests', message: expect.stringMatching(/too many requests/) })
    expect((await a.inject({ method: 'GET', url: '/api/v1/taxonomy' })).statusCode).toBe(200)
  })

  it('stops a plan that outlives the hard cap with 503 TIMEOUT, and the next plan gets a fresh thread', async () => {
    // The cap (1 s) is shorter than the plan's own budget (2 s): only the cap can end it early.
    const a = await app({ planner: { workers: 1, queue: 1, timeoutMs: 1000 } })
    const stopped = await plan(a, day(150, 2000))
    expectErrorShape(stopped, 503, 'TIMEOUT')
    expect(stopped.json().message).toMatch(/took longer than 1 s/)
    expect(stopped.headers['retry-after']).toBeDefined()
    const next = await plan(a, day(10, 10))
    expect(next.statusCode, next.body).toBe(200)
  })
})

describe('the solver thread pool', () => {
  const clock = planClock('2026-11-24T08:00:00-05:00')
  const pts = Array.from({ length: 61 }, (_, i) => [Math.cos(i * 2.4) * 3000, Math.sin(i * 1.3) * 3000])
  const durations = pts.map((a) => pts.map((b) => Math.round(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))))
  const task = (budgetMs: number): SolveTask => ({
    problem: {
      durations,
      stops: pts.slice(1).map((_, i) => ({ location: i + 1, serviceSeconds: 300 })),
      vehicles: [{ startLocation: 0, endLocation: 0, shiftStart: 8 * 3600, shiftEnd: 20 * 3600 }],
    },
    budgetMs,
    seed: 1,
    clock,
  })

  it('terminates the thread of a solve given an endless budget once the cap passes, and solves the next task on a fresh one', async () => {
    const pool = new SolverPool({ workers: 1, queue: 0, timeoutMs: 1000 })
    try {
      const err = await pool.solve(task(Number.POSITIVE_INFINITY)).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(UnavailableError)
      expect((err as UnavailableError).code).toBe(ErrorCode.TIMEOUT)
      expect(pool.load).toEqual({ running: 0, waiting: 0, threads: 0 })
      const plan = await pool.solve(task(10))
      expect(plan.routes[0]!.visits.length + plan.unassigned.length).toBe(60)
      expect(pool.load).toMatchObject({ running: 0, waiting: 0, threads: 1 })
    } finally {
      await pool.close()
    }
  })

  it('on close, fails plans in flight and waiting with 503 UNAVAILABLE and ends its threads', async () => {
    const pool = new SolverPool({ workers: 1, queue: 1, timeoutMs: 20_000 })
    const running = pool.solve(task(10_000)).catch((e: unknown) => e)
    const waiting = pool.solve(task(10_000)).catch((e: unknown) => e)
    while (pool.load.running === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(pool.load).toEqual({ running: 1, waiting: 1, threads: 1 })
    await pool.close()
    for (const err of await Promise.all([running, waiting])) expect((err as UnavailableError).code).toBe(ErrorCode.UNAVAILABLE)
    expect(pool.load.threads).toBe(0)
    expect(((await pool.solve(task(10)).catch((e: unknown) => e)) as UnavailableError).code).toBe(ErrorCode.UNAVAILABLE)
  })
})
