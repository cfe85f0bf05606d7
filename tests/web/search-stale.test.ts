/**
 * The map page of a directory that hides stale listings (STALE_HIDE_AFTER_DAYS=365), in real
 * Chromium: a clinic last verified in 2024 is not among the results around 21201, the listings
 * verified this year (and the van never verified but imported today) are.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DESKTOP, FRESHNESS_FIXTURE, launchBrowser, startWebServer, ZIP, type WebServer } from './helpers.js'

let browser: Browser
let server: WebServer

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startWebServer(FRESHNESS_FIXTURE, {}, { staleHideAfterDays: 365 })])
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('the map page hides listings verified too long ago', () => {
  it('leaves the clinic last verified in 2024 out of the results, and keeps the others', async () => {
    const context = await browser.newContext(DESKTOP)
    const page = await context.newPage()
    await page.goto(`${server.url}/`)
    await page.fill('#near', ZIP)
    await page.press('#near', 'Enter')
    await page.waitForSelector('.card')
    const ids = await page.locator('.card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-id')))
    expect(ids).toEqual(expect.arrayContaining(['ssp-24h', 'otp-closed', 'outreach-van', 'group-a']))
    expect(ids).not.toContain('clinic-old')
    // It is still there for anyone who has its id.
    expect((await fetch(`${server.url}/api/v1/sites/clinic-old`)).status).toBe(200)
    await context.close()
  })
})
