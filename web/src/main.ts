/**
 * The map page: wires the search form, filter chips, result list, lazy map and detail panel
 * around one search state. Privacy: a typed place may appear in the URL fragment, a
 * position never does; positions go only in POST bodies, rounded to 3 decimals.
 */
import { ApiFailure, fetchTaxonomy, searchSites, type SearchBody, type SiteDetail, type SiteResult } from './api.js'
import { createDetailPanel } from './detail.js'
import { byId, h } from './dom.js'
import { createFilterPanel } from './filters.js'
import { currentLang, initialLang, setLang, t } from './i18n.js'
import { createLayout, isWide } from './layout.js'
import type { ResultMap } from './map-view.js'
import { ResultsList, routeButton } from './results-list.js'
import type { SiteStop } from './route-model.js'
import type { RoutePlanner } from './route-mode.js'
import { siteStopFromDetail, siteStopFromResult } from './route-stops.js'
import { useTaxonomy } from './taxonomy.js'
import { DEFAULT_RADIUS, parseHash, RADII, toHash } from './url-state.js'

type Origin = { kind: 'near'; near: string } | { kind: 'point'; lat: number; lon: number; what: 'location' | 'area' }

const round3 = (x: number) => Math.round(x * 1000) / 1000
const config = JSON.parse(document.documentElement.dataset.config || '{}') as { tileUrl?: string | null; tileAttribution?: string | null }

const form = byId<HTMLFormElement>('search-form')
const nearInput = byId<HTMLInputElement>('near')
const radiusSelect = byId<HTMLSelectElement>('radius')
const locateButton = byId<HTMLButtonElement>('locate')
const locateStatus = byId('locate-status')
const countEl = byId('result-count')
const heading = byId('results-heading')
const demoBanner = byId('demo-banner')
const loadMore = byId<HTMLButtonElement>('load-more')
const searchArea = byId<HTMLButtonElement>('search-area')

let origin: Origin | null = null
let shown: SiteResult[] = []
let nextCursor: string | null = null
let placeLabel = ''
let inflight: AbortController | null = null
let map: ResultMap | null = null
let mapLoading: Promise<void> | null = null
let lastResponse: { origin: { lat: number; lon: number }; radius_m: number } | null = null
let routeLoading: Promise<RoutePlanner> | null = null
let routeIds: ReadonlySet<string> = new Set()
const routePanel = byId('route-panel')
const modeButtons = [byId<HTMLButtonElement>('mode-search'), byId<HTMLButtonElement>('mode-route')]

setLang(initialLang(), false)
const taxonomyReady = fetchTaxonomy().then(useTaxonomy)

const list = new ResultsList(byId<HTMLOListElement>('results-list'), {
  onFocus: (id) => { list.highlight(id); map?.highlight(id, true) },
  onDetails: (id, trigger) => void detail.open(id, trigger),
  onShowOnMap: (id) => { layout.show('map'); void ensureMap().then(() => map?.reveal(id)) },
  onRoute: (id) => { const site = shown.find((r) => r.id === id); if (site) toggleRouteSite(siteStopFromResult(site)) },
  inRoute: (id) => routeIds.has(id),
})
const detail = createDetailPanel(byId<HTMLDialogElement>('detail'), detailRouteButton)

const filters = createFilterPanel(byId('filters'), () => { writeHash(); scheduleSearch() })
const layout = createLayout(() => void ensureMap().then(() => map?.resize()))

/** Loads the map chunk once and replays the current results onto it. */
function ensureMap(): Promise<void> {
  // After the load event: the map code must not compete with the first results on a slow link.
  const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((r) => addEventListener('load', r, { once: true }))
  mapLoading ??= loaded.then(() => import('./map-view.js')).then(async ({ createResultMap }) => {
    map = await createResultMap(byId('map'), {
      tileUrl: config.tileUrl ?? null,
      tileAttribution: config.tileAttribution ?? null,
      onMarkerSelect: (id) => {
        if (!isWide()) layout.show('list')
        list.highlight(id)
        map?.highlight(id, false)
        list.focus(id)
      },
      onMovedFar: (far) => { searchArea.hidden = !far },
    })
    if (lastResponse) map.show(shown, 1, lastResponse.origin, lastResponse.radius_m, false)
  })
  return mapLoading
}

/** Loads the route planner chunk once (on "Plan a route", "Add to route" or a shared route link). */
function ensureRoute(): Promise<RoutePlanner> {
  routeLoading ??= import('./route-mode.js').then(({ createRoutePlanner }) => createRoutePlanner(routePanel, {
    map: () => ensureMap().then(() => map as ResultMap),
    stopsChanged: (ids, count) => {
      routeIds = ids
      byId('route-badge').textContent = t().routeBadge(count)
      list.refreshRoute()
      document.querySelector('#detail [data-route-id]')?.dispatchEvent(new Event('route-changed'))
    },
  }))
  return routeLoading
}

function toggleRouteSite(site: SiteStop): void {
  void ensureRoute().then((r) => r.toggleSite(site))
}

/** The detail panel's "Add to route" toggle, in a holder that is refilled when the route changes. */
function detailRouteButton(site: SiteDetail): HTMLElement {
  const holder = h('p', { class: 'detail-route', 'data-route-id': site.id })
  const fill = () => {
    const button = routeButton(routeIds.has(site.id))
    button.addEventListener('click', () => toggleRouteSite(siteStopFromDetail(site)))
    const hadFocus = holder.contains(document.activeElement)
    holder.replaceChildren(button)
    if (hadFocus) button.focus()
  }
  holder.addEventListener('route-changed', fill)
  fill()
  return holder
}

/** Search or "Plan a route": one panel at a time, with the map shared between them. */
function setMode(mode: 'search' | 'route', focus = false): void {
  document.body.dataset.mode = mode
  modeButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.id === `mode-${mode}`)))
  routePanel.hidden = mode !== 'route'
  if (mode === 'route') {
    void ensureRoute().then((r) => {
      r.setActive(true)
      if (focus) byId('route-heading').focus()
    })
  } else {
    routeLoading?.then((r) => r.setActive(false), () => undefined)
  }
}

function renderRadius(): void {
  const value = radiusSelect.value || String(DEFAULT_RADIUS)
  radiusSelect.replaceChildren(...RADII.map((r) => h('option', { value: r, selected: String(r) === value }, t().miles(r))))
}

function writeHash(): void {
  const hash = toHash({ near: origin?.kind === 'near' ? origin.near : '', radius: Number(radiusSelect.value), filters: filters.get() })
  history.replaceState(null, '', location.pathname + location.search + hash)
}

function describeOrigin(label: string | null): string {
  if (origin?.kind === 'point') return origin.what === 'location' ? t().yourLocation : t().thisArea
  return label ?? (origin?.kind === 'near' ? origin.near : '')
}

function searchBody(cursor: string | null): SearchBody | null {
  if (!origin) return null
  const f = filters.get()
  return {
    ...(origin.kind === 'near' ? { near: origin.near } : { lat: origin.lat, lon: origin.lon }),
    radius_mi: Number(radiusSelect.value) || DEFAULT_RADIUS,
    ...(f.types.length ? { types: f.types } : {}),
    ...(f.services.length ? { services: f.services, match: f.match } : {}),
    ...(f.payment.length ? { payment: f.payment } : {}),
    ...(f.languages.length ? { languages: f.languages } : {}),
    ...(f.openNow ? { open_now: true } : {}),
    ...(cursor ? { cursor } : {}),
  }
}

function renderCount(): void {
  if (!lastResponse) return
  countEl.textContent = shown.length ? t().found(shown.length, placeLabel, nextCursor !== null) : t().none(placeLabel)
}

/** Runs the search for the current origin and filters; `focusResults` after a person submits. */
async function runSearch(options: { focusResults?: boolean; append?: boolean } = {}): Promise<void> {
  const body = searchBody(options.append ? nextCursor : null)
  if (!body) return
  inflight?.abort()
  const controller = (inflight = new AbortController())
  if (!options.append) countEl.textContent = t().searching
  loadMore.disabled = true
  try {
    const [response] = await Promise.all([searchSites(body, controller.signal), taxonomyReady.catch(() => undefined)])
    const start = options.append ? shown.length + 1 : 1
    shown = options.append ? [...shown, ...response.results] : response.results
    nextCursor = response.next_cursor
    lastResponse = { origin: response.origin, radius_m: response.radius_m }
    placeLabel = describeOrigin(response.origin.label)
    const now = new Date()
    list.show(response.results, start, now, !!options.append)
    map?.show(response.results, start, response.origin, response.radius_m, !!options.append)
    demoBanner.hidden = !shown.some((r) => r.demo)
    loadMore.hidden = nextCursor === null
    renderCount()
    if (options.focusResults) focusResults()
    if (options.append) byId('results-list').querySelector<HTMLElement>(`.card:nth-child(${start}) .name-button`)?.focus()
  } catch (err) {
    if ((err as Error).name === 'AbortError') return
    const code = err instanceof ApiFailure ? err.code : ''
    countEl.textContent = code === 'PLACE_NOT_FOUND' ? t().placeNotFound : code === 'NETWORK' ? t().offline : t().failed
    if (!options.append) { list.clear(); map?.clear(); shown = []; lastResponse = null; demoBanner.hidden = true; loadMore.hidden = true }
    if (options.focusResults) focusResults()
  } finally {
    if (inflight === controller) inflight = null
    loadMore.disabled = false
  }
}

/** Brings the results to the top of the screen and moves focus there (after a person searches). */
function focusResults(): void {
  heading.scrollIntoView({ block: 'start' })
  heading.focus({ preventScroll: true })
}

let timer: ReturnType<typeof setTimeout> | undefined
function scheduleSearch(): void {
  clearTimeout(timer)
  timer = setTimeout(() => void runSearch(), 250)
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const near = nearInput.value.trim()
  if (!near) { nearInput.focus(); return }
  origin = { kind: 'near', near }
  writeHash()
  void runSearch({ focusResults: true })
})
radiusSelect.addEventListener('change', () => { writeHash(); scheduleSearch() })
loadMore.addEventListener('click', () => void runSearch({ append: true }))

locateButton.addEventListener('click', () => {
  if (!('geolocation' in navigator)) { locateStatus.textContent = t().locationUnavailable; return }
  locateStatus.textContent = t().locating
  navigator.geolocation.getCurrentPosition(
    (position) => {
      locateStatus.textContent = ''
      // ~100 m is plenty to find the nearest sites, and is all the server ever sees.
      origin = { kind: 'point', lat: round3(position.coords.latitude), lon: round3(position.coords.longitude), what: 'location' }
      nearInput.value = ''
      writeHash()
      void runSearch({ focusResults: true })
    },
    () => { locateStatus.textContent = t().locationUnavailable },
    { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
  )
})

searchArea.addEventListener('click', () => {
  if (!map) return
  origin = { kind: 'point', ...map.centre(), what: 'area' }
  nearInput.value = ''
  searchArea.hidden = true
  writeHash()
  void runSearch({ focusResults: true })
})

byId('lang-switch').addEventListener('click', () => {
  setLang(currentLang() === 'en' ? 'es' : 'en', true)
  applyLanguage()
})

function applyLanguage(): void {
  const other = currentLang() === 'en' ? 'es' : 'en'
  byId('lang-switch').setAttribute('lang', other)
  renderRadius()
  filters.render()
  if (lastResponse) {
    placeLabel = describeOrigin(origin?.kind === 'near' ? placeLabel : null)
    list.show(shown, 1, new Date(), false)
    renderCount()
  } else if (!origin) countEl.textContent = t().idle
  map?.relabel()
  routeLoading?.then((r) => r.relabel(), () => undefined)
}

/** Applies a shared or bookmarked fragment (and later edits of it). */
function applyHash(): void {
  if (location.hash.startsWith('#route=')) {
    setMode('route')
    void ensureRoute().then((r) => r.restore(location.hash))
    return
  }
  const state = parseHash(location.hash)
  radiusSelect.value = String(state.radius)
  filters.set(state.filters)
  if (state.near) {
    nearInput.value = state.near
    origin = { kind: 'near', near: state.near }
    void runSearch()
  }
}

modeButtons[0]!.addEventListener('click', () => setMode('search'))
modeButtons[1]!.addEventListener('click', () => setMode('route', true))

renderRadius()
countEl.textContent = t().idle
applyLanguage()
void taxonomyReady.then(() => filters.render(), () => undefined)
applyHash()
window.addEventListener('hashchange', applyHash)
document.body.classList.add('js')
