/**
 * Saved areas (issue 17's figures for `npm run bench:web`): for 5,000 and 100,000 demo sites,
 * the size of "25 miles around Baltimore" as downloaded (raw JSON and as sent, compressed),
 * the time to save it through the page on the Slow 4G profile (size check, download, IndexedDB
 * write), and offline search latency in the browser with the network cut — from tapping "Use
 * my location" to the results drawn, p50 and p99 over 60 origins.
 */
import type { AddressInfo } from 'node:net'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { buildApp } from '../server/app.js'
import { loadConfig } from '../server/config.js'
import { connectDatabase } from '../server/db/connect.js'
import { prepareDatabase } from '../server/startup/prepare.js'
import { boxAround } from '../web/src/offline/area-box.js'

/** A DevTools network profile (offline, latency ms, bytes/s down and up). */
export interface SlowProfile {
  offline: boolean
  latency: number
  downloadThroughput: number
  uploadThroughput: number
}

const BALTIMORE = { lat: 39.2904, lon: -76.6122 }
const ORIGINS = 60

/** `--offline-counts 5000,100000`: which directory sizes to measure. */
function countsArg(): number[] | null {
  const i = process.argv.indexOf('--offline-counts')
  return i >= 0
    ? (process.argv[i + 1] ?? '')
        .split(',')
        .map(Number)
        .filter((n) => n > 0)
    : null
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number

/** One directory size: seeds it, saves the area in Chromium under `slow`, searches it offline. */
async function benchCount(browser: Browser, count: number, slow: SlowProfile): Promise<Record<string, unknown>> {
  // bench:search's seeded PostgreSQL database of this size, when there is one (seeding 100k on PGlite takes minutes).
  const pgUrl = `postgres://postgres@127.0.0.1:5432/hrl_bench_${count}`
  const seeded = await connectDatabase({ databaseUrl: pgUrl, pgliteDir: '' })
    .then(async (d) =>
      ((
        await d.db
          .selectFrom('site_search')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0) >=
      count * 0.999
        ? d
        : (await d.db.destroy(), null),
    )
    .catch(() => null)
  const database = seeded ?? (await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' }))
  if (!seeded) await prepareDatabase(database.db, { demoSeedCount: count })
  const env = { LOG_LEVEL: 'silent', DEMO_SEED_COUNT: '0', RATE_LIMIT_PER_MINUTE: '100000', PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0' }
  const app = await buildApp(loadConfig(seeded ? { ...env, DATABASE_URL: pgUrl } : env), { database, closeDatabase: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  try {
    const bbox = boxAround(BALTIMORE.lat, BALTIMORE.lon, 25)
    const res = await fetch(`${url}/api/v1/offline-area?bbox=${bbox.join(',')}`, { headers: { 'accept-encoding': 'identity' } })
    const raw = await res.text()
    if (!res.ok) throw new Error(`offline-area answered ${res.status}: ${raw.slice(0, 200)}`)
    const sites = (JSON.parse(raw) as { sites: unknown[] }).sites.length
    const size = (await (await fetch(`${url}/api/v1/offline-area/size?bbox=${bbox.join(',')}`)).json()) as { bytes: number }

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      permissions: ['geolocation'],
      geolocation: { latitude: BALTIMORE.lat, longitude: BALTIMORE.lon },
      timezoneId: 'America/New_York',
    })
    const page = await context.newPage()
    await page.goto(`${url}/#near=21201`)
    await page.waitForSelector('#results-list .card', { timeout: 120_000 }).catch(async (err) => {
      await page.screenshot({ path: 'test-artifacts/bench-web-offline-failed.png' })
      throw err
    })
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', slow)
    await page.locator('#offline-panel > summary').click()
    const t0 = Date.now()
    await page.getByRole('button', { name: 'Check the size' }).click()
    await page.getByRole('button', { name: 'Save this area' }).waitFor({ state: 'visible', timeout: 120_000 })
    await page.getByRole('button', { name: 'Save this area' }).click()
    await page.getByText('Saved. You can search this area with no signal.').waitFor({ timeout: 300_000 })
    const saveMs = Date.now() - t0
    await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    await context.setOffline(true)

    const times: number[] = []
    let seed = 5
    const rnd = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0
      return seed / 2 ** 32
    }
    for (let i = 0; i < ORIGINS; i++) {
      await context.setGeolocation({ latitude: BALTIMORE.lat - 0.15 + rnd() * 0.3, longitude: BALTIMORE.lon - 0.2 + rnd() * 0.4 })
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const list = document.getElementById('results-list') as HTMLElement
            const t = performance.now()
            const observer = new MutationObserver(() => {
              if (document.getElementById('offline-note')?.hidden === false && list.children.length > 0) {
                observer.disconnect()
                resolve(performance.now() - t)
              }
            })
            observer.observe(list, { childList: true })
            ;(document.getElementById('locate') as HTMLButtonElement).click()
          }),
      )
      times.push(ms)
    }
    await context.close()
    const result = {
      sites_in_directory: count,
      area_sites: sites,
      area_raw_bytes: raw.length,
      area_gzip_bytes: gzipSync(raw).length,
      area_brotli_bytes: brotliCompressSync(raw).length,
      size_estimate_bytes: size.bytes,
      slow_save_ms: saveMs,
      offline_search_p50_ms: Math.round(quantile(times, 0.5) * 10) / 10,
      offline_search_p99_ms: Math.round(quantile(times, 0.99) * 10) / 10,
    }
    const mb = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`)
    console.log(`saved area, 25 miles around Baltimore, ${count.toLocaleString('en-US')} demo sites in the directory (${seeded ? 'PostgreSQL' : 'PGlite'}):`)
    console.log(
      `  ${sites.toLocaleString('en-US')} sites; ${mb(result.area_raw_bytes)} raw (estimate said ${mb(size.bytes)}), ${mb(result.area_gzip_bytes)} gzip, ${mb(result.area_brotli_bytes)} brotli on the wire`,
    )
    console.log(`  save on Slow 4G (size check + download + IndexedDB): ${(saveMs / 1000).toFixed(1)} s`)
    console.log(
      `  offline search in Chromium, tap → results drawn, ${ORIGINS} origins: p50 ${result.offline_search_p50_ms} ms, p99 ${result.offline_search_p99_ms} ms`,
    )
    return result
  } finally {
    await app.close()
    await database.db.destroy()
  }
}

/** Both directory sizes; `slow` is the throttling profile the page bench uses. */
export async function benchSavedAreas(browser: Browser, slow: SlowProfile, counts = countsArg() ?? [5000, 100_000]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = []
  for (const count of counts) out.push({ bench: 'web-offline', ...(await benchCount(browser, count, slow)) })
  return out
}
