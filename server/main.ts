/**
 * Starts the server: configuration, database (PostgreSQL or embedded PGlite), listen, then
 * migrations and first-start demo data (retried while PostgreSQL is unreachable; until then
 * /ready and the API answer 503); closes cleanly on SIGINT/SIGTERM.
 */
import { buildApp } from './app.js'
import { loadConfigOrExit } from './config.js'
import { connectDatabase } from './db/connect.js'
import { reopenEndedClosures } from './curate/reopen.js'
import { prepareWhenReachable } from './startup/prepare-when-reachable.js'

async function main(): Promise<void> {
  const config = loadConfigOrExit()
  const say = (message: string, level = 30) => {
    if (config.logLevel !== 'silent') console.log(JSON.stringify({ level, time: Date.now(), msg: message }))
  }
  if (!config.databaseUrl) say(`embedded database (PGlite + PostGIS) in ${config.pgliteDir}: cold start takes several seconds`)
  const database = await connectDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    statementTimeoutMs: config.statementTimeoutMs,
    maxConnections: config.databasePoolSize,
    // A lost connection (database restart) must not crash the process: the query in flight
    // fails with a 503 and the pool connects afresh for the next one.
    onPoolError: (err) => say(`database connection lost (${(err as { code?: string }).code ?? 'no code'})`, 40),
  })
  let prepared = false
  const app = await buildApp(config, { database, databasePrepared: () => prepared })
  const stopping = new AbortController()
  let closing = false
  const close = async (signal: string) => {
    // A second signal while closing forces the exit (the 'exit' hook still frees the PGlite lock).
    if (closing) process.exit(1)
    closing = true
    stopping.abort()
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
  try {
    await prepareWhenReachable(database.db, { demoSeedCount: config.demoSeedCount, log: say }, { signal: stopping.signal })
  } catch (err) {
    // Shutting down while still preparing: close() decides the exit.
    if (closing) return
    throw err
  }
  prepared = true
  say('database prepared: serving')
  // Temporary closures end on their until-date (UTC), checked hourly.
  const reopen = () =>
    reopenEndedClosures(database.db, new Date().toISOString().slice(0, 10)).then(
      (ids) => ids.length && say(`reopened ${ids.length} site(s) whose temporary closure ended`),
      (err: unknown) => say(`reopening ended closures failed: ${err instanceof Error ? err.message : String(err)}`, 40),
    )
  await reopen()
  setInterval(reopen, 3_600_000).unref()
}

main().catch((err: unknown) => {
  console.error('start-up failed:', err instanceof Error ? err.message : err)
  process.exit(1)
})
