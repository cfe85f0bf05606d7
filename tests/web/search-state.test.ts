/**
 * The search page's state, without a browser: a person searches a ZIP, narrows it with
 * filters, loads more, uses their location or the map's area, opens a shared link; each
 * story is a list of actions and what the page then holds, asks the server and says.
 */
import { describe, expect, it } from 'vitest'
import type { SearchResponse, SiteResult } from '../../web/src/api.js'
import { en } from '../../web/src/i18n/en.js'
import { es } from '../../web/src/i18n/es.js'
import { countText, initialSearchState, placeName, reduce, searchBody, searchHash, type SearchAction, type SearchState } from '../../web/src/search-state.js'
import { emptyFilters, parseHash } from '../../web/src/url-state.js'

const result = (id: string, demo = false): SiteResult => ({
  id,
  name: id,
  organization_name: 'Org',
  types: ['harm_reduction'],
  services: ['naloxone'],
  payment: ['free'],
  populations: [],
  access: ['walk_in'],
  languages: ['en'],
  address_1: '1 Test St',
  address_2: null,
  city: 'Baltimore',
  region: 'MD',
  postal_code: '21201',
  phone: null,
  lat: 39.29,
  lon: -76.62,
  location_precision: 'exact',
  distance_m: 643.7,
  distance_mi: 0.4,
  open_now: true,
  next_change: null,
  timezone: 'America/New_York',
  assured_date: null,
  verification: { assured_date: null, age: 'never' },
  status: 'active',
  public_note: null,
  status_until: null,
  status_reason: null,
  source: 'test',
  demo,
  live_status: [],
})
const response = (ids: string[], next: string | null = null, label: string | null = 'ZIP 21201'): SearchResponse => ({
  results: ids.map((id) => result(id)),
  count: ids.length,
  next_cursor: next,
  origin: { lat: 39.2946, lon: -76.6252, label, approximate: true },
  radius_m: 40_234,
  at: '2026-11-24T12:00:00Z',
  demo_excluded: false,
  hours_unknown: null,
})

const run = (actions: SearchAction[], from: SearchState = initialSearchState('en')) => actions.reduce(reduce, from)
const searched = (ids = ['a', 'b'], next: string | null = null) =>
  run([
    { type: 'placeSubmitted', near: '21201', id: 1 },
    { type: 'resultsArrived', id: 1, response: response(ids, next) },
  ])

describe('searching', () => {
  it('starts idle, inviting a search, with the default radius and no filters', () => {
    const state = initialSearchState('en')
    expect(state).toMatchObject({ origin: null, radius: 25, results: [], request: null, failure: null, mode: 'search' })
    expect(state.filters).toEqual(emptyFilters())
    expect(countText(state, en)).toBe(en.idle)
    expect(searchBody(state)).toBeNull()
  })

  it('searches a submitted ZIP (trimmed), says it is searching, and sends the place as typed', () => {
    const state = reduce(initialSearchState('en'), { type: 'placeSubmitted', near: ' 21201 ', id: 1 })
    expect(state.origin).toEqual({ kind: 'near', near: '21201' })
    expect(state.request).toEqual({ id: 1, append: false })
    expect(countText(state, en)).toBe('Searching…')
    expect(searchBody(state)).toEqual({ near: '21201', radius_mi: 25 })
    expect(searchHash(state)).toBe('#near=21201')
  })

  it('ignores an empty submission', () => {
    const state = initialSearchState('en')
    expect(reduce(state, { type: 'placeSubmitted', near: '   ', id: 1 })).toBe(state)
  })

  it('shows the results that arrive, and says how many, near what, nearest first', () => {
    const state = searched(['a', 'b', 'c'])
    expect(state.request).toBeNull()
    expect(state.results.map((r) => r.id)).toEqual(['a', 'b', 'c'])
    expect(state.answer).toEqual({ origin: response([]).origin, radius_m: 40_234, hoursUnknown: null, offline: null })
    expect(countText(state, en)).toBe('3 places near ZIP 21201, nearest first.')
    expect(countText(state, es)).toBe('3 lugares cerca del código postal 21201, el más cercano primero.')
  })

  it('names the place as typed when the server gives no label, and says when nothing was found', () => {
    const state = run([
      { type: 'placeSubmitted', near: 'Towson', id: 1 },
      { type: 'resultsArrived', id: 1, response: response([], null, null) },
    ])
    expect(placeName(state, en)).toBe('Towson')
    expect(countText(state, en)).toBe(en.none('Towson'))
  })

  it('ignores the answer to a search that a newer one replaced', () => {
    const state = run([
      { type: 'placeSubmitted', near: '21201', id: 1 },
      { type: 'placeSubmitted', near: '21218', id: 2 },
    ])
    expect(reduce(state, { type: 'resultsArrived', id: 1, response: response(['old']) })).toBe(state)
    expect(reduce(state, { type: 'searchFailed', id: 1, failure: 'NETWORK' })).toBe(state)
  })

  it('says when a place is unknown or the server unreachable, and clears the old results', () => {
    const failed = run(
      [
        { type: 'placeSubmitted', near: 'Nowhere', id: 2 },
        { type: 'searchFailed', id: 2, failure: 'PLACE_NOT_FOUND' },
      ],
      searched(),
    )
    expect(failed.results).toEqual([])
    expect(failed.answer).toBeNull()
    expect(failed.nextCursor).toBeNull()
    expect(countText(failed, en)).toBe(en.placeNotFound)
    const offline = run(
      [
        { type: 'searchStarted', id: 3, append: false },
        { type: 'searchFailed', id: 3, failure: 'NETWORK' },
      ],
      failed,
    )
    expect(countText(offline, en)).toBe(en.offline)
    const broken = run(
      [
        { type: 'searchStarted', id: 4, append: false },
        { type: 'searchFailed', id: 4, failure: 'FAILED' },
      ],
      failed,
    )
    expect(countText(broken, en)).toBe(en.failed)
    // A new search clears the failure once its answer arrives.
    const recovered = run(
      [
        { type: 'searchStarted', id: 5, append: false },
        { type: 'resultsArrived', id: 5, response: response(['a']) },
      ],
      failed,
    )
    expect(recovered.failure).toBeNull()
  })
})

describe('more results', () => {
  it('loads the next page after the ones shown, with the cursor, keeping the same answer', () => {
    const first = searched(['a', 'b'], 'page-2')
    expect(countText(first, en)).toBe('2+ places near ZIP 21201, nearest first.')
    const loading = reduce(first, { type: 'searchStarted', id: 2, append: true })
    expect(loading.request).toEqual({ id: 2, append: true })
    expect(searchBody(loading)).toEqual({ near: '21201', radius_mi: 25, cursor: 'page-2' })
    // Loading a page leaves the count line as it was.
    expect(countText(loading, en)).toBe(countText(first, en))
    const more = reduce(loading, { type: 'resultsArrived', id: 2, response: response(['c'], null) })
    expect(more.results.map((r) => r.id)).toEqual(['a', 'b', 'c'])
    expect(more.results[0]).toBe(first.results[0])
    expect(more.answer).toBe(first.answer)
    expect(more.nextCursor).toBeNull()
  })

  it('keeps what is shown when the next page fails', () => {
    const first = searched(['a', 'b'], 'page-2')
    const failed = run(
      [
        { type: 'searchStarted', id: 2, append: true },
        { type: 'searchFailed', id: 2, failure: 'NETWORK' },
      ],
      first,
    )
    expect(failed.results).toBe(first.results)
    expect(failed.answer).toBe(first.answer)
    expect(failed.nextCursor).toBe('page-2')
    expect(countText(failed, en)).toBe(en.offline)
  })

  it('does not ask for a next page when there is none, nor search before there is a place', () => {
    const done = searched(['a'])
    expect(reduce(done, { type: 'searchStarted', id: 2, append: true })).toBe(done)
    const idle = initialSearchState('en')
    expect(reduce(idle, { type: 'searchStarted', id: 1, append: false })).toBe(idle)
  })
})

describe('filters, radius and links', () => {
  it('sends the filters and radius that are set, and writes them in the link', () => {
    const filters = { ...emptyFilters(), services: ['naloxone', 'methadone'], match: 'any' as const, openNow: true, types: ['pharmacy'] }
    const state = run(
      [
        { type: 'radiusChanged', radius: 10 },
        { type: 'filtersChanged', filters },
        { type: 'searchStarted', id: 2, append: false },
      ],
      searched(),
    )
    expect(state.request).toEqual({ id: 2, append: false })
    expect(searchBody(state)).toEqual({ near: '21201', radius_mi: 10, types: ['pharmacy'], services: ['naloxone', 'methadone'], match: 'any', open_now: true })
    expect(searchHash(state)).toBe('#near=21201&r=10&types=pharmacy&services=naloxone,methadone&match=any&open=1')
  })

  it('asks only for places verified within the chosen time, keeps it in the link, and ignores a link’s value it does not offer', () => {
    const state = run(
      [
        { type: 'filtersChanged', filters: { ...emptyFilters(), verifiedWithinDays: 180 } },
        { type: 'searchStarted', id: 2, append: false },
      ],
      searched(),
    )
    expect(searchBody(state)).toEqual({ near: '21201', radius_mi: 25, verified_within_days: 180 })
    expect(searchHash(state)).toBe('#near=21201&verified=180')
    expect(parseHash('#near=21201&verified=365').filters.verifiedWithinDays).toBe(365)
    for (const odd of ['30', '0', '-1', 'x', '180.5', '']) expect(parseHash(`#verified=${odd}`).filters.verifiedWithinDays, odd).toBeNull()
  })

  it('changing a filter or the radius alone does not search (the page waits a moment for more changes)', () => {
    const state = run(
      [
        { type: 'radiusChanged', radius: 5 },
        { type: 'filtersChanged', filters: { ...emptyFilters(), openNow: true } },
      ],
      searched(),
    )
    expect(state.request).toBeNull()
  })

  it('opens a shared link: its radius and filters, and a search of its place', () => {
    const link = parseHash('#near=21201&r=10&services=methadone')
    const state = reduce(initialSearchState('en'), { type: 'linkOpened', link, id: 1 })
    expect(state.origin).toEqual({ kind: 'near', near: '21201' })
    expect(state.radius).toBe(10)
    expect(state.filters.services).toEqual(['methadone'])
    expect(state.request).toEqual({ id: 1, append: false })
  })

  it('applies a link without a place without searching', () => {
    const state = reduce(initialSearchState('en'), { type: 'linkOpened', link: parseHash('#r=5'), id: 1 })
    expect(state.radius).toBe(5)
    expect(state.origin).toBeNull()
    expect(state.request).toBeNull()
  })
})

describe('a position: "Use my location" and "Search this area"', () => {
  it('searches from the location rounded to ~100 m, which stays out of the link', () => {
    const locating = reduce(searched(), { type: 'locateStarted' })
    expect(locating.locating).toBe('locating')
    const state = reduce(locating, { type: 'located', lat: 39.2904123, lon: -76.6121987, id: 2 })
    expect(state.locating).toBe('idle')
    expect(state.origin).toEqual({ kind: 'point', lat: 39.29, lon: -76.612, what: 'location' })
    expect(searchBody(state)).toEqual({ lat: 39.29, lon: -76.612, radius_mi: 25 })
    expect(searchHash(state)).toBe('')
    const found = reduce(state, { type: 'resultsArrived', id: 2, response: response(['a']) })
    expect(countText(found, en)).toBe('1 place near your location, nearest first.')
  })

  it('says when the location is not available', () => {
    expect(run([{ type: 'locateStarted' }, { type: 'locateFailed' }]).locating).toBe('unavailable')
  })

  it('offers "Search this area" once the map moves away, and searches the map\'s centre', () => {
    const moved = reduce(searched(), { type: 'mapMoved', far: true })
    expect(moved.movedFar).toBe(true)
    const state = reduce(moved, { type: 'areaChosen', lat: 39.31, lon: -76.6, id: 2 })
    expect(state.movedFar).toBe(false)
    expect(state.origin).toEqual({ kind: 'point', lat: 39.31, lon: -76.6, what: 'area' })
    expect(state.request).toEqual({ id: 2, append: false })
    expect(placeName(state, es)).toBe('esta zona del mapa')
  })
})

describe('the route, the mode and the language', () => {
  it('remembers which sites are in the route and how many stops it has', () => {
    const state = reduce(searched(), { type: 'routeChanged', ids: new Set(['a']), count: 2 })
    expect([...state.routeIds]).toEqual(['a'])
    expect(state.routeCount).toBe(2)
  })

  it('switches between searching and planning a route, and between languages', () => {
    expect(reduce(initialSearchState('en'), { type: 'modeChosen', mode: 'route' }).mode).toBe('route')
    const before = searched()
    const spanish = reduce(before, { type: 'languageChanged', lang: 'es' })
    expect(spanish.lang).toBe('es')
    expect(spanish.results).toBe(before.results)
    expect(countText(spanish, es)).toBe('2 lugares cerca del código postal 21201, el más cercano primero.')
  })

  it('leaves the state it was given as it was', () => {
    const before = searched(['a', 'b'], 'page-2')
    const copy = structuredClone(before)
    run(
      [
        { type: 'searchStarted', id: 2, append: true },
        { type: 'resultsArrived', id: 2, response: response(['c']) },
        { type: 'filtersChanged', filters: { ...emptyFilters(), openNow: true } },
        { type: 'located', lat: 39.3, lon: -76.6, id: 3 },
        { type: 'searchFailed', id: 3, failure: 'FAILED' },
      ],
      before,
    )
    expect(before).toEqual(copy)
  })
})
