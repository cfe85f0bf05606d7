/**
 * A search as the repository understands it, built from the HTTP fields after validation.
 */
import { MAX_BEDS, SUPPLIES } from '../../common/contract/live-status.js'
import { DEFAULT_RADIUS_MI, MAX_RADIUS_MI, MAX_VERIFIED_WITHIN_DAYS, type SearchFields } from '../../common/contract/search.js'
import { invalidField } from '../errors.js'
import { isOffsetDateTime, OFFSET_DATE_TIME_RULE } from '../validation/instants.js'
import { codesOf, LANGUAGE_CODE, type FilterField, type VocabularyField } from '../vocabulary.js'

export type { SearchFields } from '../../common/contract/search.js'

export const MILE_M = 1609.344

/** The codes asked for, per code-list field (empty: no filter on that field). */
export interface SearchFilters extends Record<VocabularyField, string[]> {
  /** Applies within services: all listed (default) or any of them. */
  match: 'any' | 'all'
  /** Only sites verified (assured_date) at most this many days before today, where the site is; null: any. */
  verifiedWithinDays: number | null
  /** Live status filters (unexpired posts): supplies in stock or low; taking new patients; at least n open beds; same-day start. */
  inStock: string[]
  acceptingNewPatients: boolean
  bedsAvailable: number | null
  sameDayStart: boolean
}

export interface SearchQuery extends SearchFilters {
  lat: number
  lon: number
  radiusM: number
  /** Only sites open at this instant (open_now or open_at given). */
  openFilter: boolean
  /** With openFilter: sites with no hours listed pass too. */
  includeUnknownHours?: boolean
  /**
   * Leave out sites last verified (never verified: last imported) more than this many days
   * before today where the site is (STALE_HIDE_AFTER_DAYS, unless include_stale); absent or null: keep them.
   */
  hideStaleAfterDays?: number | null
  /**
   * Leave demo sites out (the directory holds real ones and the search did not ask for demo);
   * 'if-real-sites': decide in the same statement (results then say what was decided).
   */
  excludeDemo?: boolean | 'if-real-sites'
  /** The instant "open" and "next change" are judged at. */
  at: Date
  /** The instant "today" is taken from for verified_within_days (default `at`; the search passes the real now, as open_at may be days away). */
  now?: Date
  limit: number
}

/** Splits "a,b" or ["a","b"] into distinct trimmed codes. */
function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(','))
  return [...new Set(parts.map((p) => p.trim()).filter((p) => p.length > 0))]
}

function codes(field: FilterField, value: string | string[] | undefined): string[] {
  const values = list(value)
  const allowed = codesOf(field)
  const unknown = values.filter((v) => !allowed.includes(v))
  if (unknown.length > 0) {
    throw invalidField(field, `has unknown code${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; see /api/v1/taxonomy`)
  }
  return values
}

/** Validates the filter fields against the vocabulary (types and ranges are checked by the schema). */
export function parseFilters(fields: SearchFields): SearchFilters {
  const languages = list(fields.languages)
  const badLanguage = languages.find((l) => !LANGUAGE_CODE.test(l))
  if (badLanguage !== undefined) throw invalidField('languages', `has "${badLanguage}", which is not an ISO 639 code (e.g. en, es, ase)`)
  return {
    types: codes('types', fields.types),
    services: codes('services', fields.services),
    payment: codes('payment', fields.payment),
    populations: codes('populations', fields.populations),
    access: codes('access', fields.access),
    languages,
    match: fields.match ?? 'all',
    verifiedWithinDays: parseVerifiedWithin(fields.verified_within_days),
    ...parseLiveFilters(fields),
  }
}

/** The live-status filters; false means "no filter", as the page's unticked boxes send. */
function parseLiveFilters(fields: SearchFields): Pick<SearchFilters, 'inStock' | 'acceptingNewPatients' | 'bedsAvailable' | 'sameDayStart'> {
  const inStock = list(fields.in_stock)
  const unknown = inStock.filter((s) => !(SUPPLIES as readonly string[]).includes(s))
  if (unknown.length) throw invalidField('in_stock', `has unknown supply ${unknown.map((u) => `"${u}"`).join(', ')}; one of ${SUPPLIES.join(', ')}`)
  const beds = fields.beds_available
  if (beds !== undefined && (!Number.isInteger(beds) || beds < 1 || beds > MAX_BEDS))
    throw invalidField('beds_available', `must be a whole number from 1 to ${MAX_BEDS}`)
  return {
    inStock: inStock.sort(),
    acceptingNewPatients: fields.accepting_new_patients === true,
    bedsAvailable: beds ?? null,
    sameDayStart: fields.same_day_start === true,
  }
}

/** verified_within_days: a whole number of days, 1 to 3650 (the schema says the same; this keeps other callers honest). */
function parseVerifiedWithin(days: number | undefined): number | null {
  if (days === undefined) return null
  if (!Number.isInteger(days) || days < 1 || days > MAX_VERIFIED_WITHIN_DAYS) {
    throw invalidField('verified_within_days', `must be a whole number of days from 1 to ${MAX_VERIFIED_WITHIN_DAYS}`)
  }
  return days
}

/** The search radius in metres: radius_mi or radius_km (not both), default 50 miles, at most 500. */
export function parseRadius(fields: SearchFields): number {
  if (fields.radius_mi !== undefined && fields.radius_km !== undefined) {
    throw invalidField('radius_km', 'cannot be given together with radius_mi')
  }
  const metres = fields.radius_km !== undefined ? fields.radius_km * 1000 : (fields.radius_mi ?? DEFAULT_RADIUS_MI) * MILE_M
  if (!(metres > 0)) throw invalidField(fields.radius_km !== undefined ? 'radius_km' : 'radius_mi', 'must be greater than 0')
  if (metres > MAX_RADIUS_MI * MILE_M + 1e-6) {
    throw invalidField(fields.radius_km !== undefined ? 'radius_km' : 'radius_mi', `must be at most ${MAX_RADIUS_MI} miles`)
  }
  return metres
}

/** The instant to judge opening hours at: open_at, else now. */
export function parseInstant(fields: SearchFields, now: Date): Date {
  if (fields.open_at === undefined) return now
  // Require an explicit offset: a bare local time is ambiguous across the sites' timezones.
  // (The schema's format says the same; this keeps callers other than the routes honest.)
  if (!isOffsetDateTime(fields.open_at)) throw invalidField('open_at', OFFSET_DATE_TIME_RULE)
  const at = new Date(fields.open_at)
  if (Number.isNaN(at.getTime())) throw invalidField('open_at', 'is not a real date-time')
  return at
}
