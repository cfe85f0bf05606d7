/**
 * The installable, offline map page in real Chromium: the page installs its service worker,
 * the manifest is valid and its icons load, with the network gone a reload still shows the
 * page and a search says it could not reach the server, no API answer is ever in Cache
 * Storage, and a new build's worker is offered ("A new version is ready — Reload"), activated
 * on request and leaves only its own cache.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import webPlugin, { DEFAULT_DIST_DIR } from '../../server/plugins/web.js'
import { testConfig } from '../helpers/app.js'
import { launchBrowser, SCREENSHOTS, startWebServer, ZIP, type WebServer } from './helpers.js'

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'America/New_York' }

let browser: Browser
let server: WebServer
let nextBuild: FastifyInstance | null = null
let nextDist: string | null = null
let context: BrowserContext
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchBrowser(), startWebServer()])
  context = await browser.newContext(PHONE)
  page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await nextBuild?.close()
  if (nextDist) rmSync(nextDist, { recursive: true, force: true })
})

/** Every URL in the page's Cache Storage, by cache name. */
function cachedUrls(): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {}
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname)
    return out
  })
}

/** The width and height in a PNG's IHDR. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
  return [png.readUInt32BE(16), png.readUInt32BE(20)]
}

describe('the map page works with no signal', () => {
  it('installs its service worker, which takes control of the page', async () => {
    await page.goto(`${server.url}/`)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 })
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)
    expect(scope).toBe(`${server.url}/`)
    const sw = await fetch(`${server.url}/sw.js`)
    expect(sw.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(sw.headers.get('cache-control')).toBe('no-cache')
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? ''
    expect(csp).toContain("worker-src 'self'")
    expect(csp).toContain("manifest-src 'self'")
    const cached = await cachedUrls()
    const names = Object.keys(cached)
    expect(names).toHaveLength(1)
    expect(names[0]).toMatch(/^hrl-shell-[0-9a-f]{16}$/)
    const shell = cached[names[0] as string] as string[]
    expect(shell).toEqual(expect.arrayContaining(['/', '/manifest.webmanifest']))
    expect(shell.some((u) => /^\/assets\/app-\w+\.js$/.test(u))).toBe(true)
    expect(shell.some((u) => /^\/assets\/styles-\w+\.css$/.test(u))).toBe(true)
  })

  it('links a valid manifest whose icons load, with theme colour and Apple touch icon', async () => {
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest')
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#0b5394')
    const res = await fetch(`${server.url}/manifest.webmanifest`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/)
    const manifest = (await res.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; type: string; purpose: string }[] }
    expect(manifest).toMatchObject({
      name: 'Harm Reduction Locator',
      short_name: expect.any(String),
      start_url: '/',
      display: 'standalone',
      theme_color: '#0b5394',
      background_color: '#ffffff',
    })
    expect((manifest.short_name as string).length).toBeLessThanOrEqual(12)
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable'])
    const apple = (await page.locator('link[rel="apple-touch-icon"]').getAttribute('href')) as string
    for (const [src, size] of [...manifest.icons.map((i) => [i.src, Number(i.sizes.split('x')[0])] as const), [apple, 180] as const]) {
      const icon = await fetch(new URL(src, server.url))
      expect(icon.status, src).toBe(200)
      expect(icon.headers.get('content-type')).toBe('image/png')
      expect(pngSize(Buffer.from(await icon.arrayBuffer()))).toEqual([size, size])
    }
  })

  it('passes API calls to the network and never keeps them', async () => {
    await page.fill('#near', ZIP)
    await page.press('#near', 'Enter')
    await page.waitForSelector('.card')
    const all = Object.values(await cachedUrls()).flat()
    expect(all.length).toBeGreaterThan(5)
    expect(all.filter((u) => /^\/(api|lite|update|curate)/.test(u))).toEqual([])
  })

  it('shows the page after a reload with no network, and says a search could not reach the server', async () => {
    await context.setOffline(true)
    try {
      await page.reload()
      await expect.poll(() => page.locator('#search-form').isVisible()).toBe(true)
      await expect.poll(() => page.evaluate(() => document.body.classList.contains('js'))).toBe(true)
      await page.fill('#near', ZIP)
      await page.press('#near', 'Enter')
      await expect.poll(() => page.locator('#result-count').textContent()).toContain('Could not reach the server')
      expect(await page.locator('.card').count()).toBe(0)
      await page.screenshot({ path: `${SCREENSHOTS}/offline-shell-360.png` })
      expect(pageErrors).toEqual([])
      expect(
        Object.values(await cachedUrls())
          .flat()
          .filter((u) => u.startsWith('/api/')),
      ).toEqual([])
    } finally {
      await context.setOffline(false)
    }
  })

  it('offers a new build, activates it on Reload and deletes the old cache', async () => {
    const [oldCache] = Object.keys(await cachedUrls())
    // The next build: the same files, with a worker of another version, served on the same origin.
    nextDist = mkdtempSync(join(tmpdir(), 'hrl-next-build-'))
    cpSync(DEFAULT_DIST_DIR, nextDist, { recursive: true })
    const swPath = join(nextDist, 'sw.js')
    writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(/hrl-shell-[0-9a-f]{16}/, 'hrl-shell-next-build'))
    const newCache = 'hrl-shell-next-build'
    expect(readFileSync(swPath, 'utf8')).toContain(`const CACHE = "${newCache}"`)
    expect(oldCache).toMatch(/^hrl-shell-[0-9a-f]{16}$/)
    const { port } = server.app.server.address() as AddressInfo
    await server.close()
    server = { ...server, close: async () => undefined }
    nextBuild = Fastify()
    await nextBuild.register(webPlugin, { config: testConfig(), distDir: nextDist })
    await nextBuild.listen({ port, host: '127.0.0.1' })

    // Served from the old worker's cache, the page finds the new worker and offers it.
    await page.reload()
    const notice = page.locator('#update-notice')
    await notice.waitFor({ state: 'visible', timeout: 30_000 })
    expect((await notice.textContent())?.replace(/\s+/g, ' ').trim()).toBe('A new version is ready — Reload')
    await page.screenshot({ path: `${SCREENSHOTS}/offline-shell-update-360.png` })
    // It never covers "Leave quickly", which floats in the corner on a phone.
    const [a, b] = await Promise.all([notice.boundingBox(), page.locator('#quick-exit').boundingBox()])
    expect(a && b && (a.y + a.height <= b.y || b.y + b.height <= a.y || a.x + a.width <= b.x || b.x + b.width <= a.x)).toBe(true)
    // The old worker still serves, with its own cache only, until the person chooses.
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated')

    await Promise.all([page.waitForEvent('load'), notice.getByRole('button').click()])
    await expect.poll(async () => Object.keys(await cachedUrls())).toEqual([newCache])
    expect(await page.locator('#update-notice').count()).toBe(0)
    expect(pageErrors).toEqual([])
  })
})
