/**
 * The page's calls to its own API (same origin only). Searches are POSTs so a location never
 * lands in a URL, a proxy log or the browser history.
 */
export interface SiteResult {
  id: string
  name: string
  organization_name: string
  types: string[]
  services: string[]
  address_1: string | null
  address_2: string | null
  city: string | null
  region: string | null
  postal_code: string | null
  phone: string | null
  lat: number
  lon: number
  distance_mi: number
  open_now: boolean | null
  next_change: string | null
  timezone: string
  assured_date: string | null
  status: string
  /** A curator's short note for the public. */
  public_note: string | null
  /** With status temporarily_closed: until when and why. */
  status_until: string | null
  status_reason: string | null
  demo: boolean
}

export interface SearchResponse {
  results: SiteResult[]
  count: number
  next_cursor: string | null
  origin: { lat: number; lon: number; label: string | null; approximate: boolean }
  radius_m: number
  at: string
}

export interface SearchBody {
  near?: string
  lat?: number
  lon?: number
  radius_mi: number
  types?: string[]
  services?: string[]
  payment?: string[]
  languages?: string[]
  match?: 'any' | 'all'
  open_now?: boolean
  verified_within_days?: number
  cursor?: string
  limit?: number
}

export interface SiteDetail extends Omit<SiteResult, 'distance_mi' | 'phone' | 'lat' | 'lon'> {
  description: string | null
  organization: { name: string; website: string | null }
  payment: string[]
  populations: string[]
  access: string[]
  languages: string[]
  mobile: boolean
  lat: number | null
  lon: number | null
  hours: { byday: string; opens: string; closes: string; valid_from: string | null; valid_to: string | null }[]
  phones: { number: string; extension: string | null; type: string; description: string | null }[]
  website: string | null
  source: string
}

export interface Term {
  code: string
  en: string
  es: string
  group?: string
}
export interface Taxonomy {
  types: Term[]
  services: Term[]
  payment: Term[]
  populations: Term[]
  access: Term[]
  languages: Term[]
}

/** An API failure with the server's error code (PLACE_NOT_FOUND, …) or NETWORK. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
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
    const body = (await res.json().catch(() => ({}))) as { code?: string }
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
export async function sendReport(siteId: string, kind: string, message: string): Promise<string> {
  const res = await call<{ id: string }>(`/api/v1/sites/${encodeURIComponent(siteId)}/reports`, json({ kind, message }))
  return res.id
}

/** A stop or a start/end as POST /api/v1/routes takes it: a directory site, or a point. */
export interface RoutePlaceBody {
  site_id?: string
  lat?: number
  lon?: number
  label?: string
}
export interface RouteStopBody extends RoutePlaceBody {
  opens?: string
  closes?: string
}

export interface RouteRequestBody {
  stops: RouteStopBody[]
  start: RoutePlaceBody
  end?: RoutePlaceBody
  /** ISO 8601 with offset. */
  departure: string
  return_by?: string
  service_minutes?: number
  vehicles?: number
  mode?: 'driving' | 'walking' | 'cycling'
  /** Stop indices per van: check this order instead of optimising. */
  order?: number[][]
}

export interface PlannedStop {
  order: number
  stop_index: number
  site_id: string | null
  name: string
  lat: number
  lon: number
  address: string | null
  phone: string | null
  arrival: string
  wait_minutes: number
  service_start: string
  departure: string
  open_until: string | null
  hours_known: boolean
}

export interface PlannedVehicle {
  vehicle: number
  departure: string
  return: string
  travel_minutes: number
  wait_minutes: number
  service_minutes: number
  distance_km: number
  stops: PlannedStop[]
}

/** GeoJSON as the API sends it: [lon, lat] positions. */
export interface PlanFeature {
  type: 'Feature'
  geometry: { type: 'Point'; coordinates: [number, number] } | { type: 'LineString'; coordinates: [number, number][] }
  properties: { role: 'start' | 'end' | 'stop' | 'route'; vehicle?: number; order?: number; name?: string; arrival?: string }
}

export interface RoutePlan {
  vehicles: PlannedVehicle[]
  unassigned: {
    stop_index: number
    site_id: string | null
    name: string
    code: string
    reason: string
    closes_at: string | null
    earliest_arrival: string | null
  }[]
  violations: { stop_index: number | null; kind: string; message: string; arrival: string | null; closes_at: string | null }[]
  hours_unknown: { stop_index: number; name: string }[]
  totals: { travel_minutes: number; wait_minutes: number; distance_km: number; vehicles_used: number }
  travel: { source: string; mode: string; note: string | null }
  geojson: { type: 'FeatureCollection'; features: PlanFeature[] }
}

/** Plans (or checks) an outreach route. Nothing is stored on the server. */
export function planRoute(body: RouteRequestBody, signal?: AbortSignal): Promise<RoutePlan> {
  return call('/api/v1/routes', json(body, signal))
}

export interface GeocodedPlace {
  label: string
  lat: number
  lon: number
}

/** Looks up a place the person typed (a GET: the text is theirs to send, never a position). */
export async function geocodePlace(text: string): Promise<GeocodedPlace | null> {
  const res = await call<{ results: GeocodedPlace[] }>(`/api/v1/geocode?q=${encodeURIComponent(text)}&limit=1`)
  return res.results[0] ?? null
}
