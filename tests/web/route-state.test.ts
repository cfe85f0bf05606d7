/**
 * The route planner's state, without a browser: an outreach worker adds and removes stops,
 * picks points on the map, sets the start and the day, asks for a plan and reorders it by
 * hand; each story is a list of actions and what the planner then holds, says and focuses.
 */
import { describe, expect, it } from 'vitest'
import type { RoutePlan } from '../../web/src/api.js'
import { en } from '../../web/src/i18n/en.js'
import type { SiteStop } from '../../web/src/route-model.js'
import { initialRouteState, movedOrder, planStopKey, reduce, routeSiteIds, type RouteAction, type RouteState } from '../../web/src/route-state.js'
import { statusText } from '../../web/src/route-text.js'

const DATE = '2026-11-24'
const site = (id: string, name = id): SiteStop => ({ kind: 'site', id, name, address: null, phone: null, timezone: 'America/New_York' })
const PENN = site('pharm-1', 'Penn Pharmacy')
const CLINIC = site('clinic-early', 'Early Bird Clinic')
const HUB = site('camp-hub', 'Jones Falls Outreach Hub')
const OFFICE = { kind: 'place', text: '21201', label: 'ZIP 21201', lat: 39.2946, lon: -76.6252 } as const

const run = (actions: RouteAction[], from: RouteState = initialRouteState(DATE, 'en')) => actions.reduce(reduce, from)
const withStops = (...sites: SiteStop[]) => run(sites.map((s) => ({ type: 'siteToggled', site: s })))
const ready = () => run([{ type: 'placeChosen', role: 'start', place: OFFICE }], withStops(PENN, CLINIC, HUB))

/** A plan of `order` (indices into the request's stops) for one van, leaving out `left`. */
function plan(order: number[], left: { index: number; code: string }[] = [], violations = 0): RoutePlan {
  const stop = (stopIndex: number, i: number) => ({
    order: i + 1,
    stop_index: stopIndex,
    site_id: null,
    name: `#${stopIndex}`,
    lat: 39.3,
    lon: -76.6,
    address: null,
    phone: null,
    arrival: `${DATE}T09:${String(10 + i * 10)}:00-05:00`,
    wait_minutes: 0,
    service_start: `${DATE}T09:10:00-05:00`,
    departure: `${DATE}T09:25:00-05:00`,
    open_until: null,
    hours_known: false,
    demo: false,
    location_precision: null,
    live_status: [],
  })
  return {
    vehicles: [
      {
        vehicle: 1,
        departure: `${DATE}T09:00:00-05:00`,
        return: `${DATE}T11:30:00-05:00`,
        travel_minutes: 40,
        wait_minutes: 0,
        service_minutes: 45,
        distance_km: 12,
        stops: order.map(stop),
      },
    ],
    unassigned: left.map((u) => ({
      stop_index: u.index,
      site_id: null,
      name: `#${u.index}`,
      code: u.code,
      reason: u.code,
      closes_at: null,
      earliest_arrival: null,
    })),
    violations: Array.from({ length: violations }, () => ({ stop_index: order[1] ?? null, kind: 'late', message: 'late', arrival: null, closes_at: null })),
    hours_unknown: [],
    totals: { travel_minutes: 40, wait_minutes: 0, distance_km: 12, vehicles_used: 1 },
    travel: { source: 'great_circle', mode: 'driving', note: null, speed_kmh: 35, detour_factor: 1.35, highway_after_km: 10, highway_speed_kmh: 80 },
    solver: null,
    geojson: { type: 'FeatureCollection', features: [] },
  }
}

describe('building the route', () => {
  it('starts empty, on the given day, from 09:00 to 17:00 with one van driving', () => {
    const state = initialRouteState(DATE, 'es')
    expect(state).toMatchObject({ lang: 'es', stops: [], start: null, end: null, plan: null, request: null, picking: null, status: { kind: 'none' } })
    expect(state.settings).toEqual({ date: DATE, departure: '09:00', returnBy: '17:00', serviceMinutes: 15, vans: 1, mode: 'driving' })
  })

  it('adds a site from its card, and takes it out again on a second press', () => {
    const added = withStops(PENN, CLINIC)
    expect(added.stops).toEqual([PENN, CLINIC])
    expect(routeSiteIds(added)).toEqual(new Set(['pharm-1', 'clinic-early']))
    const removed = reduce(added, { type: 'siteToggled', site: PENN })
    expect(removed.stops).toEqual([CLINIC])
  })

  it('removes a stop with its ✕ and moves focus to the stop that took its place, then the one before, then "Add a point"', () => {
    const three = withStops(PENN, CLINIC, HUB)
    const middle = reduce(three, { type: 'stopRemoved', key: 'site:clinic-early' })
    expect(middle.stops).toEqual([PENN, HUB])
    expect(middle.focus).toEqual({ key: 'remove:site:camp-hub' })
    const last = reduce(middle, { type: 'stopRemoved', key: 'site:camp-hub' })
    expect(last.focus).toEqual({ key: 'remove:site:pharm-1' })
    expect(reduce(last, { type: 'stopRemoved', key: 'site:pharm-1' }).focus).toEqual({ key: 'add-point' })
    expect(reduce(last, { type: 'stopRemoved', key: 'site:gone' })).toBe(last)
  })

  it('adds a point clicked on the map as "Point 1", "Point 2", and puts focus in its label', () => {
    const picking = reduce(withStops(PENN), { type: 'pickStarted', kind: 'stop' })
    expect(picking.picking).toBe('stop')
    const one = reduce(picking, { type: 'mapPicked', lat: 39.3, lon: -76.61 })
    expect(one.picking).toBeNull()
    expect(one.stops[1]).toEqual({ kind: 'point', key: 'point:1', lat: 39.3, lon: -76.61, label: '', opens: '', closes: '' })
    expect(one.focus).toEqual({ key: 'label:point:1' })
    const two = run(
      [
        { type: 'pickStarted', kind: 'stop' },
        { type: 'mapPicked', lat: 39.31, lon: -76.6 },
      ],
      one,
    )
    expect(two.stops.map((s) => (s.kind === 'point' ? s.key : s.id))).toEqual(['pharm-1', 'point:1', 'point:2'])
  })

  it('ignores a map click when nothing is being picked', () => {
    const state = withStops(PENN)
    expect(reduce(state, { type: 'mapPicked', lat: 39.3, lon: -76.6 })).toBe(state)
  })

  it('labels a point and gives it opening hours, leaving the other stops as they were', () => {
    const state = run(
      [
        { type: 'pickStarted', kind: 'stop' },
        { type: 'mapPicked', lat: 39.3, lon: -76.6 },
      ],
      withStops(PENN),
    )
    const edited = run(
      [
        { type: 'pointEdited', key: 'point:1', field: 'label', value: 'Under the bridge' },
        { type: 'pointEdited', key: 'point:1', field: 'opens', value: '10:00' },
        { type: 'pointEdited', key: 'point:1', field: 'closes', value: '12:00' },
      ],
      state,
    )
    expect(edited.stops[1]).toMatchObject({ label: 'Under the bridge', opens: '10:00', closes: '12:00' })
    expect(edited.stops[0]).toBe(state.stops[0])
    expect(state.stops[1]).toMatchObject({ label: '', opens: '', closes: '' })
    expect(reduce(edited, { type: 'pointEdited', key: 'point:9', field: 'label', value: 'x' })).toBe(edited)
  })

  it('cancels picking and gives focus back to the button that started it', () => {
    const stop = run([{ type: 'pickStarted', kind: 'stop' }, { type: 'pickCancelled' }])
    expect(stop.picking).toBeNull()
    expect(stop.focus).toEqual({ key: 'add-point' })
    expect(run([{ type: 'pickStarted', kind: 'end' }, { type: 'pickCancelled' }]).focus).toEqual({ key: 'end-pick' })
    const idle = initialRouteState(DATE, 'en')
    expect(reduce(idle, { type: 'pickCancelled' })).toBe(idle)
  })

  it('starts the van from a point on the map, and focus stays on "Pick on map"', () => {
    const state = run([
      { type: 'pickStarted', kind: 'start' },
      { type: 'mapPicked', lat: 39.29, lon: -76.62 },
    ])
    expect(state.start).toEqual({ kind: 'point', lat: 39.29, lon: -76.62 })
    expect(state.end).toBeNull()
    expect(state.focus).toEqual({ key: 'start-pick' })
    const end = run([
      { type: 'pickStarted', kind: 'end' },
      { type: 'mapPicked', lat: 39.3, lon: -76.6 },
    ])
    expect(end.end).toEqual({ kind: 'point', lat: 39.3, lon: -76.6 })
  })

  it('sets a typed start or a site as the end, with focus back in the text box', () => {
    const state = run([
      { type: 'placeChosen', role: 'start', place: OFFICE },
      { type: 'endElsewhereSet', on: true },
      { type: 'placeChosen', role: 'end', place: { kind: 'site', id: 'camp-hub', name: 'Jones Falls Outreach Hub' } },
    ])
    expect(state.start).toEqual(OFFICE)
    expect(state.endElsewhere).toBe(true)
    expect(state.end).toEqual({ kind: 'site', id: 'camp-hub', name: 'Jones Falls Outreach Hub' })
    expect(state.focus).toEqual({ key: 'end-text' })
  })

  it("changes the day's settings one field at a time", () => {
    const state = run([
      { type: 'settingsChanged', change: { vans: 2 } },
      { type: 'settingsChanged', change: { departure: '08:30', mode: 'walking' } },
    ])
    expect(state.settings).toEqual({ date: DATE, departure: '08:30', returnBy: '17:00', serviceMinutes: 15, vans: 2, mode: 'walking' })
  })

  it('leaves the state it was given as it was (every change makes a new state)', () => {
    const before = run(
      [
        { type: 'pickStarted', kind: 'stop' },
        { type: 'mapPicked', lat: 39.3, lon: -76.6 },
      ],
      ready(),
    )
    const copy = structuredClone(before)
    run(
      [
        { type: 'pointEdited', key: 'point:1', field: 'label', value: 'x' },
        { type: 'settingsChanged', change: { vans: 3 } },
        { type: 'siteToggled', site: PENN },
        { type: 'planRequested', id: 1 },
        { type: 'planArrived', id: 1, plan: plan([0, 1, 2]) },
      ],
      before,
    )
    expect(before).toEqual(copy)
  })
})

describe('planning', () => {
  it('asks for stops first, then for a start (and focuses the start box), before asking the server', () => {
    const empty = reduce(initialRouteState(DATE, 'en'), { type: 'planRequested', id: 1 })
    expect(empty.request).toBeNull()
    expect(empty.status).toEqual({ kind: 'needStops' })
    const noStart = reduce(withStops(PENN), { type: 'planRequested', id: 2 })
    expect(noStart.request).toBeNull()
    expect(noStart.status).toEqual({ kind: 'needStart' })
    expect(noStart.focus).toEqual({ key: 'start-text' })
  })

  it('asks for a plan of the stops as they are, and says it is planning', () => {
    const state = reduce(ready(), { type: 'planRequested', id: 1 })
    expect(state.request).toEqual({ id: 1, stops: [PENN, CLINIC, HUB], order: null })
    expect(state.status).toEqual({ kind: 'planning' })
  })

  it('shows the plan that arrives, with the order per van, the reasons for stops left out, and when the van is back', () => {
    const state = run(
      [
        { type: 'planRequested', id: 1 },
        { type: 'planArrived', id: 1, plan: plan([1, 0], [{ index: 2, code: 'closed' }]) },
      ],
      ready(),
    )
    expect(state.request).toBeNull()
    expect(state.plan?.vehicles[0]?.stops).toHaveLength(2)
    expect(state.planStops).toEqual([PENN, CLINIC, HUB])
    expect(state.order).toEqual([[1, 0]])
    expect([...state.reasons.keys()]).toEqual(['site:camp-hub'])
    expect(state.status).toEqual({ kind: 'planned', stops: 2, back: `${DATE}T11:30:00-05:00` })
    expect(statusText(state.status, en, 'en')).toBe('Route planned: 2 stops, back at 11:30 am.')
  })

  it('ignores the answer to a request that a newer one replaced', () => {
    const state = run(
      [
        { type: 'planRequested', id: 1 },
        { type: 'planRequested', id: 2 },
      ],
      ready(),
    )
    expect(reduce(state, { type: 'planArrived', id: 1, plan: plan([0]) })).toBe(state)
    expect(reduce(state, { type: 'planFailed', id: 1, offline: true })).toBe(state)
  })

  it('says when the server could not be reached, or failed, and keeps the plan it had', () => {
    const planned = run(
      [
        { type: 'planRequested', id: 1 },
        { type: 'planArrived', id: 1, plan: plan([0, 1, 2]) },
      ],
      ready(),
    )
    const offline = run(
      [
        { type: 'planRequested', id: 2 },
        { type: 'planFailed', id: 2, offline: true },
      ],
      planned,
    )
    expect(offline.status).toEqual({ kind: 'offline' })
    expect(offline.request).toBeNull()
    expect(offline.plan).toBe(planned.plan)
    expect(
      run(
        [
          { type: 'planRequested', id: 3 },
          { type: 'planFailed', id: 3, offline: false },
        ],
        planned,
      ).status,
    ).toEqual({ kind: 'failed' })
  })

  it('marks the plan out of date when a stop, place or setting changes after it', () => {
    const planned = run(
      [
        { type: 'planRequested', id: 1 },
        { type: 'planArrived', id: 1, plan: plan([0, 1, 2]) },
      ],
      ready(),
    )
    const changes: RouteAction[] = [
      { type: 'siteToggled', site: site('ssp-1') },
      { type: 'stopRemoved', key: 'site:pharm-1' },
      { type: 'placeChosen', role: 'start', place: { kind: 'point', lat: 39.3, lon: -76.6 } },
      { type: 'endElsewhereSet', on: true },
      { type: 'settingsChanged', change: { serviceMinutes: 20 } },
    ]
    for (const change of changes) {
      const next = reduce(planned, change)
      expect(next.plan, change.type).toBeNull()
      expect(next.stale, change.type).toBe(true)
    }
    // Before any plan, a change has nothing to make stale.
    expect(reduce(ready(), { type: 'settingsChanged', change: { vans: 2 } }).stale).toBe(false)
  })

  it('checks a stop moved down by hand against the planned stops, keeps the optimiser\'s reasons, and keeps focus on "down"', () => {
    const planned = run(
      [
        { type: 'planRequested', id: 1 },
        { type: 'planArrived', id: 1, plan: plan([1, 0], [{ index: 2, code: 'closed' }]) },
      ],
      ready(),
    )
    const moving = reduce(planned, { type: 'stopMoved', id: 2, vehicle: 0, from: 0, to: 1 })
    expect(moving.request).toEqual({ id: 2, stops: planned.planStops, order: [[0, 1]] })
    expect(moving.focus).toEqual({ key: 'down:site:clinic-early' })
    const checked = reduce(moving, { type: 'planArrived', id: 2, plan: plan([0, 1], [{ index: 2, code: 'by_hand' }], 1) })
    expect(checked.order).toEqual([[0, 1]])
    expect(checked.reasons.get('site:camp-hub')?.code).toBe('closed')
    expect(checked.status).toEqual({ kind: 'checked', stops: 2, back: `${DATE}T11:30:00-05:00`, problems: 1 })
    expect(statusText(checked.status, en, 'en')).toBe('Your order: 2 stops, back at 11:30 am. 1 problem.')
    expect(reduce(planned, { type: 'stopMoved', id: 3, vehicle: 0, from: 1, to: 0 }).focus).toEqual({ key: 'up:site:pharm-1' })
  })

  it('does nothing for a move off the end of a van', () => {
    const planned = run(
      [
        { type: 'planRequested', id: 1 },
        { type: 'planArrived', id: 1, plan: plan([1, 0]) },
      ],
      ready(),
    )
    expect(reduce(planned, { type: 'stopMoved', id: 2, vehicle: 0, from: 1, to: 2 })).toBe(planned)
    expect(reduce(planned, { type: 'stopMoved', id: 2, vehicle: 1, from: 0, to: 0 })).toBe(planned)
  })

  it('forgets a focus request when planning fails, so focus does not jump later', () => {
    const planned = run(
      [
        { type: 'planRequested', id: 1 },
        { type: 'planArrived', id: 1, plan: plan([1, 0]) },
      ],
      ready(),
    )
    const failed = run(
      [
        { type: 'stopMoved', id: 2, vehicle: 0, from: 0, to: 1 },
        { type: 'planFailed', id: 2, offline: false },
      ],
      planned,
    )
    expect(failed.focus).toBeNull()
  })
})

describe('a shared link, the panel and the language', () => {
  it("applies a link's settings at once and says it is loading, then shows its sites and start and says how many were not found", () => {
    const loading = reduce(ready(), { type: 'restoreStarted', settings: { date: '2026-12-01', vans: 2 } })
    expect(loading.settings).toMatchObject({ date: '2026-12-01', vans: 2, departure: '09:00' })
    expect(loading.status).toEqual({ kind: 'restoring' })
    const done = reduce(loading, { type: 'restored', stops: [HUB], start: OFFICE, end: { kind: 'site', id: 'pharm-1', name: 'Penn Pharmacy' }, missing: 2 })
    expect(done.stops).toEqual([HUB])
    expect(done.start).toEqual(OFFICE)
    expect(done.endElsewhere).toBe(true)
    expect(done.plan).toBeNull()
    expect(done.stale).toBe(false)
    expect(done.status).toEqual({ kind: 'restoreMissing', missing: 2 })
    expect(statusText(done.status, en, 'en')).toBe('2 sites from the link could not be found.')
    expect(reduce(loading, { type: 'restored', stops: [HUB], start: null, end: null, missing: 0 }).status).toEqual({ kind: 'none' })
  })

  it('stops waiting for a map click when the planner is put away', () => {
    const picking = run([
      { type: 'activeSet', active: true },
      { type: 'pickStarted', kind: 'start' },
    ])
    expect(picking.active).toBe(true)
    const away = reduce(picking, { type: 'activeSet', active: false })
    expect(away.active).toBe(false)
    expect(away.picking).toBeNull()
    expect(reduce(picking, { type: 'activeSet', active: true }).picking).toBe('start')
  })

  it('switches language and words the status line in it', () => {
    const state = reduce(ready(), { type: 'languageChanged', lang: 'es' })
    expect(state.lang).toBe('es')
    expect(statusText({ kind: 'planned', stops: 1, back: `${DATE}T15:00:00-05:00` }, en, 'en')).toBe('Route planned: 1 stop, back at 3 pm.')
    expect(statusText({ kind: 'none' }, en, 'en')).toBe('')
  })
})

describe('helpers', () => {
  it('moves one stop within a van without touching the order it was given', () => {
    const order = [[3, 1, 2], [0]]
    expect(movedOrder(order, 0, 2, 0)).toEqual([[2, 3, 1], [0]])
    expect(order).toEqual([[3, 1, 2], [0]])
    expect(movedOrder(order, 0, -1, 0)).toBeNull()
    expect(movedOrder(order, 2, 0, 0)).toBeNull()
  })

  it('keys a planned stop by its site or point, and an index beyond the stops by number', () => {
    expect(planStopKey([PENN], 0)).toBe('site:pharm-1')
    expect(planStopKey([PENN], 4)).toBe('#4')
  })
})
