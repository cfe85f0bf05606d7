/**
 * Import throughput on PostgreSQL: the 14,034-row SAMHSA substance-use list (target ≤ 5 s)
 * and a generated 1,000,000-row CSV (target ≤ 60 s), each into a fresh database.
 * DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/); the
 * benchmark creates and drops its own database, hrl_bench_import. Ends with one JSON line.
 * Usage: npm run bench:import -- [rows] [--keep]
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

async function main(): Promise<void> {
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
