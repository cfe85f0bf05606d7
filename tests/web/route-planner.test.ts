/**
 * "Plan a route" in a real browser: an outreach worker adds ten nearby sites from a ZIP search,
 * starts the van from a point on the map, and gets an order with arrival times on a list and
 * a map; a site closed that day is left out with the reason; moving the early-closing clinic
 * down reports the broken window; the plan goes away as GPX, .ics and a link that names sites
 * but never the van's start. The page talks to no other host, and axe finds no violation.
 */
import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SiteRecord } from '../../server/directory/site-record.js'
import { hours, site } from '../helpers/sites.js'
import { CENTRE, DESKTOP, launchBrowser, MOBILE, SCREENSHOTS, startWebServer, ZIP, type WebServer } from './helpers.js'

const at = (km: number, degrees: number) => ({
  lat: CENTRE.lat + (km * Math.cos((degrees * Math.PI) / 180)) / 111.2,
  lon: CENTRE.lon + (km * Math.sin((degrees * Math.PI) / 180)) / 86,
})
const EVERY_DAY = 'MO,TU,WE,TH,FR,SA,SU'
const DAYTIME = [hours(EVERY_DAY, '08:00', '18:00')]
/** Listed hours that expired long ago: closed every day, so "closed all day" on the plan's date. */
const EXPIRED = [{ byday: 'MO,TU,WE,TH,FR', opens: '09:00', closes: '17:00', valid_from: null, valid_to: '2020-01-01' }]

/** Ten open sites within ~4 km of 21201 (one clinic closes at 09:30), and a closed one further out. */
const SITES: SiteRecord[] = [
  site({ id: 'clinic-early', name: 'Early Bird Clinic', ...at(0.5, 40), types: ['clinic'], hours: [hours(EVERY_DAY, '07:00', '09:30')] }),
  site({ id: 'pharm-1', name: 'Penn Pharmacy', ...at(0.8, 200), types: ['pharmacy'], hours: DAYTIME }),
  site({ id: 'pharm-2', name: 'Mount Vernon Pharmacy', ...at(1.1, 90), types: ['pharmacy'], hours: DAYTIME }),
  site({ id: 'ssp-1', name: 'Lexington Syringe Program', ...at(1.4, 300), services: ['syringe_services'], hours: DAYTIME }),
  site({ id: 'pharm-3', name: 'Harbor Pharmacy', ...at(1.7, 160), types: ['pharmacy'], hours: DAYTIME }),
  site({ id: 'camp-hub', name: 'Jones Falls Outreach Hub', ...at(2.0, 20), hours: DAYTIME }),
  site({ id: 'pharm-4', name: 'Fells Point Pharmacy', ...at(2.4, 120) }),
  site({ id: 'clinic-2', name: 'Westside Health Center', ...at(2.8, 260), types: ['clinic'], hours: DAYTIME }),
  site({ id: 'pharm-5', name: 'Remington Pharmacy', ...at(3.2, 340), types: ['pharmacy'], hours: DAYTIME }),
  site({ id: 'ssp-2', name: 'Canton Syringe Access', ...at(3.7, 100), services: ['syringe_services'], hours: DAYTIME }),
  site({ id: 'closed-today', name: 'Closed Methadone Clinic', ...at(5, 180), types: ['treatment'], hours: EXPIRED }),
]
const TEN = SITES.slice(0, 10).map((s) => s.location.id)
const DATE = '2026-11-24'
const COORDINATE = /-?\d{1,3}\.\d{2,}/

let server: WebServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startWebServer(SITES), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

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

/** Every request the context makes, to check that none leaves the app's origin. */
function recordRequests(context: BrowserContext): Request[] {
  const requests: Request[] = []
  context.on('request', (r) => requests.push(r))
  return requests
}

const foreign = (requests: Request[]) =>
  requests.map((r) => r.url()).filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== new URL(server.url).origin)
const timelineNames = (page: Page) => page.locator('.timeline .tl-name').evaluateAll((els) => els.map((e) => e.lastChild?.textContent ?? ''))
const download = async (page: Page, button: string) => {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()])
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') }
}

describe('planning an outreach route on the map page', () => {
  it('plans ten stops from a ZIP search, reports a closed site and a broken window, and exports the plan', async () => {
    const context = await browser.newContext(DESKTOP)
    const requests = recordRequests(context)
    const page = await context.newPage()
    await page.goto(server.url + '/')
    await page.fill('#near', ZIP)
    await page.press('#near', 'Enter')
    await page.waitForSelector('.card')

    // Ten results into the route from their cards; the tab counts them.
    for (const id of TEN) await page.locator(`.card[data-id="${id}"] [data-action="route"]`).click()
    await expect.poll(() => page.locator('#route-badge').textContent()).toBe(' (10)')
    expect(await page.locator('.card[data-id="pharm-1"] [data-action="route"]').textContent()).toContain('Remove from route')

    await page.getByRole('button', { name: 'Plan a route' }).click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('route-heading')
    expect(await page.locator('.stop-list .stop-item').count()).toBe(10)
    await page.getByLabel('Date').fill(DATE)
    await page.getByLabel('Date').dispatchEvent('change')

    // Start: a point clicked on the map (the team's office), never put in a link.
    await page.locator('.route-places').getByRole('button', { name: 'Pick on map' }).click()
    await page.waitForSelector('#map.is-picking')
    const box = (await page.locator('#map').boundingBox())!
    await page.mouse.click(box.x + box.width / 2 + 10, box.y + box.height / 2 + 10)
    await expect.poll(() => page.locator('.place-current').first().textContent()).toBe('Set: a point on the map')

    await page.getByRole('button', { name: 'Plan the best order' }).click()
    await expect
      .poll(() => page.locator('#route-status').textContent(), { timeout: 20_000 })
      .toMatch(/^Route planned: 10 stops, back at \d{1,2}(:\d\d)? (am|pm)\.$/)
    expect(await page.locator('#route-status').getAttribute('aria-live')).toBe('polite')
    expect(await page.locator('.timeline .tl-stop').count()).toBe(10)
    expect((await timelineNames(page)).sort()).toEqual(
      SITES.slice(0, 10)
        .map((s) => s.location.name)
        .sort(),
    )
    for (const text of await page.locator('.tl-arrival').allTextContents()) expect(text).toMatch(/^Arrive \d{1,2}(:\d\d)? (am|pm)$/)
    // The clinic that closes at 09:30 goes first; a site without hours says so.
    expect((await timelineNames(page))[0]).toBe('Early Bird Clinic')
    expect(await page.locator('.tl-stop', { hasText: 'Early Bird Clinic' }).locator('.tl-open').textContent()).toBe(' · open until 9:30 am')
    expect(await page.locator('.tl-stop', { hasText: 'Fells Point Pharmacy' }).locator('.tl-unknown').textContent()).toBe(
      ' · hours not listed — check before you go',
    )
    // Ten numbered markers and the van's line on the map.
    await page.waitForSelector('.route-marker')
    expect(await page.locator('.route-marker').count()).toBe(10)
    expect(await page.locator('.route-marker[aria-label^="1. Early Bird Clinic, arrive "]').count()).toBe(1)
    expect(await page.locator('.leaflet-overlay-pane path').count()).toBeGreaterThan(0)

    // The eleventh site, closed that day, added from its detail panel: planned around, with the reason.
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.locator('.card[data-id="closed-today"] .name-button').click()
    await page.locator('dialog[open]').getByRole('button', { name: 'Add to route' }).click()
    await expect.poll(() => page.locator('#route-badge').textContent()).toBe(' (11)')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: /Plan a route/ }).click()
    await expect.poll(() => page.locator('.stale-plan').count()).toBe(1)
    await page.getByRole('button', { name: 'Plan the best order' }).click()
    await expect.poll(() => page.locator('.unassigned li').allTextContents()).toEqual(['Closed Methadone Clinic — closed all day'])
    expect(await page.locator('.timeline .tl-stop').count()).toBe(10)
    await page.screenshot({ path: `${SCREENSHOTS}/route-desktop.png` })
    expect(await axeViolations(page)).toEqual([])

    // Keyboard reorder: the clinic moved down a place is reached too late, and the page says so beside it.
    await page.getByRole('button', { name: 'Move Early Bird Clinic down' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#route-status').textContent(), { timeout: 20_000 }).toMatch(/^Your order: 10 stops, back at .*\. 1 problem\.$/)
    expect((await timelineNames(page))[1]).toBe('Early Bird Clinic')
    const clinic = page.locator('.tl-stop.has-problem')
    expect(await clinic.count()).toBe(1)
    expect(await clinic.locator('.tl-problem').textContent()).toMatch(
      /^⚠ Early Bird Clinic: arrives at 9:\d\d am, (too late to finish the visit before it closes|after it closes) at 9:30 am/,
    )
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Early Bird Clinic down')
    expect(await page.locator('.unassigned li').allTextContents()).toEqual(['Closed Methadone Clinic — closed all day'])
    await page.screenshot({ path: `${SCREENSHOTS}/route-desktop-problem.png` })
    expect(await axeViolations(page)).toEqual([])

    // GPX: the start and ten stops as waypoints in the planned order, and the route as a track.
    const gpx = await download(page, 'Download GPX')
    expect(gpx.name).toBe(`route-${DATE}.gpx`)
    const waypoints = [...gpx.text.matchAll(/<wpt [^>]*><name>([^<]*)<\/name>/g)].map((m) => m[1])
    expect(waypoints[0]).toBe('Start')
    expect(waypoints.slice(1, 3)).toEqual([`1. ${(await timelineNames(page))[0]}`, '2. Early Bird Clinic'])
    expect(waypoints).toHaveLength(11)
    expect((gpx.text.match(/<trkpt /g) ?? []).length).toBe(12)

    // .ics: ten events at the arrival times (Eastern time → UTC), folded and escaped.
    const ics = await download(page, 'Add to calendar (.ics)')
    expect(ics.name).toBe(`route-${DATE}.ics`)
    expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(10)
    expect(ics.text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true)
    const firstArrival = (await page.locator('.tl-arrival').first().textContent())!.replace('Arrive ', '')
    const [hh, mm = '00'] = firstArrival.replace(/ (am|pm)$/, '').split(':')
    expect(ics.text).toMatch(new RegExp(`DTSTART:${DATE.replace(/-/g, '')}T${String(Number(hh) + 5).padStart(2, '0')}${mm}\\d\\dZ`))
    expect(ics.text).toContain('SUMMARY:2. Early Bird Clinic')
    expect(ics.text).toContain('LOCATION:1 Test St\\, Baltimore')

    // The link names the sites and settings, not the map point, and says that it left it out.
    await page.getByRole('button', { name: 'Share link' }).click()
    const link = await page.getByLabel('Link to this plan').inputValue()
    expect(link).toMatch(/#route=site:[^&]+&dep=2026-11-24T09:00&ret=17:00&min=15&vans=1&mode=driving$/)
    for (const id of [...TEN, 'closed-today']) expect(link).toContain(`site:${id}`)
    expect(link).not.toMatch(COORDINATE)
    expect(await page.locator('.share-note').textContent()).toContain('1 point picked on the map is not in the link')

    // Printing shows the run sheet: ten rows with a box to tick, no map or controls.
    await page.emulateMedia({ media: 'print' })
    // Ten stops between the start (leaving time) and the return (arrival back).
    const sheetRows = page.locator('.run-sheet tbody tr')
    expect(await sheetRows.count()).toBe(12)
    expect(await sheetRows.first().getAttribute('data-role')).toBe('start')
    expect(await sheetRows.first().textContent()).toMatch(/^9 amLeave from a point on the map$/)
    expect(await sheetRows.last().getAttribute('data-role')).toBe('end')
    expect(await sheetRows.last().textContent()).toMatch(/^\d{1,2}(:\d\d)? (am|pm)Back at a point on the map$/)
    expect(await page.locator('.run-sheet tbody tr[data-role="stop"]').count()).toBe(10)
    expect(await page.locator('.run-sheet').isVisible()).toBe(true)
    expect(await page.locator('#map').isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: 'Plan the best order' }).isVisible()).toBe(false)
    await page.screenshot({ path: `${SCREENSHOTS}/route-print.png`, fullPage: true })
    await page.emulateMedia({ media: 'screen' })

    // Dragging by the handle reorders too: the third stop dropped on top of the first.
    const before = await timelineNames(page)
    await page
      .locator('.tl-stop')
      .first()
      .evaluate((e) => e.scrollIntoView({ block: 'start' }))
    const handle = (await page.locator('.tl-stop').nth(2).locator('.drag-handle').boundingBox())!
    const top = (await page.locator('.tl-stop').first().boundingBox())!
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
    await page.mouse.down()
    await page.mouse.move(handle.x + handle.width / 2, top.y + 5, { steps: 8 })
    await page.mouse.up()
    await expect.poll(() => timelineNames(page)).toEqual([before[2], before[0], before[1], ...before.slice(3)])
    expect(await page.locator('#route-status').textContent()).toMatch(/^Your order: 10 stops/)

    // Opened elsewhere, the link brings back the same stops (named by the server) and settings.
    const other = await context.newPage()
    await other.goto(link)
    await other.waitForSelector('.stop-list .stop-item')
    await expect.poll(() => other.locator('.stop-list .stop-name').count()).toBe(11)
    expect((await other.locator('.stop-list .stop-name').allTextContents()).sort()).toEqual(SITES.map((s) => s.location.name).sort())
    expect(await other.getByLabel('Date').inputValue()).toBe(DATE)
    expect(await other.locator('.place-current').first().textContent()).toBe('Not set yet')

    expect(foreign(requests)).toEqual([])
    for (const r of requests) expect(r.url(), r.url()).not.toMatch(COORDINATE)
    expect(await context.cookies()).toEqual([])
    await context.close()
  })

  it('restores a shared plan with a typed start on a phone, plans it, and passes axe', async () => {
    const context = await browser.newContext(MOBILE)
    const requests = recordRequests(context)
    const page = await context.newPage()
    const hash = `#route=${TEN.map((id) => `site:${id}`).join(',')}&start=place:${ZIP}&dep=${DATE}T09:00&ret=17:00&min=15&vans=2&mode=driving`
    await page.goto(server.url + '/' + hash)
    await expect.poll(() => page.locator('#route-status').textContent(), { timeout: 20_000 }).toMatch(/^Route planned: 10 stops/)
    expect(await page.locator('#mode-route').getAttribute('aria-pressed')).toBe('true')
    expect(await page.locator('.place-current').first().textContent()).toMatch(/^Set: .*21201/)
    expect(await page.locator('.timeline .tl-stop').count()).toBe(10)
    await page.waitForSelector('.route-marker')
    // Touch targets: every button in the planner is at least 44 px tall.
    const small = await page
      .locator('.route-panel button:visible')
      .evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height < 44).map((e) => e.textContent))
    expect(small).toEqual([])
    await page.screenshot({ path: `${SCREENSHOTS}/route-mobile.png` })
    await page.getByRole('button', { name: 'Show the route on the map' }).click()
    // Wait for what the screenshot is of, not for a while: the map and a stop marker in view.
    await page.locator('#map').waitFor({ state: 'visible' })
    await expect.poll(() => page.locator('.route-marker').first().isVisible()).toBe(true)
    await page.screenshot({ path: `${SCREENSHOTS}/route-mobile-map.png` })
    expect(await axeViolations(page)).toEqual([])
    await page.click('#lang-switch')
    await expect.poll(() => page.locator('.route-panel h2').first().textContent()).toBe('Planear una ruta de alcance')
    expect(await page.locator('.tl-arrival').first().textContent()).toMatch(/^Llega \d/)
    expect(await axeViolations(page)).toEqual([])
    // The typed place went to the geocoder as typed, in a POST body; no coordinates or ZIP in any URL.
    const geocodes = requests.filter((r) => new URL(r.url()).pathname === '/api/v1/geocode')
    expect(geocodes.map((r) => [r.method(), JSON.parse(r.postData() ?? '{}').q])).toContainEqual(['POST', ZIP])
    for (const r of requests) {
      expect(r.url(), r.url()).not.toMatch(COORDINATE)
      expect(r.url(), r.url()).not.toContain(ZIP)
    }
    expect(foreign(requests)).toEqual([])
    await context.close()
  })
})
