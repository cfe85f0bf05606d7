/**
 * `npm run verification -- links …` (issue 16): one provider update link per site due for
 * verification (never verified, or verified more than VERIFY_AFTER_DAYS ago) within the named
 * curator's scope, as a mail-merge CSV of absolute links; one site; revoking. The audit names
 * the curator. Without PUBLIC_URL it refuses, naming it. The command function is called
 * directly, as the curator CLI tests do.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csvField, NotConfiguredError, runVerificationCommand, UsageError } from '../../server/cli/verification-commands.js'
import { testConfig } from '../helpers/app.js'
import { backends } from '../helpers/backends.js'
import { site } from '../helpers/sites.js'
import { type CurationFixture, curationFixture, MD_SITE, VA_SITE } from './helpers.js'

const PUBLIC = 'https://help.example.org'
const config = { ...testConfig(), publicUrl: PUBLIC }
const FRESH_MD = site({ id: 'md-fresh', name: 'Fells Point Outreach', lat: 39.28, lon: -76.59 })

/** Parses the simple CSV the command writes (quoted fields may hold commas and quotes). */
function parseCsv(text: string): Record<string, string>[] {
  const rows = text
    .trim()
    .split('\n')
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1))
  const [header = [], ...body] = rows
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])))
}

describe.each(backends)('verification links CLI (%s)', (backend) => {
  let f: CurationFixture
  let dir = ''
  const run = async (args: string[], cfg: Parameters<typeof runVerificationCommand>[3] = config) => {
    const out: string[] = []
    const err: string[] = []
    await runVerificationCommand(f.database.db, args, { out: (l) => out.push(l), err: (l) => err.push(l) }, cfg)
    return { out, err }
  }

  beforeAll(async () => {
    f = await curationFixture(backend, [MD_SITE, VA_SITE, FRESH_MD])
    dir = mkdtempSync(join(tmpdir(), 'hrl-verify-cli-'))
    // Maryland's first site was verified long ago, Virginia's never; md-fresh today: not due.
    await sql`UPDATE locations SET assured_date = CASE id WHEN 'md-site' THEN '2020-01-01'::date WHEN 'md-fresh' THEN current_date END`.execute(f.database.db)
    await sql`UPDATE organizations SET email = 'intake@charmcity.example' WHERE id = (SELECT organization_id FROM locations WHERE id = 'md-site')`.execute(
      f.database.db,
    )
  })
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await f?.close()
  })

  it("writes one absolute link per due site in the curator's scope, audited as that curator", async () => {
    const file = join(dir, 'due.csv')
    const { out, err } = await run(['links', '--due', '--as', 'md@example.org', '--days', '14', '--out', file])
    expect(out).toEqual([])
    expect(statSync(file).mode & 0o077).toBe(0)
    const text = readFileSync(file, 'utf8')
    expect(text.split('\n')[0]).toBe('site_id,site_name,email,phone,link,expires_at')
    const rows = parseCsv(text)
    expect(rows.map((r) => r.site_id)).toEqual(['md-site'])
    const row = rows[0] as Record<string, string>
    expect(row).toMatchObject({ site_name: 'Charm City Syringe Program', email: 'intake@charmcity.example' })
    expect(row.link).toMatch(/^https:\/\/help\.example\.org\/update\/[A-Za-z0-9_-]{43}$/)
    const days = (new Date(row.expires_at as string).getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(13.9)
    expect(days).toBeLessThanOrEqual(14)
    // The link opens the update page.
    const page = await f.app.inject({ method: 'GET', url: (row.link as string).slice(PUBLIC.length) })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Charm City Syringe Program')
    // The summary names the curator and never a token.
    const token = (row.link as string).slice(-43)
    expect(err.join('\n')).toContain('made 1 link(s) as md@example.org')
    for (const line of err) expect(line).not.toContain(token)
    const audit = (await sql<Record<string, unknown>>`SELECT * FROM audit_log WHERE action = 'provider_link_created'`.execute(f.database.db)).rows
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entity_id: 'md-site', account_id: f.accounts.curatorMd.id })
    expect(JSON.stringify(audit)).not.toContain(token)
  })

  it('skips a site that already has a working link, unless --again', async () => {
    const again = await run(['links', '--due', '--as', 'md@example.org'])
    expect(parseCsv(again.out.join('\n'))).toEqual([])
    expect(again.err.join('\n')).toContain('skipped 1 site(s) that already have a working link')
    await expect(run(['links', '--site', 'md-site', '--again', '--as', 'md@example.org'])).rejects.toThrow(/--again is only used with --due/)
  })

  it('an admin gets every due site; --state narrows it; the CSV goes to stdout without --out', async () => {
    const all = await run(['links', '--due', '--again', '--as', f.accounts.admin.id])
    expect(parseCsv(all.out.join('\n')).map((r) => r.site_id)).toEqual(['md-site', 'va-site']) // oldest verification first
    const va = await run(['links', '--due', '--again', '--state', 'va', '--as', 'admin@example.org'])
    const rows = parseCsv(va.out.join('\n'))
    expect(rows.map((r) => r.site_id)).toEqual(['va-site'])
    expect(rows[0]?.email).toBe('')
  })

  it('makes a link for one site, and revokes a link', async () => {
    const { out } = await run(['links', '--site', 'md-fresh', '--as', 'md@example.org'])
    const row = parseCsv(out.join('\n'))[0] as Record<string, string>
    expect(row.site_id).toBe('md-fresh')
    const id = (await sql<{ id: string }>`SELECT id FROM provider_links WHERE location_id = 'md-fresh'`.execute(f.database.db)).rows[0]?.id as string
    const revoked = await run(['links', 'revoke', id, '--as', 'md@example.org'])
    expect(revoked.err.join('\n')).toContain(`revoked link ${id}`)
    const page = await f.app.inject({ method: 'GET', url: (row.link as string).slice(PUBLIC.length) })
    expect(page.statusCode).toBe(404)
    const audit = (await sql<Record<string, unknown>>`SELECT * FROM audit_log WHERE action = 'provider_link_revoked'`.execute(f.database.db)).rows
    expect(audit).toMatchObject([{ entity_id: 'md-fresh', account_id: f.accounts.curatorMd.id }])
  })

  it('refuses bad input, other scopes, unknown and disabled accounts, and a missing PUBLIC_URL', async () => {
    const count = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM provider_links`.execute(f.database.db)).rows[0]?.n
    const before = await count()
    await expect(run(['links', '--due'])).rejects.toThrow(/--as is required/)
    await expect(run(['links', '--due', '--as', 'nobody@example.org'])).rejects.toThrow(/no account nobody@example.org/)
    await expect(run(['links', '--due', '--as', 'gone@example.org'])).rejects.toThrow(/disabled/)
    await expect(run(['links', '--as', 'md@example.org'])).rejects.toThrow(/--due or --site/)
    await expect(run(['links', '--due', '--site', 'md-site', '--as', 'md@example.org'])).rejects.toThrow(/--due or --site/)
    await expect(run(['links', '--due', '--days', '0', '--as', 'md@example.org'])).rejects.toThrow(/--days must be a whole number from 1 to 365/)
    await expect(run(['links', '--due', '--state', 'Maryland', '--as', 'md@example.org'])).rejects.toThrow(/--state/)
    await expect(run(['links', '--site', 'va-site', '--as', 'md@example.org'])).rejects.toThrow(/outside the scope/)
    await expect(run(['links', '--site', 'nope', '--as', 'md@example.org'])).rejects.toThrow(/no site nope/)
    await expect(run(['links', '--due', '--bogus'])).rejects.toThrow(UsageError)
    await expect(run(['sites'])).rejects.toThrow(/unknown command/)
    await expect(run(['links', 'revoke', 'no-such-link', '--as', 'md@example.org'])).rejects.toThrow(/no update link/)
    const noPublic = run(['links', '--due', '--as', 'md@example.org'], { ...config, publicUrl: null })
    await expect(noPublic).rejects.toThrow(NotConfiguredError)
    await expect(run(['links', '--due', '--as', 'md@example.org'], { ...config, publicUrl: null })).rejects.toThrow(/PUBLIC_URL/)
    await expect(run(['links', '--due', '--email', '--as', 'md@example.org'], { ...config, mail: null })).rejects.toThrow(/SMTP_URL/)
    expect(await count()).toBe(before)
  })

  it('quotes CSV fields and defuses spreadsheet formulas', () => {
    expect(csvField('Smith, "Bob" Clinic')).toBe('"Smith, ""Bob"" Clinic"')
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField(null)).toBe('')
  })
})
