/**
 * npm run seed:demo -- [--count N] [--seed S]: replaces the demo sites with N generated ones
 * (default 5,000); real (non-demo) records are not touched.
 */
import { parseArgs } from 'node:util'
import { loadConfigOrExit } from '../config.js'
import { progressFor } from './progress.js'
import { openDatabase } from './open-database.js'
import { seedDemo } from '../demo/seed.js'
import { prepareDatabase } from '../startup/prepare.js'

const { values } = parseArgs({ options: { count: { type: 'string', default: '5000' }, seed: { type: 'string', default: '42' } } })
const count = Number(values.count)
const seed = Number(values.seed)
if (!Number.isInteger(count) || count < 0 || count > 10_000_000) {
  console.error('--count must be a whole number from 0 to 10000000')
  process.exit(2)
}
if (!Number.isInteger(seed)) {
  console.error('--seed must be a whole number')
  process.exit(2)
}

const config = loadConfigOrExit()
const { db, backend } = await openDatabase(config)
const started = Date.now()
const progress = progressFor(process.stdout)
try {
  await prepareDatabase(db, { demoSeedCount: 0 })
  await seedDemo(db, {
    count,
    seed,
    batchSize: backend === 'postgres' ? 10_000 : 2_000,
    onProgress: (written, total) => progress.update(written, total, 'seeding'),
  })
  progress.done()
  console.log(`${backend}: seeded ${count.toLocaleString('en-US')} demo sites and rebuilt search tables in ${((Date.now() - started) / 1000).toFixed(1)} s`)
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
} finally {
  await db.destroy()
}
