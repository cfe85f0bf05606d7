/**
 * npm run demo -- remove: deletes every demo site (made-up listings, marked demo), keeping real
 * records, and says how many went.
 * npm run demo -- seed [--count N] [--seed S]: replaces the demo sites with N generated ones
 * (default 5,000); `npm run seed:demo -- [--count N]` is the same.
 */
import { parseArgs } from 'node:util'
import { loadConfigOrExit } from '../config.js'
import { removeDemo, seedDemo } from '../demo/seed.js'
import { prepareDatabase } from '../startup/prepare.js'
import { openDatabase } from './open-database.js'
import { progressFor } from './progress.js'

const USAGE = 'usage: npm run demo -- remove | seed [--count N] [--seed S]'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { count: { type: 'string', default: '5000' }, seed: { type: 'string', default: '42' } },
})
const [command, ...extra] = positionals
if ((command !== 'remove' && command !== 'seed') || extra.length > 0) {
  console.error(command === undefined ? USAGE : `unknown command "${[command, ...extra].join(' ')}"; ${USAGE}`)
  process.exit(2)
}
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
const seconds = () => ((Date.now() - started) / 1000).toFixed(1)
try {
  await prepareDatabase(db, { demoSeedCount: 0 })
  if (command === 'remove') {
    const removed = await removeDemo(db)
    console.log(`${backend}: removed ${removed.toLocaleString('en-US')} demo sites and rebuilt search tables in ${seconds()} s`)
    if (config.demoSeedCount > 0) console.log('An empty directory is seeded with demo sites again at the next start; set DEMO_SEED_COUNT=0 to keep it empty.')
  } else {
    const progress = progressFor(process.stdout)
    await seedDemo(db, {
      count,
      seed,
      batchSize: backend === 'postgres' ? 10_000 : 2_000,
      onProgress: (written, total) => progress.update(written, total, 'seeding'),
    })
    progress.done()
    console.log(`${backend}: seeded ${count.toLocaleString('en-US')} demo sites and rebuilt search tables in ${seconds()} s`)
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
} finally {
  await db.destroy()
}
