/**
 * The map page in a real browser: a ZIP search shows the nearest places in the list and on
 * the map; chips filter; list and map follow each other; the keyboard alone reaches a phone
 * link; Spanish; the detail panel, where a listing comes from, and "Report a problem".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { sql } from 'kysely'
import { runImport } from '../../server/importers/pipeline.js'
import { simpleCsvMapping, tempFile } from '../import/helpers.js'
import { findReportsForLocation } from '../../server/reports/repository.js'
import { createAvailabilityReport } from '../../server/reports/availability.js'
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

async function openPage(options = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  await page.goto(server.url + '/')
  return { context, page }
}

async function searchZip(page: Page, zip = ZIP): Promise<void> {
  await page.fill('#near', zip)
  await page.press('#near', 'Enter')
  await page.waitForSelector('.card')
}

/** The link "Share this search" offers (the page keeps the search out of its own address). */
async function sharedLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share this search' }).click()
  const link = await page.getByLabel('Link to this search').inputValue()
  await page.getByRole('button', { name: 'Share this search' }).click()
  return link
}

const cardNames = (page: Page) => page.locator('.card .name-button').allTextContents()
/** Waits until the list has settled on `n` cards (filters re-search after a short pause). */
const expectCards = (page: Page, n: number) =>
  page.waitForFunction((n) => document.querySelectorAll('.card').length === n && !/…/.test(document.getElementById('result-count')?.textContent ?? ''), n)

describe('the map page', () => {
  it('finds the nearest places to a ZIP code, nearest first, in the list and on the map', async () => {
    const { context, page } = await openPage()
    await searchZip(page)
    expect((await cardNames(page))[0]).toBe('Charm City Syringe Program')
    expect(await page.locator('.card').count()).toBe(7)
    await expect.poll(() => page.locator('#result-count').textContent()).toMatch(/7 places near ZIP 21201/)
    expect(await page.locator('#result-count').getAttribute('aria-live')).toBe('polite')
    // Numbered markers, and the three sites a few metres apart in one labelled cluster.
    await page.waitForSelector('.site-marker')
    expect(await page.locator('.site-marker[aria-label="1. Charm City Syringe Program"]').count()).toBe(1)
    await page.waitForSelector('.site-cluster[aria-label="3 sites here — zoom in"]')
    expect(await page.locator('.site-cluster').count()).toBe(1)
    // The card says how far, whether open, and when last verified.
    const first = page.locator('.card').first()
    await expect.poll(() => first.locator('.meta').textContent()).toMatch(/^0\.\d mi · Open 24 hours/)
    expect(await page.locator('.card[data-id="otp-closed"] .status').textContent()).toBe('Closed')
    expect(await page.locator('.card[data-id="group-a"] .status').textContent()).toBe('Hours not listed')
    // How fresh each listing is, in words and a badge: today, 200 days ago, 2024, never.
    expect(await page.locator('.card[data-id="ssp-24h"] .verified').textContent()).toBe('Verified today · ✓ Recent')
    expect(await page.locator('.card[data-id="otp-closed"] .verified').textContent()).toMatch(/^Verified \w{3} \d{1,2}, 20\d\d · ○ 6–12 months ago$/)
    expect(await page.locator('.card[data-id="clinic-old"] .verified').textContent()).toBe('Verified Mar 1, 2024 · ! Over a year ago: may be out of date')
    expect(await page.locator('.card[data-id="outreach-van"] .verified').textContent()).toBe('? Never verified')
    expect(await page.locator('.card[data-id="clinic-old"] .verified').getAttribute('class')).toBe('verified age-stale')
    expect(await page.locator('.card .age-icon[aria-hidden="true"]').count()).toBe(7)
    expect(await page.locator('.card[data-id="ssp-24h"] .public-note').textContent()).toBe(
      "Note from the listing's curators: Walk in any time; ask for the outreach team at the side door.",
    )
    expect(await page.locator('.card .public-note').count()).toBe(1)
    expect(await page.locator('text=Verification date not listed').count()).toBe(0)
    // Every site here is real: no demo banner (demo-only directories: tests/web/honest-page.test.ts).
    expect(await page.locator('#demo-banner').isVisible()).toBe(false)
    expect(page.url()).toBe(`${server.url}/`)
    expect(await sharedLink(page)).toBe(`${server.url}/#near=${ZIP}`)
    await context.close()
  })

  it('narrows to methadone with a chip, then to places open now, and keeps the filters in the shared link', async () => {
    const { context, page } = await openPage()
    await searchZip(page)
    await page.getByRole('checkbox', { name: 'Methadone' }).check()
    await expectCards(page, 1)
    expect(await cardNames(page)).toEqual(['Eastside Methadone Clinic'])
    expect(await sharedLink(page)).toContain('services=methadone')
    await page.getByRole('checkbox', { name: 'Methadone' }).uncheck()
    await page.getByRole('checkbox', { name: 'Open now' }).check()
    await expectCards(page, 2)
    expect(await cardNames(page)).toEqual(['Charm City Syringe Program', 'Westside Outreach Van'])
    // Any/all: naloxone OR methadone.
    await page.getByRole('checkbox', { name: 'Open now' }).uncheck()
    await page.getByRole('checkbox', { name: 'Naloxone (Narcan)' }).check()
    await page.getByRole('checkbox', { name: 'Methadone' }).check()
    await expectCards(page, 0)
    await page.getByRole('radio', { name: 'any of these' }).check()
    await expectCards(page, 4)
    const shared = await sharedLink(page)
    expect(shared).toContain('match=any')
    // The shared link restores the same search.
    const other = await context.newPage()
    await other.goto(shared)
    await other.waitForSelector('.card')
    await expectCards(other, 4)
    expect(await other.getByRole('checkbox', { name: 'Methadone' }).isChecked()).toBe(true)
    await context.close()
  })

  it('narrows to places verified within 6 months, and keeps that in the shared link', async () => {
    const { context, page } = await openPage()
    await searchZip(page)
    await page.locator('.more-filters summary').click()
    await page.getByLabel('Verified').selectOption({ label: 'Within 6 months' })
    // Today's and the 2026-10-01 listings stay; 200 days ago, 2024 and never-verified go.
    await expectCards(page, 4)
    expect(await cardNames(page)).toEqual(['Charm City Syringe Program', 'Midtown Naloxone Pharmacy', 'Midtown Recovery Center', 'Midtown Wound Care'])
    expect(await sharedLink(page)).toContain('verified=180')
    expect(await page.locator('.more-filters summary').textContent()).toBe('More filters (1 on)')
    await page.getByLabel('Verified').selectOption({ label: 'Within a year' })
    await expectCards(page, 5)
    expect(await cardNames(page)).toContain('Eastside Methadone Clinic')
    const other = await context.newPage()
    await other.goto(await sharedLink(page))
    await expectCards(other, 5)
    await other.locator('.more-filters summary').click()
    expect(await other.getByLabel('Verified').inputValue()).toBe('365')
    await page.getByLabel('Verified').selectOption({ label: 'Any time' })
    await expectCards(page, 7)
    expect(await sharedLink(page)).not.toContain('verified=')
    await context.close()
  })

  it('keeps list and map in step: focusing a card highlights its marker; clicking a marker focuses its card', async () => {
    const { context, page } = await openPage()
    await searchZip(page)
    await page.waitForSelector('.site-marker')
    await page.locator('.card[data-id="otp-closed"] .name-button').focus()
    await page.waitForSelector('.site-marker.is-active[aria-label="2. Eastside Methadone Clinic"]')
    expect(await page.locator('.card[data-id="otp-closed"]').getAttribute('class')).toContain('is-active')
    await page.locator('.site-marker[aria-label="4. Westside Outreach Van"]').click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.card')?.getAttribute('data-id'))).toBe('outreach-van')
    // A cluster opens on "Show on map" for a card inside it.
    await page.locator('.card[data-id="group-b"] [data-action="map"]').click()
    await page.waitForSelector('.site-marker.is-active[aria-label="6. Midtown Recovery Center"]')
    await context.close()
  })

  it("works by keyboard alone, from the search box to a result's phone link and its details", async () => {
    const { context, page } = await openPage()
    // Skip link, quick exit, the two language controls, the two mode buttons, then the search box.
    for (let i = 0; i < 8 && !(await page.evaluate(() => document.activeElement?.id === 'near')); i++) await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('near')
    await page.keyboard.type(ZIP)
    await page.keyboard.press('Enter')
    await page.waitForSelector('.card')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results-heading')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Share this search')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Charm City Syringe Program')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('tel:+14105550100')
    // Visible focus: an outline is drawn on the focused link.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe('solid')
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Enter')
    await page.waitForSelector('dialog[open] .report')
    expect(await page.locator('#detail-title').textContent()).toBe('Charm City Syringe Program')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Charm City Syringe Program')
    await context.close()
  })

  it('switches to Spanish, remembers only the language, and labels codes and map controls in Spanish', async () => {
    const { context, page } = await openPage()
    await searchZip(page)
    await page.click('#lang-switch')
    expect(await page.locator('html').getAttribute('lang')).toBe('es')
    expect(await page.locator('#results-heading').textContent()).toBe('Resultados')
    await expect.poll(() => page.locator('#result-count').textContent()).toMatch(/7 lugares cerca de/)
    expect(await page.getByRole('checkbox', { name: 'Metadona' }).count()).toBe(1)
    expect(await page.locator('.card[data-id="otp-closed"] .status').textContent()).toBe('Cerrado')
    await page.waitForSelector('.leaflet-control-zoom-in[aria-label="Acercar"]')
    await page.waitForSelector('.site-cluster[aria-label="3 lugares aquí — acerque el mapa"]')
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual({ 'hrl-lang': 'es' })
    // Only the language: the search lived in memory, so a reload starts afresh (in Spanish).
    await page.reload()
    await expect.poll(() => page.locator('#results-heading').textContent()).toBe('Resultados')
    expect(await page.locator('.card').count()).toBe(0)
    expect(page.url()).toBe(`${server.url}/`)
    await context.close()
  })

  it('shows a site in full and takes a problem report, which is stored without anything about the reporter', async () => {
    const { context, page } = await openPage()
    await searchZip(page)
    await page.locator('.card[data-id="otp-closed"] .name-button').click()
    await page.waitForSelector('dialog[open] .report')
    const dialog = page.locator('dialog[open]')
    expect(await dialog.locator('h4').allTextContents()).toEqual(['Treatment'])
    expect(await dialog.locator('.hours th').count()).toBe(7)
    expect(await dialog.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:+14105550100')
    expect(await dialog.locator('a[href*="openstreetmap.org/directions"]').count()).toBe(1)
    expect(await dialog.textContent()).toContain('Medicaid')
    expect(await dialog.locator('.verified').textContent()).toMatch(/^Verified \w{3} \d{1,2}, 20\d\d · ○ 6–12 months ago$/)
    await page.screenshot({ path: `${SCREENSHOTS}/desktop-detail.png` })
    await dialog.getByRole('button', { name: 'Report a problem' }).click()
    await dialog.getByRole('radio', { name: 'Wrong hours' }).check()
    await dialog.getByLabel('Details (optional)').fill('They open at 6 am now.')
    await dialog.getByRole('button', { name: 'Send report' }).click()
    // It says what really happens next.
    await expect.poll(() => dialog.locator('.report-status').textContent()).toBe('Thank you. A curator will review your report.')
    const reports = await findReportsForLocation(server.database.db, 'otp-closed')
    expect(reports.map((r) => ({ kind: r.kind, message: r.message, status: r.status }))).toEqual([
      { kind: 'wrong_hours', message: 'They open at 6 am now.', status: 'open' },
    ])
    // Nothing about the reporter: what was reported and when, and how a curator resolves it (nothing yet).
    expect(Object.keys(reports[0]!).sort()).toEqual([
      'created_at',
      'id',
      'kind',
      'location_id',
      'message',
      'resolution',
      'resolution_note',
      'resolved_at',
      'resolved_by',
      'status',
    ])
    expect(reports[0]).toMatchObject({ resolution: null, resolution_note: null, resolved_at: null, resolved_by: null })
    await context.close()
  })
})

describe('freshness and curators’ notes in the details', () => {
  it('shows "Verified today", its badge and the curators’ note on the card and in the panel, in both languages', async () => {
    const { context, page } = await openPage()
    await searchZip(page)
    await page.locator('.card[data-id="ssp-24h"] .name-button').click()
    await page.waitForSelector('dialog[open] .report')
    const dialog = page.locator('dialog[open]')
    expect(await dialog.locator('.verified').textContent()).toBe('Verified today · ✓ Recent')
    expect(await dialog.locator('.public-note').textContent()).toBe(
      "Note from the listing's curators: Walk in any time; ask for the outreach team at the side door.",
    )
    // Never who verified it or wrote the note.
    expect(await dialog.textContent()).not.toMatch(/@|verified by/i)
    await page.screenshot({ path: `${SCREENSHOTS}/desktop-detail-verified.png` })
    await page.keyboard.press('Escape')
    await page.click('#lang-switch')
    await expect.poll(() => page.locator('.card[data-id="ssp-24h"] .verified').textContent()).toBe('Verificado hoy · ✓ Reciente')
    expect(await page.locator('.card[data-id="outreach-van"] .verified').textContent()).toBe('? Nunca verificado')
    expect(await page.locator('.card[data-id="ssp-24h"] .public-note').textContent()).toMatch(/^Nota de quienes mantienen este listado: Walk in/)
    await context.close()
  })
})

describe('where a listing comes from, in the details', () => {
  it('shows SAMHSA’s program name, "from …" beside what each list gave, and the records behind the site, collapsed until asked for', async () => {
    // A SAMHSA record and a city list's record of one Albany clinic, through the real import path (far from the other tests' ZIP).
    const mh =
      '"","name1","name2","street1","street2","city","state","zip","zip4","county","phone","intake_prompt","intake1","intake2","website","latitude","longitude","type_facility"\n' +
      '"1","Harbor Recovery Center","Outpatient Program","100 Main Street","","Albany","NY",12207,"","Albany","518-555-0100","","","","",42.65,-73.75,"MH"\n'
    await runImport(server.database.db, { format: 'samhsa', paths: [tempFile('mh.csv', mh)] })
    const city =
      'name,street,city,state,zip,lat,lon,phone,website\n"HARBOR RECOVERY CENTER","100 Main St.",Albany,NY,12207,42.65,-73.7501,518-555-0199,https://harbor.example.org\n'
    const report = await runImport(server.database.db, {
      format: 'csv',
      paths: [tempFile('city.csv', city)],
      mappingPath: simpleCsvMapping('albany_city', { phone: 'phone', website: 'website' }),
    })
    expect(report.merged).toBe(1)
    const { context, page } = await openPage()
    await searchZip(page, '12207')
    await page.locator('.card .name-button', { hasText: 'Harbor Recovery Center' }).click()
    await page.waitForSelector('dialog[open] .report')
    const dialog = page.locator('dialog[open]')
    expect(await dialog.locator('.alt-name').textContent()).toBe('Outpatient Program')
    expect(await dialog.locator('.phones li').allTextContents()).toEqual([
      expect.stringMatching(/555-0100 from SAMHSA mental health facilities$/),
      expect.stringMatching(/555-0199 from Albany city$/),
    ])
    expect(await dialog.locator('section', { hasText: 'Website' }).locator('.from').textContent()).toBe('from Albany city')
    const sources = dialog.locator('details.sources')
    expect(await sources.getAttribute('open')).toBeNull()
    expect(await sources.locator('li').first().isVisible()).toBe(false)
    await sources.locator('summary').click()
    const items = await sources.locator('li').allTextContents()
    expect(items).toHaveLength(2)
    expect(items[0]).toMatch(/^SAMHSA mental health facilities — Harbor Recovery Center \(Outpatient Program\)main record · imported \w{3} \d{1,2}, 20\d\d$/)
    expect(items[1]).toMatch(/^Albany city — HARBOR RECOVERY CENTERimported \w{3} \d{1,2}, 20\d\d · merged in \w{3} \d{1,2}, 20\d\d$/)
    expect(await summaryText(page)).toBe('Where this listing comes from (2 records)')
    await page.screenshot({ path: `${SCREENSHOTS}/desktop-detail-sources.png` })
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).include('dialog[open]').analyze()
    expect(axe.violations.map((v) => v.id)).toEqual([])
    await page.keyboard.press('Escape')
    await page.click('#lang-switch')
    await page.locator('.card .name-button', { hasText: 'Harbor Recovery Center' }).click()
    await page.waitForSelector('dialog[open] .report')
    expect(await summaryText(page)).toBe('De dónde viene este listado (2 registros)')
    expect(await page.locator('dialog[open] .phones li').last().textContent()).toMatch(/de Albany city$/)
    await context.close()
  })
})

const summaryText = (page: Page) => page.locator('dialog[open] details.sources summary').textContent()

describe('availability reports in the details', () => {
  it('shows what people said this week as unconfirmed, takes "they were out" with one tap, and says so when there were too many', async () => {
    const db = server.database.db
    const made = [...Array(3).fill(['got_supplies', 'naloxone']), ['out_of_supplies', null], ['closed', null], ['closed', null]] as const
    for (const [kind, supply] of made) await createAvailabilityReport(db, { locationId: 'outreach-van', kind, supply })
    const { context, page } = await openPage({ ...MOBILE, viewport: { width: 360, height: 800 } })
    await searchZip(page)
    await page.locator('.card[data-id="outreach-van"] .name-button').click()
    await page.waitForSelector('dialog[open] .availability')
    const section = page.locator('dialog[open] .availability')
    expect(await section.locator('.availability-counts').textContent()).toBe(
      'In the last 7 days, people said (unconfirmed): got naloxone 3 times · were out once · found it closed 2 times',
    )
    expect(await section.locator('textarea, input[type="text"]').count()).toBe(0)
    await section.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/mobile-360-detail-availability.png` })
    await section.getByRole('button', { name: 'They were out of naloxone' }).click()
    await expect.poll(() => section.locator('.availability-status').textContent()).toBe('Thank you. This helps the next person.')
    expect(await section.locator('.availability-counts').textContent()).toContain('were out once · were out of naloxone once')
    const rows = await sql<{
      kind: string
      supply: string | null
    }>`SELECT kind, supply FROM availability_reports WHERE location_id = 'outreach-van' AND kind = 'out_of_supplies' ORDER BY supply NULLS FIRST`.execute(db)
    expect(rows.rows).toEqual([
      { kind: 'out_of_supplies', supply: null },
      { kind: 'out_of_supplies', supply: 'naloxone' },
    ])
    await page.keyboard.press('Escape')
    // Nine more from this browser use up its 10 a minute; the next tap gets a clear 429 message.
    await page.evaluate(async () => {
      for (let i = 0; i < 9; i++)
        await fetch('/api/v1/sites/clinic-old/availability-reports', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"kind":"closed"}',
        })
    })
    await page.locator('.card[data-id="clinic-old"] .name-button').click()
    await page.waitForSelector('dialog[open] .availability')
    const other = page.locator('dialog[open] .availability')
    await other.getByRole('button', { name: 'They were closed when I came' }).click()
    await expect.poll(() => other.locator('.availability-status').textContent()).toBe('Too many reports from this connection. Please try again in a minute.')
    await context.close()
  })
})

describe('the text-only page', () => {
  // The search goes by form POST (the place never goes in a URL): the query here is the form's body.
  const get = async (query: string) => {
    const res = await fetch(`${server.url}/lite`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: query.replace(/^\?/, ''),
    })
    return { status: res.status, html: await res.text(), headers: res.headers }
  }

  it('lists the nearest places to a ZIP with call links and addresses, without any script, in a few KB', async () => {
    const { status, html, headers } = await get(`?near=${ZIP}&radius=10`)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toContain('text/html')
    expect(headers.get('cache-control')).toBe('no-store')
    expect(html).not.toMatch(/<script/i)
    expect(Buffer.byteLength(html)).toBeLessThan(16_000)
    const names = [...html.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1])
    expect(names[0]).toBe('Charm City Syringe Program')
    expect(names).toHaveLength(7)
    expect(html).toContain('href="tel:+14105550100"')
    expect(html).toContain('1 Test St, Baltimore, MD 21201')
    // Every site here is real: no demo warning (a demo-only directory gets one: tests/lite/lite-render.test.ts).
    expect(html).not.toContain('Demo data — not real services.')
    expect(html).toMatch(/may be out of date/)
    expect(html).toContain('Verified today · <span class="badge"><span aria-hidden="true">✓</span> Recent</span>')
    expect(html).toContain('<span aria-hidden="true">?</span> Never verified')
    expect(html).toContain('<p class="note">Note from the listing&#39;s curators: Walk in any time; ask for the outreach team at the side door.</p>')
    expect(html).not.toContain('Verification date not listed')
  })

  it('keeps only places verified within 6 months or a year when asked', async () => {
    const names = (html: string) => [...html.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1])
    const recent = await get(`?near=${ZIP}&verified=180`)
    expect(names(recent.html)).toEqual(['Charm City Syringe Program', 'Midtown Naloxone Pharmacy', 'Midtown Recovery Center', 'Midtown Wound Care'])
    expect(recent.html).toContain('<option value="180" selected>within 6 months</option>')
    const year = await get(`?near=${ZIP}&verified=365&lang=es`)
    expect(names(year.html)).toHaveLength(5)
    expect(year.html).toContain('<option value="365" selected>en el último año</option>')
    // "Any time" sends an empty value; anything not offered is treated the same.
    for (const any of ['', '30', 'x']) expect(names((await get(`?near=${ZIP}&verified=${any}`)).html), any).toHaveLength(7)
  })

  it('filters by service and open now, and speaks Spanish with ?lang=es', async () => {
    const { html } = await get(`?near=${ZIP}&services=methadone&lang=es`)
    expect([...html.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1])).toEqual(['Eastside Methadone Clinic'])
    expect(html).toContain('<html lang="es" dir="ltr">')
    expect(html).toContain('Cerrado')
    expect(html).toContain('Llamar')
    expect(html).toMatch(/value="methadone" checked/)
    const open = await get(`?near=${ZIP}&open_now=1`)
    expect([...open.html.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1])).toEqual(['Charm City Syringe Program', 'Westside Outreach Van'])
  })

  it('escapes what a person typed and says so when a place is unknown', async () => {
    const { status, html } = await get(`?near=${encodeURIComponent('<img src=x onerror=alert(1)>')}`)
    expect(status).toBe(404)
    expect(html).not.toContain('<img')
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;')
  })
})
