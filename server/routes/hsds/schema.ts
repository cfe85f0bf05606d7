/**
 * TypeBox schemas of the HSDS 3.0 API: the spec's query parameters (plus our lat/long/radius
 * and demo) and the page envelope. Record bodies follow the spec's JSON schemas
 * (schema/compiled/*.json in openreferral/specification 3.0); they are checked by the tests,
 * not re-described here.
 */
import { Type } from '@sinclair/typebox'
import { MAX_PAGE, MAX_PER_PAGE } from '../../hsds/paging.js'

/** Largest radius: 500 miles, the search API's limit, in metres. */
export const MAX_RADIUS_M = 804_672

const uuid = (description: string) => Type.String({ format: 'uuid', description })

const common = {
  page: Type.Integer({ minimum: 1, maximum: MAX_PAGE, description: 'Page number, from 1 (default 1)' }),
  per_page: Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE, description: `Results per page (default 50, max ${MAX_PER_PAGE})` }),
  format: Type.Union([Type.Literal('json'), Type.Literal('ndjson')], { description: 'ndjson streams every result, one JSON object per line, without paging' }),
  search: Type.String({ maxLength: 200, description: 'Case-insensitive text in names and descriptions' }),
  full: Type.Boolean({ description: 'Fully nested records instead of one-to-one fields' }),
  modified_after: Type.String({ maxLength: 40, description: 'Only records changed at or after this ISO 8601 date or date-time' }),
  demo: Type.Boolean({ description: 'false leaves demo records out' }),
}

const filters = {
  taxonomy_term_id: uuid('Only records with this taxonomy term (see /hsds/taxonomy_terms)'),
  taxonomy_id: uuid('Only records with some term of this taxonomy'),
  organization_id: uuid('Only services of this organization'),
}

export const servicesQuery = Type.Partial(
  Type.Object({
    ...common,
    ...filters,
    minimal: Type.Boolean({
      description: "Only each service's id and last_modified (plus the name and status the schema requires); with format=ndjson, all services in one call",
    }),
  }),
  { additionalProperties: false },
)

export const serviceAtLocationsQuery = Type.Partial(
  Type.Object({
    ...common,
    ...filters,
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'Extension: latitude (WGS 84) of a point; results nearest first' }),
    long: Type.Number({ minimum: -180, maximum: 180, description: 'Extension: longitude (WGS 84) of the point' }),
    radius: Type.Number({ exclusiveMinimum: 0, maximum: MAX_RADIUS_M, description: 'Extension: radius in METRES around lat/long (default 80467 = 50 miles)' }),
    postcode: Type.String({
      pattern: '^\\d{5}(-\\d{4})?$',
      maxLength: 10,
      description: 'US ZIP code: locations with this postal code (we keep no service areas); with proximity, locations near its centroid',
    }),
    proximity: Type.Number({ exclusiveMinimum: 0, maximum: MAX_RADIUS_M, description: 'Metres from the centroid of postcode; results nearest first' }),
  }),
  { additionalProperties: false },
)

export const organizationsQuery = Type.Partial(
  Type.Object({
    ...common,
    full_service: Type.Boolean({ description: 'With full=true, nest each service in full' }),
  }),
  { additionalProperties: false },
)

export const termsQuery = Type.Partial(
  Type.Object({
    page: common.page,
    per_page: common.per_page,
    format: common.format,
    search: common.search,
    taxonomy_id: filters.taxonomy_id,
    top_only: Type.Boolean({ description: 'Only top-level terms (no parent): in our flat vocabulary, every term' }),
    parent_id: uuid('Only children of this term: in our flat vocabulary no term has a parent, so none'),
  }),
  { additionalProperties: false },
)

export const taxonomiesQuery = Type.Partial(
  Type.Object({
    page: common.page,
    per_page: common.per_page,
    format: common.format,
    search: common.search,
  }),
  { additionalProperties: false },
)

export const idParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'HSDS id (a UUID)' }) })

export const pageSchema = Type.Object({
  total_items: Type.Integer(),
  total_pages: Type.Integer(),
  page_number: Type.Integer(),
  size: Type.Integer(),
  first_page: Type.Boolean(),
  last_page: Type.Boolean(),
  empty: Type.Boolean(),
  contents: Type.Array(Type.Unknown()),
})

/** Any HSDS record (the spec's schema applies; serialised as it is). */
export const recordSchema = Type.Unknown()

export const rootSchema = Type.Object({ version: Type.String(), profile: Type.String(), openapi_url: Type.String() })
