/**
 * Decorates the app with `db` (Kysely over pg or PGlite) and the facet statistics the
 * search planner uses; closes the database when the app closes (unless the caller owns it).
 * `readDb` is where public reads go: the read replicas (db/replicas.ts) when there are any,
 * else `db`; `dbFor(request)` picks between them for read-your-writes (read-your-writes.ts).
 * Every write uses `db`.
 * Until the database is prepared (the server listens first, then migrates, retrying while the
 * database is away), routes that need it answer 503 with Retry-After.
 */
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Backend } from '../db/connect.js'
import type { ReadRouter } from '../db/replicas.js'
import type { FastifyRequest } from 'fastify'
import { bearerOf, RecentWriters } from './read-your-writes.js'
import { ErrorCode, RETRY_AFTER_S, UnavailableError } from '../errors.js'
import { facetStatsCache, type FacetStatsCache } from '../search/facet-stats.js'
import { sendApiError } from './errors.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
    backend: Backend
    facetStats: FacetStatsCache
    /** The replicas (or `db` without any): for reads that may lag a write by up to REPLICA_MAX_LAG_S. */
    readDb: Kysely<Database>
    /** `readDb`, or `db` for a curator token that wrote within its read-your-writes window. */
    dbFor(request: FastifyRequest): Kysely<Database>
    /** Curator tokens that wrote recently (the curator routes note each write). */
    recentWriters: RecentWriters
    /** The read replicas' router, when DATABASE_READ_URL names any. */
    readRouter: ReadRouter | null
  }
}

export interface DatabasePluginOptions {
  db: Kysely<Database>
  backend: Backend
  /** Destroy the database on close (false when a test shares one database across apps). */
  closeOnShutdown: boolean
  /** False while start-up is still preparing the database (default: always prepared). */
  prepared?: () => boolean
  /** Read replicas (PostgreSQL only); closed with the database. */
  readRouter?: ReadRouter | null
}

/** Paths served without the database: the process check, the page and its assets, the docs. */
const NEEDS_NO_DATABASE = /^\/(?:health(?:\?|$)|$|\?|assets\/|docs|openapi\.json|favicon)/

export default fp<DatabasePluginOptions>(
  async (app, options) => {
    app.decorate('db', options.db)
    app.decorate('backend', options.backend)
    app.decorate('facetStats', facetStatsCache(options.db))
    const readRouter = options.readRouter ?? null
    const readDb = readRouter?.readDb ?? options.db
    const recentWriters = new RecentWriters(readRouter?.staleForMs ?? 0)
    app.decorate('readDb', readDb)
    app.decorate('readRouter', readRouter)
    app.decorate('recentWriters', recentWriters)
    app.decorate('dbFor', (request: FastifyRequest) => (readRouter && recentWriters.isRecent(bearerOf(request)) ? options.db : readDb))
    const prepared = options.prepared
    if (prepared) {
      app.addHook('onRequest', async (request, reply) => {
        if (prepared() || NEEDS_NO_DATABASE.test(request.url)) return
        return sendApiError(reply, new UnavailableError(ErrorCode.UNAVAILABLE, 'the service is starting up; try again shortly', RETRY_AFTER_S.unavailable))
      })
    }
    if (options.closeOnShutdown) app.addHook('onClose', async () => Promise.all([readRouter?.close(), options.db.destroy()]))
  },
  { name: 'database' },
)
