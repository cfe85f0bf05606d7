/**
 * What the browser tests share: the page (built once per run by tests/global-setup.ts), an app listening on a free
 * port over a fresh PGlite with hand-made sites near ZIP 21201, and one headless Chromium.
 */
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import AxeBuilder from '@axe-core/playwright'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { insertSites } from '../../server/directory/bulk-insert.js'
import { rebuildSearchTables } from '../../server/directory/search-tables.js'
import type { SiteRecord } from '../../server/directory/site-record.js'
import type { Config } from '../../server/config.js'
import { appFor } from '../helpers/app.js'
import { freshDatabase, type TestDatabase } from '../helpers/backends.js'
import { hours, site } from '../helpers/sites.js'
import { siteToday } from '../../common/verification.js'

/** ZIP 21201's centroid (the offline geocoder's answer for "21201"). */
export const ZIP = '21201'
export const CENTRE = { lat: 39.2946, lon: -76.6252 }
const north = (km: number) => ({ lat: CENTRE.lat + km / 111.2, lon: CENTRE.lon })
const east = (km: number, from = CENTRE) => ({ lat: from.lat, lon: from.lon + km / 86 })

const ALWAYS = [hours('MO,TU,WE,TH,FR,SA,SU', '00:00', '00:00')]
/** Rules that expired long ago: listed hours, never open (a stable "Closed"). */
const EXPIRED = [{ byday: 'MO,TU,WE,TH,FR', opens: '09:00', closes: '17:00', valid_from: null, valid_to: '2020-01-01' }]

/** Hand-made sites around 21201: nearest first, with a tight group of three that clusters. */
export const FIXTURE: SiteRecord[] = [
  site({
    id: 'ssp-24h',
    name: 'Charm City Syringe Program',
    ...north(0.4),
    services: ['syringe_services', 'naloxone', 'fentanyl_test_strips'],
    hours: ALWAYS,
    languages: ['en', 'es'],
  }),
  site({
    id: 'otp-closed',
    name: 'Eastside Methadone Clinic',
    ...east(1.2),
    types: ['treatment'],
    services: ['methadone', 'buprenorphine'],
    hours: EXPIRED,
    payment: ['medicaid'],
  }),
  {
    ...site({ id: 'clinic-old', name: 'Harbor Health Center', ...north(-1.5), types: ['clinic'], services: ['primary_care', 'hiv_testing'] }),
    assuredDate: '2024-03-01',
  },
  site({ id: 'outreach-van', name: 'Westside Outreach Van', ...east(-2.5), services: ['naloxone', 'wound_care'], hours: ALWAYS }),
  site({ id: 'group-a', name: 'Midtown Naloxone Pharmacy', ...north(6), types: ['pharmacy'], services: ['naloxone'] }),
  site({ id: 'group-b', name: 'Midtown Recovery Center', ...east(0.03, north(6.03)), types: ['treatment'], services: ['buprenorphine', 'outpatient'] }),
  site({ id: 'group-c', name: 'Midtown Wound Care', ...east(-0.03, north(6.05)), services: ['wound_care'] }),
]

/** The date `days` before today in Baltimore: verification ages are judged on the site's own date. */
export function daysAgo(days: number): string {
  const [y, m, d] = siteToday(new Date(), 'America/New_York').split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10)
}

/**
 * The fixture with every verification age, whatever day the tests run: Charm City verified
 * today, Eastside 200 days ago, Harbor in 2024, the van never, the Midtown group 45 days ago.
 */
export const FRESHNESS_FIXTURE: SiteRecord[] = FIXTURE.map((s) => {
  const ages: Record<string, string | null> = { 'ssp-24h': daysAgo(0), 'otp-closed': daysAgo(200), 'outreach-van': null }
  const id = s.location.id
  return id in ages ? { ...s, assuredDate: ages[id] ?? null } : id.startsWith('group-') ? { ...s, assuredDate: daysAgo(45) } : s
})

/** What the listing's curators tell the public, for FRESHNESS_FIXTURE. */
export const PUBLIC_NOTES: Record<string, string> = {
  'ssp-24h': 'Walk in any time; ask for the outreach team at the side door.',
}

export interface WebServer {
  url: string
  app: FastifyInstance
  database: TestDatabase
  close(): Promise<void>
}

/** Starts the app on 127.0.0.1:<free port> over a fresh PGlite with the fixture, and curators' notes (by site id) if given. */
export async function startWebServer(
  sites: SiteRecord[] = FIXTURE,
  publicNotes: Record<string, string> = {},
  config: Partial<Config> = {},
): Promise<WebServer> {
  const database = await freshDatabase('pglite')
  await insertSites(database.db, sites)
  for (const [id, note] of Object.entries(publicNotes)) await sql`UPDATE locations SET public_note = ${note} WHERE id = ${id}`.execute(database.db)
  await rebuildSearchTables(database.db)
  const app = await appFor(database, config)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    database,
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}

/** The system Chromium, headless, with nothing phoning home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
  })
}

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'America/New_York' }
export const MOBILE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'en-US',
  timezoneId: 'America/New_York',
}

export const SCREENSHOTS = 'test-artifacts/screenshots'
mkdirSync(SCREENSHOTS, { recursive: true })

/** axe's WCAG 2.2 AA violations on the page, one line each (rule: first targets). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze()
  return result.violations.map(
    (v) =>
      `${v.id}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  )
}
