/**
 * The provider story (issue 16), end to end in Chromium: a curator makes an update link; the
 * provider opens it on a 360 px phone (no script), corrects its Saturday hours and says
 * "naloxone: out"; the curator approves the hours; the public page then shows the new hours
 * and "Naloxone out · updated just now" on the card and in the detail; once the post has
 * expired the stock line is gone. Nothing sets a cookie.
 */
import { sql } from 'kysely'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccount } from '../../server/curate/accounts.js'
import { createApiToken } from '../../server/curate/sessions.js'
import { axeViolations, DESKTOP, launchBrowser, MOBILE, SCREENSHOTS, startWebServer, type WebServer, ZIP } from './helpers.js'

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'America/New_York' }
const SITE = 'outreach-van'

let server: WebServer
let browser: Browser
let token: string
let linkUrl: string

const curate = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}/api/v1/curate${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startWebServer(), launchBrowser()])
  const curator = await createAccount(server.database.db, { email: 'mo@example.org', name: 'Mo Maryland', role: 'curator', scopeStates: ['MD'] })
  token = (await createApiToken(server.database.db, curator.id, 'story')).token
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe.sequential('a provider keeps its listing true from a phone', () => {
  it('the curator makes a link for the site', async () => {
    const made = await curate('POST', `/sites/${SITE}/update-links`, {})
    expect(made.status).toBe(201)
    linkUrl = server.url + made.body.url
  })

  it('the provider corrects Saturday’s hours and says naloxone is out, at 360 px without script', async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(linkUrl)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

    await page.getByLabel('Naloxone', { exact: true }).selectOption('out')
    await page.getByRole('button', { name: 'Post the status' }).click()
    await page.waitForSelector('#status .done')
    expect(await page.locator('#status .done').textContent()).toBe('Posted. People see it now.')
    expect(await page.locator('#status .live').textContent()).toContain('Naloxone out · updated just now')
    await page.locator('#status').screenshot({ path: `${SCREENSHOTS}/provider-status-360.png` })

    // A time that does not fit the day is refused, saying why, and nothing changes.
    await page.getByLabel('What is different today').selectOption('open_late')
    await page.getByLabel(/^Time/).fill('')
    await page.getByRole('button', { name: 'Post the status' }).click()
    await page.waitForSelector('#status .error')
    expect(await page.locator('#status .error').textContent()).toMatch(/Give a time/)

    // The van is open all week; Saturday becomes 10:00–14:00.
    await page.getByLabel('Sat: Opens').fill('10:00')
    await page.getByLabel('Sat: Closes').fill('14:00')
    await page.getByRole('button', { name: 'Send the changes' }).click()
    await page.waitForSelector('[role="status"]')
    expect(await page.locator('main').textContent()).toContain('Changed: Hours.')
    expect(await context.cookies()).toEqual([])
    await context.close()

    const axe = await browser.newContext(PHONE)
    const withScript = await axe.newPage()
    await withScript.goto(linkUrl)
    expect(await axeViolations(withScript)).toEqual([])
    await axe.close()
  })

  it('the curator approves the hours; the public sees them and "naloxone out · updated just now"', async () => {
    const queue = await curate('GET', '/queue?kind=changes')
    const item = queue.body.items.find((i: { site: { id: string } }) => i.site.id === SITE)
    expect(item.fields.map((f: { field: string }) => f.field)).toEqual(['hours'])
    const decided = await curate('POST', `/change-requests/${item.id}/decisions`, { decisions: { hours: 'approve' } })
    expect(decided.status).toBe(200)

    const context = await browser.newContext(MOBILE)
    const page = await context.newPage()
    await page.goto(server.url)
    await page.fill('#near', ZIP)
    await page.press('#near', 'Enter')
    const card = page.locator(`.card[data-id="${SITE}"]`)
    await card.waitFor()
    expect(await card.locator('.live-status').textContent()).toContain('Naloxone out · updated just now')
    await card.scrollIntoViewIfNeeded()
    await card.screenshot({ path: `${SCREENSHOTS}/provider-story-card.png` })
    await card.locator('[data-action="details"]').click()
    const dialog = page.locator('dialog[open]')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('Naloxone out')
    expect(await dialog.textContent()).toMatch(/Sat[^A-Za-z]*10 am\s*–\s*2 pm/)
    await dialog.screenshot({ path: `${SCREENSHOTS}/provider-story-detail.png` })
    expect(await context.cookies()).toEqual([])
    await context.close()
  })

  it('once the post has expired, the stock line is gone', async () => {
    await sql`UPDATE site_status SET posted_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE location_id = ${SITE}`.execute(
      server.database.db,
    )
    const detail = await (await fetch(`${server.url}/api/v1/sites/${SITE}`)).json()
    expect(detail.live_status).toEqual([])
    const context = await browser.newContext(MOBILE)
    const page = await context.newPage()
    await page.goto(server.url)
    await page.fill('#near', ZIP)
    await page.press('#near', 'Enter')
    const card = page.locator(`.card[data-id="${SITE}"]`)
    await card.waitFor()
    expect(await card.locator('.live-status').count()).toBe(0)
    await context.close()
  })

  it('a curator posts live status in the console; a bad time is refused, naming it', async () => {
    const admin = { email: 'ada@example.org', password: 'a long admin passphrase' }
    await createAccount(server.database.db, { ...admin, name: 'Ada Admin', role: 'admin' })
    const context = await browser.newContext(DESKTOP)
    const page = await context.newPage()
    await page.goto(`${server.url}/curate`)
    await page.getByLabel('Email').fill(admin.email)
    await page.getByLabel('Password', { exact: true }).fill(admin.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForSelector('#tab-changes')
    await page.goto(`${server.url}/curate#/sites/${SITE}`)
    await page.waitForSelector('#post-live')
    expect(await page.locator('.live-panel').textContent()).toContain('Nothing posted.')

    await page.locator('#live-today').selectOption('closing_early')
    await page.locator('#post-live').click()
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/today/)

    await page.locator('#live-today').selectOption('')
    await page.locator('#live-naloxone').selectOption('in_stock')
    await page.locator('#live-beds').fill('4')
    await page.locator('#post-live').click()
    await expect.poll(() => page.locator('#status').textContent()).toBe('Live status posted.')
    expect(await page.locator('#live-now').textContent()).toContain('Naloxone in stock · updated just now')
    expect(await page.locator('#live-now').textContent()).toContain('4 open beds')
    expect(await axeViolations(page)).toEqual([])
    await page.locator('.live-panel').screenshot({ path: `${SCREENSHOTS}/console-live-status.png` })
    const detail = await (await fetch(`${server.url}/api/v1/sites/${SITE}`)).json()
    expect(detail.live_status.map((x: { topic: string; posted_by: string }) => [x.topic, x.posted_by])).toEqual([
      ['naloxone', 'curator'],
      ['beds_available', 'curator'],
    ])
    await context.close()
  })
})
