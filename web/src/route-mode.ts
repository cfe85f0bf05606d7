/**
 * "Plan a route" (loaded only when someone opens it or adds a stop): the stops, the start and
 * end, the day's settings, planning through POST /api/v1/routes, reordering by hand (which
 * the API checks and reports problems for), and taking the plan away as a run sheet, GPX,
 * .ics or a link. Plans live only in this page; the server computes and forgets them.
 *
 * Every change is an action for route-state.ts's reducer; after each one `render` brings the
 * panel (route-panel.ts), the map's layers and the search page up to the new state. The
 * requests live here: planning, looking up a shared link, waiting for a map click — each
 * dispatches what it got.
 */
import { ApiFailure } from './api.js'
import { planAnywhere, siteAnywhere as fetchSite } from './offline/offline-api.js'
import { currentLang, t } from './i18n.js'
import type { ResultMap } from './map-view.js'
import { createRouteLayer, type DraftPoint, type RouteLayer } from './route-map.js'
import { defaultDay, routeRequest, type RoutePlace, type SiteStop } from './route-model.js'
import { createRoutePanel, nameOfStop, stopsOutline } from './route-panel.js'
import { resolveTypedPlace } from './route-place.js'
import { decodeRouteLink, type SharedPlace } from './route-share.js'
import { initialRouteState, reduce, routeSiteIds, type PickKind, type RouteState } from './route-state.js'
import { siteStopFromDetail } from './route-stops.js'
import { changed, createStore } from './store.js'

export interface RouteHost {
  /** Loads the map (once) and resolves to it. */
  map(): Promise<ResultMap>
  /** The sites in the route changed (for the cards' "Add to route" buttons and the tab's count). */
  stopsChanged(siteIds: ReadonlySet<string>, count: number): void
}

export interface RoutePlanner {
  /** Adds a site to the route, or removes it when it is already there. */
  toggleSite(site: SiteStop): void
  setActive(active: boolean): void
  /** Restores a shared `#route=…` link. */
  restore(hash: string): Promise<void>
  relabel(): void
}

export function createRoutePlanner(container: HTMLElement, host: RouteHost): RoutePlanner {
  let layer: RouteLayer | null = null
  let inflight: AbortController | null = null
  let requests = 0

  // Today from 09:00, or from the next quarter hour once 09:00 has passed.
  const { date, ...day } = defaultDay(new Date())
  const store = createStore(initialRouteState(date, currentLang(), day), reduce, render)
  const { dispatch } = store
  const panel = createRoutePanel(container, { dispatch, startPicking, optimise: () => void optimise(), move })

  /** The panel, the host's buttons and the map's layers, brought up to `next`. */
  function render(next: RouteState, prev: RouteState | null): void {
    panel.render(next, prev)
    if (prev && changed(prev, next, (s) => [stopsOutline(s)])) host.stopsChanged(routeSiteIds(next), next.stops.length)
    if (changed(prev, next, (s) => [s.lang, s.plan, s.stops, s.start, s.end, s.endElsewhere])) drawMap()
    // The map never waits for a click the state no longer expects (picking cancelled, planner put away).
    if (prev?.picking && !next.picking) layer?.pick(null)
  }

  async function withLayer(): Promise<RouteLayer> {
    const map = await host.map()
    layer ??= createRouteLayer(map.leafletMap(), (vehicle, number) => {
      document
        .getElementById(`tl-${vehicle - 1}-${number}`)
        ?.querySelector<HTMLElement>('.move:not([disabled])')
        ?.focus()
    })
    return layer
  }

  /** Draws the plan on the map, or (before planning) the picked points, start and end. */
  function drawMap(): void {
    if (!store.state.active) return
    void withLayer().then((l) => {
      const s = store.state
      if (!s.active) return
      if (s.plan) {
        l.showPlan(s.plan)
        return
      }
      const w = t()
      const draft: DraftPoint[] = s.stops.filter((x) => x.kind === 'point').map((x) => ({ at: [x.lat, x.lon], label: nameOfStop(x, 0), role: 'point' }))
      for (const [place, role] of [
        [s.start, 'start'],
        [s.endElsewhere ? s.end : null, 'end'],
      ] as const) {
        if (place && place.kind !== 'site') draft.push({ at: [place.lat, place.lon], label: role === 'start' ? w.startMarker : w.endMarker, role })
      }
      l.showDraft(draft)
    })
  }

  /** Waits for a click on the map (or Enter on it) and reports where, as a stop, the start or the end. */
  function startPicking(kind: PickKind): void {
    dispatch({ type: 'pickStarted', kind })
    void withLayer().then(async (l) => {
      const map = await host.map()
      if (store.state.picking !== kind) return
      const mapEl = map.leafletMap().getContainer()
      mapEl.scrollIntoView({ block: 'nearest' })
      mapEl.focus({ preventScroll: true })
      l.pick(([lat, lon]) => dispatch({ type: 'mapPicked', lat, lon }))
    })
  }

  function move(vehicle: number, from: number, to: number): void {
    const id = ++requests
    dispatch({ type: 'stopMoved', id, vehicle, from, to })
    void send(id)
  }

  function optimise(): Promise<void> {
    const id = ++requests
    dispatch({ type: 'planRequested', id })
    return send(id)
  }

  /** Sends the plan request the state made as `id`, if it made one (without stops or a start it asks for those instead). */
  async function send(id: number): Promise<void> {
    const { request, start, end, endElsewhere, settings } = store.state
    if (request?.id !== id || !start) return
    inflight?.abort()
    const controller = (inflight = new AbortController())
    try {
      const plan = await planAnywhere(routeRequest(request.stops, start, endElsewhere ? end : null, settings, request.order ?? undefined), controller.signal)
      dispatch({ type: 'planArrived', id, plan })
      // A new plan: bring its summary to the top (focus stays on the button, the status is announced).
      if (!request.order && store.state.plan === plan) requestAnimationFrame(() => panel.revealStatus())
    } catch (err) {
      if ((err as Error).name === 'AbortError') return
      dispatch({ type: 'planFailed', id, offline: err instanceof ApiFailure && err.code === 'NETWORK' })
    } finally {
      if (inflight === controller) inflight = null
    }
  }

  async function sharedPlace(p: SharedPlace | null): Promise<RoutePlace | null> {
    if (!p) return null
    try {
      if (p.kind === 'site') {
        const site = await fetchSite(p.id)
        return { kind: 'site', id: site.id, name: site.name }
      }
      return await resolveTypedPlace(p.text)
    } catch {
      return null
    }
  }

  store.draw()

  return {
    toggleSite(site) {
      dispatch({ type: 'siteToggled', site })
    },
    setActive(on) {
      dispatch({ type: 'activeSet', active: on })
      void host.map().then((map) => {
        const { active } = store.state
        map.showResults(!active)
        layer?.setVisible(active)
        map.resize()
        drawMap()
      })
    },
    async restore(hash) {
      const shared = decodeRouteLink(hash)
      dispatch({ type: 'restoreStarted', settings: shared.settings })
      const found = await Promise.all(shared.siteIds.map((id) => fetchSite(id).then(siteStopFromDetail, () => null)))
      const [start, end] = await Promise.all([sharedPlace(shared.start), sharedPlace(shared.end)])
      const stops = found.filter((x): x is SiteStop => x !== null)
      dispatch({ type: 'restored', stops, start, end, missing: found.length - stops.length })
      if (store.state.start && store.state.stops.length) await optimise()
    },
    relabel() {
      dispatch({ type: 'languageChanged', lang: currentLang() })
    },
  }
}
