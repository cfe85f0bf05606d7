/**
 * Result cards and the detail panel say the truth in plain words, in English and Spanish (issue 15):
 * - two pharmacies the source placed at their ZIP code's centre say "Approximate location (ZIP area)",
 *   "about 1 mi" (not "0 mi"), that they share one map point, and send directions to their address;
 * - a site open around the clock says "Open 24 hours" (and one line for the week, not seven);
 * - what a place is, in words ("Pharmacy" / "Farmacia"), and its sources by name, never a code;
 * - Spanish says "código postal", never "ZIP", and no sentence ends in "..".
 * Screenshots at 360 px and desktop, EN and ES: test-artifacts/screenshots/cards-*.png.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SiteRecord } from '../../server/directory/site-record.js'
import { hours, site } from '../helpers/sites.js'
import { CENTRE, DESKTOP, launchBrowser, SCREENSHOTS, startWebServer, ZIP, type WebServer } from './helpers.js'

const north = (km: number) => ({ lat: CENTRE.lat + km / 111.2, lon: CENTRE.lon })
const ALWAYS = [hours('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')]
const WEEKDAYS = [hours('MO,TU,WE,TH,FR', '09:00', '17:00')]
const PHONE_360: BrowserContextOptions = { ...DESKTOP, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

/** A site from a source, with its own street address and how precisely it is placed. */
function placed(spec: Parameters<typeof site>[0], source: string, address1: string, precision: SiteRecord['location']['geocodePrecision']): SiteRecord {
  const s = site(spec)
  return { ...s, source, location: { ...s.location, address1, geocodePrecision: precision } }
}

/** Both pharmacies sit on 21201's centroid: the state's list gives only their ZIP codes. */
const REAL: SiteRecord[] = [
  placed(
    {
      id: 'pharm-a',
      name: 'Greene Street Pharmacy',
      ...CENTRE,
      types: ['pharmacy'],
      services: ['buprenorphine', 'naloxone'],
      payment: ['medicaid', 'private_insurance', 'self_pay'],
    },
    'nys_esap_pharmacies',
    '100 N Greene St',
    'zip_centroid',
  ),
  placed(
    { id: 'pharm-b', name: 'Lexington Drug', ...CENTRE, types: ['pharmacy'], services: ['naloxone', 'syringe_services'], hours: WEEKDAYS },
    'nys_esap_pharmacies',
    '200 W Lexington St',
    'zip_centroid',
  ),
  placed(
    { id: 'open-24h', name: 'Charm City Crisis Center', ...north(1), types: ['treatment'], services: ['methadone', 'buprenorphine'], hours: ALWAYS },
    'samhsa_otp',
    '5 E Read St',
    'exact',
  ),
]
const DEMO: SiteRecord[] = [{ ...site({ id: 'demo-van', name: 'Demo Outreach Van', ...north(0.5), demo: true, access: ['mobile_unit'] }), source: 'demo' }]

let browser: Browser
let real: WebServer
let demo: WebServer

beforeAll(async () => {
  ;[browser, real, demo] = await Promise.all([launchBrowser(), startWebServer(REAL), startWebServer(DEMO)])
})
afterAll(async () => {
  await browser?.close()
  await Promise.all([real?.close(), demo?.close()])
})

async function searchZip(server: WebServer, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  await page.goto(`${server.url}/`)
  await page.fill('#near', ZIP)
  await page.press('#near', 'Enter')
  await page.waitForSelector('.card')
  return page
}
const card = (page: Page, id: string) => page.locator(`.card[data-id="${id}"]`)
/** The rendered text of the first match, its line breaks as spaces. */
const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim()
const pageText = (page: Page) => page.evaluate(() => document.body.innerText)
// The close button, not Escape: Escape twice is "Leave quickly".
const closeDetail = (page: Page) => page.locator('dialog[open] button.close').click()
const encodedAddress = (street: string) => encodeURIComponent(`${street}, Baltimore, MD 21201`)

/** What no page text may hold, in either language: a doubled period, or a snake_case code. */
async function expectCleanText(page: Page): Promise<void> {
  const body = await pageText(page)
  expect(body).not.toMatch(/\.\./)
  expect(body.match(/\b[a-z]+_[a-z_]+\b/g) ?? []).toEqual([])
}

describe('cards and detail say the truth in plain words', () => {
  for (const [size, options] of [
    ['desktop', DESKTOP],
    ['360', PHONE_360],
  ] as const) {
    it(`says approximate, shared and 24-hour in English and Spanish (${size})`, async () => {
      const page = await searchZip(real, options)
      const a = card(page, 'pharm-a')
      // The pharmacies, placed at the ZIP centroid: about how far, never "0 mi", one point for both.
      expect(await a.locator('.approx-badge').innerText()).toBe('≈ Approximate location (ZIP area)')
      expect(await a.locator('.distance').innerText()).toBe('about 1 mi')
      expect(await a.locator('.shared-point').innerText()).toBe('2 places share this point on the map')
      expect(await card(page, 'pharm-b').locator('.shared-point').innerText()).toBe('2 places share this point on the map')
      expect(await a.locator('.types').innerText()).toBe('Pharmacy')
      expect(await a.locator('.payment').innerText()).toBe('Accepts: Medicaid, Private insurance, Self-pay (cash)')
      // Directions go by the address, not the centroid's coordinates.
      const href = (await a.locator('a.directions').getAttribute('href')) ?? ''
      expect(href).toContain(encodedAddress('100 N Greene St'))
      expect(href).not.toContain(String(CENTRE.lat))
      // The exactly placed site: a distance to a tenth, no badge, no shared point, coordinates in the link.
      const c = card(page, 'open-24h')
      expect(await c.locator('.distance').innerText()).toBe('0.6 mi')
      expect(await c.locator('.approx-badge').count()).toBe(0)
      expect(await c.locator('.shared-point').isVisible()).toBe(false)
      expect(await c.locator('a.directions').getAttribute('href')).toContain(String(REAL[2]!.location.latitude).slice(0, 7))
      expect(await c.locator('.status').innerText()).toBe('Open 24 hours')
      expect(await c.locator('.types').innerText()).toBe('Substance use treatment')
      await expectCleanText(page)
      await page.screenshot({ path: `${SCREENSHOTS}/cards-list-${size}.png`, fullPage: true })
      await a.screenshot({ path: `${SCREENSHOTS}/cards-card-${size}.png` })

      // The detail panel of a pharmacy: the badge with what it means, directions by address.
      await a.locator('.name-button').click()
      await page.waitForSelector('dialog[open] .approx-location')
      expect(await text(page, 'dialog[open] .approx-location')).toBe(
        '≈ Approximate location (ZIP area) The map point is the middle of the area, not the door. Directions use the address.',
      )
      expect(await page.locator('dialog[open] a.directions').getAttribute('href')).toBe(
        `https://www.openstreetmap.org/directions?to=${encodedAddress('100 N Greene St')}`,
      )
      expect(await text(page, 'dialog[open] .detail-section:has(h3:text("Sources"))')).toContain('New York State syringe access pharmacies (ESAP)')
      await expectCleanText(page)
      await closeDetail(page)

      // The 24-hour site: one line for the week; its source by name.
      await c.locator('.name-button').click()
      await page.waitForSelector('dialog[open] .hours')
      expect(await text(page, 'dialog[open] .hours')).toBe('Open 24 hours, every day')
      expect(await text(page, 'dialog[open] .meta')).toBe('Open 24 hours')
      const sources = await text(page, 'dialog[open] .detail-section:has(h3:text("Sources"))')
      expect(sources).toContain('SAMHSA opioid treatment programs')
      expect(sources).not.toContain('samhsa_otp')
      await expectCleanText(page)
      await page.screenshot({ path: `${SCREENSHOTS}/cards-detail-${size}.png`, fullPage: size === '360' })
      await closeDetail(page)

      // Spanish: every word, "código postal" and never "ZIP".
      await page.click('#lang-switch')
      await expect.poll(() => a.locator('.approx-badge').innerText()).toBe('≈ Ubicación aproximada (zona del código postal)')
      expect(await a.locator('.distance').innerText()).toBe('aprox. 1 mi')
      expect(await a.locator('.shared-point').innerText()).toBe('2 lugares comparten este punto del mapa')
      expect(await a.locator('.types').innerText()).toBe('Farmacia')
      expect(await a.locator('.payment').innerText()).toBe('Acepta: Medicaid, Seguro privado, Pago propio (efectivo)')
      expect(await c.locator('.status').innerText()).toBe('Abierto las 24 horas')
      expect(await page.locator('#result-count').innerText()).toMatch(/^3 lugares cerca del código postal 21201/)
      expect(await pageText(page)).not.toMatch(/\bZIP\b/)
      await expectCleanText(page)
      await page.screenshot({ path: `${SCREENSHOTS}/cards-list-${size}-es.png`, fullPage: true })
      await a.screenshot({ path: `${SCREENSHOTS}/cards-card-${size}-es.png` })

      await a.locator('.name-button').click()
      await page.waitForSelector('dialog[open] .approx-location')
      expect(await text(page, 'dialog[open] .approx-location')).toBe(
        '≈ Ubicación aproximada (zona del código postal) El punto del mapa es el centro de la zona, no la puerta. Las indicaciones usan la dirección.',
      )
      expect(await text(page, 'dialog[open] .detail-section:has(h3:text("Fuentes"))')).toContain(
        'Farmacias con acceso a jeringas del estado de Nueva York (ESAP)',
      )
      expect(await pageText(page)).not.toMatch(/\bZIP\b/)
      await expectCleanText(page)
      await page.screenshot({ path: `${SCREENSHOTS}/cards-detail-${size}-es.png`, fullPage: size === '360' })
      await closeDetail(page)
      await c.locator('.name-button').click()
      await page.waitForSelector('dialog[open] .hours')
      expect(await text(page, 'dialog[open] .hours')).toBe('Abierto las 24 horas, todos los días')
      await page.context().close()
    })
  }

  it('names demo data as demo data, and a mobile unit as a mobile unit, in both languages', async () => {
    const page = await searchZip(demo, PHONE_360)
    const van = card(page, 'demo-van')
    expect(await van.locator('.types').innerText()).toBe('Harm reduction / syringe services program · Mobile unit')
    await van.locator('.name-button').click()
    await page.waitForSelector('dialog[open] .detail-section')
    const sources = () => text(page, 'dialog[open] .detail-section:has(h3:text-matches("Sources|Fuentes"))')
    expect(await sources()).toMatch(/Demo data \(made up\)/)
    expect(await sources()).not.toMatch(/\bdemo\b/)
    await closeDetail(page)
    await page.click('#lang-switch')
    await expect.poll(() => van.locator('.types').innerText()).toBe('Reducción de daños / programa de jeringas · Unidad móvil')
    await van.locator('.name-button').click()
    await page.waitForSelector('dialog[open] .detail-section')
    expect(await sources()).toMatch(/Datos de demostración \(inventados\)/)
    expect(await sources()).not.toMatch(/\b(demo|Fuente: demo)\b/i)
    await expectCleanText(page)
    await page.context().close()
  })
})
