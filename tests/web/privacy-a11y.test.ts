/**
 * What a person cannot see but must be able to trust: a whole session talks only to the
 * app's own origin, sets no cookie, puts no coordinates in any URL, stores no search; and
 * what everyone must be able to use: axe finds no WCAG 2.2 AA violation in the main states.
 * Also saves the screenshots people review (mobile 390×844, desktop 1280×800).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { DESKTOP, FRESHNESS_FIXTURE, launchBrowser, MOBILE, SCREENSHOTS, PUBLIC_NOTES, startWebServer, ZIP, type WebServer } from './helpers.js'

let server: WebServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startWebServer(FRESHNESS_FIXTURE, PUBLIC_NOTES), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** A decimal coordinate-like number (39.2904, -76.612): what must never be in a URL. */
const COORDINATE = /-?\d{1,3}\.\d{2,}/

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

describe('privacy of a whole session', () => {
  it('makes requests only to its own origin, sets no cookies, and keeps the location out of every URL', async () => {
    const context = await browser.newContext({ ...DESKTOP, permissions: ['geolocation'], geolocation: { latitude: 39.2904123, longitude: -76.6121987 } })
    const page = await context.newPage()
    const requests: { url: string; method: string; body: string | null }[] = []
    page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() }))
    const urlsShown: string[] = []
    page.on('framenavigated', (f) => urlsShown.push(f.url()))

    await page.goto(server.url + '/')
    await page.fill('#near', ZIP)
    await page.press('#near', 'Enter')
    await page.waitForSelector('.site-marker')
    await page.getByRole('checkbox', { name: 'Naloxone (Narcan)' }).check()
    await page.locator('.card .name-button').first().click()
    await page.waitForSelector('dialog[open] .report')
    await page.keyboard.press('Escape')
    await page.click('#lang-switch')
    await page.click('#lang-switch')

    // "Use my location": the position goes in a POST body, rounded to 3 decimals, and nowhere else.
    await context.setGeolocation({ latitude: 39.2904123, longitude: -76.6121987 })
    await page.click('#locate')
    await expect.poll(() => page.locator('#result-count').textContent()).toMatch(/near your location/)
    urlsShown.push(page.url())

    const own = new URL(server.url).origin
    const foreign = requests.filter((r) => !r.url.startsWith('data:') && new URL(r.url).origin !== own)
    expect(foreign).toEqual([])
    expect(await context.cookies()).toEqual([])
    for (const url of [...requests.map((r) => r.url), ...urlsShown]) {
      expect(url, url).not.toMatch(COORDINATE)
      // Nor the place typed: the search lives in memory, not in the address bar or a request URL.
      expect(url, url).not.toContain(ZIP)
    }
    expect(page.url()).not.toContain('near=')
    const located = requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/v1/search') && r.body?.includes('"lat"'))
    expect(located.length).toBeGreaterThan(0)
    for (const r of located) {
      const body = JSON.parse(r.body as string) as { lat: number; lon: number; near?: string }
      expect(body).toMatchObject({ lat: 39.29, lon: -76.612 })
      expect(body.near).toBeUndefined()
    }
    // Only the language is remembered; no search, no place.
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['hrl-lang'])
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([])
    await context.close()
  })
})

describe('accessibility (axe, WCAG 2.2 AA) and screenshots', () => {
  for (const [name, options] of [
    ['desktop', DESKTOP],
    ['mobile', MOBILE],
  ] as const) {
    it(`has no violations on the ${name} page: empty, with results, with a site open, in Spanish`, async () => {
      const context = await browser.newContext(options)
      const page = await context.newPage()
      await page.goto(server.url + '/')
      await page.waitForSelector('.chip')
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-empty.png` })
      expect(await axeViolations(page)).toEqual([])

      await page.fill('#near', ZIP)
      await page.press('#near', 'Enter')
      await page.waitForSelector('.card')
      if (name === 'desktop') await page.waitForSelector('.site-cluster')
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-results.png` })
      expect(await axeViolations(page)).toEqual([])

      if (name === 'mobile') {
        await page.click('#view-map')
        await page.waitForSelector('.site-cluster')
        await page.screenshot({ path: `${SCREENSHOTS}/mobile-map.png` })
        expect(await axeViolations(page)).toEqual([])
        await page.click('#view-list')
      }

      await page.locator('.card .name-button').first().click()
      await page.waitForSelector('dialog[open] .report')
      await page.getByRole('button', { name: 'Report a problem' }).click()
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-detail.png` })
      expect(await axeViolations(page)).toEqual([])
      await page.keyboard.press('Escape')

      await page.click('#lang-switch')
      await expect.poll(() => page.locator('#result-count').textContent()).toMatch(/lugares/)
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-spanish.png` })
      expect(await axeViolations(page)).toEqual([])
      if (name === 'desktop') {
        await page.emulateMedia({ media: 'print' })
        await page.screenshot({ path: `${SCREENSHOTS}/desktop-print.png`, fullPage: true })
      }
      await context.close()
    })
  }
})
