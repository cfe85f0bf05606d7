/**
 * Curator work never reaches the log: not a report's text, not an edit's values or reason,
 * not an email, a password, a session cookie or a token — only method, route, status, time.
 */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccount } from '../../server/curate/accounts.js'
import { createApiToken } from '../../server/curate/sessions.js'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import { appFor } from '../helpers/app.js'
import { freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { MD_SITE, PASSWORD } from './helpers.js'

describe('curator actions and report texts stay out of the log', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase('pglite')
    await insertSites(database.db, [MD_SITE])
    await rebuildSearchTables(database.db)
  })
  afterAll(async () => database?.close())

  it('logs no secret, value or text of any curator request', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const app = await appFor(database, { logLevel: 'trace' }, stream)
    const account = await createAccount(database.db, { email: 'secret.curator@example.org', role: 'admin', password: PASSWORD })
    const { token } = await createApiToken(database.db, account.id, 'log test')
    const auth = { authorization: `Bearer ${token}` }
    const login = await app.inject({ method: 'POST', url: '/api/v1/curate/session', payload: { email: 'secret.curator@example.org', password: PASSWORD } })
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string
    const secrets = [
      'secret.curator@example.org',
      PASSWORD,
      token,
      cookie.split('=')[1] as string,
      login.json().csrf_token as string,
      'Needle exchange moved to the back door',
      'Tuesday outreach note',
      'Reported by a neighbour at 555-0199',
    ]
    await app.inject({ method: 'POST', url: '/api/v1/sites/md-site/reports', payload: { kind: 'other', message: 'Reported by a neighbour at 555-0199' } })
    await app.inject({
      method: 'PATCH',
      url: '/api/v1/curate/sites/md-site',
      headers: auth,
      payload: { changes: { public_note: 'Needle exchange moved to the back door' }, reason: 'Tuesday outreach note' },
    })
    await app.inject({
      method: 'PATCH',
      url: '/api/v1/curate/sites/md-site',
      headers: { cookie },
      payload: { changes: { public_note: 'Needle exchange moved to the back door' } },
    })
    await app.inject({ method: 'POST', url: '/api/v1/curate/session', payload: { email: 'secret.curator@example.org', password: 'wrong wrong wrong' } })
    await app.inject({ method: 'GET', url: '/api/v1/curate/queue?kind=reports', headers: auth })
    await app.inject({ method: 'PATCH', url: '/api/v1/curate/sites/md-site', headers: auth, payload: { changes: { timezone: 'Tuesday outreach note' } } })
    await app.close()
    const log = lines.join('')
    expect(lines.length).toBeGreaterThan(5)
    for (const secret of secrets) expect(log, secret).not.toContain(secret)
    expect(log).not.toMatch(/hrl_session|hrl_[A-Za-z0-9_-]{20}/)
  })
})
