/**
 * Builds the application as a plugin tree: infrastructure plugins first (errors, logging,
 * security, database, docs), then routes. server/main.ts listens; tests use inject().
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config.js'
import type { DatabaseHandle } from './db/connect.js'
import type { ReadRouter } from './db/replicas.js'
import type { Geocoder } from './geocode/geocoder.js'
import { geocoderFor } from './geocode/select.js'
import corsPlugin from './plugins/cors.js'
import databasePlugin from './plugins/database.js'
import errorsPlugin, { clientErrorHandler, frameworkErrors } from './plugins/errors.js'
import openapiPlugin from './plugins/openapi.js'
import pressurePlugin from './plugins/pressure.js'
import securityPlugin, { trustProxyOption } from './plugins/security.js'
import webPlugin from './plugins/web.js'
import curateWebPlugin from './plugins/curate-web.js'
import httpCachePlugin from './plugins/http-cache.js'
import compressionPlugin from './plugins/compression.js'
import { PrivacyLogController } from './log-controller.js'
import { requestRules } from './validation/request-rules.js'
import exportRoutes from './routes/exports/index.js'
import geocodeRoutes from './routes/geocode/index.js'
import healthRoutes from './routes/health/index.js'
import hsdsRoutes from './routes/hsds/index.js'
import liteRoutes from './routes/lite/index.js'
import updateRoutes from './routes/update/index.js'
import smsRoutes from './routes/sms/index.js'
import reportRoutes from './routes/reports/index.js'
import availabilityRoutes from './routes/reports/availability.js'
import searchRoutes from './routes/search/index.js'
import routePlanRoutes from './routes/route-plans/index.js'
import siteRoutes from './routes/sites/index.js'
import taxonomyRoutes from './routes/taxonomy/index.js'
import curateRoutes from './routes/curate/index.js'
import basemapRoutes from './routes/basemap/index.js'
import offlineRoutes from './routes/offline/index.js'

export interface BuildOptions {
  database: DatabaseHandle
  /** Close the database with the app (default true). */
  closeDatabase?: boolean
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: NodeJS.WritableStream
  geocoder?: Geocoder
  /** False while start-up is still preparing the database: routes that need it answer 503. */
  databasePrepared?: () => boolean
  /** Read replicas (DATABASE_READ_URL) for the public reads; closed with the database. */
  readRouter?: ReadRouter | null
}

/** Builds the app (not listening). */
export async function buildApp(config: Config, options: BuildOptions): Promise<FastifyInstance> {
  const logger: FastifyServerOptions['logger'] =
    config.logLevel === 'silent'
      ? false
      : {
          level: config.logLevel,
          // Belt and braces: even a stray { req } or { res } logs nothing about the request.
          serializers: { req: () => ({}), res: () => ({}) },
          ...(options.logStream ? { stream: options.logStream } : {}),
        }
  const app = Fastify({
    logger,
    logController: new PrivacyLogController(),
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: 64 * 1024,
    // Fastify's own early answers in the one error shape (see plugins/errors.ts).
    return503OnClosing: false,
    frameworkErrors,
    clientErrorHandler,
    // requestRules: every number finite, every string free of NUL and lone surrogates, every input bounded.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false }, plugins: [requestRules] },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // JSON only: a text/plain body would otherwise reach validation as a string.
  app.removeContentTypeParser('text/plain')

  const geocoder = options.geocoder ?? geocoderFor(config)
  await app.register(errorsPlugin)
  // Before overload shedding and rate limiting, so that their 503s and 429s are readable cross-origin.
  await app.register(corsPlugin)
  await app.register(pressurePlugin, { config })
  await app.register(securityPlugin, { config })
  // Public directory answers get an ETag and max-age; compression after it (a route-level hook), before every route.
  await app.register(httpCachePlugin, { config })
  await app.register(compressionPlugin, { config })
  await app.register(databasePlugin, {
    db: options.database.db,
    backend: options.database.backend,
    closeOnShutdown: options.closeDatabase ?? true,
    readRouter: options.readRouter ?? null,
    ...(options.databasePrepared ? { prepared: options.databasePrepared } : {}),
  })
  await app.register(openapiPlugin)
  await app.register(healthRoutes)
  await app.register(
    async (api) => {
      await api.register(searchRoutes, { geocoder, staleHideAfterDays: config.staleHideAfterDays })
      await api.register(siteRoutes)
      await api.register(taxonomyRoutes)
      await api.register(geocodeRoutes, { geocoder })
      await api.register(routePlanRoutes, { config })
      await api.register(reportRoutes)
      await api.register(availabilityRoutes)
      await api.register(exportRoutes)
      await api.register(offlineRoutes, { staleHideAfterDays: config.staleHideAfterDays })
      await api.register(curateRoutes, { prefix: '/curate', config })
    },
    { prefix: '/api/v1' },
  )
  await app.register(hsdsRoutes, { prefix: '/hsds', publicUrl: config.publicUrl })
  await app.register(liteRoutes, { geocoder, staleHideAfterDays: config.staleHideAfterDays })
  await app.register(updateRoutes)
  await app.register(smsRoutes, { config, geocoder })
  await app.register(basemapRoutes, { file: config.basemapPmtiles, rateLimitPerMinute: config.rateLimitPerMinute * 10 })
  await app.register(webPlugin, { config })
  await app.register(curateWebPlugin, { config })
  return app
}
