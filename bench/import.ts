/**
 * Import throughput on PostgreSQL: the 14,034-row SAMHSA substance-use list (target ≤ 5 s)
 * and a generated 1,000,000-row CSV (target ≤ 60 s), each into a fresh database.
 * DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/); the
 * benchmark creates and drops its own database, hrl_bench_import. Ends with one JSON line.
 * Usage: npm run bench:import -- [rows] [--keep]
 *        npm run bench:import -- --real [--keep]
 * --real imports the nine real files of ../shared/data (SAMHSA OTP, substance-use, MOUD,
 * mental-health and residential locator lists, HRSA health center sites, NY ESAP pharmacies,
 * facilities and providers) in sequence into one fresh database, printing per file the rows,
 * inserted, merged, uncertain merges, rejected and seconds, then the sites left sharing name,
 * street and ZIP, and the matcher's precision and recall on the hand-labelled pairs.
 */
import { createWriteStream } from 'node:fs'
import { unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { once } from 'node:events'
import pg from 'pg'
import { connectDatabase } from '../server/db/connect.js'
import { prepareDatabase } from '../server/startup/prepare.js'
import { runImport } from '../server/importers/pipeline.js'
import { formatTimings } from '../server/importers/timings.js'
import { sql } from 'kysely'
import { isOtpVsSudMoud, labelledPairs, measure, qualityLine } from '../tests/import/dedup-labelled.js'

const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/'
const NAME = 'hrl_bench_import'
const SAMHSA = fileURLToPath(new URL('../../shared/data/samhsa/oeps_samhsa_substance_use_treatment_facilities.csv', import.meta.url))
const args = process.argv.slice(2)
const ROWS = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000)
/** --keep: leave the generated CSV and the 1M database behind (to look into them). */
const KEEP = args.includes('--keep')

async function admin(sql: string): Promise<void> {
  const url = new URL(SERVER)
  url.pathname = '/postgres'
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function freshDb() {
  await admin(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`)
  await admin(`CREATE DATABASE ${NAME}`)
  const url = new URL(SERVER)
  url.pathname = '/' + NAME
  const handle = await connectDatabase({ databaseUrl: url.toString(), pgliteDir: '', maxConnections: 2 })
  await prepareDatabase(handle.db, { demoSeedCount: 0 })
  return handle
}

/** A deterministic CSV of `rows` sites spread over the contiguous states. */
async function generateCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path)
  out.write('site_id,name,street,city,state,zip,lat,lon,services\n')
  let seed = 12345
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const services = ['naloxone', 'syringe_services;naloxone', 'methadone', 'buprenorphine;counseling', 'hiv_testing;hcv_testing']
  for (let i = 0; i < rows; i++) {
    const lat = (30 + rand() * 17).toFixed(6)
    const lon = (-120 + rand() * 45).toFixed(6)
    const line = `B${i},Bench Site ${i},${100 + (i % 9000)} Main Street,Springfield,MO,${String(10000 + (i % 89999)).padStart(5, '0')},${lat},${lon},${services[i % services.length]}\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url))
const MAPPINGS = fileURLToPath(new URL('../data/mappings/', import.meta.url))
/** The real files, in import order: SAMHSA formats by their header, the others through their shipped mapping. */
const REAL_FILES: { path: string; mapping?: string }[] = [
  { path: 'samhsa/oeps_opioid_treatment_programs.csv' },
  { path: 'samhsa/oeps_samhsa_substance_use_treatment_facilities.csv' },
  { path: 'samhsa/oeps_moud_providers_2020.csv' },
  { path: 'samhsa/oeps_samhsa_mental_health_facilities.csv' },
  { path: 'samhsa/samhsa_locator_mh_residential_ed_2022.csv' },
  { path: 'clinics/oeps_hrsa_fqhc_sites.csv', mapping: 'hrsa-health-centers.json' },
  { path: 'syringe_access/nys_esap_pharmacies.csv', mapping: 'nys-esap-pharmacies.json' },
  { path: 'syringe_access/nys_esap_healthcareFacilities.csv', mapping: 'nys-esap-health-care-facilities.json' },
  { path: 'syringe_access/nys_esap_healthcareProviders.csv', mapping: 'nys-esap-health-care-providers.json' },
]

/** --real: every real file into one database, with the de-dup figures. */
async function realFiles(): Promise<void> {
  const handle = await freshDb()
  const results: Record<string, number> = {}
  console.log('file                                                     rows  inserted  merged  uncertain  rejected  seconds')
  const started = Date.now()
  for (const f of REAL_FILES) {
    const t = Date.now()
    const report = await runImport(handle.db, {
      ...(f.mapping ? { format: 'csv' as const, mappingPath: MAPPINGS + f.mapping } : { format: 'samhsa' as const }),
      paths: [DATA + f.path],
      skipInvalid: true,
    })
    const seconds = (Date.now() - t) / 1000
    const uncertain = Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM merge_reviews WHERE batch_id = ${report.batchId}`.execute(handle.db)).rows[0]?.n ?? 0,
    )
    console.log(
      `${f.path.padEnd(55)} ${String(report.read).padStart(5)} ${String(report.inserted).padStart(9)} ${String(report.merged).padStart(7)} ${String(uncertain).padStart(10)} ${String(report.rejected).padStart(9)} ${seconds.toFixed(1).padStart(8)}`,
    )
    results.rows = (results.rows ?? 0) + report.read
    results.inserted = (results.inserted ?? 0) + report.inserted
    results.merged = (results.merged ?? 0) + report.merged
    results.uncertain = (results.uncertain ?? 0) + uncertain
    results.rejected = (results.rejected ?? 0) + report.rejected
  }
  results.seconds = (Date.now() - started) / 1000
  // Duplicate pins left: active sites sharing name, street line and ZIP with another.
  const twins = await sql<{ n: number }>`
    SELECT coalesce(sum(n), 0)::int AS n FROM (
      SELECT count(*) AS n FROM locations WHERE status = 'active' AND NOT demo
       GROUP BY lower(regexp_replace(name, '[^A-Za-z0-9]+', '', 'g')), lower(regexp_replace(coalesce(address_1, ''), '[^A-Za-z0-9]+', '', 'g')), postal_code
      HAVING count(*) > 1) t`.execute(handle.db)
  const sites = await sql<{ n: number }>`SELECT count(*)::int AS n FROM locations WHERE status = 'active' AND NOT demo`.execute(handle.db)
  results.sites = Number(sites.rows[0]?.n ?? 0)
  results.sites_sharing_name_street_zip = Number(twins.rows[0]?.n ?? 0)
  console.log(
    `${results.sites} active sites; ${results.sites_sharing_name_street_zip} share name, street and ZIP with another; ${results.seconds.toFixed(1)} s in all`,
  )
  const pairs = labelledPairs()
  const overall = measure(pairs)
  const otp = measure(pairs.filter(isOtpVsSudMoud))
  console.log(qualityLine('de-dup on the labelled pairs, overall', overall))
  console.log(qualityLine('de-dup on the labelled pairs, OTP vs SUD/MOUD', otp))
  Object.assign(results, { precision: overall.precision, recall: overall.recall, otp_precision: otp.precision, otp_recall: otp.recall })
  await handle.db.destroy()
  if (KEEP) console.log(`kept database ${NAME}`)
  else await admin(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`)
  console.log(JSON.stringify({ bench: 'import-real', ...results }))
}

async function main(): Promise<void> {
  if (args.includes('--real')) return realFiles()
  const results: Record<string, number> = {}
  let handle = await freshDb()
  let t = Date.now()
  let report = await runImport(handle.db, { format: 'samhsa', paths: [SAMHSA] })
  let seconds = (Date.now() - t) / 1000
  console.log(
    `SAMHSA substance-use list: ${report.read} rows (${report.inserted} sites) in ${seconds.toFixed(2)} s = ${Math.round(report.read / seconds)} rows/s (target ≤ 5 s)`,
  )
  console.log(`  timings: ${formatTimings(report.timings ?? {})}`)
  results.samhsa_rows = report.read
  results.samhsa_seconds = seconds
  results.samhsa_rows_per_s = Math.round(report.read / seconds)
  await handle.db.destroy()

  const csv = join(tmpdir(), `hrl-bench-${ROWS}.csv`)
  const mapping = join(tmpdir(), 'hrl-bench-mapping.json')
  t = Date.now()
  await generateCsv(csv, ROWS)
  console.log(`generated ${ROWS} rows into ${csv} in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  await writeFile(
    mapping,
    JSON.stringify({
      source: 'bench',
      id: 'site_id',
      name: 'name',
      address1: 'street',
      city: 'city',
      region: 'state',
      postalCode: 'zip',
      latitude: 'lat',
      longitude: 'lon',
      types: ['harm_reduction'],
      services: { column: 'services', split: ';' },
    }),
  )
  handle = await freshDb()
  t = Date.now()
  report = await runImport(handle.db, { format: 'csv', paths: [csv], mappingPath: mapping, batchSize: 10_000 })
  seconds = (Date.now() - t) / 1000
  console.log(
    `generated CSV: ${report.read} rows (${report.inserted} sites) in ${seconds.toFixed(1)} s = ${Math.round(report.read / seconds)} rows/s (target ≤ 60 s)`,
  )
  console.log(`  timings: ${formatTimings(report.timings ?? {})}`)
  results.csv_rows = report.read
  results.csv_seconds = seconds
  results.csv_rows_per_s = Math.round(report.read / seconds)
  await handle.db.destroy()
  if (KEEP) console.log(`kept ${csv} and database ${NAME}`)
  else {
    await admin(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`)
    await unlink(csv).catch(() => undefined)
  }
  console.log(JSON.stringify({ bench: 'import', ...results }))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
