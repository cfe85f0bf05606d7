/**
 * GET /api/v1/sites/{id}: one site with everything a person needs to act on it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../../common/contract/error.js'
import { siteDetailSchema, siteFeatureSchema, siteIdParamsSchema, siteQuerySchema } from '../../../common/contract/site.js'
import { notFound } from '../../errors.js'
import { presentSite, siteFeature } from '../../sites/present.js'
import { findSiteDetail } from '../../sites/repository.js'
import { noStoreUnlessPublic } from '../no-store.js'

const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A 404 or a bad id is not cached (a successful page is public: see below).
  app.addHook('onSend', noStoreUnlessPublic)
  app.get(
    '/sites/:id',
    {
      schema: {
        tags: ['sites'],
        summary: 'One site in full (a GeoJSON Feature with format=geojson or Accept: application/geo+json)',
        params: siteIdParamsSchema,
        querystring: siteQuerySchema,
        response: {
          200: {
            description: 'The site',
            content: { 'application/json': { schema: siteDetailSchema }, 'application/geo+json': { schema: siteFeatureSchema } },
          },
          '4xx': errorBodySchema,
          '5xx': errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const site = await findSiteDetail(app.dbFor(request), request.params.id)
      if (!site) throw notFound(`no site with id "${request.params.id.slice(0, 80)}"`)
      const body = presentSite(site, new Date())
      // The same for everyone (the id is in the URL, nothing of the asker is): public, for
      // SITE_CACHE_MAX_AGE_S only, since live status and availability counts change within minutes.
      reply.cachePublicly('site')
      // format=json wins over Accept, as on /search.
      const geojson = request.query.format ? request.query.format === 'geojson' : (request.headers.accept ?? '').includes('application/geo+json')
      if (!geojson) return reply.type('application/json').send(body)
      return reply.type('application/geo+json').send(siteFeature(body))
    },
  )
}

export default siteRoutes
