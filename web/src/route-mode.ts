/**
 * "Plan a route" (loaded only when someone opens it or adds a stop): the stops, the start and
 * end, the day's settings, planning through POST /api/v1/routes, reordering by hand (which
 * the API checks and reports problems for), and taking the plan away as a run sheet, GPX,
 * .ics or a link. Plans live only in this page; the server computes and forgets them.
 */
import { ApiFailure, fetchSite, planRoute, type RoutePlan } from './api.js'
import { h, nextId } from './dom.js'
import { currentLang, t } from './i18n.js'
import type { ResultMap } from './map-view.js'
import { downloadGpx, downloadIcs, shareBox } from './route-exports.js'
import { routeRequest, stopKey, type RoutePlace, type RouteSettings, type RouteStop, type SiteStop } from './route-model.js'
import { settingsFieldset, stopItem } from './route-form.js'
import { placeFieldset, resolveTypedPlace } from './route-place.js'
import { createRouteLayer, type DraftPoint, type RouteLayer } from './route-map.js'
import { siteStopFromDetail } from './route-stops.js'
import { decodeRouteLink, encodeRouteLink, type SharedPlace } from './route-share.js'
import { planClock } from './route-text.js'
import { renderRunSheet, renderTimeline } from './route-timeline.js'

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

type Picking = 'stop' | 'start' | 'end' | null

const pad = (n: number) => String(n).padStart(2, '0')
const today = () => { const d = new Date(); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` }

export function createRoutePlanner(panel: HTMLElement, host: RouteHost): RoutePlanner {
  let stops: RouteStop[] = []
  let start: RoutePlace | null = null
  let end: RoutePlace | null = null
  let endElsewhere = false
  const settings: RouteSettings = { date: today(), departure: '09:00', returnBy: '17:00', serviceMinutes: 15, vans: 1, mode: 'driving' }
  let plan: RoutePlan | null = null
  let planStops: RouteStop[] = []
  let order: number[][] = []
  let reasons = new Map<string, RoutePlan['unassigned'][number]>()
  let stale = false
  let busy = false
  let picking: Picking = null
  let pointCount = 0
  let active = false
  let layer: RouteLayer | null = null
  let inflight: AbortController | null = null
  let pendingFocus: string | null = null

  const heading = h('h2', { id: 'route-heading', tabindex: '-1' })
  const intro = h('p', { class: 'route-intro' })
  const stopsEl = h('section', { class: 'route-stops', 'aria-labelledby': 'route-stops-heading' })
  const placesEl = h('div', { class: 'route-places' })
  const settingsEl = h('div', { class: 'route-settings' })
  const optimiseButton = h('button', { type: 'button', class: 'btn primary optimise', 'data-focus': 'optimise' })
  const statusEl = h('p', { id: 'route-status', class: 'route-status', role: 'status', 'aria-live': 'polite' })
  const resultEl = h('div', { class: 'route-result' })
  const actionsEl = h('div', { class: 'route-actions' })
  const sheetEl = h('div', { class: 'print-only' })
  panel.replaceChildren(heading, intro, stopsEl, placesEl, settingsEl, optimiseButton, statusEl, resultEl, actionsEl, sheetEl)
  optimiseButton.addEventListener('click', () => void optimise())

  const nameOfStop = (s: RouteStop | undefined, fallback: number) => (!s ? `#${fallback + 1}` : s.kind === 'site' ? s.name : s.label.trim() || t().pointName(Number(s.key.slice(6))))
  const nameOf = (i: number) => nameOfStop(planStops[i], i)
  const keyOf = (i: number) => (planStops[i] ? stopKey(planStops[i]!) : `#${i}`)

  /** Re-renders `el` and puts focus back on the control that had it (matched by data-focus). */
  function refresh(el: HTMLElement, build: () => (Node | null)[]): void {
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-focus]')
    const key = pendingFocus ?? (focused && el.contains(focused) ? focused.dataset.focus : null)
    el.replaceChildren(...build().filter((n): n is Node => n !== null))
    if (!key) return
    const target = el.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)
    if (target && !(target as HTMLButtonElement).disabled) { target.focus(); if (pendingFocus === key) pendingFocus = null }
  }

  function notify(): void {
    host.stopsChanged(new Set(stops.filter((s): s is SiteStop => s.kind === 'site').map((s) => s.id)), stops.length)
  }

  /** Stops, start, end or settings changed: the old times no longer hold. */
  function changed(): void {
    if (plan) stale = true
    plan = null
    renderResult()
    drawMap()
  }

  function renderStops(): void {
    const s = t()
    refresh(stopsEl, () => {
      const items = stops.map((stop) => stopItem(stop, nameOfStop(stop, 0), changed, () => {
        const at = stops.indexOf(stop)
        stops = stops.filter((x) => x !== stop)
        const next = stops[at] ?? stops[at - 1]
        pendingFocus = next ? `remove:${stopKey(next)}` : 'add-point'
        notify(); renderStops(); renderPlaces(); changed()
      }))
      const add = h('button', { type: 'button', class: 'btn secondary', 'data-focus': 'add-point' }, h('span', { 'aria-hidden': 'true' }, '+ '), s.addPoint)
      add.addEventListener('click', () => startPicking('stop'))
      return [
        h('h3', { id: 'route-stops-heading' }, s.stopsHeading(stops.length)),
        stops.length ? h('ol', { class: 'stop-list' }, ...items) : h('p', { class: 'hint' }, s.noStops),
        add,
        pickHint('stop'),
      ]
    })
  }

  function pickHint(kind: Picking): HTMLElement | null {
    if (picking !== kind || !kind) return null
    const s = t()
    const cancel = h('button', { type: 'button', class: 'btn secondary', 'data-focus': 'cancel-pick' }, s.cancelPick)
    cancel.addEventListener('click', () => { stopPicking(); pendingFocus = kind === 'stop' ? 'add-point' : `${kind}-pick`; renderStops(); renderPlaces() })
    return h('p', { class: 'pick-hint' }, kind === 'stop' ? s.pickStopHint : kind === 'start' ? s.pickStartHint : s.pickEndHint, ' ', cancel)
  }

  function renderPlaces(): void {
    const s = t()
    const sites = stops.filter((x): x is SiteStop => x.kind === 'site')
    refresh(placesEl, () => {
      const elsewhereId = nextId('end-elsewhere')
      const elsewhere = h('input', { id: elsewhereId, type: 'checkbox', checked: endElsewhere, 'data-focus': 'end-elsewhere' })
      elsewhere.addEventListener('change', () => { endElsewhere = elsewhere.checked; renderPlaces(); changed() })
      return [
        placeFieldset({ legend: s.startLegend, current: start, sites, role: 'start', onChange: (p) => { start = p; pendingFocus = 'start-text'; renderPlaces(); changed() }, onPickOnMap: () => startPicking('start') }),
        pickHint('start'),
        h('p', { class: 'check' }, elsewhere, h('label', { for: elsewhereId }, s.endElsewhere)),
        endElsewhere ? placeFieldset({ legend: s.endLegend, current: end, sites, role: 'end', onChange: (p) => { end = p; pendingFocus = 'end-text'; renderPlaces(); changed() }, onPickOnMap: () => startPicking('end') }) : null,
        endElsewhere ? pickHint('end') : null,
      ]
    })
  }

  function renderSettings(): void {
    settingsEl.replaceChildren(settingsFieldset(settings, changed))
  }

  function renderResult(): void {
    const s = t()
    optimiseButton.disabled = busy
    optimiseButton.textContent = busy ? s.planning : s.optimise
    const jump = h('button', { type: 'button', class: 'btn secondary map-jump', 'data-focus': 'map-jump' }, h('span', { 'aria-hidden': 'true' }, '↓ '), s.showRouteOnMap)
    jump.addEventListener('click', () => document.getElementById('map')?.scrollIntoView({ block: 'start' }))
    refresh(resultEl, () => [
      stale && !plan ? h('p', { class: 'stale-plan' }, s.staleNote) : null,
      plan ? jump : null,
      plan ? renderTimeline({ plan, nameOf, keyOf, reasons, date: settings.date, busy, onMove: move }) : null,
    ])
    sheetEl.replaceChildren(...(plan ? [renderRunSheet({ plan, nameOf, keyOf, reasons, date: settings.date })] : []))
    renderActions()
  }

  function renderActions(): void {
    const s = t()
    const button = (label: string, icon: string, focus: string, run: () => void) => {
      const b = h('button', { type: 'button', class: 'btn secondary', 'data-focus': focus }, icon ? h('span', { 'aria-hidden': 'true' }, icon + ' ') : null, label)
      b.addEventListener('click', run)
      return b
    }
    const current = plan
    refresh(actionsEl, () => [
      current ? button(s.printSheet, '', 'print', () => window.print()) : null,
      current ? button(s.downloadGpx, '↓', 'gpx', () => downloadGpx(current, settings.date)) : null,
      current ? button(s.downloadIcs, '↓', 'ics', () => downloadIcs(current, settings.date, nameOf)) : null,
      stops.length ? button(s.shareLink, '', 'share', () => {
        const { hash, leftOut } = encodeRouteLink(stops, start, endElsewhere ? end : null, settings)
        const box = shareBox(location.origin + location.pathname + hash, leftOut)
        actionsEl.querySelector('.share-box')?.remove()
        actionsEl.append(box)
        box.querySelector('input')?.focus()
      }) : null,
    ])
  }

  function renderAll(): void {
    heading.textContent = t().routeHeading
    intro.textContent = t().routeIntro
    renderStops()
    renderPlaces()
    renderSettings()
    renderResult()
  }

  async function withLayer(): Promise<RouteLayer> {
    const map = await host.map()
    layer ??= createRouteLayer(map.leafletMap(), (vehicle, number) => {
      document.getElementById(`tl-${vehicle - 1}-${number}`)?.querySelector<HTMLElement>('.move:not([disabled])')?.focus()
    })
    return layer
  }

  function drawMap(): void {
    if (!active) return
    void withLayer().then((l) => {
      if (!active) return
      if (plan) { l.showPlan(plan); return }
      const s = t()
      const draft: DraftPoint[] = stops.filter((x) => x.kind === 'point').map((x) => ({ at: [x.lat, x.lon], label: nameOfStop(x, 0), role: 'point' }))
      for (const [place, role] of [[start, 'start'], [endElsewhere ? end : null, 'end']] as const) {
        if (place && place.kind !== 'site') draft.push({ at: [place.lat, place.lon], label: role === 'start' ? s.startMarker : s.endMarker, role })
      }
      l.showDraft(draft)
    })
  }

  function startPicking(kind: Exclude<Picking, null>): void {
    picking = kind
    renderStops()
    renderPlaces()
    void withLayer().then(async (l) => {
      const map = await host.map()
      const container = map.leafletMap().getContainer()
      container.scrollIntoView({ block: 'nearest' })
      container.focus({ preventScroll: true })
      l.pick(([lat, lon]) => {
        picking = null
        if (kind === 'stop') {
          const n = ++pointCount
          stops = [...stops, { kind: 'point', key: `point:${n}`, lat, lon, label: '', opens: '', closes: '' }]
          pendingFocus = null
          notify()
        } else {
          const place: RoutePlace = { kind: 'point', lat, lon }
          if (kind === 'start') start = place
          else end = place
          pendingFocus = `${kind}-pick`
        }
        renderStops()
        renderPlaces()
        changed()
        if (kind === 'stop') stopsEl.querySelector<HTMLInputElement>('.stop-item.point:last-child input')?.focus()
      })
    })
  }

  function stopPicking(): void {
    picking = null
    layer?.pick(null)
  }

  function move(vehicle: number, from: number, to: number): void {
    const next = order.map((stopsOfVan) => [...stopsOfVan])
    const van = next[vehicle]
    if (!van || to < 0 || to >= van.length) return
    const [moved] = van.splice(from, 1)
    van.splice(to, 0, moved as number)
    pendingFocus = `${to > from ? 'down' : 'up'}:${keyOf(moved as number)}`
    void optimise(next)
  }

  async function optimise(manualOrder?: number[][]): Promise<void> {
    const s = t()
    if (stops.length === 0) { statusEl.textContent = s.needStops; return }
    if (!start) {
      statusEl.textContent = s.needStart
      placesEl.querySelector<HTMLElement>('[data-focus="start-text"]')?.focus()
      return
    }
    inflight?.abort()
    const controller = (inflight = new AbortController())
    const snapshot = manualOrder ? planStops : [...stops]
    busy = true
    statusEl.textContent = s.planning
    renderResult()
    try {
      const result = await planRoute(routeRequest(snapshot, start, endElsewhere ? end : null, settings, manualOrder), controller.signal)
      plan = result
      planStops = snapshot
      stale = false
      order = result.vehicles.map((v) => v.stops.map((x) => x.stop_index))
      if (!manualOrder) reasons = new Map(result.unassigned.map((u) => [keyOf(u.stop_index), u]))
      const planned = result.vehicles.reduce((n, v) => n + v.stops.length, 0)
      const back = result.vehicles.filter((v) => v.stops.length > 0).map((v) => v.return).sort().at(-1) ?? result.vehicles[0]?.return
      const backText = back ? planClock(back, currentLang()) : ''
      statusEl.textContent = manualOrder ? s.checked(planned, backText, result.violations.length) : s.planned(planned, backText)
      // A new plan: bring its summary to the top (focus stays on the button, the status is announced).
      if (!manualOrder) requestAnimationFrame(revealStatus)
    } catch (err) {
      if ((err as Error).name === 'AbortError') return
      pendingFocus = null
      statusEl.textContent = err instanceof ApiFailure && err.code === 'NETWORK' ? s.offline : s.failed
    } finally {
      if (inflight === controller) { inflight = null; busy = false }
    }
    renderResult()
    drawMap()
  }

  /** Scrolls the plan's summary to the top of the panel (wide screens) or of the page (phones). */
  function revealStatus(): void {
    const scroller = panel.closest<HTMLElement>('.panel')
    if (scroller && getComputedStyle(scroller).overflowY === 'auto') {
      scroller.scrollTop += statusEl.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8
    } else statusEl.scrollIntoView({ block: 'start' })
  }

  async function sharedPlace(p: SharedPlace | null): Promise<RoutePlace | null> {
    if (!p) return null
    try {
      if (p.kind === 'site') { const site = await fetchSite(p.id); return { kind: 'site', id: site.id, name: site.name } }
      return await resolveTypedPlace(p.text)
    } catch {
      return null
    }
  }

  renderAll()

  return {
    toggleSite(site) {
      const had = stops.some((x) => x.kind === 'site' && x.id === site.id)
      stops = had ? stops.filter((x) => !(x.kind === 'site' && x.id === site.id)) : [...stops, site]
      notify()
      renderStops()
      renderPlaces()
      changed()
    },
    setActive(on) {
      active = on
      if (!on) stopPicking()
      void host.map().then((map) => {
        map.showResults(!active)
        layer?.setVisible(active)
        map.resize()
        drawMap()
      })
    },
    async restore(hash) {
      const shared = decodeRouteLink(hash)
      statusEl.textContent = t().restoring
      Object.assign(settings, shared.settings)
      const found = await Promise.all(shared.siteIds.map((id) => fetchSite(id).then(siteStopFromDetail, () => null)))
      stops = found.filter((x): x is SiteStop => x !== null)
      ;[start, end] = await Promise.all([sharedPlace(shared.start), sharedPlace(shared.end)])
      endElsewhere = end !== null
      plan = null
      stale = false
      notify()
      renderAll()
      const missing = found.length - stops.length
      statusEl.textContent = missing > 0 ? t().restoreMissing(missing) : ''
      if (start && stops.length) await optimise()
      else drawMap()
    },
    relabel() {
      const status = statusEl.textContent
      renderAll()
      statusEl.textContent = status
      drawMap()
    },
  }
}
