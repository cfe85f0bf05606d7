/**
 * Wall-clock time in an IANA timezone, with no dependency: Intl does the calendar work.
 */
export interface LocalTime {
  /** 'YYYY-MM-DD' */
  date: string
  /** 0 = Monday … 6 = Sunday (ISO order, as in hrl_minute_of_week). */
  weekday: number
  /** Minutes since local midnight. */
  minute: number
  /** Offset from UTC in minutes (local = UTC + offset). */
  offset: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 }

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timezone, f)
  }
  return f
}

/** True when the runtime knows the IANA timezone name. */
export function isValidTimezone(timezone: string): boolean {
  try {
    formatter(timezone)
    return true
  } catch {
    return false
  }
}

const QUARTER_HOUR = 15 * 60_000
const offsets = new Map<string, number>()

/**
 * UTC offset in minutes of a timezone at an instant. Offsets only change on quarter hours
 * (every DST rule in the tz database does), so one Intl call serves a zone for 15 minutes
 * of instants: searches judged "now" hit the cache for almost every result.
 */
export function offsetMinutes(timezone: string, ms: number): number {
  const key = timezone + '|' + Math.floor(ms / QUARTER_HOUR)
  let offset = offsets.get(key)
  if (offset === undefined) {
    offset = intlLocalTime(new Date(Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR), timezone).offset
    if (offsets.size > 100_000) offsets.clear()
    offsets.set(key, offset)
  }
  return offset
}

/** The local date, weekday and minute of an instant in a timezone. */
export function localTime(instant: Date, timezone: string): LocalTime {
  const offset = offsetMinutes(timezone, instant.getTime())
  const local = new Date(instant.getTime() + offset * 60_000)
  return {
    date: local.toISOString().slice(0, 10),
    weekday: (local.getUTCDay() + 6) % 7,
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
    offset,
  }
}

/** localTime computed by Intl directly (the reference the cached path is built on). */
export function intlLocalTime(instant: Date, timezone: string): LocalTime {
  const parts: Record<string, string> = {}
  for (const p of formatter(timezone).formatToParts(instant)) parts[p.type] = p.value
  const y = Number(parts.year)
  const mo = Number(parts.month)
  const d = Number(parts.day)
  const h = Number(parts.hour)
  const mi = Number(parts.minute)
  const s = Number(parts.second)
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s)
  const offset = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000)
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
    minute: h * 60 + mi,
    offset,
  }
}

/** The instant at which a local date and minute occur in a timezone (the later one in a DST fold). */
export function zonedInstant(date: string, minute: number, timezone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const wall = Date.UTC(y, m - 1, d, 0, minute)
  let guess = wall - localTime(new Date(wall), timezone).offset * 60000
  guess = wall - localTime(new Date(guess), timezone).offset * 60000
  return new Date(guess)
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** ISO 8601 with the timezone's offset, e.g. '2026-11-24T17:00:00-05:00'. */
export function toZonedIso(instant: Date, timezone: string): string {
  const local = localTime(instant, timezone)
  const sign = local.offset < 0 ? '-' : '+'
  const abs = Math.abs(local.offset)
  const hh = String(Math.floor(local.minute / 60)).padStart(2, '0')
  const mm = String(local.minute % 60).padStart(2, '0')
  const oh = String(Math.floor(abs / 60)).padStart(2, '0')
  const om = String(abs % 60).padStart(2, '0')
  return `${local.date}T${hh}:${mm}:00${sign}${oh}:${om}`
}
