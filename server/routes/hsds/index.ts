/**
 * The HSDS 3.0 API under /hsds: services, service_at_locations (with our lat/long/radius
 * extension, nearest first), organizations, taxonomies and taxonomy terms, with the spec's
 * paging, search, taxonomy_term_id, modified_after, minimal, postcode/proximity, top_only,
 * parent_id and format=ndjson.
 */
import { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static, TObject, TSchema } from '@sinclair/typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { errorBodySchema, invalidField, notFound } from '../../errors.js'
import { EARLIEST_YEAR, INSTANT_WINDOW_RULE, LATEST_YEAR, parseOffsetDateTime } from '../../validation/instants.js'
import type { HsdsObject } from '../../hsds/build-location.js'
import {
  organizationById,
  organizationFilter,
  organizationPage,
  organizationStream,
  salById,
  salPage,
  salStream,
  serviceById,
  servicePage,
  serviceStream,
  termFilter,
  type ListRequest,
} from '../../hsds/listings.js'
import { DEFAULT_PER_PAGE, hsdsPage, pageWindow } from '../../hsds/paging.js'
import { postcodeArea } from '../../hsds/postcode.js'
import { findTermByHsdsId, findTerms, type ListFilter, type Near } from '../../hsds/repository.js'
import { fieldOfTaxonomyId, TAXONOMIES, taxonomyByHsdsId, taxonomyTerm } from '../../hsds/taxonomy.js'
import { noStoreUnlessPublic } from '../no-store.js'
import {
  idParams,
  organizationsQuery,
  pageSchema,
  recordSchema,
  rootSchema,
  serviceAtLocationsQuery,
  servicesQuery,
  taxonomiesQuery,
  termsQuery,
} from './schema.js'

/** Default radius of lat/long: 50 miles, in metres (as the search API). */
const DEFAULT_RADIUS_M = 80_467

const pageResponse = { 200: pageSchema, '4xx': errorBodySchema, '5xx': errorBodySchema }
const recordResponse = { 200: recordSchema, '4xx': errorBodySchema, '5xx': errorBodySchema }

interface CommonQuery {
  page?: number
  per_page?: number
  full?: boolean
  modified_after?: string
  search?: string
  demo?: boolean
}

function listRequest(q: CommonQuery): ListRequest {
  return { page: q.page ?? 1, perPage: q.per_page ?? DEFAULT_PER_PAGE, full: q.full ?? false }
}

/** A date or date-time with an offset (or a bare date, read as UTC midnight; "+0500" and a space before the time allowed). */
function modifiedAfter(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined
  const written = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T00:00:00Z`
    : value
        .toUpperCase()
        .replace(' ', 'T')
        .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
  const parsed = parseOffsetDateTime(written)
  if (!parsed) {
    const year = Number(written.slice(0, 4))
    if (/^\d{4}-/.test(written) && (year < EARLIEST_YEAR || year > LATEST_YEAR)) throw invalidField('modified_after', INSTANT_WINDOW_RULE)
    throw invalidField('modified_after', 'must be an ISO 8601 date or date-time with an offset, e.g. 2026-11-01T00:00:00Z')
  }
  return new Date(parsed.ms)
}

function baseFilter(q: CommonQuery & { taxonomy_id?: string }): ListFilter {
  const filter: ListFilter = { includeDemo: q.demo ?? true }
  const search = q.search?.trim()
  if (search) filter.search = search
  const after = modifiedAfter(q.modified_after)
  if (after) filter.modifiedAfter = after
  if (q.taxonomy_id !== undefined) {
    const field = fieldOfTaxonomyId(q.taxonomy_id)
    if (field) filter.taxonomy = field
    else filter.nothing = true
  }
  return filter
}

/**
 * Where /service_at_locations looks: around lat/long (radius), around a ZIP centroid
 * (postcode + proximity), or at locations with a postal code (postcode alone).
 */
function salPlace(q: Static<typeof serviceAtLocationsQuery>): { near?: Near; postalCode?: string } {
  if ((q.lat === undefined) !== (q.long === undefined))
    throw invalidField(q.lat === undefined ? 'lat' : 'long', `is required with ${q.lat === undefined ? 'long' : 'lat'}`)
  if (q.radius !== undefined && q.lat === undefined) throw invalidField('radius', 'needs lat and long')
  if (q.proximity !== undefined && q.postcode === undefined) throw invalidField('proximity', 'needs postcode')
  if (q.proximity !== undefined && q.lat !== undefined) throw invalidField('proximity', 'cannot be combined with lat/long (both set the centre)')
  const near = q.lat !== undefined && q.long !== undefined ? { lat: q.lat, lon: q.long, radiusM: q.radius ?? DEFAULT_RADIUS_M } : undefined
  if (q.postcode === undefined) return { near }
  const area = postcodeArea(q.postcode, q.proximity)
  if (area === null) throw invalidField('postcode', 'is not a ZIP code with a known centroid (proximity needs one)')
  return 'near' in area ? area : { near, postalCode: area.postalCode }
}

/** Streams batches of records as NDJSON (one object per line). */
function sendNdjson(reply: FastifyReply, batches: AsyncGenerator<HsdsObject[]>): FastifyReply {
  async function* lines(): AsyncGenerator<string> {
    for await (const batch of batches) if (batch.length) yield batch.map((o) => JSON.stringify(o)).join('\n') + '\n'
  }
  return reply.type('application/x-ndjson').send(Readable.from(lines()))
}

async function* once<T>(items: T[]): AsyncGenerator<T[]> {
  yield items
}

const hsdsRoutes: FastifyPluginAsyncTypebox<{ publicUrl?: string | null }> = async (app, { publicUrl = null }) => {
  // Results near a point or a ZIP say where someone is: never cached. Other answers are public
  // directory data (plugins/http-cache.ts: max-age and ETag on a 200, no-store otherwise).
  app.addHook('preHandler', async (request, reply) => {
    const query = (request.query ?? {}) as object
    if (!('lat' in query) && !('postcode' in query)) reply.cachePublicly('directory')
  })
  app.addHook('onSend', noStoreUnlessPublic)

  /** GET <collection>/:id: the record, or the one 404 shape naming what was asked for. */
  function recordById<Q extends TSchema = TObject>(
    collection: string,
    noun: string,
    summary: string,
    find: (id: string, query: Static<Q>, db: Kysely<Database>) => Promise<object | null | undefined>,
    querystring?: Q,
  ): void {
    app.get<{ Params: Static<typeof idParams>; Querystring: Static<Q> }>(
      `${collection}/:id`,
      {
        schema: { tags: ['hsds'], summary, params: idParams, ...(querystring ? { querystring } : {}), response: recordResponse },
      },
      async (request) => {
        const record = await find(request.params.id, request.query, app.dbFor(request))
        if (!record) throw notFound(`no ${noun} with id "${request.params.id}"`)
        return record
      },
    )
  }

  app.get(
    '/',
    {
      schema: { tags: ['hsds'], summary: 'HSDS API root', response: { 200: rootSchema } },
    },
    async () => {
      // Never from the Host header: this answer is cached publicly, and a forged Host would poison it.
      // Without PUBLIC_URL, a reference relative to this server (HSDS asks for an absolute URI: set PUBLIC_URL).
      return { version: '3.0', profile: 'https://docs.openreferral.org/en/v3.0/', openapi_url: `${publicUrl ?? ''}/openapi.json` }
    },
  )

  app.get(
    '/services',
    {
      schema: { tags: ['hsds'], summary: 'Services (paged; format=ndjson streams all)', querystring: servicesQuery, response: pageResponse },
    },
    async (request, reply) => {
      const q = request.query
      const db = app.dbFor(request)
      if (q.minimal && q.full) throw invalidField('minimal', 'cannot be combined with full')
      const filter: ListFilter = { ...baseFilter(q), ...(await termFilter(db, q.taxonomy_term_id)) }
      const org = await organizationFilter(db, q.organization_id)
      Object.assign(filter, org.nothing ? { nothing: true } : org)
      const shape = { full: q.full ?? false, minimal: q.minimal ?? false }
      if (q.format === 'ndjson') return sendNdjson(reply, serviceStream(db, filter, shape))
      return servicePage(db, filter, { ...listRequest(q), ...shape })
    },
  )

  recordById('/services', 'service', 'One service, fully nested', (id, _query, db) => serviceById(db, id))

  app.get(
    '/service_at_locations',
    {
      schema: {
        tags: ['hsds'],
        summary: 'Services at locations; lat/long/radius or postcode/proximity (metres) for the nearest first',
        querystring: serviceAtLocationsQuery,
        response: pageResponse,
      },
    },
    async (request, reply) => {
      const q = request.query
      const { near, postalCode } = salPlace(q)
      const db = app.dbFor(request)
      const filter: ListFilter = { ...baseFilter(q), ...(await termFilter(db, q.taxonomy_term_id)), ...(postalCode ? { postalCode } : {}) }
      const org = await organizationFilter(db, q.organization_id)
      Object.assign(filter, org.nothing ? { nothing: true } : org)
      if (q.format === 'ndjson') return sendNdjson(reply, salStream(db, filter, near, q.full ?? false))
      return salPage(db, filter, near, listRequest(q))
    },
  )

  recordById(
    '/service_at_locations',
    'service_at_location',
    'One service at one location: the service in full with that service_at_location',
    (id, _query, db) => salById(db, id),
  )

  app.get(
    '/organizations',
    {
      schema: { tags: ['hsds'], summary: 'Organizations', querystring: organizationsQuery, response: pageResponse },
    },
    async (request, reply) => {
      const q = request.query
      const filter = baseFilter(q)
      const db = app.dbFor(request)
      if (q.format === 'ndjson') return sendNdjson(reply, organizationStream(db, filter, q.full ?? false))
      return organizationPage(db, filter, listRequest(q))
    },
  )

  recordById(
    '/organizations',
    'organization',
    'One organization with its services',
    (id, query, db) => organizationById(db, id, query.full_service ?? false),
    organizationsQuery,
  )

  app.get(
    '/taxonomies',
    {
      schema: { tags: ['hsds'], summary: 'Our taxonomies (one per vocabulary field)', querystring: taxonomiesQuery, response: pageResponse },
    },
    async (request, reply) => {
      const q = request.query
      const search = q.search?.trim().toLowerCase()
      const matching = TAXONOMIES.filter((t) => !search || `${t.name} ${t.description}`.toLowerCase().includes(search)) as unknown as HsdsObject[]
      if (q.format === 'ndjson') return sendNdjson(reply, once(matching))
      const { page, perPage } = listRequest(q)
      const { offset, limit } = pageWindow(page, perPage)
      return hsdsPage(matching.slice(offset, offset + limit), matching.length, page, perPage)
    },
  )

  recordById('/taxonomies', 'taxonomy', 'One taxonomy', async (id) => taxonomyByHsdsId(id))

  app.get(
    '/taxonomy_terms',
    {
      schema: { tags: ['hsds'], summary: 'Taxonomy terms: every vocabulary code', querystring: termsQuery, response: pageResponse },
    },
    async (request, reply) => {
      const q = request.query
      const { page, perPage } = listRequest(q)
      const field = q.taxonomy_id === undefined ? undefined : fieldOfTaxonomyId(q.taxonomy_id)
      // Our vocabulary is flat: every term is top-level (top_only keeps them all) and none is a child of parent_id.
      const none = (q.taxonomy_id !== undefined && !field) || q.parent_id !== undefined
      if (none) return q.format === 'ndjson' ? sendNdjson(reply, once([])) : hsdsPage([], 0, page, perPage)
      const search = q.search?.trim()
      const filter = { ...(search ? { search } : {}), ...(field ? { taxonomy: field } : {}) }
      // The vocabulary is small (under 100 terms): ndjson is one page of all of it.
      const window = q.format === 'ndjson' ? { offset: 0, limit: 10_000 } : pageWindow(page, perPage)
      const { total, rows } = await findTerms(app.dbFor(request), filter, window)
      const terms = rows.map(taxonomyTerm) as unknown as HsdsObject[]
      if (q.format === 'ndjson') return sendNdjson(reply, once(terms))
      return hsdsPage(terms, total, page, perPage)
    },
  )

  recordById('/taxonomy_terms', 'taxonomy term', 'One taxonomy term', async (id, _query, db) => {
    const term = await findTermByHsdsId(db, id)
    return term && taxonomyTerm(term)
  })
}

export default hsdsRoutes
