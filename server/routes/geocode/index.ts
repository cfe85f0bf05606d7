/**
 * GET /api/v1/geocode?q=: ZIP codes and place names to points (offline by default).
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../errors.js'
import type { Geocoder } from '../../geocode/geocoder.js'
import { noStore } from '../no-store.js'

const placeSchema = Type.Object({
  label: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  kind: Type.String(),
  approximate: Type.Boolean(),
  postalCode: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
})

const geocodeRoutes: FastifyPluginAsyncTypebox<{ geocoder: Geocoder }> = async (app, { geocoder }) => {
  // Every answer, errors included, carries the place someone typed: never cached.
  app.addHook('onSend', noStore)
  app.get(
    '/geocode',
    {
      schema: {
        tags: ['geocode'],
        summary: 'Geocode a US ZIP code or place name',
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 200 }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ results: Type.Array(placeSchema) }), '4xx': errorBodySchema, '5xx': errorBodySchema },
      },
    },
    async (request) => {
      return { results: await geocoder.geocode(request.query.q, request.query.limit ?? 5) }
    },
  )
}

export default geocodeRoutes
