/**
 * What an outreach plan is made of before it is planned: stops (directory sites or points
 * picked on the map), a start and optional end, and the day's settings — and how they become
 * a POST /api/v1/routes body. Pure: no DOM, no network.
 */
import type { TravelMode } from '../../common/contract/route-plan.js'
import type { RoutePlaceBody, RouteRequestBody, RouteStopBody } from './api.js'

export type { TravelMode } from '../../common/contract/route-plan.js'
export const MODES: readonly TravelMode[] = ['driving', 'walking', 'cycling']
export const MAX_VANS = 3

/** A directory site: shared by id, named and placed by the server. */
export interface SiteStop {
  kind: 'site'
  id: string
  name: string
  address: string | null
  phone: string | null
  timezone: string | null
}
/** A point picked on the map (an encampment, a corner): never put in a shared link. */
export interface PointStop {
  kind: 'point'
  key: string
  lat: number
  lon: number
  label: string
  opens: string
  closes: string
}
export type RouteStop = SiteStop | PointStop

/** Where a van starts or ends: a site, a place the person typed (shareable as typed), or a map point. */
export type RoutePlace =
  | { kind: 'site'; id: string; name: string }
  | { kind: 'place'; text: string; label: string; lat: number; lon: number }
  | { kind: 'point'; lat: number; lon: number }

export interface RouteSettings {
  /** YYYY-MM-DD */
  date: string
  /** HH:MM */
  departure: string
  returnBy: string
  serviceMinutes: number
  vans: number
  mode: TravelMode
}

/** A stable key for a stop, used for list items and to carry reasons across re-plans. */
export const stopKey = (s: RouteStop) => (s.kind === 'site' ? `site:${s.id}` : s.key)

const round5 = (x: number) => Math.round(x * 1e5) / 1e5

/**
 * The UTC offset in minutes of `timezone` at a local date and time: -300 for 09:00 on
 * 2026-11-24 in America/New_York. Falls back to the browser's own offset for an unknown zone.
 */
export function zoneOffsetMinutes(date: string, time: string, timezone: string | null): number {
  const [y = 1970, mo = 1, d = 1] = date.split('-').map(Number)
  const [hh = 0, mm = 0] = time.split(':').map(Number)
  const wall = Date.UTC(y, mo - 1, d, hh, mm)
  try {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone ?? undefined,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    const offsetAt = (instant: number) => {
      const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]))
      return (Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!) - instant) / 60_000
    }
    // Twice: the first guess can sit on the wrong side of a daylight-saving change.
    const first = offsetAt(wall)
    return offsetAt(wall - first * 60_000)
  } catch {
    return -new Date(y, mo - 1, d, hh, mm).getTimezoneOffset()
  }
}

/** '2026-11-24', '09:00', -300 → '2026-11-24T09:00:00-05:00'. */
export function isoWithOffset(date: string, time: string, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return `${date}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

function placeBody(p: RoutePlace): RoutePlaceBody {
  if (p.kind === 'site') return { site_id: p.id }
  return { lat: round5(p.lat), lon: round5(p.lon), ...(p.kind === 'place' ? { label: p.label.slice(0, 200) } : {}) }
}

function stopBody(s: RouteStop): RouteStopBody {
  if (s.kind === 'site') return { site_id: s.id }
  return {
    lat: round5(s.lat),
    lon: round5(s.lon),
    ...(s.label.trim() ? { label: s.label.trim().slice(0, 200) } : {}),
    ...(s.opens && s.closes ? { opens: s.opens, closes: s.closes } : {}),
  }
}

/** The request body; `order` (stop indices per van) asks the API to check a hand-made order. */
export function routeRequest(
  stops: readonly RouteStop[],
  start: RoutePlace,
  end: RoutePlace | null,
  settings: RouteSettings,
  order?: number[][],
): RouteRequestBody {
  // The plan's clock follows the sites' own timezone (the first one listed), else the browser's.
  const timezone = stops.find((s): s is SiteStop => s.kind === 'site' && !!s.timezone)?.timezone ?? null
  return {
    stops: stops.map(stopBody),
    start: placeBody(start),
    ...(end ? { end: placeBody(end) } : {}),
    departure: isoWithOffset(settings.date, settings.departure, zoneOffsetMinutes(settings.date, settings.departure, timezone)),
    return_by: settings.returnBy,
    service_minutes: settings.serviceMinutes,
    vehicles: settings.vans,
    mode: settings.mode,
    ...(order ? { order } : {}),
  }
}

/** How the planner shows distances: miles (the U.S. default, in English and Spanish) or kilometres. */
export type DistanceUnit = 'mi' | 'km'
export const KM_PER_MILE = 1.609344

const pad2 = (n: number) => String(n).padStart(2, '0')
/** 'YYYY-MM-DD' of `d` on the browser's clock. */
export const localDay = (d: Date) => `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`
/** The day after 'YYYY-MM-DD'. */
export function nextDay(date: string): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return localDay(new Date(y, m - 1, d + 1, 12))
}

/** `now` rounded up to the next quarter hour: 15:07 → '15:15' (the day moves on past 23:45). */
export function soonestDeparture(now: Date): { date: string; departure: string } {
  const next = new Date(now.getTime())
  next.setSeconds(0, 0)
  const extra = (15 - (next.getMinutes() % 15)) % 15
  next.setMinutes(next.getMinutes() + extra)
  if (next.getTime() < now.getTime()) next.setMinutes(next.getMinutes() + 15)
  return { date: localDay(next), departure: `${pad2(next.getHours())}:${pad2(next.getMinutes())}` }
}

/**
 * The planner's first day and times: today from 09:00 to 17:00, or — once 09:00 today has
 * passed — from now rounded up to the quarter hour (back by 17:00, or four hours later when
 * that is past 17:00, before midnight).
 */
export function defaultDay(now: Date): { date: string; departure: string; returnBy: string } {
  const today = localDay(now)
  if (now.getHours() < 9) return { date: today, departure: '09:00', returnBy: '17:00' }
  const soonest = soonestDeparture(now)
  if (soonest.date !== today) return { date: soonest.date, departure: '09:00', returnBy: '17:00' }
  const fourHours = returnAfter(soonest.departure, soonest.departure)
  return { ...soonest, returnBy: fourHours > '17:00' ? fourHours : '17:00' }
}

/** `returnBy` when it is after `departure`, else four hours after it (at most 23:59). */
export function returnAfter(departure: string, returnBy: string): string {
  if (returnBy > departure) return returnBy
  const [hh = 0, mm = 0] = departure.split(':').map(Number)
  const back = Math.min(hh * 60 + mm + 240, 23 * 60 + 59)
  return `${pad2(Math.floor(back / 60))}:${pad2(back % 60)}`
}

/** The departure (date and time, on the browser's clock) is already behind `now` (by more than a minute). */
export function departureInPast(settings: Pick<RouteSettings, 'date' | 'departure'>, now: Date): boolean {
  const [y = 1970, mo = 1, d = 1] = settings.date.split('-').map(Number)
  const [hh = 0, mm = 0] = settings.departure.split(':').map(Number)
  return new Date(y, mo - 1, d, hh, mm).getTime() < now.getTime() - 60_000
}
