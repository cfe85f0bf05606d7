/**
 * Opens the database: PostgreSQL through `pg` when a URL is given, else embedded PGlite with
 * PostGIS persisted in a folder. Both are driven by Kysely's PostgresDialect, so every query
 * and migration runs unchanged on either.
 */
import { mkdirSync } from 'node:fs'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { finished } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Database } from './schema.js'
import { PglitePool } from './pglite-pool.js'
import { lockPgliteDir, type PgliteLock } from './pglite-lock.js'
import { copyPayloadOf, type CopyPayload } from './copy.js'
import { preparedName } from './sql.js'

export type Backend = 'postgres' | 'pglite'

export interface DatabaseHandle {
  db: Kysely<Database>
  backend: Backend
  /** Present on the pg backend: the pool, for the benchmark and for pool events. */
  pool?: pg.Pool
  /** Present on the PGlite backend: the instance (tests dump a migrated one to start from). */
  pglite?: import('@electric-sql/pglite').PGlite
}

export interface ConnectOptions {
  databaseUrl: string | null
  pgliteDir: string
  /** Called when an idle pooled connection fails (e.g. the server restarted); must not throw. */
  onPoolError?: (err: Error) => void
  maxConnections?: number
  /**
   * Server-side limit per statement on PostgreSQL (the API sets one so no request can hang a
   * connection; bulk CLIs leave it unset because rebuilding a million rows takes minutes).
   */
  statementTimeoutMs?: number
  /** PGlite only: start from this data-folder dump (PGlite's dumpDataDir) instead of an empty folder. */
  pgliteDataDump?: Blob
}

// Dates stay 'YYYY-MM-DD' strings (a JS Date would shift them by the server's timezone);
// 64-bit counts become numbers. Both backends get the same parsers.
const DATE_OID = 1082
const INT8_OID = 20
const NUMERIC_OID = 1700
pg.types.setTypeParser(DATE_OID, (value) => value)
pg.types.setTypeParser(INT8_OID, (value) => Number(value))
pg.types.setTypeParser(NUMERIC_OID, (value) => Number(value))

/**
 * Prepares each distinct SQL text once per connection (named statements), so repeated
 * searches skip parsing and planning. Kysely always sends the same text for the same
 * query shape, so the number of names stays small.
 */
export function preparingClient(client: pg.PoolClient): pg.PoolClient {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  const named = (sql: unknown, values?: unknown): unknown => {
    const copy = typeof sql === 'string' && Array.isArray(values) ? copyPayloadOf(values) : null
    if (copy) return copyIn(client, sql as string, copy)
    const name = typeof sql === 'string' && Array.isArray(values) ? preparedName(sql) : null
    if (name) return query({ name, text: sql, values })
    return values === undefined ? query(sql) : query(sql, values)
  }
  return Object.assign(Object.create(client) as pg.PoolClient, { query: named })
}

/** Streams a COPY … FROM STDIN's rows (see copy.ts); fails as the statement fails. */
async function copyIn(client: pg.PoolClient, sql: string, payload: CopyPayload) {
  const stream = client.query(copyFrom(sql))
  stream.end(payload.text)
  await finished(stream)
  return { command: 'COPY', rowCount: stream.rowCount ?? 0, rows: [] }
}

/**
 * Which database a command writes to, for a curator to check: "PostgreSQL at db:5432/hrl" or
 * "embedded PGlite in .data/pglite". Never includes the user or password from the URL.
 */
export function describeDatabase(options: Pick<ConnectOptions, 'databaseUrl' | 'pgliteDir'>): string {
  if (!options.databaseUrl) {
    return options.pgliteDir === 'memory://' ? 'embedded PGlite in memory' : `embedded PGlite in ${options.pgliteDir}`
  }
  const url = new URL(options.databaseUrl)
  // A Unix socket comes as ?host=/path; the database defaults to the user's name, unknown here.
  const host = url.hostname || url.searchParams.get('host') || 'localhost'
  const database = decodeURIComponent(url.pathname.slice(1)) || '(default database)'
  return `PostgreSQL at ${host}:${url.port || '5432'}/${database}`
}

/**
 * Connects to the configured backend; PGlite creates its folder, takes its lock (see
 * pglite-lock.ts; released by `db.destroy()`) and loads PostGIS.
 */
export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = openPgPool(options.databaseUrl, options)
    const preparingPool = {
      connect: async () => preparingClient(await pool.connect()),
      end: () => pool.end(),
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool }) })
    return { db, backend: 'postgres', pool }
  }
  return connectPglite(options)
}

/**
 * A pool of API connections to one PostgreSQL server (the primary, or a read replica in
 * replicas.ts); connection failures go to `onPoolError`, never crash the process.
 */
export function openPgPool(databaseUrl: string, options: Omit<ConnectOptions, 'databaseUrl' | 'pgliteDir' | 'pgliteDataDump'>): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    // Named statements get their generic plan from the first execution. A custom plan sees
    // a search's literal point and radius, multiplies its default guesses for the bitmask
    // filters into "almost nothing matches nearby", and in a dense area swaps the walk that
    // stops after k sites for a bitmap scan of the whole radius and a sort: 190 ms instead of
    // 2 ms at a million sites, for the first five runs of each statement on each connection.
    options: '-c plan_cache_mode=force_generic_plan',
  })
  // An idle client's failure reaches the pool's 'error' event. A checked-out client's failure
  // (the server restarted mid-query) is emitted on the client itself, where an unheard
  // 'error' event would crash the process: every client gets a listener for its lifetime.
  // The query in flight fails on its own, and the pool discards the broken client on release.
  pool.on('error', () => {}) // the same error, already heard by the client's own listener
  pool.on('connect', (client) => client.on('error', (err) => options.onPoolError?.(err)))
  return pool
}

/** The embedded backend: PGlite with PostGIS in a folder (or in memory). */
async function connectPglite(options: ConnectOptions): Promise<DatabaseHandle> {
  const [{ PGlite }, { postgis }, { btree_gist }, { uuid_ossp }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-postgis'),
    import('@electric-sql/pglite/contrib/btree_gist'),
    // uuid_generate_v5, behind the HSDS ids (migration 2026-12-03-02).
    import('@electric-sql/pglite/contrib/uuid_ossp'),
  ])
  // Only a real folder can be shared with another process; 'memory://' is this process's own.
  let lock: PgliteLock | null = null
  if (options.pgliteDir !== 'memory://') {
    mkdirSync(options.pgliteDir, { recursive: true })
    lock = lockPgliteDir(options.pgliteDir)
  }
  const lite = await PGlite.create(options.pgliteDir, {
    extensions: { postgis, btree_gist, uuid_ossp },
    ...(options.pgliteDataDump ? { loadDataDir: options.pgliteDataDump } : {}),
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v), [NUMERIC_OID]: (v: string) => Number(v) },
  }).catch((err: unknown) => {
    lock?.release()
    throw err
  })
  const pool = new PglitePool(lite)
  // Kysely's destroy() ends the pool: close PGlite, then give up the folder.
  const lockedPool = { connect: () => pool.connect(), end: () => pool.end().finally(() => lock?.release()) }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: lockedPool }) })
  // Searches run as prepared statements with their generic plan, as on PostgreSQL (see
  // PglitePool). Sent through Kysely so that its driver starts now: destroy() ends the pool,
  // and so releases the lock, only once the driver has started.
  await sql`SET plan_cache_mode = force_generic_plan`.execute(db).catch(async (err: unknown) => {
    await db.destroy()
    throw err
  })
  return { db, backend: 'pglite', pglite: lite }
}
