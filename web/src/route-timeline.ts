/**
 * A planned route on the page: totals, each van's stops in order with arrival and "open
 * until", problems next to the stops they concern, stops left out with the reason, and a
 * print-only run sheet. Stops are reordered by dragging a handle or with Up/Down buttons.
 */
import { liveLines, liveLineText } from '../../common/live-status-text.js'
import { liveStatusOf } from './listing-notes.js'
import type { PlannedStop, RoutePlan } from './api.js'
import { siteDirections } from './directions.js'
import { h } from './dom.js'
import { dateText, telHref } from '../../common/format.js'
import { currentLang, t } from './i18n.js'
import type { DistanceUnit } from './route-model.js'
import { distanceLabel, estimateNotes, planClock, reasonText, violationText } from './route-text.js'

export interface TimelineOptions {
  plan: RoutePlan
  /** Display name of a stop by its index in the request. */
  nameOf(stopIndex: number): string
  /** Stable key of a stop by its index (for focus and list items). */
  keyOf(stopIndex: number): string
  /** Reasons remembered from the last optimisation, by stop key (a hand-made order only says "left out"). */
  reasons: ReadonlyMap<string, RoutePlan['unassigned'][number]>
  date: string
  busy: boolean
  onMove(vehicle: number, from: number, to: number): void
  /** Distances in miles or kilometres. */
  units: DistanceUnit
  /** Where the vans leave from and come back to, as the page names them (for the run sheet's first and last rows). */
  startName: string
  endName: string
}

/** Warnings that belong on the plan and the run sheet: how the times were estimated, and demo listings. */
function planNotes(plan: RoutePlan, units: DistanceUnit): HTMLElement[] {
  const s = t()
  const notes = estimateNotes(plan.travel, units, s, currentLang()).map((n) => h('p', { class: 'travel-note' }, n))
  const demo = plan.vehicles.some((v) => v.stops.some((x) => x.demo))
  return demo ? [h('p', { class: 'demo-plan' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), s.demoPlanWarning), ...notes] : notes
}

/** A stop's "Call" (when it has a phone) and "Directions" links: navigations the person chooses. */
function stopLinks(stop: PlannedStop, name: string): HTMLElement {
  const s = t()
  // A site whose point is approximate goes by its address (directions.ts decides); a map point by its position.
  const directions = siteDirections({
    name,
    lat: stop.lat,
    lon: stop.lon,
    location_precision: stop.location_precision ?? 'exact',
    address_1: stop.address,
    city: null,
    region: null,
    postal_code: null,
  })
  return h(
    'p',
    { class: 'tl-links' },
    stop.phone ? h('a', { class: 'btn call', href: telHref(stop.phone) }, s.callStop(stop.phone), h('span', { class: 'visually-hidden' }, ` — ${name}`)) : null,
    directions
      ? h(
          'a',
          { class: 'btn directions', href: directions, rel: 'noopener noreferrer', target: '_blank' },
          s.directions,
          h('span', { class: 'visually-hidden' }, ` — ${name}`),
        )
      : null,
  )
}

function openText(stop: PlannedStop): string {
  const s = t()
  if (!stop.hours_known) return s.hoursNotListed
  return stop.open_until ? s.openUntil(planClock(stop.open_until, currentLang())) : ''
}

/** Pointer dragging of a list item by its handle; reports the item's old and new position. */
function dragByHandle(handle: HTMLElement, onDrop: (from: number, to: number) => void): void {
  handle.addEventListener('pointerdown', (down) => {
    const item = handle.closest('li')
    const list = item?.parentElement
    if (!item || !list || down.button !== 0) return
    down.preventDefault()
    const from = [...list.children].indexOf(item)
    item.classList.add('is-dragging')
    const move = (e: PointerEvent) => {
      const others = [...list.children].filter((x) => x !== item) as HTMLElement[]
      const before = others.find((x) => {
        const r = x.getBoundingClientRect()
        return e.clientY < r.top + r.height / 2
      })
      list.insertBefore(item, before ?? null)
    }
    // On the document, not the handle: moving the item in the DOM drops any pointer capture.
    const up = () => {
      document.removeEventListener('pointermove', move)
      document.removeEventListener('pointerup', up)
      document.removeEventListener('pointercancel', up)
      item.classList.remove('is-dragging')
      const to = [...list.children].indexOf(item)
      if (to !== from) onDrop(from, to)
    }
    document.addEventListener('pointermove', move)
    document.addEventListener('pointerup', up)
    document.addEventListener('pointercancel', up)
  })
}

/** The on-screen timeline. */
export function renderTimeline(o: TimelineOptions): HTMLElement {
  const s = t()
  const lang = currentLang()
  const { plan } = o
  const problemsOf = (stopIndex: number) => plan.violations.filter((v) => v.stop_index === stopIndex).map((v) => violationText(v, o.nameOf(stopIndex), s, lang))
  const general = plan.violations.filter((v) => v.stop_index === null || !plan.vehicles.some((van) => van.stops.some((x) => x.stop_index === v.stop_index)))
  const used = plan.vehicles.filter((v) => v.stops.length > 0)
  const distance = (km: number) => distanceLabel(km, o.units, s, lang)

  const vans = used.map((van) => {
    const vi = plan.vehicles.indexOf(van)
    const items = van.stops.map((stop, pos) => {
      const name = o.nameOf(stop.stop_index)
      const key = o.keyOf(stop.stop_index)
      const problems = problemsOf(stop.stop_index)
      const up = h(
        'button',
        { type: 'button', class: 'btn secondary move', 'aria-label': s.moveUp(name), 'data-focus': `up:${key}`, disabled: pos === 0 || o.busy },
        h('span', { 'aria-hidden': 'true' }, '↑ '),
        s.up,
      )
      const down = h(
        'button',
        {
          type: 'button',
          class: 'btn secondary move',
          'aria-label': s.moveDown(name),
          'data-focus': `down:${key}`,
          disabled: pos === van.stops.length - 1 || o.busy,
        },
        h('span', { 'aria-hidden': 'true' }, '↓ '),
        s.down,
      )
      up.addEventListener('click', () => o.onMove(vi, pos, pos - 1))
      down.addEventListener('click', () => o.onMove(vi, pos, pos + 1))
      const handle = h('span', { class: 'drag-handle', 'aria-hidden': 'true', title: s.dragHandle }, '⠿')
      dragByHandle(handle, (from, to) => o.onMove(vi, from, to))
      const open = openText(stop)
      return h(
        'li',
        { class: 'tl-stop' + (problems.length ? ' has-problem' : ''), 'data-key': key, 'data-stop': stop.stop_index, id: `tl-${vi}-${stop.order}` },
        handle,
        h('span', { class: 'tl-num', 'aria-hidden': 'true' }, String(stop.order)),
        h(
          'div',
          { class: 'tl-body' },
          h('p', { class: 'tl-name' }, h('span', { class: 'visually-hidden' }, `${stop.order}. `), name),
          h(
            'p',
            { class: 'tl-when' },
            h('strong', { class: 'tl-arrival' }, s.arrive(planClock(stop.arrival, lang))),
            stop.wait_minutes > 0 ? ` · ${s.waitFor(stop.wait_minutes)}` : '',
            open ? h('span', { class: stop.hours_known ? 'tl-open' : 'tl-unknown' }, ` · ${open}`) : null,
          ),
          stop.address ? h('p', { class: 'tl-address' }, stop.address) : null,
          liveStatusOf(stop, new Date()),
          stop.demo ? h('p', { class: 'demo-tag' }, s.demoTag) : null,
          ...problems.map((p) => h('p', { class: 'tl-problem' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), p)),
          stopLinks(stop, name),
        ),
        h('div', { class: 'tl-move' }, up, down),
      )
    })
    return h(
      'section',
      { class: 'van', 'aria-labelledby': `van-${vi}` },
      h('h4', { id: `van-${vi}` }, s.vanHeading(van.vehicle)),
      h(
        'p',
        { class: 'van-summary' },
        s.vanSummary(planClock(van.departure, lang), planClock(van.return, lang)),
        ' · ',
        s.totals(van.travel_minutes, van.wait_minutes, distance(van.distance_km)),
      ),
      h('ol', { class: 'timeline' }, ...items),
    )
  })

  return h(
    'div',
    { class: 'plan' },
    h('p', { class: 'plan-date' }, dateText(o.date, lang)),
    used.length > 1
      ? h('p', { class: 'plan-totals' }, s.totals(plan.totals.travel_minutes, plan.totals.wait_minutes, distance(plan.totals.distance_km)))
      : null,
    ...planNotes(plan, o.units),
    general.length
      ? h(
          'div',
          { class: 'plan-problems' },
          h('h4', {}, s.problemsHeading),
          h('ul', {}, ...general.map((v) => h('li', {}, violationText(v, v.stop_index === null ? null : o.nameOf(v.stop_index), s, lang)))),
        )
      : null,
    ...vans,
    plan.unassigned.length
      ? h(
          'section',
          { class: 'unassigned', 'aria-labelledby': 'unassigned-heading' },
          h('h4', { id: 'unassigned-heading' }, s.unassignedHeading),
          h(
            'ul',
            {},
            ...plan.unassigned.map((u) => {
              const remembered = u.code === 'by_hand' ? o.reasons.get(o.keyOf(u.stop_index)) : undefined
              return h('li', { 'data-stop': u.stop_index }, h('strong', {}, o.nameOf(u.stop_index)), ' — ', reasonText(remembered ?? u, s, lang))
            }),
          ),
        )
      : null,
  )
}

/**
 * The print-only run sheet: a table per van with an empty box to tick at each stop, from the
 * start (leaving time) to the return (arrival back), with the plan's warnings above it.
 */
export function renderRunSheet(o: Pick<TimelineOptions, 'plan' | 'nameOf' | 'date' | 'reasons' | 'keyOf' | 'units' | 'startName' | 'endName'>): HTMLElement {
  const s = t()
  const lang = currentLang()
  const used = o.plan.vehicles.filter((v) => v.stops.length > 0)
  const problems = (i: number) => o.plan.violations.filter((v) => v.stop_index === i).map((v) => violationText(v, o.nameOf(i), s, lang))
  const box = () => h('td', { class: 'tick' }, h('span', { class: 'box', 'aria-hidden': 'true' }))
  const endRow = (role: 'start' | 'end', time: string, text: string) =>
    h(
      'tr',
      { class: `sheet-${role}`, 'data-role': role },
      box(),
      h('td', {}, ''),
      h('td', {}, planClock(time, lang)),
      h('td', { colspan: 3 }, h('strong', {}, text)),
    )
  return h(
    'div',
    { class: 'run-sheet' },
    h('h2', {}, s.runSheetTitle(dateText(o.date, lang))),
    ...planNotes(o.plan, o.units),
    ...used.map((van) =>
      h(
        'table',
        {},
        h(
          'caption',
          {},
          `${s.vanHeading(van.vehicle)} — ${s.vanSummary(planClock(van.departure, lang), planClock(van.return, lang))} · ${distanceLabel(van.distance_km, o.units, s, lang)}`,
        ),
        h('thead', {}, h('tr', {}, ...[s.colDone, '#', s.colTime, s.colStop, s.phones, s.colOpen].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          endRow('start', van.departure, s.sheetLeave(o.startName)),
          ...van.stops.map((stop) =>
            h(
              'tr',
              { 'data-role': 'stop' },
              box(),
              h('td', {}, String(stop.order)),
              h('td', {}, planClock(stop.arrival, lang)),
              h(
                'td',
                {},
                h('strong', {}, o.nameOf(stop.stop_index)),
                stop.demo ? h('span', { class: 'demo-tag' }, h('br'), s.demoTag) : null,
                stop.address ? h('br') : null,
                stop.address ?? '',
                ...liveLines(stop.live_status, new Date(), lang).map((l) => h('span', { class: `live-${l.tone}` }, h('br'), liveLineText(l))),
                ...problems(stop.stop_index).map((p) => h('span', { class: 'tl-problem' }, h('br'), '⚠ ', p)),
              ),
              h('td', {}, stop.phone ?? ''),
              h('td', {}, !stop.hours_known ? s.hoursNotListed : stop.open_until ? planClock(stop.open_until, lang) : ''),
            ),
          ),
          endRow('end', van.return, s.sheetReturn(o.endName)),
        ),
      ),
    ),
    o.plan.unassigned.length
      ? h(
          'section',
          {},
          h('h3', {}, s.unassignedHeading),
          h(
            'ul',
            {},
            ...o.plan.unassigned.map((u) => {
              const remembered = u.code === 'by_hand' ? o.reasons.get(o.keyOf(u.stop_index)) : undefined
              return h('li', {}, h('strong', {}, o.nameOf(u.stop_index)), ' — ', reasonText(remembered ?? u, s, lang))
            }),
          ),
        )
      : null,
  )
}
