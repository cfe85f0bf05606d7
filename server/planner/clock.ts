/**
 * The plan's clock: times in seconds since local midnight of the departure date, at the
 * departure's UTC offset, and their ISO 8601 form for the answer.
 */
import { invalidField } from '../errors.js'

/** The plan's clock: seconds since local midnight of the departure date, at the departure's offset. */
export interface PlanClock {
  referenceMs: number
  offsetMinutes: number
  departureSeconds: number
}

/** Parses the departure (ISO 8601 with an offset) into the plan's clock; a 400 naming `departure` otherwise. */
export function planClock(departure: string): PlanClock {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(departure)
  if (!m) throw invalidField('departure', 'must be an ISO 8601 date-time with an offset, e.g. 2026-11-24T09:00:00-05:00')
  const offsetMinutes = m[5] === 'Z' ? 0 : (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8]))
  const referenceMs = Date.parse(`${m[1]}T00:00:00Z`) - offsetMinutes * 60_000
  if (Number.isNaN(referenceMs) || Number(m[2]) > 23 || Number(m[3]) > 59) throw invalidField('departure', 'is not a real date-time')
  return { referenceMs, offsetMinutes, departureSeconds: Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0) }
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
