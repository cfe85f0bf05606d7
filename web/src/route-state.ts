/**
 * The route planner's state and every way it changes, as one pure reducer: the stops, start,
 * end and settings; the plan on screen and the stops it was planned for; a plan on its way;
 * what the status line says; and which control should have focus next. No DOM, no network:
 * route-mode.ts draws the state after every action, and runs the requests (planning,
 * geocoding, picking on the map) that report back as actions.
 *
 *   let state = initialRouteState('2026-11-24', 'en')
 *   state = reduce(state, { type: 'siteToggled', site })
 *   state = reduce(state, { type: 'planRequested', id: 1 })   // state.request: what to send
 */
import type { PageLang } from '../../common/format.js'
import type { RoutePlan } from './api.js'
import { stopKey, type DistanceUnit, type RoutePlace, type RouteSettings, type RouteStop, type SiteStop } from './route-model.js'

export type PickKind = 'stop' | 'start' | 'end'
export type Unassigned = RoutePlan['unassigned'][number]

/** What the status line says, worded in the page's language when it is drawn. */
export type RouteStatus =
  | { kind: 'none' }
  | { kind: 'needStops' }
  | { kind: 'needStart' }
  | { kind: 'planning' }
  /** `back`: the latest return of a van that has stops (ISO), if any van returns. */
  | { kind: 'planned'; stops: number; back: string | null }
  | { kind: 'checked'; stops: number; back: string | null; problems: number }
  | { kind: 'offline' }
  | { kind: 'failed' }
  | { kind: 'restoring' }
  | { kind: 'restoreMissing'; missing: number }

/** Focus for the control with this data-focus key; a new object per request, so one request is carried out once. */
export interface FocusRequest {
  key: string
}

/** A plan asked of the server: the stops it is for and, when the person reordered by hand, the order to check. */
export interface PlanRequest {
  id: number
  stops: readonly RouteStop[]
  order: number[][] | null
}

export interface RouteState {
  lang: PageLang
  /** The planner's panel is on screen (its map layers are drawn only then). */
  active: boolean
  stops: readonly RouteStop[]
  start: RoutePlace | null
  end: RoutePlace | null
  /** The van finishes at `end` rather than back at the start. */
  endElsewhere: boolean
  settings: RouteSettings
  /**
   * The day and times the planner opened with, while the person has not set a time: another
   * date then gets the usual 09:00–17:00 (a "from now" start only makes sense today).
   */
  autoDay: Pick<RouteSettings, 'date' | 'departure' | 'returnBy'> | null
  /** Distances in miles or kilometres: this page's choice for the session only (never stored or shared). */
  units: DistanceUnit
  /** The plan on screen: null before the first one and after any change to what it was planned from. */
  plan: RoutePlan | null
  /** The stops the plan's stop indices refer to (as they were when it was asked for). */
  planStops: readonly RouteStop[]
  /** The plan's order, stop indices per van: what a move by hand starts from. */
  order: number[][]
  /** Why stops were left out, by stop key, from the last optimisation (a hand-made order only says "by hand"). */
  reasons: ReadonlyMap<string, Unassigned>
  /** A plan was on screen and its stops, places or settings changed since. */
  stale: boolean
  /** The plan request on its way (the planner is busy); answers to older ones are ignored. */
  request: PlanRequest | null
  /** The map is waiting for a click that places a stop, the start or the end. */
  picking: PickKind | null
  /** Points picked so far: numbers the next one ("Point 3", key point:3). */
  pointCount: number
  status: RouteStatus
  focus: FocusRequest | null
}

export type RouteAction =
  /** "Add to route" / "Remove from route" on a card or a site's details. */
  | { type: 'siteToggled'; site: SiteStop }
  | { type: 'stopRemoved'; key: string }
  | { type: 'pointEdited'; key: string; field: 'label' | 'opens' | 'closes'; value: string }
  | { type: 'pickStarted'; kind: PickKind }
  | { type: 'pickCancelled' }
  /** The map was clicked while picking (lat, lon). */
  | { type: 'mapPicked'; lat: number; lon: number }
  /** A start or end typed and found, or chosen from the route's sites. */
  | { type: 'placeChosen'; role: 'start' | 'end'; place: RoutePlace }
  | { type: 'endElsewhereSet'; on: boolean }
  | { type: 'settingsChanged'; change: Partial<RouteSettings> }
  /** Miles or kilometres: only how distances read, so the plan stays. */
  | { type: 'unitsSet'; units: DistanceUnit }
  /** "Plan the best order". */
  | { type: 'planRequested'; id: number }
  /** A planned stop moved by hand within its van: the new order is sent to be checked. */
  | { type: 'stopMoved'; id: number; vehicle: number; from: number; to: number }
  | { type: 'planArrived'; id: number; plan: RoutePlan }
  | { type: 'planFailed'; id: number; offline: boolean }
  /** A shared link is being opened: its settings apply at once, its sites and places are looked up. */
  | { type: 'restoreStarted'; settings: Partial<RouteSettings> }
  | { type: 'restored'; stops: SiteStop[]; start: RoutePlace | null; end: RoutePlace | null; missing: number }
  | { type: 'activeSet'; active: boolean }
  | { type: 'languageChanged'; lang: PageLang }

/** A new planner: no stops, the day's usual hours (or `day`'s), one van, driving, distances in miles. */
export function initialRouteState(date: string, lang: PageLang, day: Partial<Pick<RouteSettings, 'departure' | 'returnBy'>> = {}): RouteState {
  return {
    lang,
    active: false,
    stops: [],
    start: null,
    end: null,
    endElsewhere: false,
    settings: { date, departure: '09:00', returnBy: '17:00', serviceMinutes: 15, vans: 1, mode: 'driving', ...day },
    units: 'mi',
    autoDay: { date, departure: day.departure ?? '09:00', returnBy: day.returnBy ?? '17:00' },
    plan: null,
    planStops: [],
    order: [],
    reasons: new Map(),
    stale: false,
    request: null,
    picking: null,
    pointCount: 0,
    status: { kind: 'none' },
    focus: null,
  }
}

/** The stable key of the stop at `index` of a plan's stops ('#3' when there is none). */
export function planStopKey(stops: readonly RouteStop[], index: number): string {
  const stop = stops[index]
  return stop ? stopKey(stop) : `#${index}`
}

/** The ids of the sites in the route (for the cards' "Add to route" buttons). */
export function routeSiteIds(state: RouteState): Set<string> {
  return new Set(state.stops.filter((s): s is SiteStop => s.kind === 'site').map((s) => s.id))
}

/** The order with the stop at `from` of van `vehicle` moved to `to`; null when either is out of range. */
export function movedOrder(order: number[][], vehicle: number, from: number, to: number): number[][] | null {
  const van = order[vehicle]
  if (!van || from < 0 || from >= van.length || to < 0 || to >= van.length) return null
  const next = order.map((stops) => [...stops])
  const [moved] = next[vehicle]!.splice(from, 1)
  next[vehicle]!.splice(to, 0, moved as number)
  return next
}

/** What the stops, places or settings were planned from changed: the times no longer hold. */
function invalidated(state: RouteState): RouteState {
  return { ...state, plan: null, stale: state.stale || state.plan !== null }
}

const placed = (role: 'start' | 'end', place: RoutePlace): Pick<RouteState, 'start'> | Pick<RouteState, 'end'> =>
  role === 'start' ? { start: place } : { end: place }

/** Asks for a plan of the current stops (or, with `order`, checks that order of the planned stops). */
function requested(state: RouteState, id: number, order: number[][] | null): RouteState {
  if (state.stops.length === 0) return { ...state, status: { kind: 'needStops' } }
  if (!state.start) return { ...state, status: { kind: 'needStart' }, focus: { key: 'start-text' } }
  return { ...state, request: { id, stops: order ? state.planStops : state.stops, order }, status: { kind: 'planning' } }
}

function arrived(state: RouteState, request: PlanRequest, plan: RoutePlan): RouteState {
  const planned = plan.vehicles.reduce((n, v) => n + v.stops.length, 0)
  const back =
    plan.vehicles
      .filter((v) => v.stops.length > 0)
      .map((v) => v.return)
      .sort()
      .at(-1) ??
    plan.vehicles[0]?.return ??
    null
  return {
    ...state,
    plan,
    planStops: request.stops,
    order: plan.vehicles.map((v) => v.stops.map((x) => x.stop_index)),
    // A hand-made order's answer only says "left out by hand": keep the reasons the optimiser gave.
    reasons: request.order ? state.reasons : new Map(plan.unassigned.map((u) => [planStopKey(request.stops, u.stop_index), u])),
    stale: false,
    request: null,
    status: request.order ? { kind: 'checked', stops: planned, back, problems: plan.violations.length } : { kind: 'planned', stops: planned, back },
  }
}

/** The state after `action`. Pure: `state` is not changed, and nothing is fetched or drawn. */
export function reduce(state: RouteState, action: RouteAction): RouteState {
  switch (action.type) {
    case 'siteToggled': {
      const { site } = action
      const had = state.stops.some((x) => x.kind === 'site' && x.id === site.id)
      const stops = had ? state.stops.filter((x) => !(x.kind === 'site' && x.id === site.id)) : [...state.stops, site]
      return invalidated({ ...state, stops })
    }
    case 'stopRemoved': {
      const at = state.stops.findIndex((x) => stopKey(x) === action.key)
      if (at < 0) return state
      const stops = state.stops.filter((_, i) => i !== at)
      // Focus goes to the stop that took its place (or the one before), else to "Add a point".
      const next = stops[at] ?? stops[at - 1]
      return invalidated({ ...state, stops, focus: { key: next ? `remove:${stopKey(next)}` : 'add-point' } })
    }
    case 'pointEdited': {
      const { key, field, value } = action
      if (!state.stops.some((x) => x.kind === 'point' && x.key === key)) return state
      const edited = (x: RouteStop): RouteStop =>
        x.kind === 'point' && x.key === key ? { ...x, ...(field === 'label' ? { label: value } : field === 'opens' ? { opens: value } : { closes: value }) } : x
      return invalidated({ ...state, stops: state.stops.map(edited) })
    }
    case 'pickStarted':
      return { ...state, picking: action.kind }
    case 'pickCancelled':
      if (!state.picking) return state
      return { ...state, picking: null, focus: { key: state.picking === 'stop' ? 'add-point' : `${state.picking}-pick` } }
    case 'mapPicked': {
      const { lat, lon } = action
      if (state.picking === 'stop') {
        const n = state.pointCount + 1
        const key = `point:${n}`
        return invalidated({
          ...state,
          picking: null,
          pointCount: n,
          stops: [...state.stops, { kind: 'point', key, lat, lon, label: '', opens: '', closes: '' }],
          focus: { key: `label:${key}` },
        })
      }
      if (state.picking === null) return state
      const role = state.picking
      return invalidated({ ...state, ...placed(role, { kind: 'point', lat, lon }), picking: null, focus: { key: `${role}-pick` } })
    }
    case 'placeChosen':
      return invalidated({ ...state, ...placed(action.role, action.place), focus: { key: `${action.role}-text` } })
    case 'endElsewhereSet':
      return invalidated({ ...state, endElsewhere: action.on })
    case 'settingsChanged': {
      const { change } = action
      const timed = change.departure !== undefined || change.returnBy !== undefined
      const auto = timed ? null : state.autoDay
      // Untouched times follow the date: the opening day's (maybe "from now"), else 09:00–17:00.
      const times =
        auto && change.date !== undefined && change.date !== state.settings.date
          ? change.date === auto.date
            ? { departure: auto.departure, returnBy: auto.returnBy }
            : { departure: '09:00', returnBy: '17:00' }
          : {}
      return invalidated({ ...state, autoDay: auto, settings: { ...state.settings, ...times, ...change } })
    }
    case 'unitsSet':
      return { ...state, units: action.units }
    case 'planRequested':
      return requested(state, action.id, null)
    case 'stopMoved': {
      const order = movedOrder(state.order, action.vehicle, action.from, action.to)
      if (!order) return state
      const moved = order[action.vehicle]![action.to] as number
      // Focus stays on the button that moved it (found again once the answer is drawn).
      const focus = { key: `${action.to > action.from ? 'down' : 'up'}:${planStopKey(state.planStops, moved)}` }
      return requested({ ...state, focus }, action.id, order)
    }
    case 'planArrived':
      if (state.request?.id !== action.id) return state
      return arrived(state, state.request, action.plan)
    case 'planFailed':
      if (state.request?.id !== action.id) return state
      return { ...state, request: null, focus: null, status: { kind: action.offline ? 'offline' : 'failed' } }
    case 'restoreStarted':
      return {
        ...state,
        settings: { ...state.settings, ...action.settings },
        autoDay: action.settings.departure || action.settings.returnBy ? null : state.autoDay,
        status: { kind: 'restoring' },
      }
    case 'restored':
      return {
        ...state,
        stops: action.stops,
        start: action.start,
        end: action.end,
        endElsewhere: action.end !== null,
        plan: null,
        stale: false,
        status: action.missing > 0 ? { kind: 'restoreMissing', missing: action.missing } : { kind: 'none' },
      }
    case 'activeSet':
      // Leaving the planner stops any wait for a map click.
      return { ...state, active: action.active, picking: action.active ? state.picking : null }
    case 'languageChanged':
      return { ...state, lang: action.lang }
  }
}
