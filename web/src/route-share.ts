/**
 * A plan as a shareable link fragment: site ids, a start/end that is a site or a place the
 * person typed, and the day's settings — e.g.
 * `#route=site:a,site:b&start=site:c&dep=2026-11-24T09:00&ret=17:00&min=15&vans=1&mode=driving`.
 * Points picked on the map (a home, an office, an encampment) are never written; `leftOut`
 * says how many were dropped so the page can tell the person.
 */
import { MAX_VANS, MODES, type RoutePlace, type RouteSettings, type RouteStop, type TravelMode } from './route-model.js'

export type SharedPlace = { kind: 'site'; id: string } | { kind: 'place'; text: string }

export interface SharedRoute {
  siteIds: string[]
  start: SharedPlace | null
  end: SharedPlace | null
  settings: Partial<RouteSettings>
}

const MAX_SHARED_STOPS = 150
const DATE = /^\d{4}-\d{2}-\d{2}$/
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/

function placeParam(p: RoutePlace | null): string | null {
  if (!p || p.kind === 'point') return null
  return p.kind === 'site' ? `site:${encodeURIComponent(p.id)}` : `place:${encodeURIComponent(p.text)}`
}

/** The fragment for a plan, and how many map-picked points were left out of it. */
export function encodeRouteLink(
  stops: readonly RouteStop[],
  start: RoutePlace | null,
  end: RoutePlace | null,
  settings: RouteSettings,
): { hash: string; leftOut: number } {
  const sites = stops.filter((s) => s.kind === 'site').map((s) => `site:${encodeURIComponent(s.id)}`)
  const leftOut = stops.filter((s) => s.kind === 'point').length + (start?.kind === 'point' ? 1 : 0) + (end?.kind === 'point' ? 1 : 0)
  const parts = [`route=${sites.join(',')}`]
  const from = placeParam(start)
  const to = placeParam(end)
  if (from) parts.push(`start=${from}`)
  if (to) parts.push(`end=${to}`)
  parts.push(
    `dep=${settings.date}T${settings.departure}`,
    `ret=${settings.returnBy}`,
    `min=${settings.serviceMinutes}`,
    `vans=${settings.vans}`,
    `mode=${settings.mode}`,
  )
  return { hash: '#' + parts.join('&'), leftOut }
}

/** True when a fragment is a shared route (rather than a search). */
export function isRouteLink(hash: string): boolean {
  return /^#?route=/.test(hash)
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

function parsePlace(value: string | undefined): SharedPlace | null {
  if (!value) return null
  const m = /^(site|place):(.+)$/.exec(value)
  const text = m ? decode(m[2] as string)?.slice(0, 200) : null
  if (!m || !text) return null
  return m[1] === 'site' ? { kind: 'site', id: text } : { kind: 'place', text }
}

/** Reads a shared fragment; anything malformed is dropped rather than guessed. */
export function decodeRouteLink(hash: string): SharedRoute {
  const params = new Map<string, string>()
  for (const pair of hash.replace(/^#/, '').split('&')) {
    const at = pair.indexOf('=')
    if (at > 0) params.set(pair.slice(0, at), pair.slice(at + 1))
  }
  const siteIds = (params.get('route') ?? '')
    .split(',')
    .map((item) => (item.startsWith('site:') ? decode(item.slice(5)) : null))
    .filter((id): id is string => !!id && id.length <= 200)
    .slice(0, MAX_SHARED_STOPS)
  const settings: Partial<RouteSettings> = {}
  const dep = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(params.get('dep') ?? '')
  if (dep && DATE.test(dep[1] as string) && CLOCK.test(dep[2] as string)) {
    settings.date = dep[1] as string
    settings.departure = dep[2] as string
  }
  const ret = params.get('ret') ?? ''
  if (CLOCK.test(ret)) settings.returnBy = ret
  const min = Number(params.get('min'))
  if (params.has('min') && Number.isInteger(min) && min >= 0 && min <= 480) settings.serviceMinutes = min
  const vans = Number(params.get('vans'))
  if (Number.isInteger(vans) && vans >= 1 && vans <= MAX_VANS) settings.vans = vans
  const mode = params.get('mode') as TravelMode
  if (MODES.includes(mode)) settings.mode = mode
  return { siteIds, start: parsePlace(params.get('start')), end: parsePlace(params.get('end')), settings }
}
