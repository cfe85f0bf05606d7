/**
 * The route planner says what its times rest on and gives outreach workers what they need on
 * the road, in a real browser: without a road router the plan and the run sheet say the times
 * are straight-line estimates (with the detour factor and speed); distances read in miles,
 * or kilometres at a toggle; each stop card has a call link (when the site has a phone) and
 * directions; the run sheet runs from the start to the return; a plan with demo listings says
 * so; a departure already past is flagged with a way out; and two stops at the same point get
 * two readable markers.
 */
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SiteRecord } from '../../server/directory/site-record.js'
import { en } from '../../web/src/i18n/en.js'
import { defaultDay, departureInPast, soonestDeparture } from '../../web/src/route-model.js'
import { initialRouteState, reduce } from '../../web/src/route-state.js'
import { distanceLabel, estimateNotes, speedLabel } from '../../web/src/route-text.js'
import { hours, site } from '../helpers/sites.js'
import { axeViolations, CENTRE, DESKTOP, launchBrowser, MOBILE, SCREENSHOTS, startWebServer, type WebServer } from './helpers.js'

const ALL_DAY = [hours('MO,TU,WE,TH,FR,SA,SU', '07:00', '20:00')]
const near = (km: number) => ({ lat: CENTRE.lat + km / 111.2, lon: CENTRE.lon + km / 86 })
const TWIN = near(1.5)

/** Two sites in one building (the same point), one without a phone, and a demo listing. */
const SITES: SiteRecord[] = [
  site({ id: 'twin-a', name: 'Greenmount Drop-in (2nd floor)', ...TWIN, hours: ALL_DAY }),
  site({ id: 'twin-b', name: 'Greenmount Syringe Services', ...TWIN, hours: ALL_DAY }),
  { ...site({ id: 'no-phone', name: 'Park Corner Outreach', ...near(-1.2), hours: ALL_DAY }), phones: [] },
  site({ id: 'demo-1', name: 'Sample Harm Reduction Hub', ...near(2.5), hours: ALL_DAY, demo: true }),
]

/** A day well ahead (so the departure is not in the past), as YYYY-MM-DD. */
const AHEAD = (() => {
  const d = new Date(Date.now() + 7 * 86_400_000)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
})()
const link = (ids: string[], date = AHEAD) =>
  `/#route=${ids.map((id) => `site:${id}`).join(',')}&start=place:21201&dep=${date}T09:00&ret=17:00&min=15&vans=1&mode=driving`

let server: WebServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startWebServer(SITES), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const planned = (page: Page) => expect.poll(() => page.locator('#route-status').textContent(), { timeout: 20_000 }).toMatch(/^Route planned: \d+ stops?/)
const card = (page: Page, name: string) => page.locator('.timeline .tl-stop', { hasText: name })
const overlap = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

async function markerBoxes(markers: Locator) {
  const boxes = []
  for (let i = 0; i < (await markers.count()); i++) boxes.push((await markers.nth(i).boundingBox())!)
  return boxes
}

describe('what the plan rests on (no browser)', () => {
  it('words distances and speeds in miles by default, kilometres on request', () => {
    expect(distanceLabel(12.3, 'mi', en, 'en')).toBe('7.6 mi')
    expect(distanceLabel(56, 'mi', en, 'en')).toBe('35 mi')
    expect(distanceLabel(12.3, 'km', en, 'en')).toBe('12 km')
    expect(speedLabel(35, 'mi', en, 'en')).toBe('22 mph')
    expect(speedLabel(35, 'km', en, 'en')).toBe('35 km/h')
  })

  it('says times are straight-line estimates whenever no road router answered, and nothing for road times', () => {
    const travel = {
      source: 'great_circle',
      mode: 'driving',
      note: null,
      speed_kmh: 35,
      detour_factor: 1.35,
      highway_after_km: 10,
      highway_speed_kmh: 80,
    }
    expect(estimateNotes(travel, 'mi', en, 'en')).toEqual([
      'Times are estimated from straight-line distance (×\u00a01.35 detour factor, at 22 mph for the first 6.2 mi of each leg and 50 mph beyond), not roads. Allow extra time.',
    ])
    // A speed the caller chose holds throughout.
    expect(estimateNotes({ ...travel, speed_kmh: 20, highway_after_km: null, highway_speed_kmh: null }, 'mi', en, 'en')).toEqual([
      'Times are estimated from straight-line distance (×\u00a01.35 detour factor at 12 mph), not roads. Allow extra time.',
    ])
    const failed = { ...travel, note: 'road times unavailable (TimeoutError); using straight-line estimates' }
    expect(estimateNotes(failed, 'km', en, 'en')).toEqual([en.roadTimesUnavailable, expect.stringContaining('at 35 km/h for the first 10 km')])
    expect(
      estimateNotes(
        { source: 'osrm', mode: 'driving', note: null, speed_kmh: null, detour_factor: null, highway_after_km: null, highway_speed_kmh: null },
        'mi',
        en,
        'en',
      ),
    ).toEqual([])
  })

  it('states straight-line estimates, reads in miles or km, links each stop, and runs the sheet from start to return', async () => {
    const context = await browser.newContext(DESKTOP)
    const page = await context.newPage()
    await page.goto(server.url + link(['twin-a', 'twin-b', 'no-phone']))
    await planned(page)

    // No road router here: the plan says how its times were made, with the factor and the speed.
    const notice =
      'Times are estimated from straight-line distance (×\u00a01.35 detour factor, at 22 mph for the first 6.2 mi of each leg and 50 mph beyond), not roads. Allow extra time.'
    expect(await page.locator('.route-result .travel-note').allTextContents()).toEqual([notice])
    expect(await page.locator('.demo-plan').count()).toBe(0)

    // Miles by default; the toggle switches to kilometres without planning again, and back.
    const summary = page.locator('.van-summary').first()
    expect(await summary.textContent()).toMatch(/ · \d+(\.\d)? mi$/)
    expect(await page.getByLabel('miles').isChecked()).toBe(true)
    const miles = Number((await summary.textContent())!.match(/([\d.]+) mi$/)![1])
    await page.getByLabel('kilometers').check()
    await expect.poll(() => summary.textContent()).toMatch(/ · \d+(\.\d)? km$/)
    const km = Number((await summary.textContent())!.match(/([\d.]+) km$/)![1])
    expect(km / miles).toBeGreaterThan(1.5)
    expect(km / miles).toBeLessThan(1.72)
    expect(await page.locator('.route-result .travel-note').textContent()).toContain('at 35 km/h for the first 10 km of each leg and 80 km/h beyond')
    expect(await page.locator('.stale-plan').count()).toBe(0)
    expect(await page.locator('#route-status').textContent()).toMatch(/^Route planned: 3 stops/)
    await page.getByLabel('miles').check()
    await expect.poll(() => summary.textContent()).toMatch(/ mi$/)

    // Each stop card: a call link when the site has a phone, and directions always.
    const twin = card(page, 'Greenmount Drop-in')
    expect(await twin.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:+14105550100')
    expect(await twin.locator('a[href^="tel:"]').textContent()).toBe('Call (410) 555-0100 — Greenmount Drop-in (2nd floor)')
    expect(await card(page, 'Park Corner Outreach').locator('a[href^="tel:"]').count()).toBe(0)
    for (const name of ['Greenmount Drop-in', 'Greenmount Syringe Services', 'Park Corner Outreach']) {
      const href = await card(page, name).locator('a.directions').getAttribute('href')
      expect(href, name).toMatch(/^https:\/\/www\.openstreetmap\.org\/directions\?to=/)
    }
    for (const box of await markerBoxes(page.locator('.tl-links a'))) expect(box.height).toBeGreaterThanOrEqual(44)

    // Two stops at the same point: two markers, both visible, neither covering the other's number.
    await page.waitForSelector('.route-marker')
    const twins = page.locator('.route-marker[aria-label*="Greenmount"]')
    expect(await twins.count()).toBe(2)
    for (const m of await twins.all()) expect(await m.isVisible()).toBe(true)
    let [a, b] = await markerBoxes(twins)
    expect(overlap(a!, b!)).toBe(false)
    // Still apart after zooming out (they are regrouped at each zoom).
    await page.locator('.leaflet-control-zoom-out').click()
    await page.waitForTimeout(400)
    ;[a, b] = await markerBoxes(twins)
    expect(overlap(a!, b!)).toBe(false)
    await page.screenshot({ path: `${SCREENSHOTS}/planner-desktop-en.png` })
    await card(page, 'Greenmount Drop-in').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/planner-desktop-cards-en.png` })
    expect(await axeViolations(page)).toEqual([])

    // The run sheet: the start and leaving time first, the return last, and the estimate notice.
    await page.emulateMedia({ media: 'print' })
    const rows = page.locator('.run-sheet tbody tr')
    expect(await rows.count()).toBe(5)
    const first = rows.first()
    const last = rows.last()
    expect(await first.getAttribute('data-role')).toBe('start')
    expect(await first.textContent()).toMatch(/^9 amLeave from .*21201/)
    expect(await last.getAttribute('data-role')).toBe('end')
    expect(await last.textContent()).toMatch(/^\d{1,2}(:\d\d)? (am|pm)Back at .*21201/)
    const back = (await page.locator('.van-summary').first().textContent())!.match(/back at ([^·]+) ·/)![1]!.trim()
    expect(await last.locator('td').nth(2).textContent()).toBe(back)
    expect(await page.locator('.run-sheet .travel-note').textContent()).toBe(notice)
    expect(await page.locator('.run-sheet .travel-note').isVisible()).toBe(true)
    await page.screenshot({ path: `${SCREENSHOTS}/planner-print-en.png`, fullPage: true })
    await page.emulateMedia({ media: 'screen' })

    // In Spanish: the same notice, distances still in miles (the U.S.).
    await page.click('#lang-switch')
    await expect
      .poll(() => page.locator('.route-result .travel-note').textContent())
      .toBe(
        'Los tiempos se calculan con la distancia en línea recta (×\u00a01.35 por desvíos, a 22 mph los primeros 6.2 mi de cada tramo y a 50 mph después), no por las calles. Deje tiempo de sobra.',
      )
    expect(await page.locator('.van-summary').first().textContent()).toMatch(/ mi$/)
    expect(await card(page, 'Greenmount Drop-in').locator('a[href^="tel:"]').textContent()).toMatch(/^Llamar al \(410\) 555-0100/)
    await page.screenshot({ path: `${SCREENSHOTS}/planner-desktop-es.png` })
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.run-sheet tbody tr').first().textContent()).toMatch(/^9 a\. m\.Salida desde .*21201/)
    expect(await page.locator('.run-sheet tbody tr').last().textContent()).toMatch(/Regreso a .*21201/)
    // Spanish names a ZIP as "código postal" on the sheet and the page alike.
    expect(await page.locator('.run-sheet').innerText()).toContain('Salida desde código postal 21201')
    expect(await page.locator('body').innerText()).not.toMatch(/\bZIP\b/)
    await page.screenshot({ path: `${SCREENSHOTS}/planner-print-es.png`, fullPage: true })
    await page.emulateMedia({ media: 'screen' })
    expect(await axeViolations(page)).toEqual([])
    expect(await context.cookies()).toEqual([])
    await context.close()
  })

  it('warns on screen and on the run sheet when a stop is a demo listing, at 360 px', async () => {
    const context = await browser.newContext({ ...MOBILE, viewport: { width: 360, height: 780 } })
    const page = await context.newPage()
    await page.goto(server.url + link(['demo-1', 'twin-a']))
    await planned(page)
    const warning = 'This plan includes demo listings — not real places.'
    expect(await page.locator('.route-result .demo-plan').textContent()).toBe(`⚠ ${warning}`)
    expect(await card(page, 'Sample Harm Reduction Hub').locator('.demo-tag').textContent()).toBe('Demo listing — not a real service')
    expect(await card(page, 'Greenmount Drop-in').locator('.demo-tag').count()).toBe(0)
    expect(await page.locator('.route-result .travel-note').count()).toBe(1)
    const small = await page
      .locator('.route-panel button:visible, .route-panel .tl-links a:visible')
      .evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height < 44).map((e) => e.textContent))
    expect(small).toEqual([])
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)
    expect(overflow).toBe(false)
    await page.locator('.route-result .demo-plan').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/planner-mobile-en.png` })
    await card(page, 'Sample Harm Reduction Hub').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/planner-mobile-card-en.png` })
    expect(await axeViolations(page)).toEqual([])

    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.run-sheet .demo-plan').textContent()).toBe(`⚠ ${warning}`)
    expect(await page.locator('.run-sheet .demo-plan').isVisible()).toBe(true)
    await page.emulateMedia({ media: 'screen' })

    await page.click('#lang-switch')
    await expect
      .poll(() => page.locator('.route-result .demo-plan').textContent())
      .toBe('⚠ Este plan incluye listados de demostración — no son lugares reales.')
    await page.locator('.route-result .demo-plan').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/planner-mobile-es.png` })
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })

  it('starts a planner opened at 3 pm from the next quarter hour, and flags a departure typed in the past', async () => {
    const context = await browser.newContext({ ...MOBILE, viewport: { width: 360, height: 780 } })
    const page = await context.newPage()
    await page.clock.setFixedTime(new Date('2026-12-02T15:07:00-05:00'))
    await page.goto(server.url + '/')
    await page.locator('#mode-route').click()
    // By type, not label: the labels change language below.
    const date = page.locator('.settings input[type="date"]')
    const leave = page.locator('.settings input[type="time"]').first()
    await expect.poll(() => leave.inputValue()).toBe('15:15')
    expect(await page.getByLabel('Leave at').count()).toBe(1)
    expect(await date.inputValue()).toBe('2026-12-02')
    expect(await page.getByLabel('Back by').inputValue()).toBe('19:15')
    expect(await page.locator('.past-departure').count()).toBe(0)
    // Another day gets the usual 09:00–17:00 (focus stays on the date); today again, the next quarter hour.
    await date.fill('2026-12-04')
    await date.dispatchEvent('change')
    await expect.poll(() => leave.inputValue()).toBe('09:00')
    expect(await page.getByLabel('Back by').inputValue()).toBe('17:00')
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('date')
    await date.fill('2026-12-02')
    await date.dispatchEvent('change')
    await expect.poll(() => leave.inputValue()).toBe('15:15')

    // 09:00 typed at 3 pm: flagged, with "start now" and "tomorrow".
    await leave.fill('09:00')
    await leave.dispatchEvent('change')
    const warning = page.locator('.past-departure')
    await expect.poll(() => warning.locator('p').first().textContent()).toBe('⚠ Departure 9 am is in the past — start now or pick tomorrow.')
    expect(await warning.getAttribute('role')).toBe('alert')
    await warning.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/planner-past-en.png` })
    expect(await axeViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Tomorrow at 9 am' }).click()
    await expect.poll(() => date.inputValue()).toBe('2026-12-03')
    expect(await leave.inputValue()).toBe('09:00')
    expect(await warning.count()).toBe(0)

    // A day gone by is flagged with its date; "start now" takes the next quarter hour today.
    await date.fill('2026-12-01')
    await date.dispatchEvent('change')
    await expect.poll(() => warning.locator('p').first().textContent()).toBe('⚠ Departure Dec 1, 2026, 9 am is in the past — start now or pick tomorrow.')
    await page.click('#lang-switch')
    await expect.poll(() => warning.locator('p').first().textContent()).toBe('⚠ La salida (1 dic 2026, 9 a. m.) ya pasó — salga ahora o elija mañana.')
    await warning.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/planner-past-es.png` })
    await page.getByRole('button', { name: 'Salir ahora (3:15 p. m.)' }).click()
    await expect.poll(() => leave.inputValue()).toBe('15:15')
    expect(await date.inputValue()).toBe('2026-12-02')
    expect(await warning.count()).toBe(0)
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('time')
    await context.close()
  })
})
