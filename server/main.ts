/**
 * Starts the server: configuration, database (PostgreSQL or embedded PGlite), migrations,
 * first-start demo data, then listen; closes cleanly on SIGINT/SIGTERM.
 */
import { buildApp } from './app.js'
import { loadConfigOrExit } from './config.js'
import { connectDatabase } from './db/connect.js'
import { prepareDatabase } from './db/prepare.js'

async function main(): Promise<void> {
  const config = loadConfigOrExit()
  const say = (message: string) => {
    if (config.logLevel !== 'silent') console.log(JSON.stringify({ level: 30, time: Date.now(), msg: message }))
  }
  if (!config.databaseUrl) say(`embedded database (PGlite + PostGIS) in ${config.pgliteDir}: cold start takes several seconds`)
  const database = await connectDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    statementTimeoutMs: 15_000,
    // A lost idle connection (database restart) must not crash the process; the pool reconnects.
    onPoolError: (err) => console.error(JSON.stringify({ level: 50, msg: 'database connection lost', code: (err as { code?: string }).code })),
  })
  await prepareDatabase(database.db, { demoSeedCount: config.demoSeedCount, log: say })
  const app = await buildApp(config, { database })
  let closing = false
  const close = async (signal: string) => {
    // A second signal while closing forces the exit (the 'exit' hook still frees the PGlite lock).
    if (closing) process.exit(1)
    closing = true
    app.log.info({ signal }, 'shutting down')
    try {
      // Closes the database too (the database plugin's onClose), releasing the PGlite folder.
      await app.close()
      process.exit(0)
    } catch (err) {
      console.error('shutdown failed:', err instanceof Error ? err.message : err)
      process.exit(1)
    }
  }
  process.on('SIGINT', () => void close('SIGINT'))
  process.on('SIGTERM', () => void close('SIGTERM'))
  await app.listen({ port: config.port, host: config.host })
}

main().catch((err: unknown) => {
  console.error('start-up failed:', err instanceof Error ? err.message : err)
  process.exit(1)
})
