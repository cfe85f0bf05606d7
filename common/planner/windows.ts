/**
 * A site's hours (weekly or recurring) on the plan's day → time windows for the solver, in seconds since
 * the plan's reference instant (midnight of the departure date at the departure's offset).
 * Sites in another timezone, and hours running past midnight, come out right because every
 * opening is turned into real instants first.
 */
import type { HoursRule } from '../schedule/rule.js'
import { openingOn, weekSpans } from '../schedule/hours.js'
import { isRecurring } from '../schedule/recurrence.js'
import { addDays, localTime, zonedInstant } from '../schedule/zoned.js'
import type { TimeWindow } from './solver/index.js'

/** Opening intervals [open, close) in seconds from `reference`, within [0, horizon). */
export function openIntervals(rules: readonly HoursRule[], timezone: string, reference: Date, horizonSeconds: number): TimeWindow[] {
  const refMs = reference.getTime()
  const firstDate = localTime(reference, timezone).date
  const intervals: TimeWindow[] = []
  // The day before (for hours spilling past midnight) through the end of the horizon.
  for (let d = -1; d <= Math.ceil(horizonSeconds / 86400); d++) {
    const date = addDays(firstDate, d)
    const weekday = localTime(zonedInstant(date, 720, timezone), timezone).weekday
    for (const rule of rules) {
      if (isRecurring(rule)) {
        // Every 2 weeks, 2nd and 4th Tuesday…: the dates it opens on, each with its spill past midnight.
        const opening = openingOn(rule, date)
        if (!opening) continue
        const at = (minute: number) => zonedInstant(addDays(date, Math.floor(minute / 1440)), minute % 1440, timezone).getTime()
        const start = Math.max(0, (at(opening[0]) - refMs) / 1000)
        const end = Math.min(horizonSeconds, (at(opening[1]) - refMs) / 1000)
        if (end > start) intervals.push({ start: Math.round(start), end: Math.round(end) })
        continue
      }
      if ((rule.valid_from && date < rule.valid_from) || (rule.valid_to && date > rule.valid_to)) continue
      for (const [s, e] of weekSpans(rule)) {
        const spanDay = Math.floor(s / 1440)
        if (spanDay !== weekday) continue
        const open = zonedInstant(date, s % 1440, timezone).getTime()
        const close = e % 1440 === 0 && e > s ? zonedInstant(addDays(date, 1), 0, timezone).getTime() : zonedInstant(date, e % 1440, timezone).getTime()
        const start = Math.max(0, (open - refMs) / 1000)
        const end = Math.min(horizonSeconds, (close - refMs) / 1000)
        if (end > start) intervals.push({ start: Math.round(start), end: Math.round(end) })
      }
    }
  }
  intervals.sort((a, b) => a.start - b.start)
  const merged: TimeWindow[] = []
  for (const w of intervals) {
    const last = merged[merged.length - 1]
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end)
    else merged.push({ ...w })
  }
  return merged
}

/**
 * Windows in which a visit may start so it also ends before closing: each opening interval
 * shortened by the service time (an interval too short for the visit is dropped).
 */
export function serviceWindows(open: readonly TimeWindow[], serviceSeconds: number): TimeWindow[] {
  return open.filter((w) => w.end - w.start >= serviceSeconds).map((w) => ({ start: w.start, end: w.end - serviceSeconds }))
}
