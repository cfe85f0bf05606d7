/**
 * Decorates the app with `db` (Kysely over pg or PGlite) and the facet statistics the
 * search planner uses; closes the database when the app closes (unless the caller owns it).
 * Until the database is prepared (the server listens first, then migrates, retrying while the
 * database is away), routes that need it answer 503 with Retry-After.
 */
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Backend } from '../db/connect.js'
import { ErrorCode, RETRY_AFTER_S, UnavailableError } from '../errors.js'
import { facetStatsCache, type FacetStatsCache } from '../search/facet-stats.js'
import { sendApiError } from './errors.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
    backend: Backend
    facetStats: FacetStatsCache
  }
}

export interface DatabasePluginOptions {
  db: Kysely<Database>
  backend: Backend
  /** Destroy the database on close (false when a test shares one database across apps). */
  closeOnShutdown: boolean
  /** False while start-up is still preparing the database (default: always prepared). */
  prepared?: () => boolean
}

/** Paths served without the database: the process check, the page and its assets, the docs. */
const NEEDS_NO_DATABASE = /^\/(?:health(?:\?|$)|$|\?|assets\/|docs|openapi\.json|favicon)/

export default fp<DatabasePluginOptions>(
  async (app, options) => {
    app.decorate('db', options.db)
    app.decorate('backend', options.backend)
    app.decorate('facetStats', facetStatsCache(options.db))
    const prepared = options.prepared
    if (prepared) {
      app.addHook('onRequest', async (request, reply) => {
        if (prepared() || NEEDS_NO_DATABASE.test(request.url)) return
        return sendApiError(reply, new UnavailableError(ErrorCode.UNAVAILABLE, 'the service is starting up; try again shortly', RETRY_AFTER_S.unavailable))
      })
    }
    if (options.closeOnShutdown) app.addHook('onClose', async () => options.db.destroy())
  },
  { name: 'database' },
)
