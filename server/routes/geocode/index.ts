/**
 * GET /api/v1/geocode?q=: ZIP codes and place names to points (offline by default).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../../common/contract/error.js'
import { geocodeQuerySchema, geocodeResponseSchema } from '../../../common/contract/geocode.js'
import type { Geocoder } from '../../geocode/geocoder.js'
import { noStore } from '../no-store.js'

const geocodeRoutes: FastifyPluginAsyncTypebox<{ geocoder: Geocoder }> = async (app, { geocoder }) => {
  // Every answer, errors included, carries the place someone typed: never cached.
  app.addHook('onSend', noStore)
  app.get(
    '/geocode',
    {
      schema: {
        tags: ['geocode'],
        summary: 'Geocode a US ZIP code or place name',
        querystring: geocodeQuerySchema,
        response: { 200: geocodeResponseSchema, '4xx': errorBodySchema, '5xx': errorBodySchema },
      },
    },
    async (request) => {
      return { results: await geocoder.geocode(request.query.q, request.query.limit ?? 5) }
    },
  )
}

export default geocodeRoutes
