/**
 * No place in any URL: a whole session in a real browser — searches by a typed ZIP and a typed
 * city, a detail, the route planner with a typed start, its shared link opened in a fresh tab,
 * /lite searched (by POST) and a /lite site page, and the map page's no-JavaScript form — with
 * every request URL and every address-bar URL recorded. None may hold the typed ZIP, the
 * place's name or anything shaped like a coordinate in its query or fragment; no public answer
 * sets a cookie. The checker is shown to catch a GET with ?near= first, so the test can fail.
 * Also: screenshots of /lite results and a /lite site page at 360 px, in English and Spanish.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, DESKTOP, launchBrowser, SCREENSHOTS, startWebServer, ZIP, type WebServer } from './helpers.js'

const CITY = 'Baltimore, MD'
/** Something shaped like a latitude or longitude: 39.294, -76.6252. */
const COORDINATE = /-?\d{1,3}\.\d{3,}/

let server: WebServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startWebServer(), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** What a URL gives away: the typed ZIP, the place's name (however encoded) or a coordinate in its query or fragment. */
function leaks(url: string): string[] {
  const parsed = new URL(url)
  const decoded = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '))
    } catch {
      return text
    }
  }
  const whole = decoded(parsed.pathname + parsed.search + parsed.hash).toLowerCase()
  const found: string[] = []
  if (whole.includes(ZIP)) found.push(`the ZIP ${ZIP}`)
  if (whole.includes('baltimore')) found.push('the place name')
  if (COORDINATE.test(decoded(parsed.search + parsed.hash))) found.push('a coordinate')
  if (/[?&#]near=/.test(parsed.search + parsed.hash)) found.push('a near= field')
  return found
}

interface Recorder {
  urls: { url: string; how: string }[]
  cookies: string[]
  /** The address bar now, as a step of the session. */
  step(page: Page, label: string): Promise<void>
}

/** Records every request URL (and the status bar's) of a context, and every Set-Cookie of its answers. */
function record(context: BrowserContext): Recorder {
  const r: Recorder = {
    urls: [],
    cookies: [],
    async step(page, label) {
      r.urls.push({ url: page.url(), how: `address bar after ${label}` })
      r.urls.push({ url: await page.evaluate(() => location.href).catch(() => page.url()), how: `location.href after ${label}` })
    },
  }
  context.on('request', (req) => {
    if (!req.url().startsWith('data:') && !req.url().startsWith('blob:')) r.urls.push({ url: req.url(), how: `${req.method()} request` })
  })
  context.on('response', async (res) => {
    const cookie = await res.headerValue('set-cookie').catch(() => null)
    if (cookie) r.cookies.push(`${res.url()}: ${cookie}`)
  })
  return r
}

/** Submits a /lite form (a POST back to /lite) and waits for the new document: the address stays /lite, so waiting for the URL would return at once. */
async function submitLite(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }), button.click()])
  await page.waitForLoadState('load')
}

const offending = (r: Recorder) => r.urls.flatMap(({ url, how }) => leaks(url).map((what) => `${how} ${url} holds ${what}`))

describe('no place in any URL', () => {
  it('catches a place in a URL: the checker flags a GET with ?near=, a ZIP, a name or a coordinate', () => {
    // Had the page (or /lite) searched by GET, these are the URLs the session would record.
    expect(leaks(`http://x/lite?near=${ZIP}`)).toEqual([`the ZIP ${ZIP}`, 'a near= field'])
    expect(leaks('http://x/api/v1/search?near=Baltimore%2C+MD&radius_mi=25')).toEqual(['the place name', 'a near= field'])
    expect(leaks('http://x/api/v1/search?lat=39.2946&lon=-76.6252')).toEqual(['a coordinate'])
    expect(leaks('http://x/#route=site:a&start=place:Baltimore%2C%20MD')).toEqual(['the place name'])
    expect(leaks('http://x/lite/sites/ssp-24h?lang=es')).toEqual([])
    expect(leaks('http://x/tiles/12/1171/1566.png')).toEqual([])
  })

  it('holds through a whole session on the map page, its planner, a shared plan, /lite and the no-script form', async () => {
    const context = await browser.newContext(DESKTOP)
    const r = record(context)
    const page = await context.newPage()
    await page.goto(server.url + '/')
    await r.step(page, 'opening the page')

    // A search by a typed ZIP, then by a typed city: the place goes in POST bodies only.
    for (const place of [ZIP, CITY]) {
      await page.fill('#near', place)
      await page.press('#near', 'Enter')
      await expect.poll(() => page.locator('#result-count').textContent()).toMatch(/\d/)
      await page.waitForSelector('.card')
      await r.step(page, `searching ${place}`)
    }
    const searches = r.urls.filter((u) => new URL(u.url).pathname === '/api/v1/search')
    expect(searches.length).toBeGreaterThan(0)

    // A site's detail.
    await page.locator('.card[data-id="ssp-24h"] .name-button').click()
    await page.waitForSelector('dialog[open] .report')
    await r.step(page, 'opening a detail')
    await page.locator('dialog[open]').getByRole('button', { name: 'Add to route' }).click()
    await page.keyboard.press('Escape')
    await page.locator('.card[data-id="outreach-van"] [data-action="route"]').click()

    // The planner, started from a typed place.
    await page.getByRole('button', { name: /Plan a route/ }).click()
    await page.locator('input[id^="start-place"]').fill(CITY)
    await page.locator('[data-focus="start-set"]').click()
    await expect.poll(() => page.locator('.place-current').first().textContent()).toMatch(/^Set: .*Baltimore/)
    await page.getByRole('button', { name: 'Plan the best order' }).click()
    await expect.poll(() => page.locator('#route-status').textContent(), { timeout: 20_000 }).toMatch(/^Route planned: 2 stops/)
    await r.step(page, 'planning a route')
    await page.getByRole('button', { name: 'Share link' }).click()
    const link = await page.getByLabel('Link to this plan').inputValue()
    await r.step(page, 'making a plan link')
    // The plan link names its sites and never a coordinate. It does carry the typed start as text
    // (a place chosen to be shared, in the fragment, which no server sees): checked, not recorded as a visit.
    expect(link).toMatch(/#route=site:ssp-24h,site:outreach-van&start=place:Baltimore%2C%20MD&/)
    expect(link).not.toMatch(COORDINATE)

    // The shared plan opened in a fresh tab: the page reads the fragment, then takes it out of the address bar.
    const shared = await context.newPage()
    await shared.goto(link)
    await expect.poll(() => shared.locator('#route-status').textContent(), { timeout: 20_000 }).toMatch(/^Route planned: 2 stops/)
    await r.step(shared, 'opening the shared plan')
    expect(new URL(shared.url()).hash).toBe('')

    // /lite: the search goes by POST, the site page by id.
    await page.goto(server.url + '/lite')
    await r.step(page, 'opening /lite')
    for (const place of [ZIP, CITY]) {
      await page.fill('#near', place)
      await submitLite(page, page.getByRole('button', { name: 'Search', exact: true }))
      await page.waitForSelector('#results h3')
      await r.step(page, `searching ${place} on /lite`)
    }
    const litePosts = r.urls.filter((u) => u.how === 'POST request' && new URL(u.url).pathname === '/lite')
    expect(litePosts).toHaveLength(2)
    await page.getByRole('button', { name: 'Español' }).click()
    await page.waitForSelector('html[lang="es"]')
    await r.step(page, 'switching /lite to Spanish')
    await page.locator('a[href^="/lite/sites/"]').first().click()
    await page.waitForSelector('h2')
    expect(new URL(page.url()).pathname).toMatch(/^\/lite\/sites\/[\w-]+$/)
    await r.step(page, 'opening a /lite site page')
    expect(await page.evaluate(() => document.cookie)).toBe('')
    await context.close()

    // Without JavaScript: the map page's form posts to /lite.
    const noScript = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false })
    const r2 = record(noScript)
    const plain = await noScript.newPage()
    await plain.goto(server.url + '/')
    await plain.fill('#near', ZIP)
    await Promise.all([plain.waitForURL(/\/lite/), plain.locator('#search-form button[type="submit"]').click()])
    await r2.step(plain, 'searching without JavaScript')
    // Checked here first, so a form that sent the place by GET fails on what it leaked.
    expect(offending(r2)).toEqual([])
    await plain.waitForSelector('#results h3')
    expect(await plain.locator('#results h3').first().textContent()).toBe('Charm City Syringe Program')
    expect(await plain.locator('#radius option[selected]').getAttribute('value')).toBe('25')
    expect(r2.urls.filter((u) => u.how === 'POST request' && new URL(u.url).pathname === '/lite')).toHaveLength(1)
    await noScript.close()

    const all = { urls: [...r.urls, ...r2.urls], cookies: [...r.cookies, ...r2.cookies], step: r.step }
    expect(all.urls.length).toBeGreaterThan(30)
    expect(offending(all)).toEqual([])
    expect(all.cookies).toEqual([])
  })

  it('the text-only pages at 360 px, in English and Spanish, pass axe', async () => {
    // JavaScript on only so that axe can run: the pages themselves have none.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US', timezoneId: 'America/New_York' })
    const page = await context.newPage()
    for (const lang of ['en', 'es'] as const) {
      await page.goto(`${server.url}/lite${lang === 'es' ? '?lang=es' : ''}`)
      await page.fill('#near', ZIP)
      await submitLite(page, page.locator('main form button[type="submit"]').first())
      await page.waitForSelector('#results h3')
      await page.locator('#results').evaluate((e) => e.scrollIntoView({ block: 'start' }))
      await page.screenshot({ path: `${SCREENSHOTS}/lite-results-${lang}.png` })
      expect(await axeViolations(page)).toEqual([])
      await page.locator('a[href^="/lite/sites/ssp-24h"]').click()
      await page.waitForSelector('h2')
      await page.screenshot({ path: `${SCREENSHOTS}/lite-detail-${lang}.png`, fullPage: true })
      expect(await axeViolations(page)).toEqual([])
      const widest = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(widest).toBeLessThanOrEqual(360)
    }
    await context.close()
    const desktop = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false })
    const wide = await desktop.newPage()
    await wide.goto(`${server.url}/lite`)
    await wide.fill('#near', ZIP)
    await submitLite(wide, wide.locator('main form button[type="submit"]').first())
    await wide.waitForSelector('#results h3')
    await wide.screenshot({ path: `${SCREENSHOTS}/lite-results-desktop-en.png` })
    await desktop.close()
  })
})
