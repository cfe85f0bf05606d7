/**
 * The page tells the truth about what it shows and keeps nothing behind (issue 15):
 * - "Open now" near sources without hours says how many nearby places list none, and shows them on request;
 * - made-up demo listings never sit among real ones, and each demo card says what it is;
 * - the search stays out of the address bar: a link exists only when the person shares one,
 *   with a note of what it holds, and an opened link leaves the address bar at once;
 * - "Leave quickly" (or Esc twice) replaces the page with a neutral one that Back does not undo.
 * Screenshots at 360 px, in English and Spanish: test-artifacts/screenshots/honest-*.png.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hours, site } from '../helpers/sites.js'
import { axeViolations, CENTRE, DESKTOP, launchBrowser, SCREENSHOTS, startWebServer, ZIP, type WebServer } from './helpers.js'

const north = (km: number) => ({ lat: CENTRE.lat + km / 111.2, lon: CENTRE.lon })
const ALWAYS = [hours('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')]
const NEVER = [{ byday: 'MO', opens: '09:00', closes: '10:00', valid_from: null, valid_to: '2020-01-01' }]
const PHONE_360 = { ...DESKTOP, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

/** Real sites, most with no hours (as in the real federal lists), and one demo site nearest of all. */
const MIXED = [
  site({ id: 'demo-near', name: 'Demo Harbor Syringe Van', ...north(0.1), demo: true, services: ['naloxone'], hours: ALWAYS }),
  site({ id: 'open-24h', name: 'Charm City Syringe Program', ...north(0.5), services: ['naloxone'], hours: ALWAYS }),
  site({ id: 'closed', name: 'Eastside Clinic', ...north(1), services: ['naloxone'], hours: NEVER }),
  site({ id: 'no-hours-1', name: 'Westside Pharmacy', ...north(1.5), types: ['pharmacy'], services: ['naloxone'] }),
  site({ id: 'no-hours-2', name: 'Midtown Health Center', ...north(2), types: ['clinic'], services: ['naloxone'], payment: ['medicaid', 'sliding_fee'] }),
  site({ id: 'no-hours-3', name: 'Harbor Recovery Center', ...north(2.5), types: ['treatment'], services: ['naloxone'] }),
]
const DEMO_ONLY = [
  site({ id: 'demo-a', name: 'Demo Syringe Program', ...north(0.3), demo: true, services: ['naloxone'] }),
  site({ id: 'demo-b', name: 'Demo Methadone Clinic', ...north(0.8), demo: true, types: ['treatment'], services: ['methadone'] }),
]

let browser: Browser
let mixed: WebServer
let demoOnly: WebServer

beforeAll(async () => {
  ;[browser, mixed, demoOnly] = await Promise.all([
    launchBrowser(),
    // Leave quickly goes to a page of our own here, so the test stays offline.
    startWebServer(MIXED, {}, { quickExitUrl: 'http://127.0.0.1:9/neutral' }),
    startWebServer(DEMO_ONLY),
  ])
})
afterAll(async () => {
  await browser?.close()
  await Promise.all([mixed?.close(), demoOnly?.close()])
})

async function open(server: WebServer, options: BrowserContextOptions = PHONE_360, hash = ''): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  await page.goto(`${server.url}/${hash}`)
  return { context, page }
}
async function searchZip(page: Page): Promise<void> {
  await page.fill('#near', ZIP)
  await page.press('#near', 'Enter')
  await page.waitForSelector('.card')
}
const cardIds = (page: Page) => page.locator('.card').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.id))

describe('honest answers on the page', () => {
  it('says how many nearby places list no hours when "Open now" is on, and shows them when asked', async () => {
    const { context, page } = await open(mixed)
    await searchZip(page)
    await page.getByRole('checkbox', { name: 'Open now' }).check()
    await expect.poll(() => cardIds(page)).toEqual(['open-24h'])
    // The filter stays in sight above the results, and can be removed from there.
    expect(await page.locator('#active-filters').isVisible()).toBe(true)
    expect(await page.locator('#active-filters .active-filter').allTextContents()).toEqual(['Open now ✕'])
    const note = page.locator('#hours-note')
    await expect.poll(() => note.isVisible()).toBe(true)
    // The five nearest real sites: one open, one closed, three with no hours.
    expect(await page.locator('#hours-note-text').textContent()).toBe(
      `Hours aren't listed for 3 of the 5 nearest places, so "Open now" leaves them out — call ahead.`,
    )
    await page.screenshot({ path: `${SCREENSHOTS}/honest-open-now-360.png`, fullPage: true })
    await page.getByRole('button', { name: 'Also show places with unknown hours' }).click()
    await expect.poll(() => cardIds(page)).toEqual(['open-24h', 'no-hours-1', 'no-hours-2', 'no-hours-3'])
    expect(await page.locator('.card[data-id="no-hours-1"] .status').textContent()).toBe('Hours not listed')
    // Payment is on the card itself.
    expect(await page.locator('.card[data-id="no-hours-2"] .payment').textContent()).toBe('Accepts: Sliding fee scale, Medicaid')
    expect(await page.locator('.card[data-id="no-hours-1"] .payment').textContent()).toBe('Accepts: Free')
    expect(await page.locator('#hours-note-text').textContent()).toMatch(/^Showing places open now and places whose hours aren't listed/)
    expect(await axeViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Show only places open now' }).click()
    await expect.poll(() => cardIds(page)).toEqual(['open-24h'])
    // Chips wrap into rows on a phone: every key chip is on screen, none scrolled sideways out of it.
    const offscreen = await page
      .locator('.key-filters .chip')
      .evaluateAll((chips) => chips.filter((c) => c.getBoundingClientRect().right > document.documentElement.clientWidth).length)
    expect(offscreen).toBe(0)
    // A few rows only: seven chips, the rest a button away; a chosen chip always shows.
    const chips = page.locator('.key-filters .chip')
    const shown = () => chips.evaluateAll((all) => all.filter((c) => (c as HTMLElement).offsetParent !== null).length)
    expect(await shown()).toBe(7)
    const total = await chips.count()
    await page.getByRole('button', { name: `Show ${total - 7} more` }).click()
    expect(await shown()).toBe(total)
    await page.getByRole('button', { name: 'Show fewer' }).click()
    expect(await shown()).toBe(7)
    await page.click('#lang-switch')
    await expect.poll(() => page.locator('#hours-note-toggle').textContent()).toBe('Mostrar también los lugares sin horario')
    expect(await page.locator('#hours-note-text').textContent()).toMatch(/^3 de los 5 lugares más cercanos no indican su horario/)
    await page.screenshot({ path: `${SCREENSHOTS}/honest-open-now-360-es.png`, fullPage: true })
    // Removing the filter from the summary searches again without it.
    await page.getByRole('button', { name: 'Quitar filtro: Abierto ahora' }).click()
    await expect.poll(() => cardIds(page)).toEqual(['open-24h', 'closed', 'no-hours-1', 'no-hours-2', 'no-hours-3'])
    expect(await page.locator('#active-filters').isVisible()).toBe(false)
    expect(await page.getByRole('checkbox', { name: 'Abierto ahora' }).isChecked()).toBe(false)
    await context.close()
  })

  it('leaves demo listings out once real ones exist, and marks every demo card where only demo data is', async () => {
    const real = await open(mixed)
    await searchZip(real.page)
    expect(await cardIds(real.page)).toEqual(['open-24h', 'closed', 'no-hours-1', 'no-hours-2', 'no-hours-3'])
    expect(await real.page.locator('#demo-banner').isVisible()).toBe(false)
    await real.context.close()

    const demo = await open(demoOnly)
    await searchZip(demo.page)
    expect(await cardIds(demo.page)).toEqual(['demo-a', 'demo-b'])
    expect(await demo.page.locator('#demo-banner').isVisible()).toBe(true)
    expect(await demo.page.locator('.card .demo-tag').allTextContents()).toEqual(['Demo listing — not a real service', 'Demo listing — not a real service'])
    expect(await axeViolations(demo.page)).toEqual([])
    await demo.page.screenshot({ path: `${SCREENSHOTS}/honest-demo-360.png`, fullPage: true })
    await demo.context.close()
  })

  it('keeps the search out of the address bar; a shared link says what it holds and leaves the bar when opened', async () => {
    const { context, page } = await open(mixed, DESKTOP)
    await searchZip(page)
    await page.getByRole('checkbox', { name: 'Open now' }).check()
    await expect.poll(() => cardIds(page)).toEqual(['open-24h'])
    expect(page.url()).toBe(`${mixed.url}/`)
    await page.getByRole('button', { name: 'Share this search' }).click()
    const link = await page.getByLabel('Link to this search').inputValue()
    expect(link).toBe(`${mixed.url}/#near=${ZIP}&open=1`)
    expect(await page.locator('#share-search-box .share-note').textContent()).toBe(
      `ⓘ The link holds what you typed ("${ZIP}"), the distance and the filters — nothing else. This page keeps no search in its address or history.`,
    )
    await page.screenshot({ path: `${SCREENSHOTS}/honest-share-desktop.png` })
    await context.close()

    // Someone opens the link: the search runs, and the address bar (and this tab's history entry) is clean again.
    const opened = await open(mixed, PHONE_360, `#near=${ZIP}&open=1`)
    await expect.poll(() => cardIds(opened.page)).toEqual(['open-24h'])
    expect(opened.page.url()).toBe(`${mixed.url}/`)
    expect(await opened.page.getByRole('checkbox', { name: 'Open now' }).isChecked()).toBe(true)
    await opened.context.close()
  })

  it('leaves quickly by the button or Esc twice, replacing the page so Back does not return to it', async () => {
    for (const how of ['button', 'escape'] as const) {
      const context = await browser.newContext(PHONE_360)
      const page = await context.newPage()
      // Block the neutral site's request: only where the page goes matters.
      await page.route('http://127.0.0.1:9/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title>' }))
      await page.goto(`${mixed.url}/`)
      await searchZip(page)
      if (how === 'button') await page.getByRole('button', { name: 'Leave quickly' }).click()
      else {
        await page.keyboard.press('Escape')
        await page.keyboard.press('Escape')
      }
      await page.waitForURL('http://127.0.0.1:9/neutral')
      await page.goBack().catch(() => null)
      expect(page.url()).not.toContain(mixed.url)
      await context.close()
    }
  })

  it('serves /docs with no console error and no request to another origin', async () => {
    const context = await browser.newContext(DESKTOP)
    const page = await context.newPage()
    const problems: string[] = []
    const foreign: string[] = []
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()))
    page.on('pageerror', (e) => problems.push(e.message))
    page.on('request', (r) => !r.url().startsWith(mixed.url) && !r.url().startsWith('data:') && foreign.push(r.url()))
    await page.goto(`${mixed.url}/docs/`)
    await page.locator('.opblock').first().waitFor()
    // The search operation's "Try it out" body is the documented example, not a placeholder.
    await page.locator('#operations-search-post_api_v1_search').click()
    await page.getByRole('button', { name: 'Try it out' }).click()
    expect(JSON.parse(await page.locator('#operations-search-post_api_v1_search textarea').inputValue())).toMatchObject({ near: '21201' })
    await page.screenshot({ path: `${SCREENSHOTS}/honest-docs.png` })
    expect(problems).toEqual([])
    expect(foreign).toEqual([])
    await context.close()
  })
})
