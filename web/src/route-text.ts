/**
 * Words for a planned route: clock times from the plan's ISO times (their clock part is
 * already the plan's local time), and the planner's reasons and violations in the page's
 * language (the API words them in English; known shapes are re-worded, others shown as sent),
 * and the planner's status line.
 */
import type { RoutePlan } from './api.js'
import { clockText, localeOf, type PageLang } from '../../common/format.js'
import { currentLang, type Strings } from './i18n.js'
import { KM_PER_MILE, type DistanceUnit } from './route-model.js'
import type { RouteStatus } from './route-state.js'

const numberLocale = localeOf

/** 12.34 km → '7.7 mi' (or '12.3 km'): one decimal under 10, whole numbers above. */
export function distanceLabel(km: number, units: DistanceUnit, s: Strings, lang: PageLang): string {
  const n = units === 'mi' ? km / KM_PER_MILE : km
  const rounded = n < 10 ? Math.round(n * 10) / 10 : Math.round(n)
  return (units === 'mi' ? s.distanceMi : s.distanceKm)(rounded.toLocaleString(numberLocale(lang)))
}

/** 35 km/h → '22 mph' (or '35 km/h'). */
export function speedLabel(kmh: number, units: DistanceUnit, s: Strings, lang: PageLang): string {
  const n = Math.round(units === 'mi' ? kmh / KM_PER_MILE : kmh)
  return (units === 'mi' ? s.speedMph : s.speedKmh)(n.toLocaleString(numberLocale(lang)))
}

/**
 * What the plan's times rest on, when no road router answered: that the router failed (if
 * one is configured), and that the times come from straight-line distance × a detour factor
 * at a speed (with both numbers). Nothing when the times are road times.
 */
export function estimateNotes(travel: RoutePlan['travel'], units: DistanceUnit, s: Strings, lang: PageLang): string[] {
  if (travel.source === 'osrm') return []
  const notes: string[] = []
  const failed = travelNoteText(travel.note, s)
  if (failed) notes.push(failed)
  const speed = travel.speed_kmh
  const factor = travel.detour_factor
  if (typeof speed === 'number' && typeof factor === 'number') {
    const factorText = factor.toLocaleString(numberLocale(lang), { maximumFractionDigits: 2 })
    const after = travel.highway_after_km
    const highway = travel.highway_speed_kmh
    notes.push(
      typeof after === 'number' && typeof highway === 'number'
        ? s.straightLineHighwayNote(factorText, speedLabel(speed, units, s, lang), distanceLabel(after, units, s, lang), speedLabel(highway, units, s, lang))
        : s.straightLineNote(factorText, speedLabel(speed, units, s, lang)),
    )
  }
  return notes
}

/** '2026-11-24T15:00:00-05:00' → '3 pm' (en). */
export function planClock(iso: string, lang: PageLang): string {
  return clockText(iso.slice(11, 16), lang)
}

/** Why a stop is not in the plan, in the page's language (by the API's reason code). */
export function reasonText(u: RoutePlan['unassigned'][number], s: Strings, lang: PageLang): string {
  switch (u.code) {
    case 'closed':
      return s.reasonClosed
    case 'by_hand':
      return s.reasonByHand
    case 'unreachable':
      return u.closes_at && u.earliest_arrival ? s.reasonUnreachable(planClock(u.closes_at, lang), planClock(u.earliest_arrival, lang)) : u.reason
    case 'shift':
      return s.reasonShift
    case 'no-room':
      return s.reasonNoRoom
    default:
      return u.reason
  }
}

/** A problem with a hand-made order, worded with the stop's display name (by the API's kind). */
export function violationText(v: RoutePlan['violations'][number], name: string | null, s: Strings, lang: PageLang): string {
  if (v.kind === 'late' && name && v.arrival && v.closes_at) {
    return v.arrival >= v.closes_at
      ? s.violationClosedBy(name, planClock(v.arrival, lang), planClock(v.closes_at, lang))
      : s.violationLate(name, planClock(v.arrival, lang), planClock(v.closes_at, lang))
  }
  if (v.kind === 'closed' && name) return s.violationClosed(name)
  const back = /^returns at (\d{2}:\d{2}), after the shift ends at (\d{2}:\d{2})$/.exec(v.message)
  if (v.kind === 'shift' && back) return s.violationReturn(clockText(back[1]!, lang), clockText(back[2]!, lang))
  return v.message
}

/** The travel note, when the road router could not be reached. */
export function travelNoteText(note: string | null, s: Strings): string | null {
  if (!note) return null
  // An offline plan (web/src/offline/offline-plan.ts) names when its listings were saved.
  const saved = /^offline:(.+)$/.exec(note)?.[1]
  if (saved) return s.offlineUse.planned(new Intl.DateTimeFormat(localeOf(currentLang()), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(saved)))
  return note.startsWith('road times unavailable') ? s.roadTimesUnavailable : note
}

/** The planner's status line in the page's language ('' when there is nothing to say). */
export function statusText(status: RouteStatus, s: Strings, lang: PageLang): string {
  const back = (iso: string | null) => (iso ? planClock(iso, lang) : '')
  switch (status.kind) {
    case 'none':
      return ''
    case 'needStops':
      return s.needStops
    case 'needStart':
      return s.needStart
    case 'planning':
      return s.planning
    case 'planned':
      return s.planned(status.stops, back(status.back))
    case 'checked':
      return s.checked(status.stops, back(status.back), status.problems)
    case 'offline':
      return s.offline
    case 'failed':
      return s.failed
    case 'restoring':
      return s.restoring
    case 'restoreMissing':
      return s.restoreMissing(status.missing)
  }
}
