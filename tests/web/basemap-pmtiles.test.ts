/**
 * The street basemap from a PMTiles file on our own origin (BASEMAP_PMTILES), in a real
 * browser: the archive is built by the test (a few streets, a harbour and a city label around
 * ZIP 21201), the page reads it by byte range (206s from us, nothing from anyone else), the
 * canvas tiles are drawn, labels follow the page language, axe is clean, and a file that
 * cannot be read falls back to the offline outlines. Screenshots at 360 px and 1280 px, EN and ES.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPmtiles, TEST_BASEMAP } from '../helpers/pmtiles-writer.js'
import { axeViolations, DESKTOP, launchBrowser, SCREENSHOTS, startWebServer, ZIP, type WebServer } from './helpers.js'

const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'en-US',
  timezoneId: 'America/New_York',
}

const dir = mkdtempSync(join(tmpdir(), 'hrl-pmtiles-web-'))
const file = join(dir, 'baltimore.pmtiles')
const broken = join(dir, 'broken.pmtiles')

let server: WebServer
let brokenServer: WebServer
let browser: Browser

beforeAll(async () => {
  writeFileSync(file, buildPmtiles(TEST_BASEMAP).bytes)
  writeFileSync(broken, buildPmtiles(TEST_BASEMAP).bytes)
  ;[server, brokenServer, browser] = await Promise.all([
    startWebServer(undefined, {}, { basemapPmtiles: file }),
    startWebServer(undefined, {}, { basemapPmtiles: broken }),
    launchBrowser(),
  ])
  // Start-up accepted it; then it was damaged (a half-copied replacement, say).
  writeFileSync(broken, 'not a pmtiles archive any more')
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await brokenServer?.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Seen {
  url: string
  status: number
  range: string | undefined
}

async function open(target: WebServer, options: BrowserContextOptions) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const requests: string[] = []
  const responses: Seen[] = []
  page.on('request', (r) => requests.push(r.url()))
  page.on('response', (r) => responses.push({ url: r.url(), status: r.status(), range: r.request().headers().range }))
  await page.goto(target.url + '/')
  return { context, page, requests, responses }
}

const zoomOf = (page: Page) => page.evaluate(() => Number(document.querySelector('#map')?.getAttribute('data-zoom')))

/**
 * Zooms to `target` around the chosen place (a double click beside its pin zooms in around
 * that point; the button zooms out), then waits for the tiles there to be drawn.
 */
async function zoomTo(page: Page, target: number): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const z = await zoomOf(page)
    if (z === target) break
    const pin = await page.locator('.site-marker.is-active').boundingBox()
    if (z < target && pin) await page.mouse.dblclick(pin.x - 20, pin.y + pin.height + 10)
    else await page.locator(z < target ? '.leaflet-control-zoom-in' : '.leaflet-control-zoom-out').click()
    await page.waitForFunction((z) => Number(document.querySelector('#map')?.getAttribute('data-zoom')) !== z, z)
  }
  expect(await zoomOf(page)).toBe(target)
  await settled(page)
}

/** Waits until Leaflet has no tile still loading in the PMTiles layer, and a moment for labels. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const tiles = [...document.querySelectorAll('.basemap-pmtiles canvas.leaflet-tile')]
    return tiles.length > 0 && tiles.every((t) => t.classList.contains('leaflet-tile-loaded'))
  })
  await page.waitForTimeout(500)
}

/** Over the drawn tiles: how many distinct colours, and how many pixels are not the flavor's land colour. */
function paint(page: Page): Promise<{ tiles: number; colours: number; inked: number }> {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('.basemap-pmtiles canvas.leaflet-tile-loaded')]
    const colours = new Set<number>()
    const counts = new Map<number, number>()
    let total = 0
    for (const c of canvases) {
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data
      if (!data) continue
      for (let i = 0; i < data.length; i += 16) {
        const rgb = ((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0)
        colours.add(rgb)
        counts.set(rgb, (counts.get(rgb) ?? 0) + 1)
        total++
      }
    }
    const commonest = Math.max(0, ...counts.values())
    return { tiles: canvases.length, colours: colours.size, inked: total - commonest }
  })
}

/** Searches 21201, then "Show on map" on the nearest place (0.4 km north of the centre): the map is over the test streets. */
async function search(page: Page): Promise<void> {
  await page.fill('#near', ZIP)
  await page.press('#near', 'Enter')
  await page.waitForSelector('.card')
  await page.locator('.card[data-id="ssp-24h"] [data-action="map"]').click()
  await page.waitForSelector('.site-marker.is-active')
  await page.waitForFunction(() => document.querySelector('#map')?.getAttribute('data-basemap') === 'pmtiles')
}

describe('the PMTiles street basemap', () => {
  it('draws streets from byte ranges of our own file, asks no third party, and is axe clean', async () => {
    const { context, page, requests, responses } = await open(server, DESKTOP)
    await search(page)
    await zoomTo(page, 14)
    // Drag the map north-west a little: the harbour and the city label come into view.
    const box = (await page.locator('#map').boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 220, { steps: 8 })
    await page.mouse.up()
    await settled(page)

    const own = new URL(server.url).origin
    expect(requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== own)).toEqual([])
    const basemap = responses.filter((r) => new URL(r.url).pathname === '/basemap.pmtiles')
    expect(basemap.length).toBeGreaterThanOrEqual(1)
    // Every read is a range, answered 206 (the whole test file fits the first 16 KiB read; the
    // browser cache then answers the rest, so a range is fetched at least once).
    for (const r of basemap) {
      expect(r.range, r.url).toMatch(/^bytes=\d+-\d+$/)
      expect(r.status).toBe(206)
    }
    // Nor the offline outlines: the street basemap replaces them.
    expect(requests.some((url) => url.includes('/assets/basemap-'))).toBe(false)

    const drawn = await paint(page)
    expect(drawn.tiles).toBeGreaterThan(0)
    expect(drawn.colours).toBeGreaterThan(20) // land, water, park, road casing, label text and their anti-aliasing
    expect(drawn.inked).toBeGreaterThan(500)
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('© OpenStreetMap contributors')
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('Protomaps')
    await page.screenshot({ path: `${SCREENSHOTS}/pmtiles-1280-en.png` })
    expect(await axeViolations(page)).toEqual([])

    // The language switch redraws the labels from name:es.
    await page.click('#lang-switch')
    await page.waitForSelector('.basemap-pmtiles canvas.leaflet-tile[lang="es"]')
    await settled(page)
    expect(await page.locator('.basemap-pmtiles canvas.leaflet-tile:not([lang="es"])').count()).toBe(0)
    await page.screenshot({ path: `${SCREENSHOTS}/pmtiles-1280-es.png` })
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })

  for (const lang of ['en', 'es'] as const) {
    it(`shows the streets on a 360 px phone in ${lang === 'en' ? 'English' : 'Spanish'}`, async () => {
      const { context, page, requests } = await open(server, { ...PHONE, locale: lang === 'en' ? 'en-US' : 'es-US' })
      if (lang === 'es' && (await page.locator('html').getAttribute('lang')) !== 'es') await page.click('#lang-switch')
      await search(page)
      await zoomTo(page, 16)
      expect((await paint(page)).inked).toBeGreaterThan(500)
      const own = new URL(server.url).origin
      expect(requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== own)).toEqual([])
      await page.screenshot({ path: `${SCREENSHOTS}/pmtiles-360-${lang}.png` })
      expect(await axeViolations(page)).toEqual([])
      await context.close()
    })
  }

  it('falls back to the offline outlines when the file cannot be read', async () => {
    const { context, page, requests } = await open(brokenServer, DESKTOP)
    await page.fill('#near', ZIP)
    await page.press('#near', 'Enter')
    await page.waitForSelector('.site-marker, .site-cluster')
    await page.waitForFunction(() => /\bland\b/.test(document.querySelector('#map')?.getAttribute('data-basemap') ?? ''))
    expect(requests.some((url) => new URL(url).pathname === '/basemap.pmtiles')).toBe(true)
    expect(await page.locator('.basemap-pmtiles').count()).toBe(0)
    await context.close()
  })
})
