/**
 * Is this the same facility? Names and addresses from different lists differ in case,
 * punctuation, "St"/"Street", suite numbers and legal suffixes; points differ by a few
 * metres. Pure: merge.ts feeds it candidates found in PostGIS.
 */
import { normalizeStreet, words } from './comparable-text.js'

export interface FacilityKey {
  name: string
  address1: string | null
  postalCode: string | null
  /** True when the point is a ZIP centroid (or coarser): distance then says little. */
  approximate: boolean
}

export interface MatchVerdict {
  same: boolean
  reason: string
  nameSimilarity: number
}

const NOISE = new Set([
  'inc',
  'llc',
  'lp',
  'llp',
  'pc',
  'pllc',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'the',
  'of',
  'and',
  'for',
  'a',
  'at',
  'dba',
  'center',
  'ctr',
  'centers',
  'services',
  'service',
  'svcs',
  'program',
  'programs',
  'clinic',
  'facility',
  'group',
  'associates',
])
const SYNONYMS: Record<string, string> = {
  st: 'saint',
  mt: 'mount',
  ft: 'fort',
  hlth: 'health',
  hosp: 'hospital',
  comm: 'community',
  cmty: 'community',
  med: 'medical',
  ctr: 'center',
  svc: 'services',
  trtmt: 'treatment',
  tx: 'treatment',
  bh: 'behavioral',
  assoc: 'associates',
  natl: 'national',
  dept: 'department',
  univ: 'university',
  rehab: 'rehabilitation',
  recov: 'recovery',
  subst: 'substance',
  co: 'company',
}

/** The distinctive words of a name (legal suffixes and generic words dropped). */
export function nameTokens(name: string): Set<string> {
  const tokens = words(name)
    .map((w) => SYNONYMS[w] ?? w)
    .filter((w) => !NOISE.has(w))
  return new Set(tokens.length ? tokens : words(name))
}

/** Overlap of two names' distinctive words relative to the shorter name (0–1). */
export function nameSimilarity(a: string, b: string): number {
  const x = nameTokens(a)
  const y = nameTokens(b)
  if (x.size === 0 || y.size === 0) return 0
  let common = 0
  for (const t of x) if (y.has(t)) common++
  return common / Math.min(x.size, y.size)
}

const houseNumber = (street: string) => /^(\d+[a-z]?)\b/.exec(street)?.[1] ?? null

/**
 * Same facility when: the street line matches and the names share words (or the points
 * coincide); or the points are within 100 m and the names mostly agree; or within 100 m with
 * the same house number and some shared name. Different house numbers never match by name alone. ZIP-centroid points match only on street + ZIP.
 */
export function sameFacility(a: FacilityKey, b: FacilityKey, distanceM: number): MatchVerdict {
  const sim = nameSimilarity(a.name, b.name)
  const sa = normalizeStreet(a.address1)
  const sb = normalizeStreet(b.address1)
  const streetSame = sa !== '' && sa === sb
  const numberSame = houseNumber(sa) !== null && houseNumber(sa) === houseNumber(sb)
  // Two numbered buildings of one organisation on the same block are two sites.
  const numberConflict = houseNumber(sa) !== null && houseNumber(sb) !== null && !numberSame
  const zipSame = !!a.postalCode && a.postalCode === b.postalCode
  if (a.approximate || b.approximate) {
    const same = streetSame && zipSame && sim >= 0.3
    return { same, reason: same ? 'same street address and ZIP, similar name' : 'approximate point: needs street, ZIP and name', nameSimilarity: sim }
  }
  if (distanceM > 150) return { same: false, reason: 'too far apart', nameSimilarity: sim }
  if (streetSame && (sim >= 0.3 || distanceM <= 25)) return { same: true, reason: 'same street address', nameSimilarity: sim }
  if (distanceM <= 100 && sim >= 0.6 && !numberConflict) return { same: true, reason: 'within 100 m, same name', nameSimilarity: sim }
  if (distanceM <= 100 && numberSame && sim >= 0.3) return { same: true, reason: 'within 100 m, same house number, similar name', nameSimilarity: sim }
  return { same: false, reason: 'different name or address', nameSimilarity: sim }
}
