/**
 * npm run db:rebuild-search — re-derives the search tables from the directory tables
 * (after a bulk load, or if they are ever in doubt). Searches see the old rows until it commits.
 */
import { loadConfigOrExit } from '../config.js'
import { openDatabase } from './open-database.js'
import { prepareDatabase } from '../startup/prepare.js'
import { rebuildSearchTables } from '../directory/search-tables.js'

const config = loadConfigOrExit()
const { db, backend } = await openDatabase(config)
const started = Date.now()
try {
  await prepareDatabase(db, { demoSeedCount: 0 })
  await rebuildSearchTables(db)
  console.log(`${backend}: search tables rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`)
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
} finally {
  await db.destroy()
}
