/**
 * Who may do what in the curator API: every endpoint called with no credentials, a disabled
 * account, a curator outside the site's scope, a curator inside it and an admin; CSRF on
 * cookie sessions; login backoff; sessions that end; and no cookie ever on a public answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession, findSession } from '../../server/curate/sessions.js'
import { backends } from '../helpers/backends.js'
import { bearer, type CurationFixture, curationFixture, PASSWORD, type Who } from './helpers.js'

type Caller = 'nobody' | Who
type Expect = 'ok' | 401 | 403

interface Endpoint {
  name: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: (f: CurationFixture & { ids: Ids }) => string
  body?: (f: CurationFixture & { ids: Ids }) => unknown
  /** Who may: any signed-in account, a curator whose scope holds the Virginia site, an admin, or the admin account itself. */
  rule: 'signed-in' | 'va-scope' | 'admin' | 'admin-self'
}

interface Ids {
  entry: number
  adminToken: string
}

const V = '/api/v1/curate'
const ENDPOINTS: Endpoint[] = [
  { name: 'who am I', method: 'GET', url: () => `${V}/session`, rule: 'signed-in' },
  { name: 'queue', method: 'GET', url: () => `${V}/queue?kind=verification`, rule: 'signed-in' },
  { name: 'find sites', method: 'GET', url: () => `${V}/sites?q=Harm`, rule: 'signed-in' },
  { name: 'read a site', method: 'GET', url: () => `${V}/sites/va-site`, rule: 'va-scope' },
  { name: 'edit a site', method: 'PATCH', url: () => `${V}/sites/va-site`, body: () => ({ changes: { public_note: 'Call ahead' } }), rule: 'va-scope' },
  { name: 'verify a site', method: 'POST', url: () => `${V}/sites/va-site/verify`, body: () => ({ how: 'called' }), rule: 'va-scope' },
  { name: 'history', method: 'GET', url: () => `${V}/sites/va-site/history`, rule: 'va-scope' },
  { name: 'revert', method: 'POST', url: (f) => `${V}/history/${f.ids.entry}/revert`, body: () => ({}), rule: 'va-scope' },
  {
    name: 'resolve reports',
    method: 'POST',
    url: () => `${V}/sites/va-site/reports/resolve`,
    body: () => ({ kind: 'closed', resolution: 'no_change' }),
    rule: 'va-scope',
  },
  { name: 'assign', method: 'PUT', url: () => `${V}/assignments`, body: () => ({ item: 'verify:va-site', account_id: null }), rule: 'va-scope' },
  { name: 'confirm merge', method: 'POST', url: () => `${V}/merges/other/va-dup/confirm`, rule: 'va-scope' },
  { name: 'unmerge', method: 'POST', url: () => `${V}/merges/other/va-dup/unmerge`, rule: 'va-scope' },
  { name: 'accept source', method: 'POST', url: () => `${V}/disagreements/d-va/accept`, rule: 'va-scope' },
  { name: 'keep ours', method: 'POST', url: () => `${V}/disagreements/d-va/keep`, rule: 'va-scope' },
  { name: 'list accounts', method: 'GET', url: () => `${V}/accounts`, rule: 'admin' },
  {
    name: 'create account',
    method: 'POST',
    url: () => `${V}/accounts`,
    body: () => ({ email: `new-${Math.random().toString(36).slice(2)}@example.org`, role: 'curator' }),
    rule: 'admin',
  },
  { name: 'change account', method: 'PATCH', url: (f) => `${V}/accounts/${f.accounts.curatorVa.id}`, body: () => ({ name: 'Val V.' }), rule: 'admin' },
  { name: "list an admin's tokens", method: 'GET', url: (f) => `${V}/accounts/${f.accounts.admin.id}/tokens`, rule: 'admin-self' },
  {
    name: 'create a token for the admin',
    method: 'POST',
    url: (f) => `${V}/accounts/${f.accounts.admin.id}/tokens`,
    body: () => ({ name: 'script' }),
    rule: 'admin-self',
  },
  { name: "revoke the admin's token", method: 'DELETE', url: (f) => `${V}/tokens/${f.ids.adminToken}`, rule: 'admin-self' },
  { name: 'sign out', method: 'DELETE', url: () => `${V}/session`, rule: 'signed-in' },
]

function expected(rule: Endpoint['rule'], caller: Caller): Expect {
  if (caller === 'nobody' || caller === 'disabled') return 401
  if (rule === 'signed-in') return 'ok'
  if (rule === 'va-scope') return caller === 'curatorMd' ? 403 : 'ok'
  return caller === 'admin' ? 'ok' : 403
}

const CALLERS: Caller[] = ['nobody', 'disabled', 'curatorMd', 'curatorVa', 'admin']

describe.each(backends)('curator API access (%s)', (backend) => {
  let f: CurationFixture & { ids: Ids }

  beforeAll(async () => {
    const base = await curationFixture(backend)
    const db = base.database.db
    // Something for every decision endpoint to act on in the Virginia site.
    await db
      .insertInto('merge_reviews')
      .values({ source: 'other', source_id: 'va-dup', location_id: 'va-site', doubts: ['low_name_similarity'], name_similarity: 0.1, batch_id: null })
      .execute()
    await db
      .insertInto('source_disagreements')
      .values({
        id: 'd-va',
        location_id: 'va-site',
        field: 'name',
        source: 'test',
        source_value: JSON.stringify('A'),
        curator_value: JSON.stringify('B'),
        value_hash: 'x',
        batch_id: null,
      })
      .execute()
    const edit = await base.app.inject({
      method: 'PATCH',
      url: `${V}/sites/va-site`,
      headers: bearer(base.tokens.admin),
      payload: { changes: { name: 'Richmond Harm Reduction Center' } },
    })
    expect(edit.statusCode).toBe(200)
    const entry = (await db.selectFrom('audit_log').select('id').where('entity_id', '=', 'va-site').where('action', '=', 'edit').executeTakeFirstOrThrow()).id
    const token = await base.app.inject({
      method: 'POST',
      url: `${V}/accounts/${base.accounts.admin.id}/tokens`,
      headers: bearer(base.tokens.admin),
      payload: { name: 'to revoke' },
    })
    f = { ...base, ids: { entry: Number(entry), adminToken: token.json().id } }
  })
  afterAll(() => f?.close())

  const cases = ENDPOINTS.flatMap((e) => CALLERS.map((caller) => ({ e, caller, want: expected(e.rule, caller) })))

  it.each(cases.map((c) => [c.e.name, c.caller, c.want, c] as const))('%s as %s → %s', async (_name, caller, want, { e }) => {
    const res = await f.app.inject({
      method: e.method,
      url: e.url(f),
      headers: caller === 'nobody' ? {} : bearer(f.tokens[caller]),
      ...(e.body ? { payload: e.body(f) as Record<string, unknown> } : {}),
    })
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['set-cookie']).toBeUndefined()
    if (want === 'ok') {
      // Allowed: the call may still meet a 404 or 409 about the data (an item decided by an earlier caller), never an auth refusal.
      expect([401, 403]).not.toContain(res.statusCode)
      expect(res.statusCode).toBeLessThan(500)
    } else {
      expect(res.statusCode).toBe(want)
      expect(res.json().code).toBe(want === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN')
    }
  })

  it('signs in with the right password only, and the cookie is HttpOnly, SameSite=Strict and reaches the curator API only', async () => {
    const wrong = await f.app.inject({ method: 'POST', url: `${V}/session`, payload: { email: 'admin@example.org', password: 'not the password' } })
    const unknown = await f.app.inject({ method: 'POST', url: `${V}/session`, payload: { email: 'nobody@example.org', password: 'not the password' } })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(unknown.json().message).toBe(wrong.json().message)
    const disabled = await f.app.inject({ method: 'POST', url: `${V}/session`, payload: { email: 'gone@example.org', password: PASSWORD } })
    expect(disabled.statusCode).toBe(401)

    const ok = await f.app.inject({ method: 'POST', url: `${V}/session`, payload: { email: 'ADMIN@example.org', password: PASSWORD } })
    expect(ok.statusCode).toBe(200)
    const cookie = String(ok.headers['set-cookie'])
    expect(cookie).toMatch(/^hrl_session=[\w-]{43}; Path=\/api\/v1\/curate; Max-Age=\d+; HttpOnly; SameSite=Strict$/)
    expect(ok.json()).toMatchObject({ account: { email: 'admin@example.org', role: 'admin' }, via: 'session' })
    expect(JSON.stringify(ok.json())).not.toContain('password')
  })

  it('refuses a change made with the session cookie unless it carries the CSRF token', async () => {
    const login = await f.app.inject({ method: 'POST', url: `${V}/session`, payload: { email: 'admin@example.org', password: PASSWORD } })
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string
    const csrf = login.json().csrf_token as string
    const patch = (headers: Record<string, string>) =>
      f.app.inject({
        method: 'PATCH',
        url: `${V}/sites/md-site`,
        headers: { cookie, ...headers },
        payload: { changes: { public_note: 'Walk-ins until 3 pm' } },
      })
    const none = await patch({})
    expect(none.statusCode).toBe(403)
    expect(none.json().code).toBe('CSRF')
    expect((await patch({ 'x-csrf-token': csrf.slice(0, -2) + 'xx' })).statusCode).toBe(403)
    expect((await patch({ 'x-csrf-token': csrf })).statusCode).toBe(200)
    // Reading needs no token; a token from another session does not work.
    expect((await f.app.inject({ method: 'GET', url: `${V}/session`, headers: { cookie } })).json().csrf_token).toBe(csrf)
    const other = await f.app.inject({ method: 'POST', url: `${V}/session`, payload: { email: 'admin@example.org', password: PASSWORD } })
    expect((await patch({ 'x-csrf-token': other.json().csrf_token })).statusCode).toBe(403)
    // Signing out ends the session: the cookie no longer works.
    expect((await f.app.inject({ method: 'DELETE', url: `${V}/session`, headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(204)
    expect((await f.app.inject({ method: 'GET', url: `${V}/session`, headers: { cookie } })).statusCode).toBe(401)
  })

  it('locks an account after five wrong passwords, doubling the wait, and even the right password waits', async () => {
    const email = 'locked@example.org'
    await f.app.inject({ method: 'POST', url: `${V}/accounts`, headers: bearer(f.tokens.admin), payload: { email, role: 'curator', password: PASSWORD } })
    const attempt = (password: string) => f.app.inject({ method: 'POST', url: `${V}/session`, payload: { email, password } })
    for (let i = 0; i < 4; i++) expect((await attempt('wrong password!')).statusCode).toBe(401)
    const fifth = await attempt('wrong password!')
    expect(fifth.statusCode).toBe(429)
    expect(fifth.json().code).toBe('LOGIN_LOCKED')
    expect(Number(fifth.headers['retry-after'])).toBe(30)
    const right = await attempt(PASSWORD)
    expect(right.statusCode).toBe(429)
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0)
    // When the lock has passed, one more failure locks for twice as long.
    await f.database.db
      .updateTable('accounts')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('email', '=', email)
      .execute()
    const sixth = await attempt('wrong password!')
    expect(Number(sixth.headers['retry-after'])).toBe(60)
    await f.database.db
      .updateTable('accounts')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('email', '=', email)
      .execute()
    expect((await attempt(PASSWORD)).statusCode).toBe(200)
    // An email with no account locks the same way, so the answers do not tell which emails exist.
    const ghost = (n: number) =>
      f.app.inject({ method: 'POST', url: `${V}/session`, payload: { email: `ghost-${backend}@example.org`, password: `guess ${n}` } })
    for (let i = 0; i < 4; i++) expect((await ghost(i)).statusCode).toBe(401)
    const locked = await ghost(5)
    expect(locked.statusCode).toBe(429)
    expect(Number(locked.headers['retry-after'])).toBe(30)
  })

  it('ends a session after its idle time and after its absolute time, and when the account is disabled', async () => {
    const db = f.database.db
    const limits = { idleMinutes: 30, hours: 8 }
    const t0 = new Date('2026-12-02T09:00:00Z')
    const minutes = (n: number) => new Date(t0.getTime() + n * 60_000)
    const s = await createSession(db, f.accounts.curatorVa.id, limits, t0)
    expect(await findSession(db, s.token, limits, minutes(29))).not.toBeNull()
    // Used at 29 min: alive until 59.
    expect(await findSession(db, s.token, limits, minutes(58))).not.toBeNull()
    expect(await findSession(db, s.token, limits, minutes(58 + 31))).toBeNull()
    // Kept busy, it still ends 8 h after sign-in.
    const busy = await createSession(db, f.accounts.curatorVa.id, limits, t0)
    for (let m = 20; m < 8 * 60; m += 20) expect(await findSession(db, busy.token, limits, minutes(m))).not.toBeNull()
    expect(await findSession(db, busy.token, limits, minutes(8 * 60 + 1))).toBeNull()
    // Through the API: a session idle for longer than the configured hour is refused.
    const live = await createSession(db, f.accounts.curatorVa.id, { idleMinutes: 60, hours: 12 })
    const cookie = `hrl_session=${live.token}`
    expect((await f.app.inject({ method: 'GET', url: `${V}/session`, headers: { cookie } })).statusCode).toBe(200)
    await db
      .updateTable('curator_sessions')
      .set({ last_seen_at: new Date(Date.now() - 61 * 60_000) })
      .execute()
    const idle = await f.app.inject({ method: 'GET', url: `${V}/session`, headers: { cookie } })
    expect(idle.statusCode).toBe(401)
    expect(idle.json().message).toMatch(/session has ended/)
  })

  it('never sets a cookie on a public answer, even to a browser holding a curator session', async () => {
    const login = await f.app.inject({ method: 'POST', url: `${V}/session`, payload: { email: 'admin@example.org', password: PASSWORD } })
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string
    const publicCalls = [
      { method: 'GET' as const, url: '/' },
      { method: 'GET' as const, url: '/lite' },
      { method: 'GET' as const, url: '/api/v1/search?lat=39.29&lon=-76.62&radius_km=50' },
      { method: 'GET' as const, url: '/api/v1/sites/md-site' },
      { method: 'GET' as const, url: '/api/v1/taxonomy' },
      { method: 'GET' as const, url: '/api/v1/sites/no-such-site' },
      { method: 'GET' as const, url: '/health' },
      { method: 'GET' as const, url: '/openapi.json' },
      { method: 'POST' as const, url: '/api/v1/sites/md-site/reports', payload: { kind: 'closed' } },
    ]
    for (const call of publicCalls) {
      for (const headers of [{}, { cookie }]) {
        const res = await f.app.inject({ ...call, headers })
        expect(res.headers['set-cookie'], `${call.method} ${call.url}`).toBeUndefined()
        expect(JSON.stringify(res.headers)).not.toContain('hrl_session')
      }
    }
    // The OpenAPI documents both ways in.
    const doc = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json()
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['curatorSession', 'curatorToken'])
    expect(doc.paths['/api/v1/curate/sites/{id}'].patch.security).toEqual([{ curatorSession: [] }, { curatorToken: [] }])
  })
})
