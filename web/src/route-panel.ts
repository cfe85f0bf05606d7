/**
 * The route planner's panel, drawn from its state: the stops, the start and end, the day's
 * settings, the plan (timeline and print-only run sheet), its exports and the status line.
 * `render(next, prev)` redraws only the sections whose inputs changed, keeps focus on the
 * control that had it, and carries out the state's focus requests. Controls report through
 * `dispatch` and the planner's handlers; nothing here fetches or changes state itself.
 */
import { clockText, localeOf } from '../../common/format.js'
import { h, nextId } from './dom.js'
import { t } from './i18n.js'
import { downloadGpx, downloadIcs, planShareBox } from './route-exports.js'
import { settingsFieldset, stopItem } from './route-form.js'
import {
  departureInPast,
  localDay,
  nextDay,
  returnAfter,
  soonestDeparture,
  stopKey,
  type DistanceUnit,
  type RoutePlace,
  type RouteSettings,
  type RouteStop,
  type SiteStop,
} from './route-model.js'
import { placeFieldset } from './route-place.js'
import { encodeRouteLink } from './route-share.js'
import { planStopKey, type FocusRequest, type PickKind, type RouteAction, type RouteState } from './route-state.js'
import { statusText } from './route-text.js'
import { renderRunSheet, renderTimeline } from './route-timeline.js'
import { changed } from './store.js'

export interface PanelHandlers {
  dispatch(action: RouteAction): void
  /** "Add a point on the map" / "Pick on map". */
  startPicking(kind: PickKind): void
  optimise(): void
  /** A planned stop moved within its van, by the Up/Down buttons or its drag handle. */
  move(vehicle: number, from: number, to: number): void
}

export interface RoutePanel {
  render(next: RouteState, prev: RouteState | null): void
  /** Scrolls the plan's summary to the top of the panel (wide screens) or of the page (phones). */
  revealStatus(): void
}

/** A stop's name: the site's, a point's label, else "Point 3". */
export const nameOfStop = (s: RouteStop | undefined, fallback: number) =>
  !s ? `#${fallback + 1}` : s.kind === 'site' ? s.name : s.label.trim() || t().pointName(Number(s.key.slice(6)))

/** The route's stops as the list shows them: which, in what order (a point's label is edited in place). */
export const stopsOutline = (s: RouteState) => s.stops.map(stopKey).join('\n')
const sitesOutline = (s: RouteState) =>
  s.stops
    .filter((x): x is SiteStop => x.kind === 'site')
    .map((x) => `${x.id}\t${x.name}`)
    .join('\n')
const sameSettings = (a: RouteSettings, b: RouteSettings | null) => b !== null && (Object.keys(a) as (keyof RouteSettings)[]).every((k) => a[k] === b[k])

/** How the run sheet names a start or end: the site, the place as found, or "a point on the map". */
const placeName = (p: RoutePlace | null) => (!p ? '' : p.kind === 'site' ? p.name : p.kind === 'place' ? p.label : t().mapPointLabel)

/** "9 am" today, or "Nov 24, 2026, 9 am" on another day. */
function departureText(date: string, time: string, lang: RouteState['lang']): string {
  const clock = clockText(time, lang)
  if (date === localDay(new Date())) return clock
  const day = new Date(`${date}T12:00:00Z`)
  if (Number.isNaN(day.getTime())) return clock
  return `${new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(day)}, ${clock}`
}

/** Fills `panel` with the planner's sections. */
export function createRoutePanel(panel: HTMLElement, handlers: PanelHandlers): RoutePanel {
  const { dispatch } = handlers
  /** The settings the settings form shows: what it was drawn with, plus every edit it reported. */
  let settingsShown: RouteSettings | null = null
  let unitsShown: DistanceUnit | null = null
  /** What the past-departure warning says now ('' when there is none). */
  let departShown = ''
  let focusDone: FocusRequest | null = null
  /** The state last drawn (what "Share link" shares). */
  let shown: RouteState | null = null

  const heading = h('h2', { id: 'route-heading', tabindex: '-1' })
  const intro = h('p', { class: 'route-intro' })
  const stopsEl = h('section', { class: 'route-stops', 'aria-labelledby': 'route-stops-heading' })
  const placesEl = h('div', { class: 'route-places' })
  const settingsEl = h('div', { class: 'route-settings' })
  const departEl = h('div', { class: 'depart-check' })
  const optimiseButton = h('button', { type: 'button', class: 'btn primary optimise', 'data-focus': 'optimise' })
  const statusEl = h('p', { id: 'route-status', class: 'route-status', role: 'status', 'aria-live': 'polite' })
  const resultEl = h('div', { class: 'route-result' })
  const actionsEl = h('div', { class: 'route-actions' })
  const sheetEl = h('div', { class: 'print-only' })
  panel.replaceChildren(heading, intro, stopsEl, placesEl, settingsEl, departEl, optimiseButton, statusEl, resultEl, actionsEl, sheetEl)
  optimiseButton.addEventListener('click', () => handlers.optimise())

  /** Re-renders `el` and puts focus back on the control that had it (matched by data-focus). */
  function refresh(el: HTMLElement, build: () => (Node | null)[]): void {
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-focus]')
    const key = focused && el.contains(focused) ? focused.dataset.focus : null
    el.replaceChildren(...build().filter((n): n is Node => n !== null))
    if (key) focusKey(el, key)
  }

  function focusKey(within: HTMLElement, key: string): boolean {
    const target = within.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)
    if (!target || (target as HTMLButtonElement).disabled) return false
    target.focus()
    return true
  }

  function renderStops(s: RouteState): void {
    const w = t()
    const add = h('button', { type: 'button', class: 'btn secondary', 'data-focus': 'add-point' }, h('span', { 'aria-hidden': 'true' }, '+ '), w.addPoint)
    add.addEventListener('click', () => handlers.startPicking('stop'))
    const items = s.stops.map((stop) =>
      stopItem(stop, nameOfStop(stop, 0), {
        onEdit: (field, value) => dispatch({ type: 'pointEdited', key: stopKey(stop), field, value }),
        onRemove: () => dispatch({ type: 'stopRemoved', key: stopKey(stop) }),
      }),
    )
    refresh(stopsEl, () => [
      h('h3', { id: 'route-stops-heading' }, w.stopsHeading(s.stops.length)),
      s.stops.length ? h('ol', { class: 'stop-list' }, ...items) : h('p', { class: 'hint' }, w.noStops),
      add,
      pickHint(s, 'stop'),
    ])
  }

  function pickHint(s: RouteState, kind: PickKind): HTMLElement | null {
    if (s.picking !== kind) return null
    const w = t()
    const cancel = h('button', { type: 'button', class: 'btn secondary', 'data-focus': 'cancel-pick' }, w.cancelPick)
    cancel.addEventListener('click', () => dispatch({ type: 'pickCancelled' }))
    return h('p', { class: 'pick-hint' }, kind === 'stop' ? w.pickStopHint : kind === 'start' ? w.pickStartHint : w.pickEndHint, ' ', cancel)
  }

  function renderPlaces(s: RouteState): void {
    const w = t()
    const sites = s.stops.filter((x): x is SiteStop => x.kind === 'site')
    const elsewhereId = nextId('end-elsewhere')
    const elsewhere = h('input', { id: elsewhereId, type: 'checkbox', checked: s.endElsewhere, 'data-focus': 'end-elsewhere' })
    elsewhere.addEventListener('change', () => dispatch({ type: 'endElsewhereSet', on: elsewhere.checked }))
    const fieldset = (role: 'start' | 'end') =>
      placeFieldset({
        legend: role === 'start' ? w.startLegend : w.endLegend,
        current: s[role],
        sites,
        role,
        onChange: (place) => dispatch({ type: 'placeChosen', role, place }),
        onPickOnMap: () => handlers.startPicking(role),
      })
    refresh(placesEl, () => [
      fieldset('start'),
      pickHint(s, 'start'),
      h('p', { class: 'check' }, elsewhere, h('label', { for: elsewhereId }, w.endElsewhere)),
      s.endElsewhere ? fieldset('end') : null,
      s.endElsewhere ? pickHint(s, 'end') : null,
    ])
  }

  function renderSettings(s: RouteState): void {
    settingsShown = s.settings
    unitsShown = s.units
    refresh(settingsEl, () => [
      settingsFieldset(
        s.settings,
        (change) => {
          settingsShown = { ...(settingsShown ?? s.settings), ...change }
          dispatch({ type: 'settingsChanged', change })
        },
        {
          value: s.units,
          onChange: (units) => {
            unitsShown = units
            dispatch({ type: 'unitsSet', units })
          },
        },
      ),
    ])
  }

  /** A departure already behind the clock (a default of 09:00 seen at 15:00, a day gone by): say so, with a way out. */
  function renderDeparture(s: RouteState): void {
    const now = new Date()
    const text = departureInPast(s.settings, now) ? t().pastDeparture(departureText(s.settings.date, s.settings.departure, s.lang)) : ''
    if (text === departShown) return
    departShown = text
    if (!text) {
      const pressed = departEl.contains(document.activeElement)
      departEl.replaceChildren()
      // Its button did its job and went away: focus goes to the time it set.
      if (pressed) settingsEl.querySelector<HTMLElement>('input[type="time"]')?.focus()
      return
    }
    const w = t()
    const soonest = soonestDeparture(now)
    const tomorrow = nextDay(localDay(now))
    const button = (label: string, focus: string, change: Partial<RouteSettings>) => {
      const b = h('button', { type: 'button', class: 'btn secondary', 'data-focus': focus }, label)
      b.addEventListener('click', () => dispatch({ type: 'settingsChanged', change }))
      return b
    }
    refresh(departEl, () => [
      h(
        'div',
        { class: 'past-departure', role: 'alert' },
        h('p', {}, h('span', { 'aria-hidden': 'true' }, '⚠ '), text),
        h(
          'p',
          { class: 'past-actions' },
          button(w.startNow(clockText(soonest.departure, s.lang)), 'depart-now', { ...soonest, returnBy: returnAfter(soonest.departure, s.settings.returnBy) }),
          button(w.tomorrowAt(clockText(s.settings.departure, s.lang)), 'depart-tomorrow', { date: tomorrow, departure: s.settings.departure }),
        ),
      ),
    ])
  }

  function renderResult(s: RouteState): void {
    const w = t()
    const busy = s.request !== null
    const nameOf = (i: number) => nameOfStop(s.planStops[i], i)
    const keyOf = (i: number) => planStopKey(s.planStops, i)
    optimiseButton.disabled = busy
    optimiseButton.textContent = busy ? w.planning : w.optimise
    const jump = h(
      'button',
      { type: 'button', class: 'btn secondary map-jump', 'data-focus': 'map-jump' },
      h('span', { 'aria-hidden': 'true' }, '↓ '),
      w.showRouteOnMap,
    )
    jump.addEventListener('click', () => document.getElementById('map')?.scrollIntoView({ block: 'start' }))
    const { plan, reasons } = s
    const date = s.settings.date
    const startName = placeName(s.start)
    const endName = placeName(s.endElsewhere ? s.end : s.start)
    refresh(resultEl, () => [
      s.stale && !plan ? h('p', { class: 'stale-plan' }, w.staleNote) : null,
      plan ? jump : null,
      plan ? renderTimeline({ plan, nameOf, keyOf, reasons, date, busy, onMove: handlers.move, units: s.units, startName, endName }) : null,
    ])
    sheetEl.replaceChildren(...(plan ? [renderRunSheet({ plan, nameOf, keyOf, reasons, date, units: s.units, startName, endName })] : []))

    const button = (label: string, icon: string, focus: string, run: () => void) => {
      const b = h(
        'button',
        { type: 'button', class: 'btn secondary', 'data-focus': focus },
        icon ? h('span', { 'aria-hidden': 'true' }, icon + ' ') : null,
        label,
      )
      b.addEventListener('click', run)
      return b
    }
    refresh(actionsEl, () => [
      plan ? button(w.printSheet, '', 'print', () => window.print()) : null,
      plan ? button(w.downloadGpx, '↓', 'gpx', () => downloadGpx(plan, date)) : null,
      plan ? button(w.downloadIcs, '↓', 'ics', () => downloadIcs(plan, date, nameOf)) : null,
      s.stops.length ? button(w.shareLink, '', 'share', share) : null,
    ])
  }

  /** Shows the link to the route (its sites and settings; points picked on the map stay out). */
  function share(): void {
    if (!shown) return
    const { hash, leftOut } = encodeRouteLink(shown.stops, shown.start, shown.endElsewhere ? shown.end : null, shown.settings)
    const box = planShareBox(location.origin + location.pathname + hash, leftOut)
    actionsEl.querySelector('.share-box')?.remove()
    actionsEl.append(box)
    box.querySelector('input')?.focus()
  }

  return {
    render(next, prev) {
      shown = next
      const was = (pick: (s: RouteState) => readonly unknown[]) => changed(prev, next, pick)
      if (was((s) => [s.lang])) {
        heading.textContent = t().routeHeading
        intro.textContent = t().routeIntro
      }
      if (was((s) => [s.lang, s.picking === 'stop', stopsOutline(s)])) renderStops(next)
      if (was((s) => [s.lang, s.picking === 'stop' ? null : s.picking, sitesOutline(s), s.start, s.end, s.endElsewhere])) renderPlaces(next)
      // The form shows its own edits as they are made: it is redrawn for a new language, or settings from elsewhere (a link).
      if (was((s) => [s.lang]) || !sameSettings(next.settings, settingsShown) || next.units !== unitsShown) renderSettings(next)
      if (was((s) => [s.lang])) departShown = ''
      renderDeparture(next)
      if (was((s) => [s.lang, s.request, s.plan, s.stale, s.planStops, s.reasons, s.stops, s.start, s.end, s.endElsewhere, s.settings, s.units]))
        renderResult(next)
      if (was((s) => [s.lang, s.status])) statusEl.textContent = statusText(next.status, t(), next.lang)
      // A focus request is carried out once its control is there and enabled (a busy plan disables the move buttons).
      if (next.focus && next.focus !== focusDone && focusKey(panel, next.focus.key)) focusDone = next.focus
    },
    revealStatus() {
      const scroller = panel.closest<HTMLElement>('.panel')
      if (scroller && getComputedStyle(scroller).overflowY === 'auto') {
        scroller.scrollTop += statusEl.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8
      } else statusEl.scrollIntoView({ block: 'start' })
    },
  }
}
