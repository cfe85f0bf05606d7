/**
 * GET /api/v1/offline-area?bbox=… : a box's listings for the page to keep on the phone, and
 * GET /api/v1/offline-area/size?bbox=… : how big that download is, asked before it starts.
 * The same box gives everyone the same answer, so both are cacheable with an ETag (a proxy
 * may absorb a county's saves) and read from a replica; the log line names the route only,
 * never the box.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../../common/contract/error.js'
import { offlineAreaQuerySchema, offlineAreaSchema, offlineAreaSizeSchema } from '../../../common/contract/offline-area.js'
import { offlineArea, offlineAreaSize, parseBbox } from '../../offline/saved-area.js'

export interface OfflineRouteOptions {
  staleHideAfterDays: number | null
}

const offlineRoutes: FastifyPluginAsyncTypebox<OfflineRouteOptions> = async (app, options) => {
  const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema }
  app.get(
    '/offline-area',
    {
      schema: {
        tags: ['offline'],
        summary: 'Every active site in a box, with hours and live status, for searching with no signal',
        querystring: offlineAreaQuerySchema,
        response: { 200: offlineAreaSchema, ...errors },
      },
    },
    async (request, reply) => {
      const box = parseBbox(request.query.bbox)
      const area = await offlineArea(app.dbFor(request), box, { staleHideAfterDays: options.staleHideAfterDays, now: new Date() })
      // It carries live status, which changes within minutes: a site page's short max-age, with an ETag.
      reply.cachePublicly('site')
      return area
    },
  )
  app.get(
    '/offline-area/size',
    {
      schema: {
        tags: ['offline'],
        summary: 'How many sites, and about how many bytes, saving a box would store',
        querystring: offlineAreaQuerySchema,
        response: { 200: offlineAreaSizeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const size = await offlineAreaSize(app.dbFor(request), parseBbox(request.query.bbox))
      reply.cachePublicly('directory')
      return size
    },
  )
}

export default offlineRoutes
