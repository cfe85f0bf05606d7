/**
 * Provider update links by mail (issue 16): with SMTP_URL set, the curator API and the
 * verification CLI send the link to the site's email through a real local SMTP server. The
 * message names the directory (not the curator), says what the link does and when it
 * expires, in English and Spanish; its link opens the update page. No log line holds the token.
 */
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { sql } from 'kysely'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runVerificationCommand } from '../../server/cli/verification-commands.js'
import { loadConfig } from '../../server/config.js'
import { appFor, testConfig } from '../helpers/app.js'
import { backends } from '../helpers/backends.js'
import { bearer, type CurationFixture, curationFixture } from './helpers.js'

const V = '/api/v1/curate'
const PUBLIC = 'https://help.example.org'

interface Received {
  from: string
  to: string[]
  raw: string
}

/** The text of a received message with quoted-printable soft breaks and escapes undone. */
function bodyOf(raw: string): string {
  const [, body = ''] = raw.split(/\r?\n\r?\n/, 2).length === 2 ? [null, raw.slice(raw.search(/\r?\n\r?\n/))] : [null, raw]
  return body
    .replace(/=\r?\n/g, '')
    .replace(/(=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'))
    .replace(/\r\n/g, '\n')
}

describe.each(backends)('provider update links by mail (%s)', (backend) => {
  let f: CurationFixture
  let smtp: SMTPServer
  let port = 0
  const received: Received[] = []
  const logs: string[] = []
  let mailApp: CurationFixture['app']

  beforeAll(async () => {
    f = await curationFixture(backend)
    await sql`UPDATE organizations SET email = 'intake@charmcity.example' WHERE id = (SELECT organization_id FROM locations WHERE id = 'md-site')`.execute(
      f.database.db,
    )
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          })
          done()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    port = (smtp.server.address() as AddressInfo).port
    const stream = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk))
        done()
      },
    })
    const mail = loadConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Directory <directory@example.org>' }).mail
    mailApp = await appFor(f.database, { logLevel: 'trace', publicUrl: PUBLIC, mail }, stream)
  })
  afterAll(async () => {
    await mailApp?.close()
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()))
    await f?.close()
  })

  const post = (payload: Record<string, unknown>, token = f.tokens.curatorMd, site = 'md-site') =>
    mailApp.inject({ method: 'POST', url: `${V}/sites/${site}/update-links`, headers: bearer(token), payload })

  /** The update path a message links to, after checking the link is absolute under PUBLIC_URL. */
  const linkIn = (text: string): string => {
    const links = [...text.matchAll(/https:\/\/help\.example\.org(\/update\/[A-Za-z0-9_-]{43})/g)].map((m) => m[1] as string)
    expect(links.length).toBe(2) // once in English, once in Spanish
    expect(links[0]).toBe(links[1])
    return links[0] as string
  }

  it("mails a link from the API to the site's email; the link opens the update page", async () => {
    const before = received.length
    const res = await post({ email: true, days: 10 })
    expect(res.statusCode, res.body).toBe(201)
    const made = res.json()
    expect(made.emailed).toBe(true)
    expect(received.length).toBe(before + 1)
    const msg = received.at(-1) as Received
    expect(msg.to).toEqual(['intake@charmcity.example'])
    expect(msg.from).toBe('directory@example.org')
    expect(msg.raw).toMatch(/^Subject: .*Please check your listing/m)
    const text = bodyOf(msg.raw)
    expect(text).toContain('Harm Reduction Locator')
    expect(text).toContain('Charm City Syringe Program')
    expect(text).toContain(made.expires_at.slice(0, 10))
    expect(text).toContain('El enlace funciona hasta')
    // Who asked is the directory, never the curator's own name or address.
    expect(text).not.toContain('Mo Maryland')
    expect(text).not.toContain('md@example.org')
    const path = linkIn(text)
    expect(path).toBe(made.url)
    const page = await mailApp.inject({ method: 'GET', url: path })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Charm City Syringe Program')
    // Nothing in the logs holds the token.
    const token = path.slice('/update/'.length)
    expect(logs.length).toBeGreaterThan(0)
    expect(logs.filter((l) => l.includes(token))).toEqual([])
  })

  it('mails to another address with "to"; without email it sends nothing and says emailed: false', async () => {
    const res = await post({ email: true, to: 'director@charmcity.example' })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().emailed).toBe(true)
    expect(received.at(-1)?.to).toEqual(['director@charmcity.example'])
    const before = received.length
    const plain = await post({})
    expect(plain.statusCode).toBe(201)
    expect(plain.json().emailed).toBe(false)
    expect(received.length).toBe(before)
  })

  it('refuses a mail it cannot send before making a link; scope and credentials still hold', async () => {
    const count = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_links`.execute(f.database.db)).rows[0]?.n
    const links = await count()
    const noEmail = await post({ email: true }, f.tokens.curatorVa, 'va-site')
    expect(noEmail.statusCode).toBe(400)
    expect(noEmail.json().message).toMatch(/no email/)
    expect((await post({ email: true, to: 'not an address' })).statusCode).toBe(400)
    expect((await post({ to: 'a@b.example' })).statusCode).toBe(400)
    expect((await post({ email: true }, f.tokens.curatorVa)).statusCode).toBe(403)
    const anonymous = await mailApp.inject({ method: 'POST', url: `${V}/sites/md-site/update-links`, payload: { email: true } })
    expect(anonymous.statusCode).toBe(401)
    // An app without SMTP_URL says so by name; one without PUBLIC_URL says that.
    const noMail = await f.app.inject({ method: 'POST', url: `${V}/sites/md-site/update-links`, headers: bearer(f.tokens.curatorMd), payload: { email: true } })
    expect(noMail.statusCode).toBe(409)
    expect(noMail.json().message).toContain('SMTP_URL')
    const noPublic = await appFor(f.database, {
      mail: testConfig({ mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'd@example.org' } }).mail,
      publicUrl: null,
    })
    try {
      const res = await noPublic.inject({
        method: 'POST',
        url: `${V}/sites/md-site/update-links`,
        headers: bearer(f.tokens.curatorMd),
        payload: { email: true },
      })
      expect(res.statusCode).toBe(409)
      expect(res.json().message).toContain('PUBLIC_URL')
    } finally {
      await noPublic.close()
    }
    expect(await count()).toBe(links)
  })

  it('the CLI mails each due site with an email and counts those without', async () => {
    // Maryland last verified long ago, Virginia never: both are due.
    await sql`UPDATE locations SET assured_date = CASE id WHEN 'md-site' THEN '2020-01-01'::date END`.execute(f.database.db)
    const before = received.length
    const out: string[] = []
    const err: string[] = []
    const config = { ...testConfig(), publicUrl: PUBLIC, mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'directory@example.org' } }
    await runVerificationCommand(
      f.database.db,
      ['links', '--due', '--again', '--email', '--as', 'admin@example.org'],
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      config,
    )
    expect(received.length).toBe(before + 1)
    const msg = received.at(-1) as Received
    expect(msg.to).toEqual(['intake@charmcity.example'])
    const path = linkIn(bodyOf(msg.raw))
    expect(out.join('\n')).toContain(PUBLIC + path)
    expect(err.join('\n')).toContain('emailed 1; 1 site(s) have no email address')
    for (const line of err) expect(line).not.toContain(path.slice('/update/'.length))
    const page = await mailApp.inject({ method: 'GET', url: path })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Charm City Syringe Program')
  })
})
