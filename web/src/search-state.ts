/**
 * The search page's state and every way it changes, as one pure reducer: where the search is
 * centred, its radius and filters, the results loaded so far, a search on its way, what went
 * wrong, and what the route planner holds. No DOM, no network: main.ts draws the state after
 * every action, and runs the searches that report back as actions.
 *
 *   let state = initialSearchState('en')
 *   state = reduce(state, { type: 'placeSubmitted', near: '21201', id: 1 })   // state.request: what to send
 *   const body = searchBody(state)                                            // { near: '21201', radius_mi: 25 }
 *
 * Privacy: a position is rounded to 3 decimals (~100 m) when it enters the state, so nothing
 * finer can reach a request; the fragment (`searchHash`) names only a typed place.
 */
import type { PageLang } from '../../common/format.js'
import type { SearchBody, SearchResponse, SiteResult } from './api.js'
import type { OfflineNote, PageSearchResponse } from './offline/offline-api.js'
import type { Strings } from './i18n.js'
import { DEFAULT_RADIUS, emptyFilters, toHash, type Filters, type UrlState } from './url-state.js'

export type Origin = { kind: 'near'; near: string } | { kind: 'point'; lat: number; lon: number; what: 'location' | 'area' }
export type SearchFailure = 'PLACE_NOT_FOUND' | 'NETWORK' | 'FAILED'
export type PageMode = 'search' | 'route'

export interface SearchState {
  lang: PageLang
  /** Searching, or planning a route (one panel at a time, the map shared). */
  mode: PageMode
  origin: Origin | null
  /** Miles. */
  radius: number
  filters: Filters
  /** Every result shown, in order: the pages loaded so far. */
  results: readonly SiteResult[]
  nextCursor: string | null
  /** The answer the results belong to: its centre (and the server's name for it) and reach. Null before one arrives and after a failed search. */
  /** `offline`: the answer came from saved listings (when saved, and whether it may miss sites). */
  answer: { origin: SearchResponse['origin']; radius_m: number; hoursUnknown: SearchResponse['hours_unknown']; offline: OfflineNote | null } | null
  /** The search on its way; `append` when it loads the next page. Answers to older ones are ignored. */
  request: { id: number; append: boolean } | null
  failure: SearchFailure | null
  locating: 'idle' | 'locating' | 'unavailable'
  /** The map was moved away from the search centre: "Search this area" is offered. */
  movedFar: boolean
  /** The sites in the outreach route, and how many stops it has. */
  routeIds: ReadonlySet<string>
  routeCount: number
}

export type SearchAction =
  /** A place typed in the box and submitted. */
  | { type: 'placeSubmitted'; near: string; id: number }
  | { type: 'locateStarted' }
  | { type: 'located'; lat: number; lon: number; id: number }
  | { type: 'locateFailed' }
  /** "Search this area": the map's centre. */
  | { type: 'areaChosen'; lat: number; lon: number; id: number }
  | { type: 'radiusChanged'; radius: number }
  | { type: 'filtersChanged'; filters: Filters }
  /** A shared or bookmarked link: its radius and filters, and its place if it names one. */
  | { type: 'linkOpened'; link: UrlState; id: number }
  /** Searches again with what is set now, or (`append`) loads the next page. */
  | { type: 'searchStarted'; id: number; append: boolean }
  | { type: 'resultsArrived'; id: number; response: PageSearchResponse }
  | { type: 'searchFailed'; id: number; failure: SearchFailure }
  | { type: 'mapMoved'; far: boolean }
  | { type: 'routeChanged'; ids: ReadonlySet<string>; count: number }
  | { type: 'modeChosen'; mode: PageMode }
  | { type: 'languageChanged'; lang: PageLang }

const round3 = (x: number) => Math.round(x * 1000) / 1000

/** The page before anything is searched. */
export function initialSearchState(lang: PageLang): SearchState {
  return {
    lang,
    mode: 'search',
    origin: null,
    radius: DEFAULT_RADIUS,
    filters: emptyFilters(),
    results: [],
    nextCursor: null,
    answer: null,
    request: null,
    failure: null,
    locating: 'idle',
    movedFar: false,
    routeIds: new Set(),
    routeCount: 0,
  }
}

/** The request body for the search `state.request` asks for; null when there is nothing to search from. */
export function searchBody(state: SearchState): SearchBody | null {
  const { origin, filters: f } = state
  if (!origin) return null
  const cursor = state.request?.append ? state.nextCursor : null
  return {
    ...(origin.kind === 'near' ? { near: origin.near } : { lat: origin.lat, lon: origin.lon }),
    radius_mi: state.radius || DEFAULT_RADIUS,
    ...(f.types.length ? { types: f.types } : {}),
    ...(f.services.length ? { services: f.services, match: f.match } : {}),
    ...(f.payment.length ? { payment: f.payment } : {}),
    ...(f.languages.length ? { languages: f.languages } : {}),
    ...(f.openNow ? { open_now: true } : {}),
    ...(f.openNow && f.includeUnknownHours ? { include_unknown_hours: true } : {}),
    ...(f.verifiedWithinDays !== null ? { verified_within_days: f.verifiedWithinDays } : {}),
    ...liveFields(f.live),
    ...(cursor ? { cursor } : {}),
  }
}

/** The URL fragment for the search: a typed place, radius and filters — never a position. */
export function searchHash(state: SearchState): string {
  return toHash({ near: state.origin?.kind === 'near' ? state.origin.near : '', radius: state.radius, filters: state.filters })
}

/** What the results are "near": the place as the server named it (or as typed), "your location" or "this map area". */
export function placeName(state: SearchState, s: Strings): string {
  const { origin } = state
  if (origin?.kind === 'point') return origin.what === 'location' ? s.yourLocation : s.thisArea
  return state.answer?.origin.label ?? (origin?.kind === 'near' ? origin.near : '')
}

/** The line above the results: what to do, that it is searching, what went wrong, or what was found. */
export function countText(state: SearchState, s: Strings): string {
  if (state.request && !state.request.append) return s.searching
  if (state.failure) return state.failure === 'PLACE_NOT_FOUND' ? s.placeNotFound : state.failure === 'NETWORK' ? s.offline : s.failed
  if (state.answer) return state.results.length ? s.found(state.results.length, placeName(state, s), state.nextCursor !== null) : s.none(placeName(state, s))
  return state.origin ? '' : s.idle
}

/**
 * With "open now": how many of the nearest places list no hours, and whether they are shown —
 * so an empty or short list does not read as "nothing here". Null when there is nothing to say.
 */
export function hoursNote(state: SearchState): { unknown: number; nearest: number; included: boolean } | null {
  const counted = state.answer?.hoursUnknown
  if (!state.filters.openNow || !counted || counted.unknown === 0 || state.request) return null
  return { ...counted, included: state.filters.includeUnknownHours }
}

/** A new search from `state`'s origin (none without one; a next page only when there is one). */
function started(state: SearchState, id: number, append = false): SearchState {
  if (!state.origin || (append && !state.nextCursor)) return state
  return { ...state, request: { id, append } }
}

/** The state after `action`. Pure: `state` is not changed, and nothing is fetched or drawn. */
export function reduce(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'placeSubmitted': {
      const near = action.near.trim()
      if (!near) return state
      return started({ ...state, origin: { kind: 'near', near } }, action.id)
    }
    case 'locateStarted':
      return { ...state, locating: 'locating' }
    case 'located':
      // ~100 m is plenty to find the nearest sites, and is all the server ever sees.
      return started({ ...state, locating: 'idle', origin: { kind: 'point', lat: round3(action.lat), lon: round3(action.lon), what: 'location' } }, action.id)
    case 'locateFailed':
      return { ...state, locating: 'unavailable' }
    case 'areaChosen':
      return started({ ...state, movedFar: false, origin: { kind: 'point', lat: round3(action.lat), lon: round3(action.lon), what: 'area' } }, action.id)
    case 'radiusChanged':
      return { ...state, radius: action.radius }
    case 'filtersChanged':
      return { ...state, filters: action.filters }
    case 'linkOpened': {
      const { near, radius, filters } = action.link
      const next = { ...state, radius, filters }
      return near ? started({ ...next, origin: { kind: 'near', near } }, action.id) : next
    }
    case 'searchStarted':
      return started(state, action.id, action.append)
    case 'resultsArrived': {
      if (state.request?.id !== action.id) return state
      const { response } = action
      const append = state.request.append
      return {
        ...state,
        request: null,
        failure: null,
        results: append ? [...state.results, ...response.results] : response.results,
        nextCursor: response.next_cursor,
        // A next page belongs to the same answer.
        answer:
          append && state.answer
            ? state.answer
            : { origin: response.origin, radius_m: response.radius_m, hoursUnknown: response.hours_unknown, offline: response.offline ?? null },
      }
    }
    case 'searchFailed': {
      if (state.request?.id !== action.id) return state
      const failed = { ...state, request: null, failure: action.failure }
      // A failed next page keeps what was shown; a failed search clears it.
      return state.request.append ? failed : { ...failed, results: [], nextCursor: null, answer: null }
    }
    case 'mapMoved':
      return { ...state, movedFar: action.far }
    case 'routeChanged':
      return { ...state, routeIds: action.ids, routeCount: action.count }
    case 'modeChosen':
      return { ...state, mode: action.mode }
    case 'languageChanged':
      return { ...state, lang: action.lang }
  }
}

/** The page's live-status choices as search fields: supplies in stock, taking new patients, same-day start, at least one open bed. */
function liveFields(live: readonly string[]): Record<string, unknown> {
  const supplies = live.filter((c) => c === 'naloxone' || c === 'test_strips' || c === 'syringes')
  return {
    ...(supplies.length ? { in_stock: supplies } : {}),
    ...(live.includes('accepting_new_patients') ? { accepting_new_patients: true } : {}),
    ...(live.includes('same_day_start') ? { same_day_start: true } : {}),
    ...(live.includes('beds_available') ? { beds_available: 1 } : {}),
  }
}
