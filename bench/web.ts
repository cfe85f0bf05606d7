/**
 * Map page on a slow network: builds the page, starts the app over a fresh PGlite with 2,000
 * demo sites, and drives Chromium under "Slow 4G" (150 ms RTT, 1.6 Mbps down, 750 kbps up,
 * cold cache). Prints the critical path's weight (HTML + JS + CSS before first results, as
 * sent over the wire and gzipped from the build) and the time from navigation to the first
 * results for a ZIP search — typed into the box, and opened from a shared link.
 * Then the same with a street basemap (BASEMAP_PMTILES, the tests' small PMTiles archive):
 * the critical path must not grow (protomaps-leaflet loads with the map, after first
 * results), and it reports when the first basemap tile was drawn and what the map's
 * basemap chunk and byte ranges weighed.
 *
 * Then saved areas for use with no signal (bench/web-offline.ts): their size at 5k and 100k
 * sites, the time to save one on Slow 4G, and offline search latency in the browser.
 *
 *   npx tsx bench/web.ts [--runs 3] [--offline-only]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser } from 'playwright-core'
import { buildApp } from '../server/app.js'
import { loadConfig } from '../server/config.js'
import { connectDatabase } from '../server/db/connect.js'
import { prepareDatabase } from '../server/startup/prepare.js'
import { buildWeb } from '../web/build.js'
import { buildPmtiles, TEST_BASEMAP } from '../tests/helpers/pmtiles-writer.js'
import { benchSavedAreas } from './web-offline.js'

const runsArg = process.argv.indexOf('--runs')
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3
const BUDGET_BYTES = 170 * 1024
const BUDGET_MS = 2500
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1e6) / 8, uploadThroughput: (750 * 1e3) / 8 }

interface Run {
  ms: number
  wireBytes: number
  files: string[]
  /** With BASEMAP_PMTILES: "Map" tapped → first PMTiles tile drawn, and the bytes of the map's basemap (chunk + ranges). */
  basemapMs: number | null
  basemapBytes: number
}

/** An entry script and the chunks it imports statically (dynamic imports load after first paint). */
function staticImports(dir: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen
  seen.add(file)
  const code = readFileSync(join(dir, file), 'utf8')
  for (const m of code.matchAll(/(?:^|[;}])\s*import\s*(?:[\w{},\s*$]+from\s*)?"\.\/([\w-]+\.js)"/g)) staticImports(dir, m[1] as string, seen)
  return seen
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

async function measure(browser: Browser, url: string, zip: string, mode: 'typed' | 'link', pmtiles = false): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G)
  const types = new Map<string, { url: string; type: string }>()
  const wire = new Map<string, number>()
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { url: e.response.url, type: e.type }))
  cdp.on('Network.loadingFinished', (e) => wire.set(e.requestId, e.encodedDataLength))

  const started = Date.now()
  if (mode === 'link') {
    await page.goto(`${url}/#near=${zip}`, { waitUntil: 'commit' })
  } else {
    await page.goto(`${url}/`, { waitUntil: 'commit' })
    await page.waitForSelector('body.js #near')
    await page.fill('#near', zip)
    await page.press('#near', 'Enter')
  }
  await page.waitForSelector('.card')
  const ms = Date.now() - started
  // Page resources (document, scripts, styles) that had arrived by first results: the critical path.
  const critical = [...wire]
    .map(([id, bytes]) => ({ bytes, ...(types.get(id) ?? { url: '?', type: '?' }) }))
    .filter((r) => ['Document', 'Script', 'Stylesheet'].includes(r.type))
  let basemapMs: number | null = null
  let basemapBytes = 0
  if (pmtiles) {
    // On a phone the map (and with it the street basemap) loads when "Map" is tapped: time from the tap to its first tile.
    const tapped = Date.now()
    await page.click('#view-map')
    await page.waitForSelector('.basemap-pmtiles canvas.leaflet-tile-loaded', { state: 'attached', timeout: 60_000 })
    basemapMs = Date.now() - tapped
    await page.waitForTimeout(200)
    const chunks = new Set(pmtilesChunks)
    basemapBytes = [...wire]
      .map(([id, bytes]) => ({ bytes, url: types.get(id)?.url ?? '' }))
      .filter((r) => r.url.endsWith('/basemap.pmtiles') || chunks.has(r.url.split('/').pop() ?? ''))
      .reduce((s, r) => s + r.bytes, 0)
  }
  await context.close()
  return { ms, wireBytes: critical.reduce((s, r) => s + r.bytes, 0), files: critical.map((r) => new URL(r.url).pathname), basemapMs, basemapBytes }
}

/** The build's chunks that only the PMTiles basemap needs (protomaps-leaflet, pmtiles): found by their contents. */
let pmtilesChunks: string[] = []

async function main(): Promise<void> {
  const build = await buildWeb()
  const database = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' })
  await prepareDatabase(database.db, { demoSeedCount: 2000 })
  const busiest = await database.db
    .selectFrom('locations')
    .select(['postal_code'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('postal_code', 'is not', null)
    .groupBy('postal_code')
    .orderBy('n', 'desc')
    .orderBy('postal_code')
    .limit(1)
    .executeTakeFirstOrThrow()
  const zip = busiest.postal_code as string
  const dir = mkdtempSync(join(tmpdir(), 'hrl-bench-'))
  const pmtilesFile = join(dir, 'basemap.pmtiles')
  writeFileSync(pmtilesFile, buildPmtiles(TEST_BASEMAP).bytes)
  const assetsDir = join(build.outDir, 'assets')
  pmtilesChunks = build.assets.map((a) => a.file).filter((f) => f.endsWith('.js') && readFileSync(join(assetsDir, f), 'utf8').includes('PMTiles'))
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
  })
  const results: Record<string, unknown>[] = []
  try {
    for (const basemap of process.argv.includes('--offline-only') ? [] : [null, pmtilesFile]) {
      const env = { LOG_LEVEL: 'silent', DEMO_SEED_COUNT: '0', RATE_LIMIT_PER_MINUTE: '100000', ...(basemap ? { BASEMAP_PMTILES: basemap } : {}) }
      const app = await buildApp(loadConfig(env), { database, closeDatabase: false })
      await app.listen({ port: 0, host: '127.0.0.1' })
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      try {
        results.push(await benchOne(browser, build, url, zip, basemap !== null))
      } finally {
        await app.close()
      }
    }
    results.push(...(await benchSavedAreas(browser, SLOW_4G)))
  } finally {
    await browser.close()
    await database.db.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(`  web build: ${build.ms} ms`)
  for (const r of results) console.log(JSON.stringify({ ...r, build_ms: build.ms }))
}

async function benchOne(
  browser: Browser,
  build: Awaited<ReturnType<typeof buildWeb>>,
  url: string,
  zip: string,
  pmtiles: boolean,
): Promise<Record<string, unknown>> {
  // Gzipped size of what the page needs before results: index.html, entry script and its static imports, stylesheet.
  const html = await (await fetch(url + '/', { headers: { 'accept-encoding': 'identity' } })).text()
  const byFile = new Map(build.assets.map((a) => [a.file, a]))
  const criticalFiles = [...staticImports(join(build.outDir, 'assets'), build.entryJs), build.entryCss]
  if (criticalFiles.some((f) => pmtilesChunks.includes(f))) throw new Error('the PMTiles basemap code is on the critical path')
  const gzBytes = gzipSync(html, { level: 9 }).length + criticalFiles.reduce((s, f) => s + (byFile.get(f)?.gzipBytes ?? 0), 0)

  const typed: Run[] = []
  const link: Run[] = []
  for (let i = 0; i < RUNS; i++) {
    typed.push(await measure(browser, url, zip, 'typed', pmtiles))
    link.push(await measure(browser, url, zip, 'link', pmtiles))
  }
  const typedMs = median(typed.map((r) => r.ms))
  const linkMs = median(link.map((r) => r.ms))
  const wireBytes = median(typed.map((r) => r.wireBytes))
  const kb = (n: number) => (n / 1024).toFixed(1) + ' KB'
  const basemapChunkGz = pmtilesChunks.reduce((s, f) => s + (byFile.get(f)?.gzipBytes ?? 0), 0)
  console.log(
    `map page under Slow 4G (150 ms RTT, 1.6 Mbps down / 750 kbps up, cold cache), ${RUNS} runs, ZIP ${zip}, 2,000 demo sites, ` +
      (pmtiles ? 'with the PMTiles street basemap (BASEMAP_PMTILES)' : 'offline basemap'),
  )
  console.log(`  critical path, gzipped (HTML + ${criticalFiles.join(' + ')}): ${kb(gzBytes)}  (budget ${kb(BUDGET_BYTES)})`)
  console.log(`  critical path on the wire before first results: ${kb(wireBytes)}  (${typed[0]?.files.join(', ')})`)
  console.log(`  navigation → first results, ZIP typed:   median ${typedMs} ms  [${typed.map((r) => r.ms).join(', ')}]  (budget ${BUDGET_MS} ms)`)
  console.log(`  navigation → first results, shared link: median ${linkMs} ms  [${link.map((r) => r.ms).join(', ')}]`)
  const basemapMs = pmtiles ? median(typed.map((r) => r.basemapMs ?? 0)) : null
  if (pmtiles) {
    console.log(
      `  "Map" tapped → first street tile drawn (map code + basemap code + ranges): median ${basemapMs} ms  [${typed.map((r) => r.basemapMs).join(', ')}]`,
    )
    console.log(
      `  street basemap, after first results: code ${kb(basemapChunkGz)} gz (${pmtilesChunks.join(', ')}), on the wire with the byte ranges ${kb(median(typed.map((r) => r.basemapBytes)))}`,
    )
  }
  return {
    bench: 'web',
    basemap: pmtiles ? 'pmtiles' : 'offline',
    runs: RUNS,
    zip,
    critical_gzip_bytes: gzBytes,
    critical_wire_bytes: wireBytes,
    typed_ms: typedMs,
    link_ms: linkMs,
    ...(pmtiles ? { map_tap_to_first_street_tile_ms: basemapMs, basemap_chunk_gzip_bytes: basemapChunkGz } : {}),
    budget_bytes: BUDGET_BYTES,
    budget_ms: BUDGET_MS,
    ok: gzBytes <= BUDGET_BYTES && typedMs <= BUDGET_MS && linkMs <= BUDGET_MS,
  }
}

await main()
