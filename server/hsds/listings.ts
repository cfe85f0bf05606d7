/**
 * What the HSDS endpoints return: pages, streams and single records, assembled from the
 * repository queries, the graph loader and the builders. No HTTP here.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { loadServiceGraph, type OrganizationRow } from './graph-repository.js'
import { organizationListItem, organizationObject, salFullItem, salListItem, serviceListItem, serviceMinimalItem, serviceObject } from './build-service.js'
import type { HsdsObject } from './build-location.js'
import { hsdsPage, pageWindow, type HsdsPage } from './paging.js'
import {
  countOrganizations,
  countSals,
  countServices,
  findOrganizationByHsdsId,
  findOrganizations,
  findSalByHsdsId,
  findSals,
  findServiceByHsdsId,
  findServiceIds,
  findServiceIdsOfOrganization,
  findTermByHsdsId,
  type ListFilter,
  type Near,
} from './repository.js'
import type { TermKindName } from './taxonomy.js'

type Db = Kysely<Database>

/** Rows per database round trip when streaming a whole listing (format=ndjson). */
const STREAM_BATCH = 500

export interface ListRequest {
  page: number
  perPage: number
  /** Fully nested records instead of one-to-one fields. */
  full: boolean
  /** Services only: each service's id and last_modified (with the name and status the schema requires). */
  minimal?: boolean
}

/** How much of each service to return. */
export type ServiceShape = Pick<ListRequest, 'full' | 'minimal'>

/** The vocabulary term an HSDS taxonomy_term_id names, or nothing-matches for an unknown id. */
export async function termFilter(db: Db, uuid: string | undefined): Promise<Pick<ListFilter, 'term' | 'nothing'>> {
  if (uuid === undefined) return {}
  const term = await findTermByHsdsId(db, uuid)
  return term ? { term: { kind: term.kind as TermKindName, code: term.code } } : { nothing: true }
}

/** Our organization id for an HSDS organization_id filter, or nothing-matches. */
export async function organizationFilter(db: Db, uuid: string | undefined): Promise<Pick<ListFilter, 'organizationId' | 'nothing'>> {
  if (uuid === undefined) return {}
  const org = await findOrganizationByHsdsId(db, uuid)
  return org ? { organizationId: org.id } : { nothing: true }
}

async function servicesOf(db: Db, ids: readonly string[], shape: ServiceShape): Promise<HsdsObject[]> {
  const graph = await loadServiceGraph(db, ids)
  const build = shape.minimal ? serviceMinimalItem : shape.full ? serviceObject : serviceListItem
  return graph.services.map((s) => build(s, graph))
}

export async function servicePage(db: Db, filter: ListFilter, request: ListRequest): Promise<HsdsPage<HsdsObject>> {
  const window = pageWindow(request.page, request.perPage)
  const [total, ids] = await Promise.all([countServices(db, filter), findServiceIds(db, filter, window)])
  return hsdsPage(await servicesOf(db, ids, request), total, request.page, request.perPage)
}

/** Every matching service, a batch at a time (keyset paging by id). */
export async function* serviceStream(db: Db, filter: ListFilter, shape: ServiceShape): AsyncGenerator<HsdsObject[]> {
  let after = ''
  for (;;) {
    const ids = await findServiceIds(db, filter, { after, limit: STREAM_BATCH })
    if (ids.length === 0) return
    yield await servicesOf(db, ids, shape)
    after = ids[ids.length - 1] as string
  }
}

/** One service in full, by HSDS id. */
export async function serviceById(db: Db, uuid: string): Promise<HsdsObject | undefined> {
  const id = await findServiceByHsdsId(db, uuid)
  return id ? (await servicesOf(db, [id], { full: true }))[0] : undefined
}

async function salsOf(db: Db, hits: readonly { id: string; service_id: string; distance_m: number | null }[], full: boolean): Promise<HsdsObject[]> {
  const graph = await loadServiceGraph(db, [...new Set(hits.map((h) => h.service_id))], { salIds: hits.map((h) => h.id) })
  return hits.flatMap((hit) => {
    const sal = graph.salsByService.get(hit.service_id)?.find((s) => s.id === hit.id)
    if (!sal) return []
    // distance_m is our extension: metres on the WGS 84 ellipsoid from lat/long.
    const extra = hit.distance_m === null ? {} : { distance_m: Math.round(hit.distance_m * 10) / 10 }
    return [full ? salFullItem(sal, graph, extra) : salListItem(sal, graph, extra)]
  })
}

export async function salPage(db: Db, filter: ListFilter, near: Near | undefined, request: ListRequest): Promise<HsdsPage<HsdsObject>> {
  const window = pageWindow(request.page, request.perPage)
  const [total, hits] = await Promise.all([countSals(db, filter, near), findSals(db, filter, near, window)])
  return hsdsPage(await salsOf(db, hits, request.full), total, request.page, request.perPage)
}

/** Every matching service_at_location; nearest first (by offset, the set is bounded by the radius) or by id. */
export async function* salStream(db: Db, filter: ListFilter, near: Near | undefined, full: boolean): AsyncGenerator<HsdsObject[]> {
  let after = ''
  for (let offset = 0; ; offset += STREAM_BATCH) {
    const hits = await findSals(db, filter, near, near ? { offset, limit: STREAM_BATCH } : { after, limit: STREAM_BATCH })
    if (hits.length === 0) return
    yield await salsOf(db, hits, full)
    after = hits[hits.length - 1]?.id as string
  }
}

/**
 * A service_at_location by HSDS id. The spec's response for this path is a compiled
 * service, so this is the service in full with only this service_at_location.
 */
export async function salById(db: Db, uuid: string): Promise<HsdsObject | undefined> {
  const sal = await findSalByHsdsId(db, uuid)
  if (!sal) return undefined
  const graph = await loadServiceGraph(db, [sal.service_id], { salIds: [sal.id] })
  const service = graph.services[0]
  return service ? serviceObject(service, graph) : undefined
}

export async function organizationPage(db: Db, filter: ListFilter, request: ListRequest): Promise<HsdsPage<HsdsObject>> {
  const window = pageWindow(request.page, request.perPage)
  const [total, rows] = await Promise.all([countOrganizations(db, filter), findOrganizations(db, filter, window)])
  const contents = request.full ? await Promise.all(rows.map((o) => organizationFull(db, o, false))) : rows.map(organizationListItem)
  return hsdsPage(contents, total, request.page, request.perPage)
}

export async function* organizationStream(db: Db, filter: ListFilter, full: boolean): AsyncGenerator<HsdsObject[]> {
  let after = ''
  for (;;) {
    const rows = await findOrganizations(db, filter, { after, limit: STREAM_BATCH })
    if (rows.length === 0) return
    yield full ? await Promise.all(rows.map((o) => organizationFull(db, o, false))) : rows.map(organizationListItem)
    after = rows[rows.length - 1]?.id as string
  }
}

/** Services listed under one organization (a cap keeps one response bounded). */
const MAX_SERVICES_PER_ORGANIZATION = 1000

async function organizationFull(db: Db, org: OrganizationRow, fullServices: boolean): Promise<HsdsObject> {
  const ids = await findServiceIdsOfOrganization(db, org.id, MAX_SERVICES_PER_ORGANIZATION)
  const graph = await loadServiceGraph(db, ids)
  graph.organizations.set(org.id, org)
  return {
    ...organizationObject(org, graph),
    services: graph.services.map((s) => (fullServices ? serviceObject(s, graph) : serviceListItem(s, graph))),
  }
}

/** One organization in full (its services' one-to-one fields, or full services with fullServices). */
export async function organizationById(db: Db, uuid: string, fullServices: boolean): Promise<HsdsObject | undefined> {
  const org = await findOrganizationByHsdsId(db, uuid)
  return org ? organizationFull(db, org, fullServices) : undefined
}
