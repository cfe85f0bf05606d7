/**
 * Words for a planned route: clock times from the plan's ISO times (their clock part is
 * already the plan's local time), and the planner's reasons and violations in the page's
 * language (the API words them in English; known shapes are re-worded, others shown as sent),
 * and the planner's status line.
 */
import type { RoutePlan } from './api.js'
import { clockText, type Lang } from '../../common/format.js'
import type { Strings } from './i18n.js'
import type { RouteStatus } from './route-state.js'

/** '2026-11-24T15:00:00-05:00' → '3 pm' (en). */
export function planClock(iso: string, lang: Lang): string {
  return clockText(iso.slice(11, 16), lang)
}

/** Why a stop is not in the plan, in the page's language (by the API's reason code). */
export function reasonText(u: RoutePlan['unassigned'][number], s: Strings, lang: Lang): string {
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
export function violationText(v: RoutePlan['violations'][number], name: string | null, s: Strings, lang: Lang): string {
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
  return note.startsWith('road times unavailable') ? s.roadTimesUnavailable : note
}

/** The planner's status line in the page's language ('' when there is nothing to say). */
export function statusText(status: RouteStatus, s: Strings, lang: Lang): string {
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
