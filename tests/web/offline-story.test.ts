/**
 * An outreach worker installs the page, saves the area around 21201, loses signal, and still
 * finds naloxone open now, reads a site's page, plans a five-stop route and files a report
 * that waits on the phone until the signal is back — in real Chromium with the network cut
 * (DevTools offline). The saved area answers exactly as the server does for 50 origins at a
 * fixed instant; a new app shell keeps saved areas; "delete all offline data" leaves no
 * IndexedDB database and no Cache Storage.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchResponse } from '../../common/contract/search.js'
import { generateDemoSites } from '../../server/demo/generate.js'
import type { SiteRecord } from '../../server/directory/site-record.js'
import webPlugin, { DEFAULT_DIST_DIR } from '../../server/plugins/web.js'
import { testConfig } from '../helpers/app.js'
import { hours, site } from '../helpers/sites.js'
import { CENTRE, launchBrowser, SCREENSHOTS, startWebServer, type WebServer } from './helpers.js'

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'America/New_York' }
const ALWAYS = [hours('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')]
const near = (dLat: number, dLon: number) => ({ lat: CENTRE.lat + dLat, lon: CENTRE.lon + dLon })

/** Eight always-open sites in 21201 (six with naloxone), and 150 demo-like sites with varied hours around them. */
function fixture(): SiteRecord[] {
  const named = Array.from({ length: 8 }, (_, i) =>
    site({
      id: `story-${i}`,
      name: `Story Site ${i + 1}`,
      ...near(0.004 * (i + 1), 0.003 * (i % 3)),
      services: i < 6 ? ['naloxone', 'syringe_services'] : ['wound_care'],
      hours: ALWAYS,
    }),
  )
  let seed = 3
  const rnd = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0
    return seed / 2 ** 32
  }
  const varied = [...generateDemoSites(150, 5)].map(
    (s, i) =>
      ({
        ...s,
        demo: false,
        location: {
          ...s.location,
          id: `mix-${i}`,
          ...{ latitude: CENTRE.lat - 0.2 + rnd() * 0.4, longitude: CENTRE.lon - 0.25 + rnd() * 0.5 },
          timezone: 'America/New_York',
        },
      }) as SiteRecord,
  )
  return [...named, ...varied]
}

let browser: Browser
let server: WebServer
let nextBuild: FastifyInstance | null = null
let nextDist: string | null = null
let context: BrowserContext
let page: Page
const errors: string[] = []

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startWebServer(fixture())])
  context = await browser.newContext({ ...PHONE, permissions: ['geolocation'], geolocation: { latitude: CENTRE.lat, longitude: CENTRE.lon } })
  page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await nextBuild?.close()
  if (nextDist) rmSync(nextDist, { recursive: true, force: true })
})

const cardIds = () => page.locator('#results-list .card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-id')))
const reportCount = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM problem_reports`.execute(server.database.db)).rows[0]?.n)

/** What the IndexedDB and Cache Storage of the page hold: database names and cache names. */
const offlineStorage = () => page.evaluate(async () => ({ databases: (await indexedDB.databases()).map((d) => d.name), caches: await caches.keys() }))

describe('an outreach worker with no signal', () => {
  it('installs the page and saves the area around 21201, seeing its size first', async () => {
    await page.goto(`${server.url}/#near=21201`)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 })
    await page.waitForSelector('#results-list .card')
    // Nothing is kept on the phone before the person asks.
    expect((await offlineStorage()).databases).toEqual([])
    await page.locator('#offline-panel > summary').click()
    await page.getByRole('button', { name: 'Check the size' }).click()
    await expect.poll(() => page.locator('.offline-status').textContent()).toMatch(/^\d+ listings, about [\d.,]+ (kB|MB)\.$/)
    await page.getByRole('button', { name: 'Save this area' }).click()
    await expect.poll(() => page.locator('.offline-status').textContent()).toBe('Saved. You can search this area with no signal.')
    expect(await page.locator('#offline-saved li').first().textContent()).toMatch(/^25 miles around .*: \d+ listings, saved /)
    await page.screenshot({ path: `${SCREENSHOTS}/offline-saved.png`, fullPage: true })
  })

  it('finds naloxone open now, opens a site, plans five stops and queues a report, all offline; back online the report goes', async () => {
    await context.setOffline(true)
    await page.goto(`${server.url}/#near=21201&services=naloxone&open=1`)
    await page.waitForSelector('#results-list .card')
    const note = page.locator('#offline-note')
    await expect.poll(() => note.isVisible()).toBe(true)
    expect(await note.textContent()).toMatch(/^Offline — listings saved .+\. Hours and supplies may have changed/)
    const ids = await cardIds()
    expect(ids.slice(0, 6).sort()).toEqual(['story-0', 'story-1', 'story-2', 'story-3', 'story-4', 'story-5'])
    await page.screenshot({ path: `${SCREENSHOTS}/offline-search.png` })

    // A site's page, from what was saved.
    await page.locator('#results-list .card[data-id="story-0"] .name-button').click()
    const dialog = page.locator('dialog[open]')
    await expect.poll(() => dialog.locator('h2').textContent()).toBe('Story Site 1')
    expect(await dialog.locator('.offline-note').textContent()).toMatch(/^Offline — listings saved/)
    // A report: kept on the phone.
    await dialog.getByRole('button', { name: 'Report a problem' }).click()
    await dialog.locator('input[name="kind"]').first().check()
    await dialog.getByRole('button', { name: 'Send report' }).click()
    await expect.poll(() => dialog.locator('.report [role="status"], .report p').last().textContent()).toMatch(/kept on this phone/)
    await page.screenshot({ path: `${SCREENSHOTS}/offline-report-queued.png` })
    await dialog.getByRole('button', { name: 'Close', exact: true }).click()
    expect(await reportCount()).toBe(0)

    // A shared five-stop plan opened with no signal: planned here with straight-line estimates.
    const stops = ['story-1', 'story-2', 'story-3', 'story-4', 'story-5']
    await page.goto(
      `${server.url}/#route=${stops.map((id) => `site:${id}`).join(',')}&start=site:story-0&dep=2026-12-08T09:00&ret=17:00&min=15&vans=1&mode=driving`,
    )
    await expect.poll(() => page.locator('#route-status').textContent(), { timeout: 20_000 }).toMatch(/^Route planned: 5 stops/)
    expect(await page.locator('.timeline .tl-stop').count()).toBe(5)
    expect(await page.locator('.route-panel').textContent()).toContain('Offline — planned with straight-line estimates from listings saved')
    await page.screenshot({ path: `${SCREENSHOTS}/offline-route.png` })

    // The outbox lists the waiting report; back online it is sent and the outbox empties.
    await page.getByRole('button', { name: 'Search', exact: true }).first().click()
    await page.locator('#offline-panel > summary').click()
    expect(await page.locator('#offline-outbox li').count()).toBe(1)
    await context.setOffline(false)
    await expect.poll(reportCount, { timeout: 15_000 }).toBe(1)
    await expect.poll(() => page.locator('#offline-outbox li').count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('answers as the server does for 50 origins at a fixed instant', async () => {
    const instant = new Date('2026-12-01T15:30:00-05:00')
    await page.clock.setFixedTime(instant)
    await context.setOffline(true)
    try {
      await fiftyOrigins(instant)
    } finally {
      await context.setOffline(false)
    }
  }, 300_000)

  async function fiftyOrigins(instant: Date): Promise<void> {
    let seed = 11
    const rnd = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0
      return seed / 2 ** 32
    }
    for (let n = 0; n < 50; n++) {
      const openNow = n % 2 === 1
      const lat = Math.round((CENTRE.lat - 0.08 + rnd() * 0.16) * 1000) / 1000
      const lon = Math.round((CENTRE.lon - 0.1 + rnd() * 0.2) * 1000) / 1000
      await context.setGeolocation({ latitude: lat, longitude: lon })
      const body = { lat, lon, radius_mi: 25, ...(openNow ? { open_at: instant.toISOString() } : {}) }
      const online = (await server.app.inject({ method: 'POST', url: '/api/v1/search', payload: body })).json() as SearchResponse
      // Every other origin searches open now; a fresh load each time (a hash change alone keeps the filters).
      await page.goto('about:blank')
      await page.goto(`${server.url}/${openNow ? '#open=1' : ''}`)
      await page
        .locator('#locate')
        .click({ timeout: 5000 })
        .catch(async (err) => {
          await page.screenshot({ path: `${SCREENSHOTS}/offline-origins-failed.png` })
          throw err
        })
      await expect.poll(cardIds, { timeout: 10_000, message: `origin ${n} ${lat},${lon} open=${openNow}` }).toEqual(online.results.map((r) => r.id))
      expect(await page.locator('#offline-note').isVisible()).toBe(true)
    }
  }

  it('keeps saved areas across a new app shell, and "delete all offline data" leaves nothing behind', async () => {
    await page.goto(`${server.url}/`)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 })
    const before = await offlineStorage()
    expect(before.databases).toEqual(['hrl-offline'])
    expect(before.caches).toEqual([expect.stringMatching(/^hrl-shell-[0-9a-f]{16}$/)])
    // A new release: the same files with a worker of another version, served on the same origin.
    nextDist = mkdtempSync(join(tmpdir(), 'hrl-next-shell-'))
    cpSync(DEFAULT_DIST_DIR, nextDist, { recursive: true })
    const swPath = join(nextDist, 'sw.js')
    writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(/hrl-shell-[0-9a-f]{16}/, 'hrl-shell-next-release'))
    const { port } = server.app.server.address() as AddressInfo
    await server.close()
    server = { ...server, close: async () => undefined }
    nextBuild = Fastify()
    await nextBuild.register(webPlugin, { config: testConfig(), distDir: nextDist })
    await nextBuild.listen({ port, host: '127.0.0.1' })
    await page.reload()
    const notice = page.locator('#update-notice')
    await notice.waitFor({ state: 'visible', timeout: 30_000 })
    await Promise.all([page.waitForEvent('load'), notice.getByRole('button').click()])
    await expect.poll(async () => (await offlineStorage()).caches).toEqual(['hrl-shell-next-release'])
    // The saved area is still there, under the new shell.
    await page.locator('#offline-panel > summary').click()
    await expect.poll(() => page.locator('#offline-saved li').count()).toBe(1)
    await page.getByRole('button', { name: 'Delete all offline data' }).click()
    await expect.poll(() => page.locator('.offline-status').textContent()).toBe('All offline data is deleted from this phone.')
    await page.screenshot({ path: `${SCREENSHOTS}/offline-deleted.png`, fullPage: true })
    const after = await offlineStorage()
    expect(after).toEqual({ databases: [], caches: [] })
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0)
  })
})
