/**
 * The search as a shareable URL fragment: place typed (a ZIP or place name), radius and
 * filters — never coordinates. A fragment is not sent to any server.
 */
import { VERIFIED_WITHIN_CHOICES } from '../../common/verification.js'
import { PAGE_DEFAULT_RADIUS_MI, PAGE_RADII_MI } from '../../common/vocabulary.js'

export interface Filters {
  types: string[]
  services: string[]
  payment: string[]
  languages: string[]
  match: 'any' | 'all'
  openNow: boolean
  /** With openNow: also places whose hours are not listed. */
  includeUnknownHours: boolean
  /** Only sites verified within this many days (one of VERIFIED_WITHIN_CHOICES); null: any time. */
  verifiedWithinDays: number | null
  /** Live-status filters, from LIVE_FILTERS: what sites say now (naloxone in stock, open beds…). */
  live: string[]
}

/** The live-status filters the page offers, in order: supplies in stock, then treatment openings. */
export const LIVE_FILTERS = ['naloxone', 'test_strips', 'syringes', 'accepting_new_patients', 'same_day_start', 'beds_available'] as const

export interface UrlState {
  near: string
  radius: number
  filters: Filters
}

/** Shared with /lite (common/vocabulary.ts), so both pages start at the same distance. */
export const RADII = PAGE_RADII_MI
export const DEFAULT_RADIUS = PAGE_DEFAULT_RADIUS_MI

export const emptyFilters = (): Filters => ({
  types: [],
  services: [],
  payment: [],
  languages: [],
  match: 'all',
  openNow: false,
  includeUnknownHours: false,
  verifiedWithinDays: null,
  live: [],
})

/** A "verified within" value from a link or a control: one of the offered choices, else null. */
export function verifiedChoice(value: unknown): number | null {
  const days = Number(value)
  return (VERIFIED_WITHIN_CHOICES as readonly number[]).includes(days) ? days : null
}

const CODE = /^[a-z_]{1,40}$/
const list = (value: string | null) => (value ? value.split(',').filter((c) => CODE.test(c)) : [])
/** Anything that looks like a coordinate pair is refused, so a pasted link cannot carry one. */
const looksLikeCoordinates = (text: string) => /-?\d{1,3}\.\d+\s*,\s*-?\d{1,3}\.\d+/.test(text)

/** Reads a fragment such as `#near=21201&r=10&services=naloxone,syringe_services&open=1&unknown=1&verified=180`. */
export function parseHash(hash: string): UrlState {
  const p = new URLSearchParams(hash.replace(/^#/, ''))
  const near = (p.get('near') ?? '').slice(0, 200)
  const radius = Number(p.get('r'))
  return {
    near: looksLikeCoordinates(near) ? '' : near,
    radius: (RADII as readonly number[]).includes(radius) ? radius : DEFAULT_RADIUS,
    filters: {
      types: list(p.get('types')),
      services: list(p.get('services')),
      payment: list(p.get('payment')),
      languages: list(p.get('languages')),
      match: p.get('match') === 'any' ? 'any' : 'all',
      openNow: p.get('open') === '1',
      includeUnknownHours: p.get('open') === '1' && p.get('unknown') === '1',
      verifiedWithinDays: verifiedChoice(p.get('verified')),
      live: list(p.get('live')).filter((c) => (LIVE_FILTERS as readonly string[]).includes(c)),
    },
  }
}

/** Writes the fragment; `near` is left out for location and map-area searches. */
export function toHash(state: UrlState): string {
  const p = new URLSearchParams()
  if (state.near && !looksLikeCoordinates(state.near)) p.set('near', state.near)
  if (state.radius !== DEFAULT_RADIUS) p.set('r', String(state.radius))
  const f = state.filters
  for (const key of ['types', 'services', 'payment', 'languages'] as const) if (f[key].length) p.set(key, f[key].join(','))
  if (f.match === 'any' && f.services.length > 1) p.set('match', 'any')
  if (f.openNow) p.set('open', '1')
  if (f.openNow && f.includeUnknownHours) p.set('unknown', '1')
  if (f.verifiedWithinDays !== null) p.set('verified', String(f.verifiedWithinDays))
  if (f.live.length) p.set('live', f.live.join(','))
  const text = p.toString().replace(/%2C/g, ',')
  return text ? '#' + text : ''
}

/** Number of filters switched on (for the "More filters (3 on)" summary). */
export function countFilters(f: Filters): number {
  return (
    f.types.length + f.services.length + f.payment.length + f.languages.length + (f.openNow ? 1 : 0) + (f.verifiedWithinDays !== null ? 1 : 0) + f.live.length
  )
}
