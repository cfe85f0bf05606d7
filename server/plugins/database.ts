/**
 * Decorates the app with `db` (Kysely over pg or PGlite) and the facet statistics the
 * search planner uses; closes the database when the app closes (unless the caller owns it).
 */
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Backend } from '../db/connect.js'
import { facetStatsCache, type FacetStatsCache } from '../search/facet-stats.js'

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
}

export default fp<DatabasePluginOptions>(
  async (app, options) => {
    app.decorate('db', options.db)
    app.decorate('backend', options.backend)
    app.decorate('facetStats', facetStatsCache(options.db))
    if (options.closeOnShutdown) app.addHook('onClose', async () => options.db.destroy())
  },
  { name: 'database' },
)
