/**
 * POST /api/v1/sites/{id}/reports on both backends: a report is stored anonymously, bad
 * input names the field, an unknown site is a 404, and the route has its own tight limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { findReportsForLocation } from '../../server/reports/repository.js'
import { appFor } from '../helpers/app.js'
import { backends, freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { site } from '../helpers/sites.js'

describe.each(backends)('problem reports on %s', (backend) => {
  let database: TestDatabase
  let app: FastifyInstance

  beforeAll(async () => {
    database = await freshDatabase(backend)
    await insertSites(database.db, [site({ id: 'ssp-1', lat: 39.29, lon: -76.61 }), site({ id: 'ssp-2', lat: 39.3, lon: -76.61 })])
    app = await appFor(database)
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  const report = (id: string, payload: unknown) => app.inject({ method: 'POST', url: `/api/v1/sites/${id}/reports`, payload: payload as object })

  it('stores "wrong hours" with its message as an open report, and answers 201 with the report id', async () => {
    const res = await report('ssp-1', { kind: 'wrong_hours', message: '  Closed on Mondays now.  ' })
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json() as { id: string; status: string }
    expect(body.status).toBe('open')
    const stored = await findReportsForLocation(database.db, 'ssp-1')
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ id: body.id, location_id: 'ssp-1', kind: 'wrong_hours', message: 'Closed on Mondays now.', status: 'open' })
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('accepts a report with no message', async () => {
    const res = await report('ssp-2', { kind: 'closed' })
    expect(res.statusCode, res.body).toBe(201)
    expect((await findReportsForLocation(database.db, 'ssp-2'))[0]).toMatchObject({ kind: 'closed', message: '' })
  })

  it('answers 404 for a site that does not exist, and stores nothing', async () => {
    const res = await report('no-such-site', { kind: 'other' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' })
    expect(await findReportsForLocation(database.db, 'no-such-site')).toEqual([])
  })

  it('refuses an unknown kind, a message over 2000 characters and extra fields such as contact details', async () => {
    const bad = await report('ssp-1', { kind: 'spam' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'INVALID_FIELD' })
    expect((bad.json() as { message: string }).message).toMatch(/^kind/)
    const long = await report('ssp-1', { kind: 'other', message: 'x'.repeat(2001) })
    expect(long.statusCode).toBe(400)
    expect((long.json() as { message: string }).message).toMatch(/^message/)
    const extra = await report('ssp-1', { kind: 'other', email: 'me@example.org' })
    expect(extra.statusCode).toBe(400)
    expect((extra.json() as { message: string }).message).toBe('email is not a known field')
  })

  it('allows 10 reports a minute from one address, then answers 429', async () => {
    const limited = await appFor(database)
    try {
      const codes: number[] = []
      for (let i = 0; i < 11; i++)
        codes.push((await limited.inject({ method: 'POST', url: '/api/v1/sites/ssp-2/reports', payload: { kind: 'other' } })).statusCode)
      expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true)
      expect(codes[10]).toBe(429)
      // The rest of the API keeps its own, larger allowance.
      expect((await limited.inject({ method: 'GET', url: '/api/v1/taxonomy' })).statusCode).toBe(200)
    } finally {
      await limited.close()
    }
  })
})
