/**
 * GET /api/v1/sites/{id}: one site with everything a person needs to act on it, as JSON or
 * as a GeoJSON Feature (RFC 7946: the point as geometry, everything else as properties).
 */
import { Type, type Static } from '@sinclair/typebox'
import { codeArrays } from './code-lists.js'
import { verificationSchema } from './verification.js'

/** The {id} of a site in a path (/sites/{id}, /sites/{id}/reports). */
export const siteIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) })

export const siteQuerySchema = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')], { description: 'geojson for a GeoJSON Feature' })),
  },
  { additionalProperties: false },
)

const nullableString = Type.Union([Type.String(), Type.Null()])
// services then service_details, as the detail has always listed them.
const { types, services, ...otherCodeLists } = codeArrays()

export const siteDetailSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: nullableString,
  organization: Type.Object({ id: Type.String(), name: Type.String(), website: nullableString, email: nullableString, description: nullableString }),
  types,
  services,
  service_details: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), codes: Type.Array(Type.String()), status: Type.String() })),
  ...otherCodeLists,
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
export type SiteDetail = Static<typeof siteDetailSchema>

const { lat: _lat, lon: _lon, id: _id, ...featureProperties } = siteDetailSchema.properties
export const siteFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: Type.Union([Type.Object({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number()) }), Type.Null()]),
  properties: Type.Object(featureProperties),
})
export type SiteFeature = Static<typeof siteFeatureSchema>
