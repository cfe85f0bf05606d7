/**
 * The plan's clock: times in seconds since local midnight of the departure date, at the
 * departure's UTC offset, and their ISO 8601 form for the answer.
 */
import { invalidField } from '../errors.js'
import { OFFSET_DATE_TIME_RULE, parseOffsetDateTime } from '../validation/instants.js'

/** The plan's clock: seconds since local midnight of the departure date, at the departure's offset. */
export interface PlanClock {
  referenceMs: number
  offsetMinutes: number
  departureSeconds: number
}

/** Parses the departure (ISO 8601 with an offset) into the plan's clock; a 400 naming `departure` otherwise. */
export function planClock(departure: string): PlanClock {
  const t = parseOffsetDateTime(departure)
  if (!t) throw invalidField('departure', OFFSET_DATE_TIME_RULE)
  const referenceMs = Date.parse(`${t.date}T00:00:00Z`) - t.offsetMinutes * 60_000
  return { referenceMs, offsetMinutes: t.offsetMinutes, departureSeconds: t.hour * 3600 + t.minute * 60 + t.second }
}

/** ISO 8601 at the plan's offset for a plan time in seconds, to the nearest minute (a run sheet's precision). */
export function planTimeIso(clock: PlanClock, seconds: number): string {
  const minute = Math.round(seconds / 60) * 60
  const local = new Date(clock.referenceMs + minute * 1000 + clock.offsetMinutes * 60_000).toISOString().slice(0, 19)
  const sign = clock.offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(clock.offsetMinutes)
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** HH:MM of a plan time, for the solver's reasons ("end of day" past any real instant, e.g. an unroutable leg). */
export function planClockLabel(clock: PlanClock, seconds: number): string {
  if (!(Math.abs(seconds) < 100 * 86400)) return seconds < 0 ? 'start of day' : 'end of day'
  return planTimeIso(clock, seconds).slice(11, 16)
}
