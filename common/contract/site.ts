/**
 * GET /api/v1/sites/{id}: one site with everything a person needs to act on it, as JSON or
 * as a GeoJSON Feature (RFC 7946: the point as geometry, everything else as properties).
 */
import { Type, type Static } from '@sinclair/typebox'
import { availabilityReportsSchema } from './availability.js'
import { liveStatusSchema } from './live-status.js'
import { mobileUnitSchema, nextOpenSchema } from './mobile-unit.js'
import { codeArrays } from './code-lists.js'
import { fieldSourcesSchema, sourceRecordSchema } from './provenance.js'
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

/**
 * One opening rule: weekly unless freq/interval say otherwise (RRULE meaning: freq MONTHLY with
 * byday '2TU,4TU' is the 2nd and 4th Tuesday; interval 2 is every other week from dtstart).
 */
export const HOURS_RULE = Type.Object({
  byday: Type.String({ description: "'MO,TU'; a MONTHLY rule's days may carry an ordinal ('2TU', '-1FR' = last Friday); '' with bymonthday alone" }),
  opens: Type.String({ description: 'HH:MM, local time of the site' }),
  closes: Type.String({ description: 'HH:MM; at or before opens means past midnight; 00:00–00:00 is all day' }),
  valid_from: nullableString,
  valid_to: nullableString,
  freq: Type.Optional(Type.Union([Type.Literal('WEEKLY'), Type.Literal('MONTHLY')], { description: 'absent: WEEKLY' })),
  interval: Type.Optional(Type.Integer({ minimum: 1, description: 'every n weeks or months (absent: 1)' })),
  bymonthday: Type.Optional(Type.String({ description: "days of the month of a MONTHLY rule: '1,15', '-1' = the last day" })),
  dtstart: Type.Optional(Type.String({ description: 'YYYY-MM-DD: the first occurrence, which an interval counts from' })),
})

// services then service_details, as the detail has always listed them.
const { types, services, ...otherCodeLists } = codeArrays()

export const siteDetailSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  alternate_name: Type.Union([Type.String(), Type.Null()], {
    description: "A second name the site's source gives (SAMHSA's program name, e.g. a hospital's department)",
  }),
  description: nullableString,
  organization: Type.Object({ id: Type.String(), name: Type.String(), website: nullableString, email: nullableString, description: nullableString }),
  types,
  services,
  service_details: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), codes: Type.Array(Type.String()), status: Type.String() })),
  ...otherCodeLists,
  mobile: Type.Boolean(),
  address_1: nullableString,
  address_2: nullableString,
  mailing_address: Type.Union([Type.String(), Type.Null()], { description: 'A P.O. box the source gives: where mail goes, not where the site is' }),
  city: nullableString,
  region: nullableString,
  postal_code: nullableString,
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  location_precision: Type.String(),
  timezone: Type.String(),
  hours: Type.Array(HOURS_RULE),
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
  records: Type.Array(sourceRecordSchema, { description: 'Every source record merged into the site, its own (primary) record first' }),
  field_sources: fieldSourcesSchema,
  availability_reports: availabilityReportsSchema,
  live_status: liveStatusSchema,
  next_open: nextOpenSchema,
  mobile_unit: mobileUnitSchema,
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
