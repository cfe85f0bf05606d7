/**
 * npm run export -- <geojson|csv|hsds> <path|-> [--include-inactive] [--exclude-demo] [--source NAME]
 *
 * Streams the directory to a file (or stdout with "-"), a page of 2,000 records at a time.
 */
import { createWriteStream } from 'node:fs'
import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { loadConfigOrExit } from '../config.js'
import { openDatabase } from './open-database.js'
import { prepareDatabase } from '../startup/prepare.js'
import { EXPORT_FORMATS, exportChunks, type ExportFormat } from '../exports/formats.js'

const USAGE = `usage: npm run export -- <${EXPORT_FORMATS.join('|')}> <path|-> [--include-inactive] [--exclude-demo] [--source NAME]`

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'include-inactive': { type: 'boolean' }, 'exclude-demo': { type: 'boolean' }, source: { type: 'string' }, help: { type: 'boolean' } },
  })
  const [format, path] = positionals
  if (values.help || !format || !path || positionals.length > 2) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    console.error(`unknown format "${format}"\n${USAGE}`)
    return 2
  }
  const config = loadConfigOrExit()
  const { db } = await openDatabase(config)
  try {
    await prepareDatabase(db, { demoSeedCount: 0 })
    const started = Date.now()
    let records = 0
    const filter = { includeInactive: !!values['include-inactive'], includeDemo: !values['exclude-demo'], source: values.source ?? null }
    const out: Writable = path === '-' ? process.stdout : createWriteStream(path)
    await pipeline(
      Readable.from(
        exportChunks(db, format as ExportFormat, filter, (n) => {
          records += n
        }),
      ),
      out,
      { end: path !== '-' },
    )
    const what = format === 'hsds' ? 'services' : 'sites'
    console.error(`exported ${records} ${what} as ${format} to ${path === '-' ? 'stdout' : path} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    return 0
  } finally {
    await db.destroy()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err))
    process.exit(1)
  },
)
