/**
 * GET /api/v1/sites/{id}: one site with everything a person needs to act on it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorBodySchema } from '../../../common/contract/error.js'
import { siteDetailSchema, siteFeatureSchema, siteIdParamsSchema, siteQuerySchema, type SiteDetail, type SiteFeature } from '../../../common/contract/site.js'
import { pointGeometry } from '../../../common/geojson.js'
import { siteToday, verificationAge } from '../../../common/verification.js'
import { notFound } from '../../errors.js'
import { openState } from '../../schedule/hours.js'
import { findSiteDetail } from '../../sites/repository.js'

const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
      const site = await findSiteDetail(app.db, request.params.id)
      if (!site) throw notFound(`no site with id "${request.params.id.slice(0, 80)}"`)
      const { location: l } = site
      const now = new Date()
      const state = openState(site.hours, l.timezone, now)
      reply.header('cache-control', 'no-store')
      const body: SiteDetail = {
        id: l.id,
        name: l.name,
        description: l.description,
        organization: site.organization,
        types: l.types,
        // A curator's codes for the whole site win, as in search (server/directory/search-tables.ts).
        services: [...new Set(l.services_override ?? site.services.filter((s) => s.status === 'active').flatMap((s) => s.codes))].sort(),
        service_details: site.services,
        payment: l.payment,
        populations: l.populations,
        access: l.access,
        languages: l.languages,
        mobile: l.mobile,
        address_1: l.address_1,
        address_2: l.address_2,
        city: l.city,
        region: l.region,
        postal_code: l.postal_code,
        lat: l.latitude,
        lon: l.longitude,
        location_precision: l.geocode_precision,
        timezone: l.timezone,
        hours: site.hours,
        open_now: state.open,
        next_change: state.nextChange,
        phones: site.phones,
        website: l.website,
        status: l.status,
        status_until: l.status_until,
        status_reason: l.status_reason,
        public_note: l.public_note,
        source: l.source,
        source_id: l.source_id,
        assured_date: l.assured_date,
        verification: { assured_date: l.assured_date, age: verificationAge(l.assured_date, siteToday(now, l.timezone)) },
        imported_at: new Date(l.imported_at).toISOString(),
        demo: l.demo,
        source_attributes: l.source_attributes,
      }
      // format=json wins over Accept, as on /search.
      const geojson = request.query.format ? request.query.format === 'geojson' : (request.headers.accept ?? '').includes('application/geo+json')
      if (!geojson) return reply.type('application/json').send(body)
      const { lat, lon, id, ...properties } = body
      const feature: SiteFeature = { type: 'Feature', id, geometry: lat === null || lon === null ? null : pointGeometry(lat, lon), properties }
      return reply.type('application/geo+json').send(feature)
    },
  )
}

export default siteRoutes
