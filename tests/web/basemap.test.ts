/**
 * The offline basemap and the map's markers in a real browser: place names by zoom, county
 * lines only from zoom 7, water fetched from this site, pins versus groups, approximate points
 * marked as such, a stack of places at one point that comes apart, and the map key in English
 * and Spanish — with no request leaving the site. Screenshots at 360 px and 1280 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import type { SiteRecord } from '../../server/directory/site-record.js'
import { site } from '../helpers/sites.js'
import { axeViolations, CENTRE, DESKTOP, FIXTURE, launchBrowser, SCREENSHOTS, startWebServer, ZIP, type WebServer } from './helpers.js'

/** The fixture, one place placed at a ZIP's centroid (approximate: its own point stands apart), and two places sharing one point. */
const SITES: SiteRecord[] = [
  ...FIXTURE,
  (() => {
    const s = site({ id: 'approx-zip', name: 'ZIP Area Outreach', lat: CENTRE.lat - 0.045, lon: CENTRE.lon - 0.07 })
    return { ...s, location: { ...s.location, geocodePrecision: 'zip_centroid' } }
  })(),
  site({ id: 'stack-a', name: 'Shared Door Clinic', lat: CENTRE.lat - 0.03, lon: CENTRE.lon + 0.05 }),
  site({ id: 'stack-b', name: 'Shared Door Pharmacy', lat: CENTRE.lat - 0.03, lon: CENTRE.lon + 0.05, types: ['pharmacy'] }),
]

const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'America/New_York' }

let server: WebServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startWebServer(SITES), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const basemapLayers = async (page: Page) => ((await page.locator('#map').getAttribute('data-basemap')) ?? '').split(' ')
const labels = async (page: Page) => ((await page.locator('#map canvas.basemap-labels').getAttribute('data-labels')) ?? '').split('|')
const zoomOf = (page: Page) => page.evaluate(() => Number(document.querySelector('#map')?.getAttribute('data-zoom')))

/** Clicks the zoom buttons until the map is at `target`, then waits for the basemap to settle there. */
async function zoomTo(page: Page, target: number): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const z = await zoomOf(page)
    if (z === target) break
    await page.locator(z < target ? '.leaflet-control-zoom-in' : '.leaflet-control-zoom-out').click()
    await page.waitForFunction((z) => Number(document.querySelector('#map')?.getAttribute('data-zoom')) !== z, z)
  }
  expect(await zoomOf(page)).toBe(target)
  await page.waitForTimeout(400)
}

async function open(options: BrowserContextOptions) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  await page.goto(server.url + '/')
  return { context, page, requests }
}

describe('the offline basemap', () => {
  it('labels places by zoom, adds county lines and water from this site, and never asks a third party', async () => {
    const { context, page, requests } = await open(DESKTOP)
    // Country view: the largest cities only, the simplified lakes, no counties.
    await page.waitForFunction(() => /\bplaces\b/.test(document.querySelector('#map')?.getAttribute('data-basemap') ?? ''))
    expect(await zoomOf(page)).toBe(4)
    await page.waitForFunction(() => (document.querySelector('canvas.basemap-labels')?.getAttribute('data-labels') ?? '').includes('Los Angeles'))
    const country = await labels(page)
    expect(country).toContain('Chicago')
    expect(country).not.toContain('Towson')
    expect(country.length).toBeLessThan(40)
    expect(await basemapLayers(page)).toEqual(expect.arrayContaining(['land', 'states', 'lakes-low', 'places']))
    expect(await basemapLayers(page)).not.toContain('counties')
    await page.screenshot({ path: `${SCREENSHOTS}/basemap-country-1280-en.png` })

    // A search frames Baltimore; at zoom 10 the city and its neighbours are named, with county lines and water.
    await page.fill('#near', ZIP)
    await page.press('#near', 'Enter')
    await page.waitForSelector('.site-marker')
    await zoomTo(page, 10)
    await page.waitForFunction(() => /\bcounties\b/.test(document.querySelector('#map')?.getAttribute('data-basemap') ?? ''))
    await page.waitForFunction(() => (document.querySelector('canvas.basemap-labels')?.getAttribute('data-labels') ?? '').split('|').includes('Towson'))
    const city = await labels(page)
    expect(city).toContain('Baltimore')
    expect(await basemapLayers(page)).toEqual(expect.arrayContaining(['counties', 'lakes', 'rivers', 'places', 'states']))
    await page.screenshot({ path: `${SCREENSHOTS}/basemap-city-1280-en.png` })

    // The labels are a picture: nothing in them to focus or to read out.
    expect(await page.locator('canvas.basemap-labels').getAttribute('aria-hidden')).toBe('true')
    expect(await page.locator('canvas.basemap-labels').evaluate((c) => c.tabIndex)).toBe(-1)

    await zoomTo(page, 4)
    expect(await basemapLayers(page)).not.toContain('counties')
    expect(await labels(page)).not.toContain('Towson')

    const own = new URL(server.url).origin
    expect(requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== own)).toEqual([])
    const assets = requests.filter((url) => url.includes('/assets/basemap-')).map((url) => new URL(url).pathname.replace(/-[0-9a-f]{8}\.json$/, ''))
    expect(new Set(assets)).toEqual(
      new Set([
        '/assets/basemap-places-major',
        '/assets/basemap-places',
        '/assets/basemap-lakes-low',
        '/assets/basemap-lakes',
        '/assets/basemap-rivers',
        '/assets/basemap-counties',
      ]),
    )
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })

  it('draws results as pins, groups as stacks, approximate points hollow and named so, and spreads a stack at one point', async () => {
    const { context, page } = await open(DESKTOP)
    await page.fill('#near', ZIP)
    await page.press('#near', 'Enter')
    await page.waitForSelector('.site-marker')
    await page.waitForSelector('.site-cluster')
    // A pin (one sharp corner) and a disc: told apart by shape, not only by class.
    const pin = await page
      .locator('.site-marker:not(.is-approx) span')
      .first()
      .evaluate((el) => getComputedStyle(el, '::before').borderRadius)
    const stack = await page
      .locator('.site-cluster span')
      .first()
      .evaluate((el) => getComputedStyle(el).borderRadius)
    expect(pin).toBe('50% 50% 50% 0px')
    expect(stack).toBe('50%')
    expect(await page.locator('.site-cluster').first().textContent()).toMatch(/^\+\d+$/)

    const approx = page.locator('.site-marker.is-approx')
    await expect.poll(() => approx.count()).toBe(1)
    expect(await approx.getAttribute('aria-label')).toMatch(/^\d+\. ZIP Area Outreach — Approximate location \(ZIP area\)$/)
    expect(await approx.locator('span').evaluate((el) => getComputedStyle(el, '::before').borderStyle)).toBe('dashed')
    expect(
      await page
        .locator('.site-marker:not(.is-approx)')
        .first()
        .locator('span')
        .evaluate((el) => getComputedStyle(el, '::before').borderStyle),
    ).toBe('solid')
    // A pointer resting on it reads the same words.
    await approx.hover()
    await expect.poll(() => page.locator('.approx-tooltip').textContent()).toBe('Approximate location (ZIP area)')

    // Two places at one door: "Show on map" on either card spreads the stack and picks its pin.
    await page.locator('.card[data-id="stack-b"] [data-action="map"]').click()
    await page.waitForSelector('.site-marker.is-active[aria-label$="Shared Door Pharmacy"]')
    expect(await page.locator('.site-marker[aria-label$="Shared Door Clinic"]').count()).toBe(1)
    await page.waitForTimeout(600) // the spread's animation
    const [a, b] = await Promise.all(['Clinic', 'Pharmacy'].map((n) => page.locator(`.site-marker[aria-label$="Shared Door ${n}"]`).boundingBox()))
    expect(Math.hypot((a?.x ?? 0) - (b?.x ?? 0), (a?.y ?? 0) - (b?.y ?? 0))).toBeGreaterThanOrEqual(44)
    await page.screenshot({ path: `${SCREENSHOTS}/basemap-spread-1280-en.png` })

    // The map key, open on a wide map, in both languages.
    const legend = page.locator('.map-legend')
    expect(await legend.locator('summary').textContent()).toBe('Map key')
    expect(await legend.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true)
    expect(await legend.locator('li > span:last-child').allTextContents()).toEqual([
      'A place, by its number in the list',
      'Approximate location (ZIP or city area)',
      'Several places close together',
      'Search centre',
    ])
    await page.click('#lang-switch')
    await expect.poll(() => legend.locator('summary').textContent()).toBe('Leyenda del mapa')
    expect(await legend.locator('li > span:last-child').first().textContent()).toBe('Un lugar, con su número en la lista')
    await expect.poll(() => approx.getAttribute('aria-label')).toMatch(/— Ubicación aproximada \(zona del código postal\)$/)
    expect(await axeViolations(page)).toEqual([])
    await zoomTo(page, 11)
    await page.screenshot({ path: `${SCREENSHOTS}/basemap-city-1280-es.png` })
    await zoomTo(page, 5)
    await page.screenshot({ path: `${SCREENSHOTS}/basemap-country-1280-es.png` })
    await context.close()
  })

  it('clicking a stack of places at one point spreads it out', async () => {
    const { context, page } = await open(DESKTOP)
    await page.fill('#near', ZIP)
    await page.press('#near', 'Enter')
    await page.waitForSelector('.site-marker')
    await zoomTo(page, 13)
    const stack = page.locator('.site-cluster[aria-label="2 sites here — zoom in"]')
    await stack.click()
    await page.waitForSelector('.site-marker[aria-label$="Shared Door Clinic"]')
    await page.waitForSelector('.site-marker[aria-label$="Shared Door Pharmacy"]')
    await context.close()
  })

  for (const lang of ['en', 'es'] as const) {
    it(`fits a 360 px phone in ${lang === 'en' ? 'English' : 'Spanish'}: the key folded to one button, the map readable`, async () => {
      const { context, page } = await open({ ...PHONE, locale: lang === 'en' ? 'en-US' : 'es-US' })
      if (lang === 'es' && (await page.locator('html').getAttribute('lang')) !== 'es') await page.click('#lang-switch')
      await page.fill('#near', ZIP)
      await page.press('#near', 'Enter')
      await page.waitForSelector('.card')
      await page.click('#view-map')
      await page.waitForSelector('.site-marker, .site-cluster')
      const legend = page.locator('.map-legend')
      expect(await legend.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false)
      expect(await legend.locator('summary').textContent()).toBe(lang === 'en' ? 'Map key' : 'Leyenda del mapa')
      const box = await legend.boundingBox()
      expect(box?.height).toBeLessThanOrEqual(48)
      expect(box?.width).toBeLessThan(180)
      expect(await axeViolations(page)).toEqual([])
      await zoomTo(page, 10)
      await page.waitForFunction(() => /\bcounties\b/.test(document.querySelector('#map')?.getAttribute('data-basemap') ?? ''))
      await page.waitForFunction(() => (document.querySelector('canvas.basemap-labels')?.getAttribute('data-labels') ?? '').split('|').includes('Baltimore'))
      await page.screenshot({ path: `${SCREENSHOTS}/basemap-city-360-${lang}.png` })
      // Opened by keyboard, it stays clear of most of the map.
      await legend.locator('summary').focus()
      await page.keyboard.press('Enter')
      expect(await legend.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true)
      await page.screenshot({ path: `${SCREENSHOTS}/basemap-legend-360-${lang}.png` })
      await page.keyboard.press('Enter')
      await zoomTo(page, 5)
      await page.screenshot({ path: `${SCREENSHOTS}/basemap-country-360-${lang}.png` })
      await context.close()
    })
  }
})
