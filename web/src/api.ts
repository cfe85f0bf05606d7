/**
 * The page's calls to its own API (same origin only). Searches are POSTs so a location never
 * lands in a URL, a proxy log or the browser history.
 *
 * The types are the API contract's (common/contract/), imported as types only, so nothing of
 * TypeBox or the schemas reaches the bundle.
 */
import type { ErrorBody, ErrorCode } from '../../common/contract/error.js'
import type { GeocodedPlace, GeocodeQuery, GeocodeResponse } from '../../common/contract/geocode.js'
import type { AvailabilityReportBody, AvailabilityReportCreated } from '../../common/contract/availability.js'
import type { ReportBody, ReportCreated } from '../../common/contract/report.js'
import type { RoutePlace, RoutePlan, RouteRequest, RouteStopRequest } from '../../common/contract/route-plan.js'
import type { SearchFields, SearchResponse, SearchResult } from '../../common/contract/search.js'
import type { SiteDetail } from '../../common/contract/site.js'
import type { OfflineArea, OfflineAreaSize } from '../../common/contract/offline-area.js'
import type { Taxonomy, TaxonomyTerm } from '../../common/contract/taxonomy.js'

export type { PlannedStop } from '../../common/contract/route-plan.js'
export type { GeocodedPlace, GeocodeResponse, RoutePlan, SearchResponse, SiteDetail, Taxonomy }
/** One site in a page of results. */
export type SiteResult = SearchResult
export type SearchBody = SearchFields
export type Term = TaxonomyTerm
/** A start or end as POST /api/v1/routes takes it: a directory site, or a point. */
export type RoutePlaceBody = RoutePlace
/** A stop: a site, or a point with optional opening times. */
export type RouteStopBody = RouteStopRequest
export type RouteRequestBody = RouteRequest

/** An API failure with the server's error code (PLACE_NOT_FOUND, …), NETWORK, or HTTP for an answer without one. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK' | 'HTTP',
  ) {
    super(code)
  }
}

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, { credentials: 'omit', ...init })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new ApiFailure(0, 'NETWORK')
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as Partial<ErrorBody>
    throw new ApiFailure(res.status, body.code ?? 'HTTP')
  }
  return (await res.json()) as T
}

const json = (body: unknown, signal?: AbortSignal): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
  ...(signal ? { signal } : {}),
})

/** One page of nearest sites. */
export function searchSites(body: SearchBody, signal?: AbortSignal): Promise<SearchResponse> {
  return call('/api/v1/search', json(body, signal))
}

/** Everything about one site. */
export function fetchSite(id: string): Promise<SiteDetail> {
  return call(`/api/v1/sites/${encodeURIComponent(id)}`)
}

/** Filter codes with English and Spanish labels. */
export function fetchTaxonomy(): Promise<Taxonomy> {
  return call('/api/v1/taxonomy')
}

/** Sends an anonymous problem report; resolves to the report id. */
export async function sendReport(siteId: string, kind: ReportBody['kind'], message: string): Promise<string> {
  const body: ReportBody = { kind, message }
  const res = await call<ReportCreated>(`/api/v1/sites/${encodeURIComponent(siteId)}/reports`, json(body))
  return res.id
}

/** Says, anonymously, that one got supplies here today, that they were out, or that it was closed; the kind goes in the body only. */
export async function sendAvailabilityReport(siteId: string, body: AvailabilityReportBody): Promise<AvailabilityReportCreated> {
  return call<AvailabilityReportCreated>(`/api/v1/sites/${encodeURIComponent(siteId)}/availability-reports`, json(body))
}

/** Plans (or checks) an outreach route. Nothing is stored on the server. */
export function planRoute(body: RouteRequestBody, signal?: AbortSignal): Promise<RoutePlan> {
  return call('/api/v1/routes', json(body, signal))
}

/**
 * Looks up a place the person typed (a POST: the text stays out of the URL, logs and history):
 * what matched, how precisely, and the candidates when the name is ambiguous.
 */
export function geocodeText(text: string): Promise<GeocodeResponse> {
  const body: GeocodeQuery = { q: text, limit: 1 }
  return call<GeocodeResponse>('/api/v1/geocode', json(body))
}

/** How many sites, and about how many bytes, saving a box would keep (west, south, east, north). */
export function fetchOfflineAreaSize(bbox: readonly number[]): Promise<OfflineAreaSize> {
  return call(`/api/v1/offline-area/size?bbox=${bbox.join(',')}`)
}

/** A box's listings to keep on the phone, and the bytes they came in. */
export async function fetchOfflineArea(bbox: readonly number[]): Promise<{ area: OfflineArea; bytes: number }> {
  const area = await call<OfflineArea>(`/api/v1/offline-area?bbox=${bbox.join(',')}`)
  return { area, bytes: JSON.stringify(area).length }
}
