/**
 * "Today" live status → time ranges, and those ranges applied to the open state and to the
 * planner's windows. The site's day is its opening day in its own timezone: posted at 01:00
 * during a 20:00–02:00 opening that began yesterday, "today" is yesterday's opening. The post
 * lasts until the later of local midnight after that day and the end of its last opening.
 * - not running today: closed from the start of that day until the post expires;
 * - closing early at T: closed from T until the post expires;
 * - open late until T: open from the day's last closing time (or the posting time, on a day
 *   without hours) until T.
 * A time before the day's first opening is read as after midnight (01:00 at a 20:00 site).
 */
import type { TodayKind } from '../contract/live-status.js'
import type { HoursRule } from './rule.js'
import { openingOn, openState, parseClock, type OpenState } from './hours.js'
import { addDays, localTime, toZonedIso, zonedInstant } from './zoned.js'

/** Epoch-ms range [start, end). */
export type Range = [number, number]

export interface TodayWindows {
  closed: Range | null
  open: Range | null
  expiresAt: Date
}

export class TodayTimeError extends Error {}

/** The openings [start, end) of a local date, in minutes from its midnight (end up to 2880). */
function openingsOf(rules: readonly HoursRule[], date: string): [number, number][] {
  return rules.flatMap((rule) => {
    const opening = openingOn(rule, date)
    return opening ? [opening] : []
  })
}

/** The site's operating date at an instant: yesterday while an opening that began yesterday runs on. */
export function operatingDate(rules: readonly HoursRule[], timezone: string, at: Date): string {
  const local = localTime(at, timezone)
  const yesterday = addDays(local.date, -1)
  const spill = openingsOf(rules, yesterday).some(([s, e]) => e > 1440 && s <= local.minute + 1440 && local.minute + 1440 < e)
  return spill ? yesterday : local.date
}

const instantOf = (date: string, minute: number, timezone: string) => zonedInstant(addDays(date, Math.floor(minute / 1440)), minute % 1440, timezone).getTime()

/** The ranges a "today" post stands for, and when it expires; TodayTimeError when the time makes no sense for the day. */
export function todayWindows(rules: readonly HoursRule[], timezone: string, post: { kind: TodayKind; time?: string | null }, postedAt: Date): TodayWindows {
  const date = operatingDate(rules, timezone, postedAt)
  const openings = openingsOf(rules, date)
  const dayEnd = Math.max(1440, ...openings.map(([, e]) => e))
  const expiresMs = () => instantOf(date, dayEnd, timezone)
  const firstOpen = openings.length ? Math.min(...openings.map(([s]) => s)) : 0
  const minuteOf = (time: string) => {
    const t = parseClock(time)
    return openings.length && t < firstOpen ? t + 1440 : t
  }
  if (post.kind === 'not_running') {
    const expires = expiresMs()
    return { closed: [instantOf(date, 0, timezone), expires], open: null, expiresAt: new Date(expires) }
  }
  if (!post.time) throw new TodayTimeError(`${post.kind} needs a time (HH:MM)`)
  const t = minuteOf(post.time)
  if (post.kind === 'closing_early') {
    const lastClose = openings.length ? Math.max(...openings.map(([, e]) => e)) : null
    if (lastClose !== null && t >= lastClose) throw new TodayTimeError(`closing early at ${post.time} is not before today’s closing time`)
    const expires = expiresMs()
    return { closed: [instantOf(date, t, timezone), expires], open: null, expiresAt: new Date(expires) }
  }
  const lastClose = openings.length ? Math.max(...openings.map(([, e]) => e)) : null
  if (lastClose !== null && t <= lastClose) throw new TodayTimeError(`open late until ${post.time} is not after today’s closing time`)
  const start = lastClose !== null ? instantOf(date, lastClose, timezone) : postedAt.getTime()
  const end = instantOf(date, t, timezone)
  if (end <= postedAt.getTime()) throw new TodayTimeError(`open late until ${post.time} is already past`)
  const expires = Math.max(expiresMs(), end)
  return { closed: null, open: [start, end], expiresAt: new Date(expires) }
}

const inside = (range: Range | null, t: number): range is Range => range !== null && range[0] <= t && t < range[1]

/**
 * The open state with today's post on top: closed inside a closed range, open inside an open
 * range, and the next change moved to where a range begins or ends.
 */
export function withToday(
  state: OpenState,
  rules: readonly HoursRule[],
  timezone: string,
  at: Date,
  windows: Pick<TodayWindows, 'closed' | 'open'> | null,
): OpenState {
  if (!windows || (!windows.closed && !windows.open)) return state
  const { closed, open } = windows
  const t = at.getTime()
  const iso = (ms: number) => toZonedIso(new Date(ms), timezone)
  /** The state from an instant on, by the hours alone. */
  const after = (ms: number): OpenState => openState(rules, timezone, new Date(ms))
  if (inside(open, t)) {
    const then = after(open[1])
    return { open: true, nextChange: then.open === true ? then.nextChange : iso(open[1]) }
  }
  if (inside(closed, t)) {
    const then = after(closed[1])
    return { open: false, nextChange: then.open === true ? iso(closed[1]) : then.nextChange }
  }
  const next = state.nextChange === null ? Infinity : Date.parse(state.nextChange)
  if (state.open === true) {
    if (closed && closed[0] > t && closed[0] < next) return { open: true, nextChange: iso(closed[0]) }
    // Open late starts where the hours close: the opening runs on to its end.
    if (open && open[0] <= next && next < open[1]) return { open: true, nextChange: iso(open[1]) }
    return state
  }
  if (open && open[0] > t && open[0] < next) return { open: state.open, nextChange: iso(open[0]) }
  if (state.open === false && inside(closed, next)) {
    const then = after(closed[1])
    return { open: false, nextChange: then.open === true ? iso(closed[1]) : then.nextChange }
  }
  return state
}

/**
 * Solver windows (seconds from `referenceMs`, within [0, horizon)) with today's post on top:
 * the closed range cut out, the open range added.
 */
export function windowsWithToday<W extends { start: number; end: number }>(
  intervals: readonly W[],
  windows: Pick<TodayWindows, 'closed' | 'open'> | null,
  referenceMs: number,
  horizonSeconds: number,
): { start: number; end: number }[] {
  if (!windows || (!windows.closed && !windows.open)) return intervals.map((w) => ({ start: w.start, end: w.end }))
  const toSeconds = ([a, b]: Range): [number, number] => [
    Math.max(0, Math.round((a - referenceMs) / 1000)),
    Math.min(horizonSeconds, Math.round((b - referenceMs) / 1000)),
  ]
  let out = intervals.map((w) => ({ start: w.start, end: w.end }))
  if (windows.closed) {
    const [cs, ce] = toSeconds(windows.closed)
    out = out.flatMap((w) => {
      if (ce <= w.start || cs >= w.end) return [w]
      const parts: { start: number; end: number }[] = []
      if (w.start < cs) parts.push({ start: w.start, end: cs })
      if (ce < w.end) parts.push({ start: ce, end: w.end })
      return parts
    })
  }
  if (windows.open) {
    const [os, oe] = toSeconds(windows.open)
    if (oe > os) out.push({ start: os, end: oe })
  }
  out.sort((a, b) => a.start - b.start)
  const merged: { start: number; end: number }[] = []
  for (const w of out) {
    const last = merged[merged.length - 1]
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end)
    else merged.push({ ...w })
  }
  return merged
}
