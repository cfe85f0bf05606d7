/**
 * GET and POST /api/v1/search: the same fields in a query string or a JSON body, and the
 * answer as JSON (results with lat/lon) or GeoJSON (the same results as Features).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import type { VocabularyField } from '../vocabulary.js'
import { codeArrays } from './code-lists.js'
import { geocodeAnswerFields } from './geocode.js'
import { liveStatusSchema } from './live-status.js'
import { verificationSchema } from './verification.js'

export const DEFAULT_RADIUS_MI = 50
export const MAX_RADIUS_MI = 500
export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100
/** verified_within_days: at most about ten years. */
export const MAX_VERIFIED_WITHIN_DAYS = 3650

/** A code list: "a,b" or ["a", "b"]; codes are checked against the vocabulary after the schema. */
const codeList = (description: string) =>
  Type.Union([Type.String({ maxLength: 1000 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 60 })], { description })

const CODE_LIST_RULES: Record<VocabularyField, string> = {
  types: 'Site types; a site matches if it has any of them',
  services: 'Service codes; see match',
  payment: 'Payment accepted; any of them',
  populations: 'Populations served; any of them',
  languages: 'ISO 639 language codes; any of them',
  access: 'Access features; all of them',
}
const codeListFields = Object.fromEntries(Object.entries(CODE_LIST_RULES).map(([field, rule]) => [field, codeList(rule)])) as Record<
  VocabularyField,
  ReturnType<typeof codeList>
>

/** Every search field is optional; which combinations make a search is checked after the schema. */
export const searchFieldsSchema = Type.Partial(
  Type.Object(
    {
      lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitude (WGS 84) of the search centre' }),
      lon: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude (WGS 84) of the search centre' }),
      near: Type.String({ minLength: 1, maxLength: 200, description: 'A US ZIP code or place name, geocoded offline (instead of lat/lon)' }),
      radius_mi: Type.Number({ exclusiveMinimum: 0, maximum: MAX_RADIUS_MI, description: `Search radius in miles (default ${DEFAULT_RADIUS_MI})` }),
      radius_km: Type.Number({ exclusiveMinimum: 0, maximum: Math.floor(MAX_RADIUS_MI * 1.609344), description: 'Search radius in kilometres' }),
      ...codeListFields,
      match: Type.Union([Type.Literal('any'), Type.Literal('all')], { description: 'Within services: all (default) or any' }),
      open_now: Type.Boolean({ description: 'Only sites open now, by their own timezone' }),
      open_at: Type.String({
        maxLength: 40,
        format: 'offset-date-time',
        description: 'Only sites open at this ISO 8601 date-time (with offset), years 1900–2200',
      }),
      include_unknown_hours: Type.Boolean({
        description: 'With open_now or open_at: also sites whose hours are not listed (their open_now is null), for a person to call ahead',
      }),
      include_demo: Type.Boolean({
        description: 'Also demo sites (made-up listings) once real sites exist; a directory of demo sites only always shows them',
      }),
      verified_within_days: Type.Integer({
        minimum: 1,
        maximum: MAX_VERIFIED_WITHIN_DAYS,
        description: `Only sites verified at most this many days ago (by the site's own date; 1–${MAX_VERIFIED_WITHIN_DAYS}); never-verified sites are left out`,
      }),
      include_stale: Type.Boolean({
        description:
          'Also listings whose verification is older than the directory hides by default (STALE_HIDE_AFTER_DAYS; never verified: since last imported). No effect where nothing is hidden',
      }),
      in_stock: Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 30 }), { maxItems: 3 })], {
        description: 'Live status: only sites that say they have these supplies now (in stock or low, posted within 7 days): naloxone, test_strips, syringes',
      }),
      accepting_new_patients: Type.Boolean({ description: 'Live status: true = only sites that say, within 48 hours, they take new patients' }),
      beds_available: Type.Integer({
        minimum: 1,
        maximum: 10_000,
        description: 'Live status: only sites that said, within 48 hours, they have at least this many open beds',
      }),
      same_day_start: Type.Boolean({ description: 'Live status: true = only sites that say, within 48 hours, they start buprenorphine the same day' }),
      limit: Type.Integer({ minimum: 1, maximum: MAX_LIMIT, description: `Results per page (default ${DEFAULT_LIMIT}, max ${MAX_LIMIT})` }),
      cursor: Type.String({ maxLength: 512, description: 'next_cursor of the previous page' }),
      format: Type.Union([Type.Literal('json'), Type.Literal('geojson')], { description: 'geojson for a FeatureCollection' }),
    },
    { additionalProperties: false },
  ),
  { additionalProperties: false },
)
/** The raw fields shared by GET (query string) and POST (JSON body). */
export type SearchFields = Static<typeof searchFieldsSchema>

/** The POST body: the same fields, with a request that works for /docs' "Try it out". */
export const searchBodySchema = {
  ...searchFieldsSchema,
  examples: [{ near: '21201', radius_mi: 25, services: ['naloxone', 'syringe_services'], match: 'any', open_now: true, include_unknown_hours: true, limit: 5 }],
}

const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const str = () => Type.String()

/** A result without its position: the GeoJSON Feature's properties. */
export const searchResultPropertiesSchema = Type.Object({
  id: str(),
  name: str(),
  organization_name: str(),
  ...codeArrays(),
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
  /** The verification date again, with its age class on the site's today. */
  verification: verificationSchema,
  /** A curator's short note for the public. */
  public_note: nullable(str()),
  /** With status temporarily_closed: until when ('YYYY-MM-DD') and why. */
  status_until: nullable(str()),
  status_reason: nullable(str()),
  status: str(),
  source: str(),
  demo: Type.Boolean(),
  live_status: liveStatusSchema,
})

/** One site in the JSON answer. */
export const searchResultSchema = Type.Object({ ...searchResultPropertiesSchema.properties, lat: Type.Number(), lon: Type.Number() })
export type SearchResult = Static<typeof searchResultSchema>

/** What a page of results says about itself (top level in JSON, `meta` in GeoJSON). */
const pageMeta = {
  count: Type.Integer(),
  next_cursor: nullable(str()),
  /**
   * The search centre; coordinates rounded to 3 decimals (~100 m). With `near`, what the
   * geocoder said about it: its precision (`match`), a street address matched only to its
   * city or ZIP (`notice`), and a bare name fitting several places (`ambiguous`, `candidates`).
   */
  origin: Type.Object({
    lat: Type.Number(),
    lon: Type.Number(),
    label: nullable(str()),
    approximate: Type.Boolean(),
    match: Type.Optional(geocodeAnswerFields.match),
    notice: Type.Optional(geocodeAnswerFields.notice),
    ambiguous: Type.Optional(geocodeAnswerFields.ambiguous),
    candidates: Type.Optional(geocodeAnswerFields.candidates),
  }),
  radius_m: Type.Number(),
  /** The instant open_now and next_change were judged at. */
  at: str(),
  /** Demo sites were left out because the directory holds real sites (include_demo brings them back). */
  demo_excluded: Type.Boolean(),
  /**
   * With an open filter, on the first page: of the `nearest` sites nearest the centre that match
   * the other filters, how many have no hours listed (so cannot be judged open). Null otherwise.
   */
  hours_unknown: nullable(Type.Object({ nearest: Type.Integer(), unknown: Type.Integer() })),
}
export const searchMetaSchema = Type.Object(pageMeta)
export type SearchMeta = Static<typeof searchMetaSchema>

export const searchResponseSchema = Type.Object({ results: Type.Array(searchResultSchema), ...pageMeta })
export type SearchResponse = Static<typeof searchResponseSchema>

export const searchGeoJsonSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: str(),
      geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number()) }),
      properties: searchResultPropertiesSchema,
    }),
  ),
  meta: searchMetaSchema,
})
export type SearchGeoJson = Static<typeof searchGeoJsonSchema>
