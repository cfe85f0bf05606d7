/**
 * The map page's detail of a syringe van's stop, in real Chromium: "Next here: …" under the
 * opening state and the van's other stops with their addresses and next openings, in English
 * and Spanish. Screenshots: test-artifacts/screenshots/mobile-stop-*.png.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nextHereText, nextOpenText } from '../../common/next-open-text.js'
import { DEMO_VAN_ID, writeDemoVan } from '../../server/demo/mobile-van.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import { axeViolations, DESKTOP, launchBrowser, MOBILE, SCREENSHOTS, startWebServer, ZIP, type WebServer } from './helpers.js'

const GREENE = `${DEMO_VAN_ID}-greene`

let browser: Browser
let server: WebServer

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startWebServer([])])
  await server.database.db.transaction().execute((trx) => writeDemoVan(trx))
  await rebuildSearchTables(server.database.db)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim()

describe("a van stop's detail on the map page", () => {
  for (const [size, options] of [
    ['desktop', DESKTOP],
    ['phone', MOBILE],
  ] as const) {
    it(`says when the van is next here and where else it stops, in English and Spanish (${size})`, async () => {
      const detail = (await (await fetch(`${server.url}/api/v1/sites/${GREENE}`)).json()) as {
        next_open: { starts: string; ends: string }
        mobile_unit: { stops: { id: string; name: string; next_open: { starts: string; ends: string } }[] }
      }
      const others = detail.mobile_unit.stops.filter((s) => s.id !== GREENE)
      const context = await browser.newContext(options)
      const page = await context.newPage()
      await page.goto(`${server.url}/`)
      await page.fill('#near', ZIP)
      await page.press('#near', 'Enter')
      await page.waitForSelector(`.card[data-id="${GREENE}"]`)
      await page.locator(`.card[data-id="${GREENE}"] .name-button`).click()
      await page.waitForSelector('dialog[open] .next-here')
      expect(await text(page, 'dialog[open] .next-here')).toBe(nextHereText(detail.next_open, 'en'))
      const stops = await text(page, 'dialog[open] .mobile-stops')
      expect(stops).toContain('Other stops of Charm City Syringe Van (demo)')
      for (const stop of others) {
        expect(stops).toContain(stop.name)
        expect(stops).toContain(nextOpenText(stop.next_open, 'en'))
      }
      expect(stops).toContain('N Charles St & E North Ave, Baltimore, MD 21218')
      expect(stops).not.toContain('Greene & Baltimore St')
      expect(await axeViolations(page)).toEqual([])
      await page.locator('dialog[open] .mobile-stops').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOTS}/mobile-stop-${size}.png` })
      await page.locator('dialog[open] button.close').click()

      await page.click('#lang-switch')
      await page.locator(`.card[data-id="${GREENE}"] .name-button`).click()
      await page.waitForSelector('dialog[open] .next-here')
      expect(await text(page, 'dialog[open] .next-here')).toBe(nextHereText(detail.next_open, 'es'))
      expect(await text(page, 'dialog[open] .mobile-stops')).toContain('Otras paradas de Charm City Syringe Van (demo)')
      await page.locator('dialog[open] .mobile-stops').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOTS}/mobile-stop-${size}-es.png` })
      await context.close()
    })
  }
})
