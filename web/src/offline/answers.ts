/**
 * Offline answers from the saved areas, loaded only when the network has failed (they carry
 * the schedule code and geodesics, which the page's first paint does without): a search page,
 * a site page, in the API's shapes.
 */
import type { OfflineSite } from '../../../common/contract/offline-area.js'
import { ApiFailure, type SearchBody, type SearchResponse, type SiteDetail } from '../api.js'
import { openState } from '../../../common/schedule/hours.js'
import { withToday } from '../../../common/schedule/live-today.js'
import { nextOpening } from '../../../common/schedule/next-opening.js'
import { siteToday, verificationAge } from '../../../common/verification.js'
import { liveItems, OfflineSearchError, searchSaved } from './search.js'
import { savedListings, type SavedArea } from './saved-areas.js'

/** What an offline answer says about itself. */
export interface OfflineNote {
  /** The oldest "saved on" of the areas the answer came from (ISO 8601). */
  savedAt: string
  /** False when the search reaches past the saved areas, so nearer sites may be missing. */
  complete: boolean
}

export type PageSearchResponse = SearchResponse & { offline?: OfflineNote }
export type PageSiteDetail = SiteDetail & { offline?: OfflineNote }

const contains = (box: SavedArea['bbox'], lat: number, lon: number) => lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3]

/**
 * A typed place, offline: a ZIP code or a city among the saved listings (the middle of the
 * sites there), since the place finder needs the server.
 */
function savedPlace(near: string, sites: readonly OfflineSite[]): { lat: number; lon: number; label: string } | null {
  const text = near.trim().toLowerCase()
  const zip = /^\d{5}/.exec(text)?.[0]
  const city = text.split(',')[0]?.trim()
  const found = sites.filter((s) => (zip ? s.postal_code?.startsWith(zip) : s.city?.toLowerCase() === city))
  if (found.length === 0) return null
  const label = zip ?? `${found[0]?.city ?? near}${found[0]?.region ? `, ${found[0].region}` : ''}`
  return { lat: found.reduce((a, s) => a + s.lat, 0) / found.length, lon: found.reduce((a, s) => a + s.lon, 0) / found.length, label }
}

/** One page of results from the saved areas (NETWORK when nothing is saved). */
export async function savedSearch(body: SearchBody): Promise<PageSearchResponse> {
  const { sites, areas } = await savedListings()
  if (areas.length === 0) throw new ApiFailure(0, 'NETWORK')
  const place = body.near !== undefined ? savedPlace(body.near, sites) : null
  if (body.near !== undefined && !place) throw new ApiFailure(404, 'PLACE_NOT_FOUND')
  const { near: _near, ...rest } = body
  const fields = place ? { ...rest, lat: place.lat, lon: place.lon } : rest
  const lat = fields.lat as number
  const lon = fields.lon as number
  const used = areas.filter((a) => contains(a.bbox, lat, lon))
  const meta = { realSitesExist: areas.some((a) => a.realSitesExist), staleHideAfterDays: areas[0]?.staleHideAfterDays ?? null }
  let answer: ReturnType<typeof searchSaved>
  try {
    answer = searchSaved(
      sites,
      meta,
      fields,
      new Date(),
      used.map((a) => a.bbox),
    )
  } catch (err) {
    if (err instanceof OfflineSearchError) throw new ApiFailure(400, err.code)
    throw err
  }
  const { complete, ...response } = answer
  const savedAt = (used.length ? used : areas).map((a) => a.savedAt).sort()[0] as string
  return {
    ...response,
    origin: place ? { ...response.origin, label: place.label, approximate: true } : response.origin,
    offline: { savedAt, complete: complete && used.length > 0 },
  }
}

/** A saved site as the site page shows it: what was saved, with today's open state worked out here. */
function savedDetail(site: OfflineSite, savedAt: string): PageSiteDetail {
  const now = new Date()
  const state = withToday(openState(site.hours, site.timezone, now), site.hours, site.timezone, now, site.today)
  const next = nextOpening(site.hours, site.timezone, now)
  return {
    id: site.id,
    name: site.name,
    alternate_name: null,
    description: null,
    organization: { id: '', name: site.organization_name, website: null, email: null, description: null },
    types: site.types,
    services: site.services,
    service_details: [],
    payment: site.payment,
    populations: site.populations,
    access: site.access,
    languages: site.languages,
    mobile: false,
    address_1: site.address_1,
    address_2: site.address_2,
    mailing_address: null,
    city: site.city,
    region: site.region,
    postal_code: site.postal_code,
    lat: site.lat,
    lon: site.lon,
    location_precision: site.location_precision,
    timezone: site.timezone,
    hours: site.hours,
    open_now: state.open,
    next_change: state.nextChange,
    phones: site.phone ? [{ number: site.phone, extension: null, type: 'voice', description: null }] : [],
    website: site.website,
    status: site.status,
    status_until: site.status_until,
    status_reason: site.status_reason,
    public_note: site.public_note,
    source: site.source,
    source_id: '',
    assured_date: site.assured_date,
    verification: { assured_date: site.assured_date, age: verificationAge(site.assured_date, siteToday(now, site.timezone)) },
    imported_at: savedAt,
    demo: site.demo,
    source_attributes: {},
    records: [],
    field_sources: {} as SiteDetail['field_sources'],
    availability_reports: {
      confirmed: false,
      window_days: 0,
      total: 0,
      latest_at: null,
      by_kind: { got_supplies: 0, out_of_supplies: 0, closed: 0 },
      counts: [],
    },
    live_status: liveItems(site, now),
    next_open: next ? { starts: next.starts, ends: next.ends } : null,
    mobile_unit: null,
    offline: { savedAt, complete: true },
  }
}

/** What was saved of one site (NETWORK when it was not saved). */
export async function savedSite(id: string): Promise<PageSiteDetail> {
  const { sites, areas } = await savedListings()
  const site = sites.find((s) => s.id === id)
  if (!site) throw new ApiFailure(0, 'NETWORK')
  const area = areas.find((a) => contains(a.bbox, site.lat, site.lon)) ?? areas[0]
  return savedDetail(site, area?.savedAt ?? new Date().toISOString())
}
