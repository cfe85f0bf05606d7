/**
 * Starts the server: configuration, database (PostgreSQL or embedded PGlite), listen, then
 * migrations and first-start demo data (retried while PostgreSQL is unreachable; until then
 * /ready and the API answer 503); closes cleanly on SIGINT/SIGTERM. With WEB_CONCURRENCY > 1
 * the process is a cluster primary (startup/cluster.ts) that prepares the database once and
 * runs that many workers, each of which runs the app as below without preparing.
 */
import cluster from 'node:cluster'
import type { Kysely } from 'kysely'
import { buildApp } from './app.js'
import { loadConfigOrExit } from './config.js'
import { connectDatabase } from './db/connect.js'
import { ReadRouter } from './db/replicas.js'
import { reopenEndedClosures } from './curate/reopen.js'
import { prepareWhenReachable } from './startup/prepare-when-reachable.js'
import { runPrimary, workerMessages } from './startup/cluster.js'
import type { Database } from './db/schema.js'

type Say = (message: string, level?: number) => void

/** Temporary closures end on their until-date (UTC), checked now and hourly (in one process only). */
async function reopenClosuresHourly(db: Kysely<Database>, say: Say): Promise<void> {
  const reopen = () =>
    reopenEndedClosures(db, new Date().toISOString().slice(0, 10)).then(
      (ids) => ids.length && say(`reopened ${ids.length} site(s) whose temporary closure ended`),
      (err: unknown) => say(`reopening ended closures failed: ${err instanceof Error ? err.message : String(err)}`, 40),
    )
  await reopen()
  setInterval(reopen, 3_600_000).unref()
}

/** The cluster primary: its own small pool prepares the database and reopens closures; the workers serve. */
async function primary(config: ReturnType<typeof loadConfigOrExit>, say: Say): Promise<void> {
  const database = await connectDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    statementTimeoutMs: config.statementTimeoutMs,
    maxConnections: 2,
    onPoolError: (err) => say(`database connection lost (${(err as { code?: string }).code ?? 'no code'})`, 40),
  })
  await runPrimary({
    workers: config.webConcurrency,
    log: say,
    prepare: async (signal) => {
      await prepareWhenReachable(database.db, { demoSeedCount: config.demoSeedCount, log: say }, { signal })
      await reopenClosuresHourly(database.db, say)
    },
    close: () => database.db.destroy(),
  })
}

async function main(): Promise<void> {
  const config = loadConfigOrExit()
  const say = (message: string, level = 30) => {
    if (config.logLevel !== 'silent') console.log(JSON.stringify({ level, time: Date.now(), msg: message }))
  }
  if (config.webConcurrency > 1 && cluster.isPrimary) return primary(config, say)
  const worker = cluster.isWorker
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
  // Replicas only copy a PostgreSQL primary (config.ts refuses DATABASE_READ_URL without DATABASE_URL).
  const readRouter =
    database.pool && config.databaseReadUrls.length
      ? new ReadRouter({
          primary: database.pool,
          replicaUrls: config.databaseReadUrls,
          maxLagS: config.replicaMaxLagS,
          maxConnections: config.databasePoolSize,
          statementTimeoutMs: config.statementTimeoutMs,
          log: (level, message) => say(message, level === 'warn' ? 40 : 30),
        })
      : null
  let prepared = false
  const app = await buildApp(config, { database, readRouter, databasePrepared: () => prepared })
  const stopping = new AbortController()
  let closing = false
  const close = async (signal: string) => {
    // A second signal while closing forces the exit (the 'exit' hook still frees the PGlite lock).
    // A worker hears both the terminal's Ctrl-C and its primary's request: its primary decides when to force.
    if (closing) {
      if (worker) return
      process.exit(1)
    }
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
  if (worker) workerMessages({ onPrepared: () => (prepared = true), onShutdown: (reason) => void close(reason) })
  await app.listen({ port: config.port, host: config.host })
  // The primary prepares the database and reopens closures, once for all workers.
  if (worker) return
  try {
    await prepareWhenReachable(database.db, { demoSeedCount: config.demoSeedCount, log: say }, { signal: stopping.signal })
  } catch (err) {
    // Shutting down while still preparing: close() decides the exit.
    if (closing) return
    throw err
  }
  prepared = true
  say('database prepared: serving')
  await reopenClosuresHourly(database.db, say)
}

main().catch((err: unknown) => {
  console.error('start-up failed:', err instanceof Error ? err.message : err)
  process.exit(1)
})
