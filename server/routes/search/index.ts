/**
 * GET and POST /api/v1/search. The page uses POST so a person's location never appears in
 * a URL (and so never in a proxy log or the browser history).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorBodySchema } from '../../../common/contract/error.js'
import { searchBodySchema, searchFieldsSchema, searchGeoJsonSchema, searchResponseSchema, type SearchFields } from '../../../common/contract/search.js'
import { searchSites, searchSitesJson } from '../../search/search-sites.js'
import { toFeatureCollection } from '../../search/present.js'
import type { Geocoder } from '../../geocode/geocoder.js'
import { noStore } from '../no-store.js'

const searchResponses = {
  200: {
    description: 'Nearest matching sites, by distance on the ellipsoid (ties by id)',
    content: {
      'application/json': { schema: searchResponseSchema },
      'application/geo+json': { schema: searchGeoJsonSchema },
    },
  },
  '4xx': errorBodySchema,
  '5xx': errorBodySchema,
}

/** format=geojson, or an Accept header naming GeoJSON (format=json wins over Accept). */
function wantsGeoJson(request: FastifyRequest, fields: SearchFields): boolean {
  if (fields.format) return fields.format === 'geojson'
  return (request.headers.accept ?? '').includes('application/geo+json')
}

const searchRoutes: FastifyPluginAsyncTypebox<{ geocoder: Geocoder; staleHideAfterDays?: number | null }> = async (
  app,
  { geocoder, staleHideAfterDays = null },
) => {
  // Every answer, errors included (a PLACE_NOT_FOUND quotes the typed place; a 400 may quote
  // a coordinate), says what someone looked for: onSend covers handler, error handler, rate
  // limit and overload replies alike.
  app.addHook('onSend', noStore)
  const handle = async (request: FastifyRequest, reply: FastifyReply, fields: SearchFields) => {
    const deps = { db: app.dbFor(request), geocoder, facetStats: app.facetStats, staleHideAfterDays }
    if (wantsGeoJson(request, fields)) {
      const { results, ...meta } = await searchSites(deps, fields)
      return reply.type('application/geo+json').send(toFeatureCollection(results, meta))
    }
    // Written from the stored cards as JSON text and sent as it is: the response schema documents
    // it (tests hold the text to it) but does not serialize it again.
    return reply.type('application/json; charset=utf-8').send(await searchSitesJson(deps, fields))
  }

  const schema = { tags: ['search'], response: searchResponses }
  app.get(
    '/search',
    {
      schema: { ...schema, summary: 'Find the nearest sites (query string)', querystring: searchFieldsSchema },
    },
    (request, reply) => handle(request, reply, request.query),
  )
  app.post(
    '/search',
    {
      schema: { ...schema, summary: 'Find the nearest sites (JSON body; keeps the location out of URLs)', body: searchBodySchema },
    },
    (request, reply) => handle(request, reply, request.body),
  )
}

export default searchRoutes
