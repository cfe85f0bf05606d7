/**
 * The page says what the geocoder did with a typed place: "Which Springfield?" with a button
 * per Springfield (picking Massachusetts searches there), a note when a street address was
 * matched only to its city, a neighbourhood found by name — in English and Spanish, on a
 * phone and a desktop, axe-clean, with the typed text never in a request URL. The route
 * planner's typed start asks the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, BrowserContextOptions, Page, Request } from 'playwright-core'
import type { SearchResponse } from '../../common/contract/search.js'
import { site } from '../helpers/sites.js'
import { axeViolations, DESKTOP, launchBrowser, SCREENSHOTS, startWebServer, type WebServer } from './helpers.js'

/** One site in each place the tests type, near where the offline geocoder puts it. */
const SITES = [
  site({ id: 'springfield-ma', name: 'Holyoke Street Harm Reduction', lat: 42.105, lon: -72.595, services: ['naloxone'] }),
  site({ id: 'springfield-mo', name: 'Ozarks Naloxone Program', lat: 37.21, lon: -93.29, services: ['naloxone'] }),
  site({ id: 'boyle-heights', name: 'Eastside LA Syringe Access', lat: 34.036, lon: -118.21, services: ['syringe_services'] }),
  site({ id: 'washington-dc', name: 'Capitol Hill Health Van', lat: 38.893, lon: -77.02, services: ['naloxone'] }),
]
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US' }
/** Words of what the tests type: none may appear in any request's URL. */
const TYPED = /springfield|pennsylvania|boyle|heights|washington/i

let server: WebServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startWebServer(SITES), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function openPage(options: BrowserContextOptions = DESKTOP): Promise<{ context: BrowserContext; page: Page; requests: Request[] }> {
  const context = await browser.newContext(options)
  const requests: Request[] = []
  context.on('request', (r) => requests.push(r))
  const page = await context.newPage()
  await page.goto(server.url + '/')
  return { context, page, requests }
}

/** Types a place and submits it; resolves to the search answer. */
async function searchFor(page: Page, text: string): Promise<SearchResponse> {
  await page.fill('#near', text)
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/search')), page.press('#near', 'Enter')])
  return (await response.json()) as SearchResponse
}

const cardIds = (page: Page) => page.locator('.card').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))
const expectNoTypedTextInUrls = (requests: Request[]) => {
  expect(requests.length).toBeGreaterThan(0)
  for (const r of requests) expect(decodeURIComponent(r.url()), r.url()).not.toMatch(TYPED)
}

describe('the page says what the geocoder did', () => {
  it('asks "Which Springfield?" and searches Springfield, MA when it is picked with the keyboard', async () => {
    const { context, page, requests } = await openPage()
    const first = await searchFor(page, 'Springfield')
    expect(first.origin).toMatchObject({ ambiguous: true })
    const chooser = page.getByRole('group', { name: 'Which Springfield?' })
    await chooser.waitFor()
    const options = await chooser.locator('button').allTextContents()
    expect(options.length).toBeGreaterThanOrEqual(5)
    for (const state of ['IL', 'MA', 'MO'])
      expect(
        options.some((o) => o.startsWith(`Springfield, ${state}`)),
        state,
      ).toBe(true)
    // The search went ahead for the largest, and says so; its button is marked as the one shown.
    await expect.poll(() => page.locator('.place-choice-intro').textContent()).toBe('Showing results near Springfield, MO for now. Choose the one you meant:')
    expect(await chooser.locator('[aria-current="true"]').textContent()).toMatch(/^Springfield, MO/)
    await page.screenshot({ path: `${SCREENSHOTS}/geocode-choice-desktop-en.png` })
    expect(await axeViolations(page)).toEqual([])
    await page.click('#lang-switch')
    await page.getByRole('group', { name: '¿A qué Springfield se refiere?' }).waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/geocode-choice-desktop-es.png` })
    await page.click('#lang-switch')

    const ma = chooser.getByRole('button', { name: /^Springfield, MA/ })
    await ma.focus()
    const [answer] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/search')), page.keyboard.press('Enter')])
    const body = (await answer.json()) as SearchResponse
    expect(body.origin.lat).toBeCloseTo(42.1, 1)
    expect(body.origin.lon).toBeCloseTo(-72.6, 1)
    expect(body.origin).toMatchObject({ label: 'Springfield, MA', ambiguous: false })
    await expect.poll(() => cardIds(page)).toEqual(['springfield-ma'])
    expect(await page.inputValue('#near')).toBe('Springfield, MA')
    await expect.poll(() => page.locator('.place-choice').count()).toBe(0)
    await expect.poll(() => page.locator('#result-count').textContent()).toMatch(/near Springfield, MA/)
    expectNoTypedTextInUrls(requests)
    await context.close()
  })

  it('says a street address was matched only to its city, and finds Boyle Heights', async () => {
    const { context, page, requests } = await openPage()
    const dc = await searchFor(page, '1600 Pennsylvania Ave NW, Washington, DC')
    expect(dc.origin).toMatchObject({ label: 'Washington, DC', notice: 'address_approximated' })
    await expect
      .poll(() => page.locator('.place-approximated').textContent())
      .toBe('Showing results near Washington, DC — street addresses need a geocoder (see GEOCODER in the README).')
    await expect.poll(() => cardIds(page)).toEqual(['washington-dc'])
    await page.screenshot({ path: `${SCREENSHOTS}/geocode-address-desktop-en.png` })
    expect(await axeViolations(page)).toEqual([])
    await page.click('#lang-switch')
    await expect.poll(() => page.locator('.place-approximated').textContent()).toMatch(/^Resultados cerca de Washington, DC/)
    await page.screenshot({ path: `${SCREENSHOTS}/geocode-address-desktop-es.png` })
    await page.click('#lang-switch')

    const boyle = await searchFor(page, 'Boyle Heights')
    expect(boyle.origin).toMatchObject({ match: 'neighbourhood', label: 'Boyle Heights, Los Angeles, CA' })
    await expect.poll(() => cardIds(page)).toEqual(['boyle-heights'])
    await expect.poll(() => page.locator('#place-note').isHidden()).toBe(true)
    await expect.poll(() => page.locator('#result-count').textContent()).toMatch(/near Boyle Heights, Los Angeles, CA/)
    expectNoTypedTextInUrls(requests)
    await context.close()
  })

  it('asks and explains in Spanish on a 360 px phone, with touch-sized choices', async () => {
    const { context, page, requests } = await openPage(PHONE)
    await searchFor(page, 'Springfield')
    await page.getByRole('group', { name: 'Which Springfield?' }).waitFor()
    await page.screenshot({ path: `${SCREENSHOTS}/geocode-choice-360-en.png` })
    await page.click('#lang-switch')
    const chooser = page.getByRole('group', { name: '¿A qué Springfield se refiere?' })
    await chooser.waitFor()
    expect(await page.locator('.place-choice-intro').textContent()).toBe(
      'Por ahora se muestran resultados cerca de Springfield, MO. Elija el lugar que buscaba:',
    )
    expect(await chooser.locator('button').first().textContent()).toMatch(/habitantes$/)
    const small = await chooser
      .locator('button')
      .evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height < 44 || e.getBoundingClientRect().right > 360).length)
    expect(small).toBe(0)
    await page.evaluate(() => document.getElementById('results-heading')?.scrollIntoView({ block: 'start' }))
    await page.screenshot({ path: `${SCREENSHOTS}/geocode-choice-360-es.png` })
    expect(await axeViolations(page)).toEqual([])

    await searchFor(page, '1600 Pennsylvania Ave NW, Washington, DC')
    await expect
      .poll(() => page.locator('.place-approximated').textContent())
      .toBe('Resultados cerca de Washington, DC: para buscar por dirección hace falta un geocodificador (vea GEOCODER en el README).')
    await page.screenshot({ path: `${SCREENSHOTS}/geocode-address-360-es.png` })
    expect(await axeViolations(page)).toEqual([])
    await page.click('#lang-switch')
    await expect.poll(() => page.locator('.place-approximated').textContent()).toMatch(/^Showing results near Washington, DC/)
    await page.evaluate(() => document.getElementById('results-heading')?.scrollIntoView({ block: 'start' }))
    await page.screenshot({ path: `${SCREENSHOTS}/geocode-address-360-en.png` })
    expectNoTypedTextInUrls(requests)
    await context.close()
  })

  it('the route planner asks which Springfield for a typed start, and says when an address became its city', async () => {
    const { context, page, requests } = await openPage()
    await page.getByRole('button', { name: 'Plan a route' }).click()
    const start = page.locator('.route-places fieldset').first()
    const input = start.getByLabel('Type a place, ZIP or address')
    await input.fill('Springfield')
    await input.press('Enter')
    const chooser = start.getByRole('group', { name: 'Which Springfield?' })
    await chooser.waitFor()
    // Nothing is set until one is chosen; focus is on the first choice.
    expect(await start.locator('.place-current').textContent()).toBe('Not set yet')
    expect(await page.evaluate(() => document.activeElement?.closest('.place-choice') !== null)).toBe(true)
    await page.screenshot({ path: `${SCREENSHOTS}/geocode-route-choice-desktop-en.png` })
    expect(await axeViolations(page)).toEqual([])
    await chooser.getByRole('button', { name: /^Springfield, MA/ }).click()
    await expect.poll(() => page.locator('.route-places fieldset').first().locator('.place-current').textContent()).toBe('Set: Springfield, MA')

    const again = page.locator('.route-places fieldset').first()
    await again.getByLabel('Type a place, ZIP or address').fill('1600 Pennsylvania Ave NW, Washington, DC')
    await again.getByLabel('Type a place, ZIP or address').press('Enter')
    await expect.poll(() => page.locator('.route-places fieldset').first().locator('.place-current').textContent()).toBe('Set: Washington, DC')
    await expect
      .poll(() => page.locator('.route-places fieldset').first().locator('.place-approximated').textContent())
      .toBe('Using the middle of Washington, DC — street addresses need a geocoder (see GEOCODER in the README).')
    const geocodes = requests.filter((r) => r.url().endsWith('/api/v1/geocode'))
    expect(geocodes.length).toBe(2)
    for (const r of geocodes) expect(r.method()).toBe('POST')
    expectNoTypedTextInUrls(requests)
    await context.close()
  })
})
