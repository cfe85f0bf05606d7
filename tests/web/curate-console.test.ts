/**
 * The curator console at /curate in a real browser. The story: a person reports "wrong hours"
 * on the public page; a curator signs in, finds the report in the queue, opens the site, fixes
 * the hours, confirms the site by phone, and resolves the report — and the public listing
 * shows the new hours, verified today, open now. Also: an uncertain merge undone from the
 * merges tab, reverting a change from the history, accounts and API tokens, keyboard-only
 * sign-in, lockout, Spanish, 360 px, axe on every screen, and the page's own headers.
 */
import { mkdirSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccount } from '../../server/curate/accounts.js'
import { runImport } from '../../server/importers/pipeline.js'
import { simpleCsvMapping, tempFile } from '../import/helpers.js'
import { DESKTOP, launchBrowser, startWebServer, ZIP, type WebServer } from './helpers.js'

/** Screenshots people look at (outside the repository). */
const SHOTS = '/tmp/curate-console-screenshots'
mkdirSync(SHOTS, { recursive: true })

const ADMIN = { email: 'ada@example.org', name: 'Ada Admin', password: 'a long admin passphrase' }
const LOCKED = { email: 'lee@example.org', password: 'the right passphrase' }
const today = () => new Date().toISOString().slice(0, 10)

let server: WebServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startWebServer(), launchBrowser()])
  const db = server.database.db
  await createAccount(db, { email: ADMIN.email, name: ADMIN.name, role: 'admin', password: ADMIN.password })
  await createAccount(db, { email: LOCKED.email, name: 'Lee', role: 'curator', password: LOCKED.password })
  // Two lists with the same clinic but different phone numbers: merged, with a doubt for a curator.
  const header = 'name,street,city,state,zip,lat,lon,phone\n'
  const mapping = (source: string) => simpleCsvMapping(source, { phone: 'phone' })
  await runImport(db, {
    format: 'csv',
    paths: [tempFile('a.csv', `${header}"Harbor Clinic","10 Pier Street",Portland,ME,04101,43.65610,-70.25530,(207) 555-0101\n`)],
    mappingPath: mapping('list_a'),
  })
  const second = await runImport(db, {
    format: 'csv',
    paths: [tempFile('b.csv', `${header}"Harbor Clinic","10 Pier St",Portland,ME,04101,43.65611,-70.25531,(207) 555-0199\n`)],
    mappingPath: mapping('list_b'),
  })
  expect(second).toMatchObject({ merged: 1, inserted: 0 })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze()
  return result.violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  )
}

/** Every request a page makes, to check origins and CSRF headers at the end. */
function recordRequests(page: Page): { url: string; method: string; csrf: string | undefined }[] {
  const seen: { url: string; method: string; csrf: string | undefined }[] = []
  page.on('request', (r) => seen.push({ url: r.url(), method: r.method(), csrf: r.headers()['x-csrf-token'] }))
  return seen
}

async function signIn(page: Page, account: { email: string; password: string } = ADMIN): Promise<void> {
  await page.goto(server.url + '/curate')
  await page.getByLabel('Email').fill(account.email)
  await page.getByLabel('Password', { exact: true }).fill(account.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForSelector('#tab-reports .count:not(:empty)')
}

/** The count shown on a queue tab. */
const tabCount = (page: Page, kind: string) => page.locator(`#tab-${kind} .count`).textContent()
const status = (page: Page) => page.locator('#status').textContent()

async function curatorPage(options = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options)
  return { context, page: await context.newPage() }
}

describe('the /curate page itself', () => {
  it('is served no-store, sets no cookie, and runs under the site CSP with no inline script', async () => {
    for (const path of ['/curate', '/curate/']) {
      const res = await fetch(server.url + path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/html')
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('set-cookie')).toBeNull()
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
      const html = await res.text()
      expect(html).toMatch(/<script type="module" src="\/assets\/curate-[A-Z0-9]+\.js"><\/script>/)
      expect(html.match(/<script/g)).toHaveLength(1)
      expect(html).not.toContain('__HRL_CONFIG__')
    }
  })
})

describe.sequential('signing in', () => {
  it('works by keyboard alone, with visible focus, and gives one answer for every wrong password', async () => {
    const { context, page } = await curatorPage()
    await page.goto(server.url + '/curate')
    await page.waitForSelector('#login-email')
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    for (let i = 0; i < 8 && !(await page.evaluate(() => document.activeElement?.id === 'login-email')); i++) await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-email')
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe('solid')
    await page.keyboard.type(ADMIN.email)
    await page.keyboard.press('Tab')
    await page.keyboard.type('not the password')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#login-error').textContent()).toBe('The email or password is not right.')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password')
    await page.keyboard.type(ADMIN.password)
    await page.keyboard.press('Enter')
    await page.waitForSelector('#tab-reports')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('screen-heading')
    expect(await page.locator('#screen-heading').textContent()).toBe('Review queue')
    expect(await page.locator('#who').textContent()).toBe('Signed in as Ada Admin (admin)')
    // The session cookie is the API's alone; nothing about the session is in the page's storage.
    const cookies = await context.cookies()
    expect(cookies.map((c) => ({ name: c.name, path: c.path, httpOnly: c.httpOnly, sameSite: c.sameSite }))).toEqual([
      { name: 'hrl_session', path: '/api/v1/curate', httpOnly: true, sameSite: 'Strict' },
    ])
    expect(await page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }))).toEqual({ local: [], session: [] })
    // A reload finds the session again (and its CSRF token, for the next change).
    await page.reload()
    await page.waitForSelector('#tab-reports .count:not(:empty)')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForSelector('#login-email')
    expect(await context.cookies()).toEqual([])
    await context.close()
  })

  it('says the account is locked, and for how long, after five wrong passwords', async () => {
    const { context, page } = await curatorPage()
    await page.goto(server.url + '/curate')
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel('Email').fill(LOCKED.email)
      await page.getByLabel('Password', { exact: true }).fill(`wrong ${i}`)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect.poll(() => page.locator('#login-error').textContent()).toMatch(i < 5 ? /not right/ : /locked/)
      if (i < 5) await page.locator('#login-error').evaluate((el) => (el.textContent = ''))
    }
    expect(await page.locator('#login-error').textContent()).toBe('Too many failed attempts: sign-in is locked. Try again in 30 s.')
    // Even the right password waits for the lock to end.
    await page.getByLabel('Password', { exact: true }).fill(LOCKED.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.locator('#login-error').textContent()).toMatch(/Try again in (29|30) s/)
    await page.screenshot({ path: `${SHOTS}/login-locked.png` })
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })
})

describe.sequential('a wrong-hours report, from the public page to a fixed, verified listing', () => {
  let context: BrowserContext
  let page: Page
  let requests: ReturnType<typeof recordRequests>
  beforeAll(async () => {
    ;({ context, page } = await curatorPage())
    requests = recordRequests(page)
  })
  afterAll(async () => context?.close())

  it('a person reports wrong hours for a clinic on the public page', async () => {
    const before = await (await fetch(`${server.url}/api/v1/sites/otp-closed`)).json()
    expect(before).toMatchObject({ open_now: false, assured_date: '2026-10-01' })
    const pub = await browser.newContext(DESKTOP)
    const publicPage = await pub.newPage()
    await publicPage.goto(server.url + '/')
    await publicPage.fill('#near', ZIP)
    await publicPage.press('#near', 'Enter')
    await publicPage.locator('.card[data-id="otp-closed"] .name-button').click()
    const dialog = publicPage.locator('dialog[open]')
    await dialog.getByRole('button', { name: 'Report a problem' }).click()
    await dialog.getByRole('radio', { name: 'Wrong hours' }).check()
    await dialog.getByLabel('Details (optional)').fill('They are open around the clock now.')
    await dialog.getByRole('button', { name: 'Send report' }).click()
    await expect.poll(() => dialog.locator('.report-status').textContent()).toMatch(/^Thank you/)
    expect(await pub.cookies()).toEqual([])
    await pub.close()
  })

  it('a curator finds the report in the queue and opens the site', async () => {
    await signIn(page)
    expect(await tabCount(page, 'reports')).toBe('1')
    expect(await page.getByRole('tab', { selected: true }).textContent()).toMatch(/^Reports/)
    const item = page.locator('.item-reports').filter({ hasText: 'Eastside Methadone Clinic' })
    expect(await item.locator('.what').textContent()).toBe('Wrong hours · 1 report')
    expect(await item.locator('.messages q').textContent()).toBe('They are open around the clock now.')
    await item.getByRole('button', { name: 'Assign to me' }).click()
    await expect.poll(() => page.locator('.item-reports .assignee').textContent()).toBe('Assigned to Ada Admin')
    await page.screenshot({ path: `${SHOTS}/queue.png`, fullPage: true })
    expect(await axeViolations(page)).toEqual([])
    await page.locator('.item-reports').getByRole('link', { name: 'Open the site' }).click()
    await page.waitForSelector('.pin-marker')
    expect(await page.locator('#screen-heading').textContent()).toBe('Eastside Methadone Clinic')
    expect(await page.locator('.open-items').textContent()).toContain('1 report')
  })

  it('fixes the hours with a reason, and the field is then held by curators', async () => {
    // The listed row expired long ago: replace it with "every day, all day".
    expect(await page.locator('#f-hours .hours-row legend').first().textContent()).toBe('Hours row 1 (valid until 2020-01-01)')
    await page.getByRole('button', { name: 'Remove hours row 1' }).click()
    expect(await page.locator('#f-hours .hours-row').count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('add-hours')
    await page.getByRole('button', { name: 'Add hours' }).click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-hours-0-MO')
    await page.locator('#f-hours-0-SA').check()
    await page.locator('#f-hours-0-SU').check()
    await page.getByLabel('Opens').fill('00:00')
    await page.getByLabel('Closes').fill('00:00')
    await page.getByLabel('Reason for the change').fill('Called: open around the clock since December')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => status(page)).toBe('Saved: Weekly hours.')
    await page.waitForSelector('#held-hours')
    expect(await page.locator('#held-hours').textContent()).toBe('Held')
    expect(await page.locator('#f-hours').getAttribute('aria-describedby')).toBe('held-hours')
    expect(await page.locator('#f-reason').inputValue()).toBe('')
  })

  it('confirms the whole site as correct by phone', async () => {
    await page.getByRole('radio', { name: 'The whole site' }).check()
    await page.getByRole('radio', { name: 'Called' }).check()
    await page.getByRole('button', { name: 'Confirm as correct' }).click()
    await expect.poll(() => status(page)).toBe('The site is confirmed as correct today (Called).')
    await expect.poll(() => page.locator('.verified-line').first().textContent()).toMatch(/^Verified .+ \(Called\)$/)
    await page.waitForSelector('.pin-marker')
    await page.screenshot({ path: `${SHOTS}/editor.png`, fullPage: true })
    // The long form in readable pieces as well.
    for (const part of ['g-address', 'g-hours', 'g-services', 'g-status', 'verify-heading'])
      await page.locator(`section[aria-labelledby="${part}"]`).screenshot({ path: `${SHOTS}/editor-${part}.png` })
    expect(await axeViolations(page)).toEqual([])
  })

  it('shows the change in the history: field, before → after, who, when, why', async () => {
    await page.getByRole('link', { name: 'History of changes' }).click()
    await page.waitForSelector('.history .entry')
    expect(await page.locator('#screen-heading').textContent()).toBe('History: Eastside Methadone Clinic')
    const entry = page.locator('.entry[data-field="hours"]')
    expect(await entry.locator('.before').textContent()).toBe('MO,TU,WE,TH,FR 09:00–17:00')
    expect(await entry.locator('.after').textContent()).toBe('MO,TU,WE,TH,FR,SA,SU 00:00–00:00')
    expect(await entry.textContent()).toContain('Ada Admin')
    expect(await entry.textContent()).toContain('Called: open around the clock since December')
    expect(await entry.getByRole('button', { name: 'Revert' }).count()).toBe(1)
    expect(await page.locator('.entry').first().locator('h3').textContent()).toMatch(/^Confirmed as correct/)
    await page.screenshot({ path: `${SHOTS}/history.png`, fullPage: true })
    expect(await axeViolations(page)).toEqual([])
  })

  it('resolves the report as fixed, and the queue count drops', async () => {
    await page.getByRole('link', { name: 'Queue' }).click()
    await page.waitForSelector('.item-reports')
    const item = page.locator('.item-reports').filter({ hasText: 'Eastside Methadone Clinic' })
    await item.getByRole('radio', { name: 'Fixed' }).check()
    await item.getByLabel('Note (optional, not public)').fill('New hours saved.')
    await item.getByRole('button', { name: 'Resolve' }).click()
    await expect.poll(() => tabCount(page, 'reports')).toBe('0')
    expect(await status(page)).toBe('1 report resolved: Fixed.')
    expect(await page.locator('.queue-panel .empty').textContent()).toBe('Nothing waiting here.')
  })

  it('the public listing has the new hours, verified today, open now', async () => {
    const site = await (await fetch(`${server.url}/api/v1/sites/otp-closed`)).json()
    expect(site.hours).toEqual([{ byday: 'MO,TU,WE,TH,FR,SA,SU', opens: '00:00', closes: '00:00', valid_from: null, valid_to: null }])
    expect(site.assured_date).toBe(today())
    expect(site.open_now).toBe(true)
    const pub = await browser.newContext(DESKTOP)
    const publicPage = await pub.newPage()
    await publicPage.goto(server.url + '/')
    await publicPage.fill('#near', ZIP)
    await publicPage.press('#near', 'Enter')
    await expect.poll(() => publicPage.locator('.card[data-id="otp-closed"] .status').textContent()).toMatch(/^Open 24 hours/)
    await publicPage.locator('.card[data-id="otp-closed"] .name-button').click()
    await publicPage.waitForSelector('dialog[open] .hours')
    await publicPage.screenshot({ path: `${SHOTS}/public-detail-after-edit.png` })
    await pub.close()
  })

  it('sent every change with the CSRF token, and talked to no other origin', async () => {
    const own = new URL(server.url).origin
    expect(requests.filter((r) => !r.url.startsWith('data:') && new URL(r.url).origin !== own)).toEqual([])
    const unsafe = requests.filter((r) => r.url.includes('/api/v1/curate/') && r.method !== 'GET' && !r.url.endsWith('/session'))
    expect(unsafe.length).toBeGreaterThanOrEqual(4)
    for (const r of unsafe) expect(r.csrf, `${r.method} ${r.url}`).toMatch(/.{16,}/)
  })
})

describe.sequential('more of the console', () => {
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    ;({ context, page } = await curatorPage())
    await signIn(page)
  })
  afterAll(async () => context?.close())

  it('undoes an uncertain merge from the merges tab: the record becomes a site of its own', async () => {
    expect(await tabCount(page, 'merges')).toBe('1')
    await page.getByRole('tab', { name: /^Merges/ }).click()
    const item = page.locator('.item-merges')
    await expect.poll(() => item.count()).toBe(1)
    expect(await item.textContent()).toContain('different phone')
    expect(await item.locator('h3').textContent()).toBe('Harbor Clinic')
    await item.getByRole('button', { name: 'Unmerge' }).click()
    await expect.poll(() => tabCount(page, 'merges')).toBe('0')
    expect(await status(page)).toMatch(/^“Harbor Clinic” is now a site of its own \(.+\)\.$/)
    const sites = await server.database.db.selectFrom('locations').select(['id', 'source']).where('postal_code', '=', '04101').orderBy('source').execute()
    expect(sites.map((s) => s.source)).toEqual(['list_a', 'list_b'])
  })

  it('moves between queue tabs with the arrow keys', async () => {
    await page.getByRole('tab', { name: /^Merges/ }).focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tab-disagreements')
    expect(await page.getByRole('tab', { selected: true }).getAttribute('id')).toBe('tab-disagreements')
    await page.keyboard.press('Home')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tab-reports')
  })

  it('finds a site by name, edits its public note, and reverts it from the history', async () => {
    await page.getByLabel('Find a site (name, city, ZIP or id)').fill('Syringe')
    await page.getByRole('button', { name: 'Find', exact: true }).click()
    await page.getByRole('link', { name: 'Charm City Syringe Program' }).click()
    await page.waitForSelector('#f-public_note')
    await page.getByLabel('Public note', { exact: true }).fill('Closed on New Year’s Day.')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => status(page)).toBe('Saved: Public note.')
    await page.getByRole('link', { name: 'History of changes' }).click()
    const entry = page.locator('.entry[data-field="public_note"]')
    await entry.getByRole('button', { name: 'Revert' }).click()
    await expect.poll(() => status(page)).toBe('Public note is back to its previous value.')
    await expect.poll(() => page.locator('.entry[data-field="public_note"]').count()).toBe(2)
    expect(await page.locator('.entry[data-field="public_note"] .after').first().textContent()).toBe('—')
    await page.getByRole('link', { name: '← Back to the site' }).click()
    await page.waitForSelector('#f-public_note')
    expect(await page.locator('#f-public_note').inputValue()).toBe('')
  })

  it('lets an admin create a scoped curator, reset its password, disable it, and make an API token shown once', async () => {
    await page.getByRole('link', { name: 'Accounts' }).click()
    await page.waitForSelector('#new-email')
    await page.getByLabel('Email').fill('cam@example.org')
    await page.getByLabel('Name', { exact: true }).fill('Cam Curator')
    await page.getByLabel('Role').selectOption('curator')
    await page.getByLabel('States (scope)').fill('md, va')
    await page.getByLabel('Password', { exact: true }).fill('a curator passphrase')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => status(page)).toBe('Account cam@example.org created.')
    const cam = page.locator('.account[data-email="cam@example.org"]')
    expect(await cam.locator('.meta').textContent()).toBe('curator · states: MD, VA · every source · active')
    await cam.getByLabel('New password for cam@example.org').fill('another passphrase!')
    await cam.getByRole('button', { name: 'Reset password' }).click()
    await expect.poll(() => status(page)).toBe('Password of cam@example.org changed.')
    await cam.getByRole('button', { name: 'Disable' }).click()
    await expect.poll(() => page.locator('.account[data-email="cam@example.org"] .meta').textContent()).toMatch(/disabled$/)
    await page.locator('.account[data-email="cam@example.org"]').getByRole('button', { name: 'Enable' }).click()
    await expect.poll(() => page.locator('.account[data-email="cam@example.org"] .meta').textContent()).toMatch(/active$/)

    await page.locator('.account[data-email="ada@example.org"]').getByRole('button', { name: 'API tokens' }).click()
    const tokens = page.locator('.account[data-email="ada@example.org"] .tokens')
    await tokens.getByLabel('Name of a new token').fill('nightly import')
    await tokens.getByRole('button', { name: 'Create token' }).click()
    const secret = tokens.getByLabel('Token “nightly import” — shown only this once, copy it now')
    await expect.poll(() => secret.inputValue()).toMatch(/^hrl_/)
    const token = await secret.inputValue()
    // The token works for scripts, without a cookie or CSRF header.
    const who = await fetch(`${server.url}/api/v1/curate/queue`, { headers: { authorization: `Bearer ${token}` } })
    expect(who.status).toBe(200)
    await page.screenshot({ path: `${SHOTS}/accounts.png`, fullPage: true })
    expect(await axeViolations(page)).toEqual([])
    await tokens.getByRole('button', { name: 'Revoke token nightly import' }).click()
    await expect.poll(() => status(page)).toBe('Token “nightly import” revoked.')
    expect((await fetch(`${server.url}/api/v1/curate/queue`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
  })
})

describe('the console in Spanish and on a small phone', () => {
  it('labels the console, its queue and the code lists in Spanish', async () => {
    const { context, page } = await curatorPage()
    await page.goto(server.url + '/curate')
    await page.getByRole('combobox', { name: 'Language' }).selectOption('es')
    expect(await page.locator('html').getAttribute('lang')).toBe('es')
    expect(await page.locator('#screen-heading').textContent()).toBe('Iniciar sesión')
    await page.getByLabel('Correo electrónico').fill(ADMIN.email)
    await page.getByLabel('Contraseña').fill(ADMIN.password)
    await page.getByRole('button', { name: 'Entrar' }).click()
    await page.waitForSelector('#tab-reports .count:not(:empty)')
    expect(await page.locator('#tab-reports span').first().textContent()).toBe('Reportes')
    expect(await page.getByRole('tab', { name: /^La fuente difiere/ }).count()).toBe(1)
    await page.goto(server.url + '/curate#/sites/otp-closed')
    await page.waitForSelector('#f-services')
    expect(await page.getByRole('checkbox', { name: 'Metadona' }).isChecked()).toBe(true)
    expect(await page.getByRole('button', { name: 'Guardar cambios' }).count()).toBe(1)
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual({ 'hrl-lang': 'es' })
    await page.screenshot({ path: `${SHOTS}/editor-spanish.png` })
    await context.close()
  })

  it('fits a 360 px wide screen without sideways scrolling', async () => {
    const { context, page } = await curatorPage({ ...DESKTOP, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
    await signIn(page)
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth)
    expect(await overflow()).toBeLessThanOrEqual(360)
    await page.screenshot({ path: `${SHOTS}/queue-360.png`, fullPage: true })
    await page.goto(server.url + '/curate#/sites/otp-closed')
    await page.waitForSelector('.pin-marker')
    expect(await overflow()).toBeLessThanOrEqual(360)
    await page.screenshot({ path: `${SHOTS}/editor-360.png`, fullPage: true })
    await page.locator('#f-hours').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/editor-360-hours.png` })
    await context.close()
  })
})
