/**
 * POST /api/v1/geocode { q } and GET /api/v1/geocode?q=: ZIP codes and place names to points
 * (offline by default). The page uses POST: a typed place stays out of URLs and logs.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../../common/contract/error.js'
import { geocodeQuerySchema, geocodeResponseSchema, type GeocodeQuery } from '../../../common/contract/geocode.js'
import { resolvePlace, type Geocoder } from '../../geocode/geocoder.js'
import { noStore } from '../no-store.js'

const geocodeRoutes: FastifyPluginAsyncTypebox<{ geocoder: Geocoder }> = async (app, { geocoder }) => {
  // Every answer, errors included, carries the place someone typed: never cached.
  app.addHook('onSend', noStore)
  const answer = async (query: GeocodeQuery) => {
    const found = await resolvePlace(geocoder, query.q, query.limit ?? 5)
    return { ...found, match: found.results[0]?.match ?? null }
  }
  const response = { 200: geocodeResponseSchema, '4xx': errorBodySchema, '5xx': errorBodySchema }
  app.post(
    '/geocode',
    {
      schema: { tags: ['geocode'], summary: 'Geocode a US ZIP code or place name (the text in the body, out of the URL)', body: geocodeQuerySchema, response },
    },
    async (request) => answer(request.body),
  )
  app.get(
    '/geocode',
    {
      schema: {
        tags: ['geocode'],
        summary: 'Geocode a US ZIP code or place name (prefer POST: a URL is logged and kept in histories)',
        querystring: geocodeQuerySchema,
        response,
      },
    },
    async (request) => answer(request.query),
  )
}

export default geocodeRoutes
