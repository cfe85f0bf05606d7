/**
 * The window of instants the API accepts (open_at, departure, modified_after, cursors):
 * years 1900–2200. Outside it a date is a typo or an attack, and some such dates have no
 * ISO form or no PostgreSQL timestamp at all (a 500 before this check).
 */

export const EARLIEST_YEAR = 1900
export const LATEST_YEAR = 2200

/** The rule an instant outside the window broke, worded for a 400 after the field name. */
export const INSTANT_WINDOW_RULE = `must be in the years ${EARLIEST_YEAR}–${LATEST_YEAR}`

const DAY_MS = 86_400_000
/** A day's margin either side, so that 2200-12-31T23:00-05:00 (already 2201 in UTC) is in. */
const EARLIEST_MS = Date.UTC(EARLIEST_YEAR, 0, 1) - DAY_MS
const LATEST_MS = Date.UTC(LATEST_YEAR + 1, 0, 1) + DAY_MS

/** True when `ms` (epoch milliseconds) falls in the years 1900–2200, give or take a day for offsets. */
export function isInstantInWindow(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS
}

const OFFSET_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/

/** The rule a malformed or out-of-window date-time broke, worded for a 400 after the field name. */
export const OFFSET_DATE_TIME_RULE = `must be an ISO 8601 date-time with an offset in the years ${EARLIEST_YEAR}–${LATEST_YEAR}, e.g. 2026-11-24T18:00:00-05:00`

/** An ISO 8601 date-time with an offset, taken apart as written. */
export interface OffsetDateTime {
  /** 'YYYY-MM-DD' as written (local to the offset). */
  date: string
  hour: number
  minute: number
  second: number
  /** Minutes east of UTC (-300 for -05:00). */
  offsetMinutes: number
  /** The instant, epoch milliseconds. */
  ms: number
}

/**
 * The one parser of date-times with an explicit offset (seconds and fraction optional): null
 * unless it names a real calendar moment in the years 1900–2200, as written.
 * Example: parseOffsetDateTime('2026-11-24T18:00-05:00') → { date: '2026-11-24', hour: 18, …, offsetMinutes: -300 }.
 */
export function parseOffsetDateTime(value: string): OffsetDateTime | null {
  const m = OFFSET_DATE_TIME.exec(value)
  if (!m) return null
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMins = 0] = m.slice(1).map((part) => Number(part ?? 0))
  if (year < EARLIEST_YEAR || year > LATEST_YEAR || month < 1 || month > 12) return null
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (!(day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 23 && offsetMins <= 59)) return null
  const offsetMinutes = (value.endsWith('Z') ? 0 : value.charAt(value.length - 6) === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins)
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000
  return { date: value.slice(0, 10), hour, minute, second, offsetMinutes, ms }
}

/**
 * True for an ISO 8601 date-time with an explicit offset that names a real calendar moment
 * in the years 1900–2200. Example: isOffsetDateTime('0000-01-01T00:00:00Z') → false.
 */
export function isOffsetDateTime(value: string): boolean {
  return parseOffsetDateTime(value) !== null
}
