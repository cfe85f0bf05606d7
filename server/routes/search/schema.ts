/**
 * Schemas of the search endpoint: the same fields in a query string (GET) or a JSON body (POST).
 */
import { Type } from '@sinclair/typebox'
import { errorBodySchema } from '../../errors.js'
import { MAX_LIMIT, MAX_RADIUS_MI, MAX_VERIFIED_WITHIN_DAYS } from '../../search/query.js'
import { verificationSchema } from '../verification-schema.js'

const codeList = (description: string) =>
  Type.Union([Type.String({ maxLength: 1000 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 60 })], { description })

export const searchFieldsSchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitude (WGS 84) of the search centre' }),
    lon: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude (WGS 84) of the search centre' }),
    near: Type.String({ minLength: 1, maxLength: 200, description: 'A US ZIP code or place name, geocoded offline (instead of lat/lon)' }),
    radius_mi: Type.Number({ exclusiveMinimum: 0, maximum: MAX_RADIUS_MI, description: 'Search radius in miles (default 50)' }),
    radius_km: Type.Number({ exclusiveMinimum: 0, maximum: Math.floor(MAX_RADIUS_MI * 1.609344), description: 'Search radius in kilometres' }),
    types: codeList('Site types; a site matches if it has any of them'),
    services: codeList('Service codes; see match'),
    payment: codeList('Payment accepted; any of them'),
    populations: codeList('Populations served; any of them'),
    languages: codeList('ISO 639 language codes; any of them'),
    access: codeList('Access features; all of them'),
    match: Type.Union([Type.Literal('any'), Type.Literal('all')], { description: 'Within services: all (default) or any' }),
    open_now: Type.Boolean({ description: 'Only sites open now, by their own timezone' }),
    open_at: Type.String({
      maxLength: 40,
      format: 'offset-date-time',
      description: 'Only sites open at this ISO 8601 date-time (with offset), years 1900–2200',
    }),
    verified_within_days: Type.Integer({
      minimum: 1,
      maximum: MAX_VERIFIED_WITHIN_DAYS,
      description: `Only sites verified at most this many days ago (by the site's own date; 1–${MAX_VERIFIED_WITHIN_DAYS}); never-verified sites are left out`,
    }),
    limit: Type.Integer({ minimum: 1, maximum: MAX_LIMIT, description: `Results per page (default 20, max ${MAX_LIMIT})` }),
    cursor: Type.String({ maxLength: 512, description: 'next_cursor of the previous page' }),
    format: Type.Union([Type.Literal('json'), Type.Literal('geojson')], { description: 'geojson for a FeatureCollection' }),
  },
  { additionalProperties: false },
)
export const searchQuerySchema = Type.Partial(searchFieldsSchema, { additionalProperties: false })

const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const str = () => Type.String()
const codes = () => Type.Array(Type.String())

export const resultProperties = {
  id: str(),
  name: str(),
  organization_name: str(),
  types: codes(),
  services: codes(),
  payment: codes(),
  populations: codes(),
  access: codes(),
  languages: codes(),
  address_1: nullable(str()),
  address_2: nullable(str()),
  city: nullable(str()),
  region: nullable(str()),
  postal_code: nullable(str()),
  phone: nullable(str()),
  location_precision: str(),
  distance_m: Type.Number(),
  distance_mi: Type.Number(),
  open_now: Type.Union([Type.Boolean(), Type.Null()]),
  next_change: nullable(str()),
  timezone: str(),
  assured_date: nullable(str()),
  verification: verificationSchema,
  public_note: nullable(str()),
  status_until: nullable(str()),
  status_reason: nullable(str()),
  status: str(),
  source: str(),
  demo: Type.Boolean(),
}

const meta = {
  count: Type.Integer(),
  next_cursor: nullable(str()),
  origin: Type.Object({ lat: Type.Number(), lon: Type.Number(), label: nullable(str()), approximate: Type.Boolean() }),
  radius_m: Type.Number(),
  at: str(),
}

export const searchResponseSchema = Type.Object({
  results: Type.Array(Type.Object({ ...resultProperties, lat: Type.Number(), lon: Type.Number() })),
  ...meta,
})

export const searchGeoJsonSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: str(),
      geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number()) }),
      properties: Type.Object(resultProperties),
    }),
  ),
  meta: Type.Object(meta),
})

export const searchResponses = {
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
