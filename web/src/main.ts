/**
 * The map page: wires the search form, filter chips, result list, lazy map and detail panel
 * around one search state (search-store.state.ts). Every change is an action; `render` brings the
 * page up to the new state; searches and the browser's location dispatch what they find.
 * Privacy: a typed place may appear in the URL fragment, a position never does; positions go
 * only in POST bodies, rounded to 3 decimals.
 */
import { PAGE_LANGS } from '../../common/format.js'
import { activeFilterButtons, withoutFilter } from './active-filters.js'
import { ApiFailure, type SiteDetail } from './api.js'
import { createDetailPanel } from './detail.js'
import { byId, h } from './dom.js'
import { createFilterPanel } from './filters.js'
import { currentLang, initialLang, LANGUAGE_NAMES, setLang, t } from './i18n.js'
import { createLayout, isWide } from './layout.js'
import type { ResultMap } from './map-view.js'
import { ResultsList, routeButton } from './results-list.js'
import type { SiteStop } from './route-model.js'
import type { RoutePlanner } from './route-mode.js'
import { siteStopFromDetail, siteStopFromResult } from './route-stops.js'
import {
  countText,
  hoursNote,
  initialSearchState,
  reduce,
  searchBody,
  searchHash,
  type PageMode,
  type SearchAction,
  type SearchFailure,
  type SearchState,
} from './search-state.js'
import { changed, createStore } from './store.js'
import { taxonomy, useTaxonomy } from './taxonomy.js'
import { searchAnywhere, taxonomyAnywhere } from './offline/offline-api.js'
import { createSavePanel, savedDateText, type SavePanel } from './offline/save-panel.js'
import { installQuickExit } from './quick-exit.js'
import { registerOfflineShell } from './offline-shell.js'
import { placeNoteHolder, showPlaceNote } from './place-choice.js'
import { shareBox } from './share-box.js'
import { parseHash, RADII } from './url-state.js'

const config = JSON.parse(document.documentElement.dataset.config || '{}') as {
  tileUrl?: string | null
  tileAttribution?: string | null
  quickExitUrl?: string
  basemap?: { pmtiles: string } | null
}
installQuickExit(byId('quick-exit'), config.quickExitUrl || 'https://www.google.com/search?q=weather')

const form = byId<HTMLFormElement>('search-form')
const nearInput = byId<HTMLInputElement>('near')
const radiusSelect = byId<HTMLSelectElement>('radius')
const locateButton = byId<HTMLButtonElement>('locate')
const locateStatus = byId('locate-status')
const countEl = byId('result-count')
const placeNote = placeNoteHolder(countEl)
const heading = byId('results-heading')
const demoBanner = byId('demo-banner')
const offlineNote = byId('offline-note')
const activeFilters = byId('active-filters')
const searchShare = byId('search-share')
const shareSearchButton = byId<HTMLButtonElement>('share-search')
const shareSearchBox = byId('share-search-box')
const hoursNoteEl = byId('hours-note')
const hoursNoteText = byId('hours-note-text')
const hoursNoteToggle = byId<HTMLButtonElement>('hours-note-toggle')
const loadMore = byId<HTMLButtonElement>('load-more')
const searchArea = byId<HTMLButtonElement>('search-area')
const langSwitch = byId('lang-switch')
const langChoice = byId<HTMLSelectElement>('lang-choice')
langChoice.replaceChildren(...PAGE_LANGS.map((lang) => h('option', { value: lang, lang }, LANGUAGE_NAMES[lang])))
const routePanel = byId('route-panel')
const routeBadge = byId('route-badge')
const modeButtons = [byId<HTMLButtonElement>('mode-search'), byId<HTMLButtonElement>('mode-route')]

setLang(initialLang(), false)
const store = createStore(initialSearchState(currentLang()), reduce, render)
const { dispatch } = store

// Handles on code loaded later and on requests in flight: nothing on the page is drawn from them.
let map: ResultMap | null = null
let mapLoading: Promise<void> | null = null
let routeLoading: Promise<RoutePlanner> | null = null
let inflight: AbortController | null = null
let searches = 0
let timer: ReturnType<typeof setTimeout> | undefined
let savePanel: SavePanel | null = null

const taxonomyReady = taxonomyAnywhere().then(useTaxonomy)

const list = new ResultsList(byId<HTMLOListElement>('results-list'), {
  onFocus: (id) => {
    list.highlight(id)
    map?.highlight(id, true)
  },
  onDetails: (id, trigger) => void detail.open(id, trigger),
  onShowOnMap: (id) => {
    layout.show('map')
    void ensureMap().then(() => map?.reveal(id))
  },
  onRoute: (id) => {
    const site = store.state.results.find((r) => r.id === id)
    if (site) toggleRouteSite(siteStopFromResult(site))
  },
  inRoute: (id) => store.state.routeIds.has(id),
})
const detail = createDetailPanel(byId<HTMLDialogElement>('detail'), detailRouteButton)

const filters = createFilterPanel(byId('filters'), (chosen) => {
  dispatch({ type: 'filtersChanged', filters: chosen })
  scheduleSearch()
})
const layout = createLayout(() => void ensureMap().then(() => map?.resize()))
savePanel = createSavePanel(byId('offline-panel'), {
  mapView: () => {
    const el = byId('map')
    if (!map || el.offsetParent === null) return null
    const b = map.leafletMap().getBounds()
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
  },
  place: () => {
    const origin = store.state.answer?.origin
    if (!origin) return null
    const label = origin.label ?? `${origin.lat.toFixed(2)}, ${origin.lon.toFixed(2)}`
    return { lat: origin.lat, lon: origin.lon, label }
  },
  radiusMiles: () => store.state.radius,
  taxonomy: () => taxonomy(),
})

/** Brings the page up to `next`, touching what depends on a part that changed since `prev`. */
function render(next: SearchState, prev: SearchState | null): void {
  const was = (pick: (x: SearchState) => readonly unknown[]) => changed(prev, next, pick)
  const s = t()
  if (was((x) => [x.lang])) {
    langSwitch.setAttribute('lang', next.lang === 'en' ? 'es' : 'en')
    langChoice.value = next.lang
    radiusSelect.replaceChildren(...RADII.map((r) => h('option', { value: r, selected: r === next.radius }, s.miles(r))))
    filters.render()
  }
  if (radiusSelect.value !== String(next.radius)) radiusSelect.value = String(next.radius)
  if (next.filters !== filters.get()) filters.set(next.filters)
  if (was((x) => [x.filters, x.lang])) {
    const buttons = activeFilterButtons(next.filters, next.lang)
    activeFilters.replaceChildren(activeFilters.firstElementChild as HTMLElement, ...buttons)
    activeFilters.hidden = buttons.length === 0
  }
  if (was((x) => [x.origin])) {
    // The box shows the place searched for (what a person typed stays as typed), and empties for a position.
    const near = next.origin?.kind === 'near' ? next.origin.near : ''
    if (nearInput.value.trim() !== near) nearInput.value = near
  }
  // The search lives in memory only; a link is made when the person asks for one (shareSearch).
  searchShare.hidden = next.answer === null || next.origin === null
  if (prev && was((x) => [searchHash(x), x.lang])) closeShareBox()
  // Status lines are rewritten only when their words change: a live region announces every write.
  const locating = next.locating === 'locating' ? s.locating : next.locating === 'unavailable' ? s.locationUnavailable : ''
  if (locateStatus.textContent !== locating) locateStatus.textContent = locating
  if (was((x) => [x.lang, x.answer, x.results])) renderResults(prev, next)
  // What the geocoder said about a typed place: which one of several, or only its city.
  if (was((x) => [x.lang, x.answer])) showPlaceNote(placeNote, next.answer?.origin ?? null, (place) => choosePlace(place.label))
  const count = countText(next, s)
  if (countEl.textContent !== count) countEl.textContent = count
  demoBanner.hidden = !next.results.some((r) => r.demo)
  // Saved listings are never shown as live: the banner says when they were saved.
  const offline = next.answer?.offline ?? null
  const offlineText = offline ? `${s.offlineUse.banner(savedDateText(offline.savedAt))}${offline.complete ? '' : ` ${s.offlineUse.partial}`}` : ''
  offlineNote.hidden = offline === null
  if (offlineNote.textContent !== offlineText) offlineNote.textContent = offlineText
  if (was((x) => [x.lang, x.answer])) savePanel?.render()
  const note = hoursNote(next)
  hoursNoteEl.hidden = note === null
  if (note) {
    const text = note.included ? s.unknownHoursIncluded : s.unknownHoursLeftOut(note.unknown, note.nearest)
    if (hoursNoteText.textContent !== text) hoursNoteText.textContent = text
    hoursNoteToggle.textContent = note.included ? s.onlyOpenNow : s.showUnknownHours
  }
  loadMore.hidden = next.nextCursor === null
  loadMore.disabled = next.request !== null
  searchArea.hidden = !next.movedFar
  if (was((x) => [x.lang, x.routeCount])) routeBadge.textContent = s.routeBadge(next.routeCount)
  if (prev && was((x) => [x.routeIds])) {
    list.refreshRoute()
    document.querySelector('#detail [data-route-id]')?.dispatchEvent(new Event('route-changed'))
  }
  if (was((x) => [x.mode])) {
    document.body.dataset.mode = next.mode
    modeButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.id === `mode-${next.mode}`)))
    routePanel.hidden = next.mode !== 'route'
  }
  if (prev && was((x) => [x.lang])) {
    map?.relabel()
    routeLoading?.then(
      (r) => r.relabel(),
      () => undefined,
    )
  }
}

/** The list and the map: a next page is added after what is there; anything else redraws them. */
function renderResults(prev: SearchState | null, next: SearchState): void {
  const now = new Date()
  const { answer, results } = next
  const shown = prev?.results ?? []
  if (
    answer &&
    prev?.answer === answer &&
    prev.lang === next.lang &&
    shown.length > 0 &&
    results.length > shown.length &&
    shown.every((r, i) => results[i] === r)
  ) {
    const added = results.slice(shown.length)
    list.show(added, shown.length + 1, now, true)
    map?.show(added, shown.length + 1, answer.origin, answer.radius_m, true)
    return
  }
  list.show(results, 1, now, false)
  // Only the language changed: the map relabels itself.
  if (prev?.answer === answer && prev.results === results) return
  if (answer) map?.show(results, 1, answer.origin, answer.radius_m, false)
  else map?.clear()
}

/** Loads the map chunk once and replays the current results onto it. */
function ensureMap(): Promise<void> {
  // After the load event: the map code must not compete with the first results on a slow link.
  const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((r) => addEventListener('load', r, { once: true }))
  mapLoading ??= loaded
    .then(() => import('./map-view.js'))
    .then(async ({ createResultMap }) => {
      map = await createResultMap(byId('map'), {
        tileUrl: config.tileUrl ?? null,
        tileAttribution: config.tileAttribution ?? null,
        basemapPmtiles: config.basemap?.pmtiles ?? null,
        onMarkerSelect: (id) => {
          if (!isWide()) layout.show('list')
          list.highlight(id)
          map?.highlight(id, false)
          list.focus(id)
        },
        onMovedFar: (far) => dispatch({ type: 'mapMoved', far }),
      })
      if (store.state.answer) map.show(store.state.results, 1, store.state.answer.origin, store.state.answer.radius_m, false)
    })
  return mapLoading
}

/** Loads the route planner chunk once (on "Plan a route", "Add to route" or a shared route link). */
function ensureRoute(): Promise<RoutePlanner> {
  routeLoading ??= import('./route-mode.js').then(({ createRoutePlanner }) =>
    createRoutePlanner(routePanel, {
      map: () => ensureMap().then(() => map as ResultMap),
      stopsChanged: (ids, count) => dispatch({ type: 'routeChanged', ids, count }),
    }),
  )
  return routeLoading
}

function toggleRouteSite(site: SiteStop): void {
  void ensureRoute().then((r) => r.toggleSite(site))
}

/** The detail panel's "Add to route" toggle, in a holder that is refilled when the route changes. */
function detailRouteButton(site: SiteDetail): HTMLElement {
  const holder = h('p', { class: 'detail-route', 'data-route-id': site.id })
  const fill = () => {
    const button = routeButton(store.state.routeIds.has(site.id))
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
function chooseMode(mode: PageMode, focus = false): void {
  dispatch({ type: 'modeChosen', mode })
  if (mode === 'route') {
    void ensureRoute().then((r) => {
      r.setActive(true)
      if (focus) byId('route-heading').focus()
    })
  } else {
    routeLoading?.then(
      (r) => r.setActive(false),
      () => undefined,
    )
  }
}

/**
 * Dispatches an action that may start a search (a place, a position, a link, a next page),
 * then runs the search it started, if any; `focusResults` after a person asked for it.
 */
async function search(action: (id: number) => SearchAction, options: { focusResults?: boolean } = {}): Promise<void> {
  const id = ++searches
  dispatch(action(id))
  const request = store.state.request
  const body = request?.id === id ? searchBody(store.state) : null
  if (!request || !body) return
  inflight?.abort()
  const controller = (inflight = new AbortController())
  try {
    const [response] = await Promise.all([searchAnywhere(body, controller.signal), taxonomyReady.catch(() => undefined)])
    const first = store.state.results.length + 1
    dispatch({ type: 'resultsArrived', id, response })
    if (options.focusResults) focusResults()
    if (request.append) byId('results-list').querySelector<HTMLElement>(`.card:nth-child(${first}) .name-button`)?.focus()
  } catch (err) {
    if ((err as Error).name === 'AbortError') return
    const code = err instanceof ApiFailure ? err.code : ''
    const failure: SearchFailure = code === 'PLACE_NOT_FOUND' || code === 'NETWORK' ? code : 'FAILED'
    dispatch({ type: 'searchFailed', id, failure })
    if (options.focusResults) focusResults()
  } finally {
    if (inflight === controller) inflight = null
  }
}

/** Brings the results to the top of the screen and moves focus there (after a person searches). */
function focusResults(): void {
  heading.scrollIntoView({ block: 'start' })
  heading.focus({ preventScroll: true })
}

/** Searches again a moment after the radius or filters change (a few chips in a row make one search). */
function scheduleSearch(): void {
  clearTimeout(timer)
  timer = setTimeout(() => void search((id) => ({ type: 'searchStarted', id, append: false })), 250)
}

/** A place picked from "Which Springfield?": searched by its full name, as if typed. */
function choosePlace(label: string): void {
  void search((id) => ({ type: 'placeSubmitted', near: label, id }), { focusResults: true })
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const near = nearInput.value.trim()
  if (!near) {
    nearInput.focus()
    return
  }
  void search((id) => ({ type: 'placeSubmitted', near, id }), { focusResults: true })
})
radiusSelect.addEventListener('change', () => {
  dispatch({ type: 'radiusChanged', radius: Number(radiusSelect.value) })
  scheduleSearch()
})
activeFilters.addEventListener('click', (event) => {
  const key = (event.target as HTMLElement).closest<HTMLElement>('[data-remove]')?.dataset.remove
  if (!key) return
  dispatch({ type: 'filtersChanged', filters: withoutFilter(store.state.filters, key) })
  // Focus stays in the row (on the next filter, or the label's group) rather than falling to the page.
  ;(activeFilters.querySelector<HTMLElement>('[data-remove]') ?? byId('results-heading')).focus()
  scheduleSearch()
})

function closeShareBox(): void {
  shareSearchBox.replaceChildren()
  shareSearchButton.setAttribute('aria-expanded', 'false')
}

/** "Share this search": the link, and what it holds — the typed place, distance and filters, never a position. */
shareSearchButton.addEventListener('click', () => {
  if (shareSearchButton.getAttribute('aria-expanded') === 'true') return closeShareBox()
  const state = store.state
  const s = t()
  const url = location.origin + location.pathname + searchHash(state)
  const note = state.origin?.kind === 'near' ? s.searchLinkHolds(state.origin.near) : s.searchLinkHoldsNoPlace
  shareSearchBox.replaceChildren(shareBox(url, s.shareSearchLabel, note))
  shareSearchButton.setAttribute('aria-expanded', 'true')
  shareSearchBox.querySelector<HTMLInputElement>('input')?.select()
})

hoursNoteToggle.addEventListener('click', () => {
  const chosen = { ...store.state.filters, includeUnknownHours: !store.state.filters.includeUnknownHours }
  dispatch({ type: 'filtersChanged', filters: chosen })
  void search((id) => ({ type: 'searchStarted', id, append: false }))
})
loadMore.addEventListener('click', () => void search((id) => ({ type: 'searchStarted', id, append: true })))

locateButton.addEventListener('click', () => {
  if (!('geolocation' in navigator)) {
    dispatch({ type: 'locateFailed' })
    return
  }
  dispatch({ type: 'locateStarted' })
  navigator.geolocation.getCurrentPosition(
    (position) => void search((id) => ({ type: 'located', lat: position.coords.latitude, lon: position.coords.longitude, id }), { focusResults: true }),
    () => dispatch({ type: 'locateFailed' }),
    { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
  )
})

searchArea.addEventListener('click', () => {
  if (!map) return
  const centre = map.centre()
  void search((id) => ({ type: 'areaChosen', ...centre, id }), { focusResults: true })
})

langSwitch.addEventListener('click', () => {
  setLang(currentLang() === 'en' ? 'es' : 'en', true)
  dispatch({ type: 'languageChanged', lang: currentLang() })
})
langChoice.addEventListener('change', () => {
  const lang = PAGE_LANGS.find((l) => l === langChoice.value)
  if (!lang || lang === currentLang()) return
  setLang(lang, true)
  dispatch({ type: 'languageChanged', lang })
})

/** Applies a shared or bookmarked fragment (and later edits of it). */
/**
 * Opens a shared link (a search or a plan), then takes it out of the address bar, so the place
 * it names does not stay in this tab's history on a shared phone.
 */
function applyHash(): void {
  const hash = location.hash
  if (!hash) return
  history.replaceState(null, '', location.pathname + location.search)
  if (hash.startsWith('#route=')) {
    chooseMode('route')
    void ensureRoute().then((r) => r.restore(hash))
    return
  }
  const link = parseHash(hash)
  void search((id) => ({ type: 'linkOpened', link, id }))
}

modeButtons[0]!.addEventListener('click', () => chooseMode('search'))
modeButtons[1]!.addEventListener('click', () => chooseMode('route', true))

store.draw()
void taxonomyReady.then(
  () => filters.render(),
  () => undefined,
)
applyHash()
window.addEventListener('hashchange', applyHash)
document.body.classList.add('js')
registerOfflineShell()
