/**
 * The provider update page in a real browser, on a 360 px phone, with JavaScript off: the
 * provider corrects its ZIP code and Saturday hours in the "Propose changes" form, a mistake
 * comes back with the field named, and the sent changes wait for a curator. Also: the page
 * passes axe, and the curator console shows the request in the "Provider changes" tab, where
 * one field is approved and one rejected.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccount } from '../../server/curate/accounts.js'
import { createLink } from '../../server/curate/provider-links.js'
import { axeViolations, DESKTOP, launchBrowser, SCREENSHOTS, startWebServer, type WebServer } from './helpers.js'

const PHONE = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  locale: 'en-US',
  timezoneId: 'America/New_York',
  javaScriptEnabled: false,
}
const ADMIN = { email: 'ada@example.org', name: 'Ada Admin', password: 'a long admin passphrase' }

let server: WebServer
let browser: Browser
let url: string

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startWebServer(), launchBrowser()])
  const admin = await createAccount(server.database.db, { ...ADMIN, role: 'admin' })
  url = server.url + (await createLink(server.database.db, { siteId: 'otp-closed', curator: admin })).url
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe.sequential('a provider proposes changes from a phone, without script', () => {
  it('passes axe (the page has no script of its own; axe needs one)', async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: true })
    const page = await context.newPage()
    await page.goto(url)
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })

  it('fits 360 px, says what is wrong, and sends only what changed', async () => {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await page.goto(url)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.locator('#propose').screenshot({ path: `${SCREENSHOTS}/update-propose-360.png` })

    await page.getByLabel('ZIP code').fill('2120')
    await page.getByRole('button', { name: 'Send the changes' }).click()
    await page.waitForSelector('.errors')
    expect(await page.locator('.errors').textContent()).toContain('ZIP code: must be a 5-digit ZIP code')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.locator('#propose').screenshot({ path: `${SCREENSHOTS}/update-propose-error-360.png` })

    await page.getByLabel('ZIP code').fill('21230')
    await page.getByLabel('Sat: Closed').uncheck()
    await page.getByLabel('Sat: Opens').fill('10:00')
    await page.getByLabel('Sat: Closes').fill('14:00')
    await page.getByRole('button', { name: 'Send the changes' }).click()
    await page.waitForSelector('[role="status"]')
    expect(await page.locator('[role="status"]').textContent()).toContain('will check your changes')
    expect(await page.locator('main').textContent()).toContain('Changed: ZIP code, Hours.')
    expect(await context.cookies()).toEqual([])
    await page.screenshot({ path: `${SCREENSHOTS}/update-proposed-360.png` })
    await context.close()
  })

  it('a curator approves the ZIP code and rejects the hours in the console', async () => {
    const context = await browser.newContext(DESKTOP)
    const page = await context.newPage()
    await page.goto(server.url + '/curate')
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForSelector('#tab-changes .count:not(:empty)')
    expect(await page.locator('#tab-changes .count').textContent()).toBe('1')
    await page.locator('#tab-changes').click()
    const item = page.locator('.item-changes')
    await item.waitFor()
    const zip = item.locator('fieldset[data-field="postal_code"]')
    expect(await zip.locator('dd').allTextContents()).toEqual(['21201', '21230'])
    await zip.getByLabel('Approve').check()
    await item.locator('fieldset[data-field="hours"]').getByLabel('Reject').check()
    expect(await axeViolations(page)).toEqual([])
    await item.screenshot({ path: `${SCREENSHOTS}/console-changes.png` })
    await item.getByRole('button', { name: 'Save decisions' }).click()
    await expect.poll(() => page.locator('#status').textContent()).toBe('Decided: ZIP code, Weekly hours.')
    await expect.poll(() => page.locator('#tab-changes .count').textContent()).toBe('0')
    const listing = await (await fetch(`${server.url}/api/v1/sites/otp-closed`)).json()
    expect(listing.postal_code).toBe('21230')
    expect(JSON.stringify(listing.hours)).not.toContain('"SA"')

    // The site's provider panel: trust, and a new link shown once.
    await page.goto(server.url + '/curate#/sites/otp-closed')
    await page.waitForSelector('#provider-trusted')
    await page.getByLabel('Trusted provider').check()
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/trusted/)
    await page.getByRole('button', { name: 'Make a link' }).click()
    await page.waitForSelector('#link-url')
    expect(await page.locator('#link-url').inputValue()).toMatch(new RegExp(`^${server.url}/update/[A-Za-z0-9_-]{43}$`))
    expect(await page.locator('#provider-links li').count()).toBe(2)
    await page.locator('section.provider').screenshot({ path: `${SCREENSHOTS}/console-provider-panel.png` })
    await page.locator('#provider-links li').first().getByRole('button', { name: 'Revoke' }).click()
    await expect.poll(() => page.locator('#status').textContent()).toBe('Link revoked: it no longer works.')
    await context.close()
  })
})
