/**
 * When a site is next open, as one span: "Tue Dec 8, 10:00–14:00" — the opening under way at
 * `at`, or else the next one to begin, up to a horizon (default 60 days: a monthly stop's next
 * date is always within it). Openings of several rules that touch or overlap are one span.
 *
 *   nextOpening([{ byday: '2TU', opens: '10:00', closes: '14:00', freq: 'MONTHLY', … }], 'America/New_York', at)
 *   // { starts: '2026-12-08T10:00:00-05:00', ends: '2026-12-08T14:00:00-05:00' }
 */
import type { HoursRule } from './rule.js'
import { openingOn } from './hours.js'
import { addDays, localTime, toZonedIso, zonedInstant } from './zoned.js'

export interface NextOpening {
  /** ISO 8601 with the site's own offset. */
  starts: string
  /** ISO 8601 with the site's own offset; null when it is open around the clock (a span of over a week). */
  ends: string | null
}

export const NEXT_OPENING_DAYS = 60
const AROUND_THE_CLOCK_MS = 7 * 86_400_000

/** The current or next opening within `days` days of `at`, in the site's timezone; null if none. */
export function nextOpening(rules: readonly HoursRule[], timezone: string, at: Date, days = NEXT_OPENING_DAYS): NextOpening | null {
  if (rules.length === 0) return null
  const today = localTime(at, timezone).date
  const spans: [number, number][] = []
  // From yesterday: an opening that began last night may still run.
  for (let day = -1; day <= days; day++) {
    const date = addDays(today, day)
    for (const rule of rules) {
      const opening = openingOn(rule, date)
      if (!opening) continue
      const [start, end] = opening.map((edge) => zonedInstant(addDays(date, Math.floor(edge / 1440)), edge % 1440, timezone).getTime()) as [number, number]
      if (end > start) spans.push([start, end])
    }
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let current: [number, number] | null = null
  for (const [start, end] of spans) {
    if (current && start <= current[1]) {
      current[1] = Math.max(current[1], end)
      continue
    }
    if (current && current[1] > at.getTime()) break
    current = [start, end]
  }
  if (!current || current[1] <= at.getTime()) return null
  return {
    starts: toZonedIso(new Date(current[0]), timezone),
    ends: current[1] - current[0] > AROUND_THE_CLOCK_MS ? null : toZonedIso(new Date(current[1]), timezone),
  }
}
