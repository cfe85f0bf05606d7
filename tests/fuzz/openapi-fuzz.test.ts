/**
 * Property-based fuzzing of every operation in the app's own OpenAPI document: whatever a
 * client sends — sensible, broken or hostile — the API answers a 2xx that matches its
 * documented schema or a 4xx in the one error shape; never a 5xx, a broken-off response, a
 * stack trace, SQL or a file path; and /health stays quick. Fixed seed: a failure reproduces,
 * and fast-check prints the shrunk request (method, url, headers, payload).
 */
import { performance } from 'node:perf_hooks'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import { appFor } from '../helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { hours, site } from '../helpers/sites.js'
import type { FuzzContext } from './arbitraries.js'
import { requestsFor, type Baseline, type FuzzRequest, type Operation } from './requests.js'
import { createAccount } from '../../server/curate/accounts.js'
import { createApiToken } from '../../server/curate/sessions.js'

// FUZZ_SEED and FUZZ_SCALE (a multiplier of the request counts) run a deeper or another campaign by hand.
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_124)
const SCALE = Number(process.env.FUZZ_SCALE ?? 1)
/** /health is asked after every this many requests. */
const BATCH = 25
/** Requests per operation: more where the input space is larger, fewer where a request costs more. */
const REQUESTS: Record<string, number> = {
  'GET /api/v1/search': 1000,
  'POST /api/v1/search': 1000,
  'POST /api/v1/routes': 450,
  'POST /api/v1/sites/{id}/reports': 300,
  'GET /api/v1/sites/{id}': 300,
  'GET /api/v1/geocode': 250,
  'GET /hsds/service_at_locations': 350,
  'GET /hsds/services': 300,
  'GET /api/v1/export.geojson': 250,
  'GET /api/v1/export.csv': 250,
  'GET /api/v1/export.hsds.json': 250,
}
const DEFAULT_REQUESTS = 150
/** Requests that work, for the generated fields to be laid over. */
const BASELINES: Record<string, Baseline> = {
  'GET /api/v1/search': { query: { lat: 39.3, lon: -76.6 } },
  'POST /api/v1/search': { body: { lat: 39.3, lon: -76.6 } },
  'GET /api/v1/geocode': { query: { q: '21201' } },
  'POST /api/v1/sites/{id}/reports': { body: { kind: 'closed' } },
  'POST /api/v1/sites/{id}/availability-reports': { body: { kind: 'got_supplies', supply: 'naloxone' } },
  'POST /api/v1/routes': {
    body: {
      stops: [{ site_id: 'ssp-1' }, { site_id: 'otp-1' }, { lat: 39.3, lon: -76.62, label: 'Camp', opens: '10:00', closes: '16:00' }],
      start: { lat: 39.29, lon: -76.61 },
      departure: '2026-11-24T09:00:00-05:00',
    },
  },
  'GET /hsds/service_at_locations': { query: { lat: 39.3, long: -76.6 } },
}
const MIN_TOTAL = 5000

const ERROR_KEYS = ['code', 'error', 'message', 'statusCode']
/** What must never reach a client: stack frames, file paths, SQL and database internals. */
const LEAKS = [
  /\n\s+at |\bat (?:async )?[\w.<>]+ \(/,
  /\/work\/|node_modules|file:\/\/|\w\.(?:ts|js|mjs):\d+/,
  /\bSELECT\b[^"]{0,200}\bFROM\b|\bINSERT INTO\b|\bDELETE FROM\b/i,
  /syntax error at or near|invalid byte sequence|violates \w+ constraint|relation "|column "\w+" does not exist/i,
  /\bPGlite\b|Kysely\w*Error|\bpg_\w+\(/,
]

interface Tally {
  sent: number
  ok: number
  clientError: number
}

type Content = Record<string, { schema?: object }>
interface OpenApiOperation {
  parameters?: Operation['parameters']
  requestBody?: { content?: Content }
  responses?: Record<string, { content?: Content }>
}
/** An operation and validators of its 2xx answers by status and media type. */
interface Documented extends Operation {
  key: string
  answers: Map<string, ValidateFunction>
}

// ajv-formats is CommonJS: at run time the default import is the plugin itself (see tests/hsds/spec.ts).
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020

function operationsOf(doc: { paths: Record<string, Record<string, OpenApiOperation>> }): Documented[] {
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: false }))
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'post'] as const)
      .filter((m) => item[m])
      .map((m) => {
        const op = item[m] as OpenApiOperation
        const body = op.requestBody?.content?.['application/json']?.schema
        const answers = new Map<string, ValidateFunction>()
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          if (!status.startsWith('2')) continue
          for (const [media, { schema }] of Object.entries(response.content ?? {})) if (schema) answers.set(`${status} ${media}`, ajv.compile(schema))
        }
        const method = m.toUpperCase() as Operation['method']
        return { key: `${method} ${path}`, method, path, parameters: op.parameters ?? [], body: (body ?? null) as Operation['body'], answers }
      }),
  )
}

/**
 * Curator decisions that succeed only on a record made for them (an open report, an undecided
 * merge, an audit entry, a password): random requests meet 404s and 409s, and their 2xx paths
 * are proven by tests/curate. They are still fuzzed for 5xx, leaks and the error shape.
 */
const NEEDS_STATE = new Set([
  'POST /api/v1/curate/session',
  'POST /api/v1/curate/history/{entry}/revert',
  'POST /api/v1/curate/sites/{id}/reports/resolve',
  'POST /api/v1/curate/merges/{source}/{source_id}/confirm',
  'POST /api/v1/curate/merges/{source}/{source_id}/unmerge',
  'POST /api/v1/curate/disagreements/{id}/accept',
  'POST /api/v1/curate/disagreements/{id}/keep',
  'GET /api/v1/curate/change-requests/{id}',
  'POST /api/v1/curate/change-requests/{id}/decisions',
])

const describeRequest = (r: FuzzRequest) => `${r.method} ${r.url}${r.payload !== undefined ? ` body=${JSON.stringify(r.payload).slice(0, 400)}` : ''}`

describe.each(backends)('fuzzing every documented operation on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance
  let ctx: FuzzContext
  let curatorToken = ''

  beforeAll(async () => {
    database = await freshDatabase(backend)
    const weekdays = [hours('MO,TU,WE,TH,FR', '09:00', '17:00')]
    await insertSites(database.db, [
      site({ id: 'ssp-1', lat: 39.29, lon: -76.61, services: ['syringe_services', 'naloxone'], hours: weekdays }),
      site({
        id: 'otp-1',
        lat: 39.31,
        lon: -76.59,
        types: ['treatment'],
        services: ['methadone', 'buprenorphine'],
        payment: ['medicaid'],
        hours: [hours('MO,TU,WE,TH,FR,SA', '05:30', '13:00')],
      }),
      site({
        id: 'clinic-1',
        lat: 39.33,
        lon: -76.64,
        types: ['clinic'],
        services: ['primary_care', 'hiv_testing'],
        languages: ['en', 'es'],
        hours: [hours('SA,SU', '10:00', '02:00')],
      }),
      site({ id: 'night-1', lat: 39.27, lon: -76.58, services: ['naloxone', 'fentanyl_test_strips'], access: ['mobile_unit'] }),
      site({ id: 'closed-1', lat: 39.3, lon: -76.62, status: 'inactive', services: ['detox'] }),
      site({ id: 'demo-1', lat: 39.28, lon: -76.63, demo: true, services: ['wound_care'], hours: weekdays }),
      site({ id: 'la-1', lat: 34.05, lon: -118.24, timezone: 'America/Los_Angeles', services: ['naloxone'], hours: weekdays }),
    ])
    await rebuildSearchTables(database.db)
    app = await appFor(database)
    await app.ready()
    // The curator API is fuzzed signed in as an admin, so requests get past authentication.
    const admin = await createAccount(database.db, { email: 'fuzz-admin@example.org', role: 'admin' })
    curatorToken = (await createApiToken(database.db, admin.id, 'fuzz')).token

    // Real ids and a real cursor, plus cursors a client could forge, so requests find things.
    const hsdsIds: string[] = []
    for (const list of ['/hsds/services', '/hsds/service_at_locations', '/hsds/organizations', '/hsds/taxonomies', '/hsds/taxonomy_terms?per_page=5']) {
      const page = (await app.inject({ method: 'GET', url: list })).json() as { contents: { id: string }[] }
      hsdsIds.push(...page.contents.slice(0, 5).map((c) => c.id))
    }
    const first = (await app.inject({ method: 'GET', url: '/api/v1/search?lat=39.3&lon=-76.6&limit=1' })).json() as { next_cursor: string }
    const decoded = JSON.parse(Buffer.from(first.next_cursor, 'base64url').toString()) as Record<string, unknown>
    const forge = (change: Record<string, unknown>) => Buffer.from(JSON.stringify({ ...decoded, ...change })).toString('base64url')
    ctx = {
      // {id} is a site's, or (curator account routes) the admin's own.
      siteIds: ['ssp-1', 'otp-1', 'clinic-1', 'closed-1', 'demo-1', 'la-1', admin.id],
      hsdsIds,
      cursors: [first.next_cursor],
      forged: {
        cursor: [
          forge({ t: 1e20 }),
          forge({ t: -1e15 }),
          forge({ t: Date.parse('0000-01-01T00:00:00Z') }),
          forge({ i: 'a\u0000b' }),
          forge({ i: '\ud800' }),
          forge({ d: 1e308 }),
        ],
        languages: ['english', 'EN', 'e', 'en,english'],
      },
      // The solver runs on every valid plan: a small budget keeps the run short (the limits are probed as invalid values).
      fields: { budget_ms: fc.integer({ min: 10, max: 30 }) },
    }
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  /** Sends one request and throws, naming it, if the answer breaks a rule. */
  async function check(request: FuzzRequest, ip: string, tally: Tally, answers: Documented['answers']): Promise<void> {
    const where = describeRequest(request)
    const headers = request.url.startsWith('/api/v1/curate/') ? { ...request.headers, authorization: `Bearer ${curatorToken}` } : request.headers
    const res = await app.inject({ ...request, headers, remoteAddress: ip }).catch((err: Error) => {
      throw new Error(`${where} → the response broke off (${err.message})`)
    })
    tally.sent++
    const said = `${where} → ${res.statusCode} ${res.body.slice(0, 300)}`
    if (res.statusCode >= 500) throw new Error(`server error: ${said}`)
    const leak = LEAKS.find((re) => re.test(res.body))
    if (leak) throw new Error(`the body leaks internals (${leak}): ${said}`)
    if (res.statusCode < 400) {
      tally.ok++
      // A 2xx says what the document promises: e.g. a search centre of Infinity once came back as "lat": null.
      const media = String(res.headers['content-type'] ?? '').split(';')[0] ?? ''
      const validate = answers.get(`${res.statusCode} ${media}`)
      if (validate && !validate(JSON.parse(res.body)))
        throw new Error(`a ${res.statusCode} unlike its documented schema (${JSON.stringify(validate.errors?.[0])}): ${said}`)
      return
    }
    tally.clientError++
    let body: unknown
    try {
      body = JSON.parse(res.body)
    } catch {
      throw new Error(`a 4xx that is not JSON: ${said}`)
    }
    const b = body as Record<string, unknown>
    const shaped =
      typeof body === 'object' &&
      body !== null &&
      JSON.stringify(Object.keys(b).sort()) === JSON.stringify(ERROR_KEYS) &&
      b.statusCode === res.statusCode &&
      typeof b.code === 'string' &&
      /^[A-Z_]+$/.test(b.code) &&
      typeof b.error === 'string' &&
      typeof b.message === 'string' &&
      b.message.length > 0
    if (!shaped) throw new Error(`a 4xx not in the error shape: ${said}`)
  }

  it(`answers ${MIN_TOTAL}+ generated requests with no 5xx, only the error shape, no leaks, and a live /health`, async () => {
    const operations = operationsOf(app.swagger() as Parameters<typeof operationsOf>[0])
    expect(operations.length).toBeGreaterThanOrEqual(20)
    const failures: string[] = []
    const tallies = new Map<string, Tally>()
    let sent = 0
    for (const op of operations) {
      const { key } = op
      const tally: Tally = { sent: 0, ok: 0, clientError: 0 }
      tallies.set(key, tally)
      const property = fc.asyncProperty(requestsFor(op, ctx, BASELINES[key]), async (request) => {
        sent++
        // A new client address each time: the report route's own rate limit would otherwise answer 429 to everything.
        await check(request, `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`, tally, op.answers)
        if (sent % BATCH === 0) {
          const started = performance.now()
          const health = await app.inject({ method: 'GET', url: '/health' })
          const ms = performance.now() - started
          if (health.statusCode !== 200 || ms > 1000)
            throw new Error(`after ${describeRequest(request)}, /health answered ${health.statusCode} in ${Math.round(ms)} ms`)
        }
      })
      try {
        await fc.assert(property, { seed: SEED, numRuns: Math.ceil((REQUESTS[key] ?? DEFAULT_REQUESTS) * SCALE), includeErrorInReport: true })
      } catch (err) {
        failures.push(`${key}: ${(err as Error).message}`)
      }
    }
    const all = [...tallies.values()]
    console.log(
      `fuzz on ${backend}: ${sent} requests to ${operations.length} operations, ${all.reduce((n, t) => n + t.ok, 0)} 2xx, ${all.reduce((n, t) => n + t.clientError, 0)} 4xx`,
    )
    const summary = [...tallies].map(([key, t]) => `${key}: ${t.sent} sent, ${t.ok} 2xx, ${t.clientError} 4xx`).join('\n')
    expect(failures, failures.join('\n\n')).toEqual([])
    expect(sent).toBeGreaterThanOrEqual(MIN_TOTAL * SCALE)
    // The generators make sensible requests too: every operation did real work at least once.
    const neverOk = [...tallies].filter(([key, t]) => t.ok === 0 && !NEEDS_STATE.has(key)).map(([key]) => key)
    expect(neverOk, summary).toEqual([])
  }, 600_000)
})
