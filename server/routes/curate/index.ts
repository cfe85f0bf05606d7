/**
 * The curator API under /api/v1/curate (docs/curation.md): one encapsulated plugin, so its
 * authentication hook, cookie and no-store header reach these routes and no others.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Config } from '../../config.js'
import { noStore } from '../no-store.js'
import { bearerOf } from '../../plugins/read-your-writes.js'
import accountRoutes from './accounts.js'
import { authenticate } from './auth.js'
import changeRequestRoutes from './change-requests.js'
import liveStatusRoutes from './live-status.js'
import providerLinkRoutes from './provider-links.js'
import queueRoutes from './queue.js'
import sessionRoutes from './session.js'
import siteRoutes from './sites.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const curateRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  app.decorateRequest('caller', null)
  app.addHook(
    'onRequest',
    authenticate(() => app.db, { idleMinutes: config.curation.sessionIdleMinutes, hours: config.curation.sessionHours }),
  )
  // Errors (401s, 403s, 429s) are no-store too.
  app.addHook('onSend', noStore)
  // Read-your-writes: this token's public reads stay on the primary for a while (plugins/read-your-writes.ts).
  // onSend, not onResponse: the window must be open before the curator can see the answer.
  app.addHook('onSend', async (request, reply) => {
    const token = request.caller?.via === 'token' && !SAFE_METHODS.has(request.method) && reply.statusCode < 400 ? bearerOf(request) : null
    if (token) app.recentWriters.wrote(token)
  })
  await app.register(sessionRoutes, { config })
  await app.register(queueRoutes, { config })
  await app.register(siteRoutes)
  await app.register(providerLinkRoutes, { config })
  await app.register(changeRequestRoutes)
  await app.register(liveStatusRoutes)
  await app.register(accountRoutes)
}

export default curateRoutes
