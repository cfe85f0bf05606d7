/**
 * GET /api/v1/sites/{id}: one site with everything a person needs to act on it.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { siteToday, verificationAge } from '../../../common/verification.js'
import { errorBodySchema, notFound } from '../../errors.js'
import { openState } from '../../schedule/hours.js'
import { findSiteDetail } from '../../sites/repository.js'
import { verificationSchema } from '../verification-schema.js'

const nullableString = Type.Union([Type.String(), Type.Null()])

const siteSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: nullableString,
  organization: Type.Object({ id: Type.String(), name: Type.String(), website: nullableString, email: nullableString, description: nullableString }),
  types: Type.Array(Type.String()),
  services: Type.Array(Type.String()),
  service_details: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), codes: Type.Array(Type.String()), status: Type.String() })),
  payment: Type.Array(Type.String()),
  populations: Type.Array(Type.String()),
  access: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  mobile: Type.Boolean(),
  address_1: nullableString,
  address_2: nullableString,
  city: nullableString,
  region: nullableString,
  postal_code: nullableString,
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  location_precision: Type.String(),
  timezone: Type.String(),
  hours: Type.Array(Type.Object({ byday: Type.String(), opens: Type.String(), closes: Type.String(), valid_from: nullableString, valid_to: nullableString })),
  open_now: Type.Union([Type.Boolean(), Type.Null()]),
  next_change: nullableString,
  phones: Type.Array(Type.Object({ number: Type.String(), extension: nullableString, type: Type.String(), description: nullableString })),
  website: nullableString,
  status: Type.String(),
  status_until: Type.Union([Type.String({ description: 'YYYY-MM-DD' }), Type.Null()], { description: 'With status temporarily_closed: until when' }),
  status_reason: Type.Union([Type.String(), Type.Null()], { description: 'With status temporarily_closed: why' }),
  public_note: Type.Union([Type.String(), Type.Null()], { description: "A short note from the listing's curators, for the public" }),
  source: Type.String(),
  source_id: Type.String(),
  assured_date: nullableString,
  verification: verificationSchema,
  imported_at: Type.String(),
  demo: Type.Boolean(),
  source_attributes: Type.Record(Type.String(), Type.Unknown()),
})

/** The same site as a GeoJSON Feature (RFC 7946): the point as geometry, everything else as properties. */
const { lat: _lat, lon: _lon, id: _id, ...featureProperties } = siteSchema.properties
const siteFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: Type.Union([Type.Object({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number()) }), Type.Null()]),
  properties: Type.Object(featureProperties),
})

const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sites/:id',
    {
      schema: {
        tags: ['sites'],
        summary: 'One site in full (a GeoJSON Feature with format=geojson or Accept: application/geo+json)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: Type.Object(
          {
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')], { description: 'geojson for a GeoJSON Feature' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: { description: 'The site', content: { 'application/json': { schema: siteSchema }, 'application/geo+json': { schema: siteFeatureSchema } } },
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
      const body = {
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
      const geometry = lat === null || lon === null ? null : { type: 'Point' as const, coordinates: [lon, lat] }
      return reply.type('application/geo+json').send({ type: 'Feature' as const, id, geometry, properties })
    },
  )
}

export default siteRoutes
