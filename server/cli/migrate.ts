/**
 * npm run db:migrate — applies pending migrations to the configured database and exits.
 */
import { loadConfigOrExit } from '../config.js'
import { openDatabase } from './open-database.js'
import { migrateToLatest } from '../db/migrate.js'
import { syncTaxonomy } from '../startup/prepare.js'

const config = loadConfigOrExit()
const { db, backend } = await openDatabase(config)
try {
  const results = await migrateToLatest(db)
  await syncTaxonomy(db)
  if (results.length === 0) console.log(`${backend}: already up to date`)
  for (const r of results) console.log(`${backend}: ${r.migrationName} ${r.status}`)
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
} finally {
  await db.destroy()
}
