/**
 * Provider update links (issue 16, first step): a curator makes a link for one site, the
 * provider opens /update/<token> with no account, sees the listing as the public does and
 * confirms it; the site is verified today and its audit trail says "provider confirmed".
 * Expired, revoked, unknown and malformed tokens all get the same 404 page; the token is
 * stored only as a hash, never logged, and the page sets no cookie.
 */
import { loadServiceGraph } from '../../server/hsds/graph-repository.js'
import { createHash } from 'node:crypto'
import { Writable } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appFor } from '../helpers/app.js'
import { backends } from '../helpers/backends.js'
import { bearer, type CurationFixture, curationFixture, type Who } from './helpers.js'

const V = '/api/v1/curate'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const today = () => new Date().toISOString().slice(0, 10)
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe.each(backends)('provider update links (%s)', (backend) => {
  let f: CurationFixture
  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, who: Who | null = 'curatorMd', payload?: Record<string, unknown>) =>
    f.app.inject({ method, url, headers: who ? bearer(f.tokens[who]) : {}, ...(payload ? { payload } : {}) })
  const makeLink = async (siteId = 'md-site', payload: Record<string, unknown> = {}) => {
    const res = await api('POST', `${V}/sites/${siteId}/update-links`, 'curatorMd', payload)
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { id: string; url: string; expires_at: string; link: { state: string } }
  }
  const assured = async (id: string) =>
    (await sql<{ d: string | null }>`SELECT assured_date::text AS d FROM locations WHERE id = ${id}`.execute(f.database.db)).rows[0]?.d ?? null

  beforeAll(async () => {
    f = await curationFixture(backend)
  })
  afterAll(() => f?.close())

  it('makes a link with a 256-bit token that the database keeps only as a hash', async () => {
    const made = await makeLink()
    expect(made.url).toMatch(/^\/update\/[A-Za-z0-9_-]{43}$/)
    const token = made.url.slice('/update/'.length)
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
    expect(Buffer.from(token, 'base64url').length).toBe(32)
    const days = (new Date(made.expires_at).getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(29.9)
    expect(days).toBeLessThanOrEqual(30)
    expect(made.link.state).toBe('active')

    const rows = (await sql<Record<string, unknown>>`SELECT * FROM provider_links WHERE id = ${made.id}`.execute(f.database.db)).rows
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ location_id: 'md-site', token_hash: sha256(token), created_by: f.accounts.curatorMd.id })
    expect(JSON.stringify(rows)).not.toContain(token)

    const audit = (await sql<Record<string, unknown>>`SELECT * FROM audit_log WHERE action = 'provider_link_created'`.execute(f.database.db)).rows
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entity_id: 'md-site', account_id: f.accounts.curatorMd.id, source: 'curator' })
    expect(audit[0]?.new_value).toMatchObject({ link_id: made.id })
    expect(JSON.stringify(audit)).not.toContain(token)

    // The list never holds the token.
    const list = await api('GET', `${V}/sites/md-site/update-links`)
    expect(list.statusCode).toBe(200)
    expect(list.json().links.map((l: { id: string }) => l.id)).toContain(made.id)
    expect(list.body).not.toContain(token)
    expect(list.body).not.toContain(sha256(token))
  })

  it('refuses a curator outside the site’s scope, a caller with no credentials, an unknown site and a bad expiry', async () => {
    const outside = await f.app.inject({ method: 'POST', url: `${V}/sites/md-site/update-links`, headers: bearer(f.tokens.curatorVa), payload: {} })
    expect(outside.statusCode).toBe(403)
    expect(outside.json().message).toMatch(/outside your scope/)
    expect((await api('GET', `${V}/sites/md-site/update-links`, 'curatorVa')).statusCode).toBe(403)
    const anonymous = await api('POST', `${V}/sites/md-site/update-links`, null, {})
    expect(anonymous.statusCode).toBe(401)
    expect((await api('POST', `${V}/sites/no-such-site/update-links`, 'admin', {})).statusCode).toBe(404)
    const zero = await api('POST', `${V}/sites/md-site/update-links`, 'curatorMd', { days: 0 })
    expect(zero.statusCode).toBe(400)
    expect(zero.json().message).toMatch(/days/)
    const custom = await makeLink('md-site', { days: 7 })
    expect((new Date(custom.expires_at).getTime() - Date.now()) / 86_400_000).toBeLessThanOrEqual(7)
  })

  it('shows the provider the listing as the public sees it, with no cookie and nothing cached', async () => {
    const { url } = await makeLink()
    const res = await f.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toContain('Charm City Syringe Program')
    expect(res.body).toContain(`<form class="confirm" method="post" action="${url}">`)
    expect(res.body).toContain('Everything is correct')
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.body).not.toMatch(/<script/i)

    const es = await f.app.inject({ method: 'GET', url: `${url}?lang=es` })
    expect(es.statusCode).toBe(200)
    expect(es.body).toContain('<html lang="es" dir="ltr">')
    expect(es.body).toContain('Todo está correcto')
    expect(es.body).toContain(`action="${url}?lang=es"`)
  })

  it('records "provider confirmed": the site is verified today, audited with the link id and not the token', async () => {
    await sql`UPDATE locations SET assured_date = '2026-01-15' WHERE id = 'md-site'`.execute(f.database.db)
    const made = await makeLink()
    const token = made.url.slice('/update/'.length)
    const res = await f.app.inject({ method: 'POST', url: made.url, headers: FORM, payload: 'lang=en&confirm=1' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.body).toContain('Thank you')
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(res.headers['cache-control']).toBe('no-store')
    expect(await assured('md-site')).toBe(today())

    const audit = (await sql<Record<string, unknown>>`SELECT * FROM audit_log WHERE action = 'provider_confirmed'`.execute(f.database.db)).rows
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entity_id: 'md-site', field_name: 'assured_date', reason: 'provider confirmed', source: 'provider', account_id: null })
    expect(audit[0]?.previous_value).toBe('2026-01-15')
    expect(audit[0]?.new_value).toMatchObject({ date: today(), how: 'provider_confirmed', link_id: made.id })
    expect(JSON.stringify(audit)).not.toContain(token)

    const verification = (
      await sql<{ how: string; account_id: string | null }>`SELECT how, account_id FROM site_verifications
      WHERE location_id = 'md-site' AND field = 'site'`.execute(f.database.db)
    ).rows
    expect(verification).toEqual([{ how: 'provider_confirmed', account_id: null }])
    const history = (await api('GET', `${V}/sites/md-site/history`)).json().entries
    expect(history[0]).toMatchObject({ action: 'provider_confirmed', by: { kind: 'provider' }, reason: 'provider confirmed' })
    const link = (await api('GET', `${V}/sites/md-site/update-links`)).json().links.find((l: { id: string }) => l.id === made.id)
    expect(link).toMatchObject({ confirmations: 1, state: 'active' })
    // The public listing says so at once.
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/sites/md-site' })).json().assured_date).toBe(today())

    // The public HSDS history shows the confirmation, never the making of the link.
    const services = await sql<{ service_id: string }>`SELECT service_id FROM service_at_location WHERE location_id = 'md-site'`.execute(f.database.db)
    const graph = await loadServiceGraph(
      f.database.db,
      services.rows.map((r) => r.service_id),
    )
    const actions = (graph.metadataByLocation.get('md-site') ?? []).map((m) => m.action)
    expect(actions).toContain('provider_confirmed')
    expect(actions.filter((a) => a.startsWith('provider_link'))).toEqual([])

    const es = await f.app.inject({ method: 'POST', url: `${made.url}?lang=es`, headers: FORM, payload: 'lang=es&confirm=1' })
    expect(es.statusCode).toBe(200)
    expect(es.body).toContain('Gracias')
  })

  it('refuses expired, revoked, unknown and malformed tokens with the same 404 page, and changes nothing', async () => {
    const expired = await makeLink()
    await sql`UPDATE provider_links SET created_at = now() - interval '40 days', expires_at = now() - interval '10 days' WHERE id = ${expired.id}`.execute(
      f.database.db,
    )
    const revoked = await makeLink()
    // Only a curator with the site in scope may revoke; revoking twice is harmless.
    expect((await api('DELETE', `${V}/update-links/${revoked.id}`, 'curatorVa')).statusCode).toBe(403)
    expect((await api('DELETE', `${V}/update-links/no-such-link`)).statusCode).toBe(404)
    const revoke = await api('DELETE', `${V}/update-links/${revoked.id}`)
    expect(revoke.statusCode).toBe(200)
    expect(revoke.json().link).toMatchObject({ state: 'revoked', revoked_by: f.accounts.curatorMd.id })
    expect((await api('DELETE', `${V}/update-links/${revoked.id}`)).statusCode).toBe(200)
    const revokedAudit = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'provider_link_revoked'`.execute(f.database.db))
      .rows[0]
    expect(revokedAudit?.n).toBe(1)
    const states = (await api('GET', `${V}/sites/md-site/update-links`)).json().links
    expect(states.find((l: { id: string }) => l.id === expired.id).state).toBe('expired')

    // A live link for the other site: it opens that site only (tokens are site-scoped by construction).
    const va = (await f.app.inject({ method: 'POST', url: `${V}/sites/va-site/update-links`, headers: bearer(f.tokens.curatorVa), payload: {} })).json()
    const vaPage = await f.app.inject({ method: 'GET', url: va.url })
    expect(vaPage.body).toContain('Richmond Harm Reduction')
    expect(vaPage.body).not.toContain('Charm City Syringe Program')

    const random = '/update/' + Buffer.alloc(32, 7).toString('base64url')
    const bad = [expired.url, revoked.url, random, '/update/abc', '/update/' + 'x'.repeat(300), '/update/a/b/c', '/update/', `${expired.url}x`]
    const before = await assured('md-site')
    const audits = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(f.database.db)).rows[0]?.n
    const auditsBefore = await audits()
    const bodies = new Set<string>()
    for (const url of bad) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await f.app.inject({ method, url, ...(method === 'POST' ? { headers: FORM, payload: 'lang=en&confirm=1' } : {}) })
        expect(res.statusCode, `${method} ${url}`).toBe(404)
        expect(res.headers['set-cookie']).toBeUndefined()
        expect(res.headers['cache-control']).toBe('no-store')
        expect(res.headers['content-type']).toMatch(/^text\/html/)
        bodies.add(res.body)
      }
    }
    expect(bodies.size).toBe(1)
    expect([...bodies][0]).toContain('This link does not work')
    expect(await assured('md-site')).toBe(before)
    expect(await audits()).toBe(auditsBefore)
    const es = await f.app.inject({ method: 'GET', url: `${random}?lang=es` })
    expect(es.statusCode).toBe(404)
    expect(es.body).toBe((await f.app.inject({ method: 'GET', url: `${revoked.url}?lang=es` })).body)
    expect(es.body).toContain('Este enlace no funciona')
  })

  it('never writes a token to the log', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const app = await appFor(f.database, { logLevel: 'trace' }, stream)
    try {
      const made = await app.inject({ method: 'POST', url: `${V}/sites/md-site/update-links`, headers: bearer(f.tokens.curatorMd), payload: {} })
      const url = made.json().url as string
      const token = url.slice('/update/'.length)
      await app.inject({ method: 'GET', url })
      await app.inject({ method: 'GET', url: `${url}?lang=es` })
      await app.inject({ method: 'POST', url, headers: FORM, payload: 'lang=en&confirm=1' })
      const guessed = Buffer.alloc(32, 9).toString('base64url')
      await app.inject({ method: 'GET', url: `/update/${guessed}` })
      await app.inject({ method: 'POST', url: `/update/${guessed}`, headers: FORM, payload: 'lang=en' })
      const log = lines.join('')
      expect(lines.length).toBeGreaterThanOrEqual(6)
      for (const secret of [token, guessed, sha256(token)]) expect(log).not.toContain(secret)
      const routes = lines
        .map((l) => JSON.parse(l))
        .filter((l) => l.msg === 'request')
        .map((l) => l.route)
      expect(routes).toContain('/update/*')
    } finally {
      await app.close()
    }
  })
})
