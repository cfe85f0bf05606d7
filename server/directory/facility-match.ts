/**
 * Is this the same facility? Names and addresses from different lists differ in case,
 * punctuation, "St"/"Street", suite numbers and legal suffixes; points differ by tens of
 * metres (more between a rooftop and an interpolated geocode). Co-located programs are kept
 * apart by what tells them apart: suite, floor or building numbers, program names, phones and
 * kinds of place (a pharmacy is not a methadone clinic). Pure: merge.ts feeds it candidates
 * found in PostGIS; tests/import/dedup-quality.test.ts measures it on hand-labelled pairs.
 */
import { streetParts, words, type StreetParts, type UnitKind } from './comparable-text.js'
import { LOW_NAME_SIMILARITY, type MergeDoubt } from './merge-doubts.js'

export interface FacilityKey {
  name: string
  address1: string | null
  postalCode: string | null
  /** True when the point is a ZIP centroid (or coarser): distance then says little. */
  approximate: boolean
  /** The record's second name (a program or operator name), when the source has one. */
  name2?: string | null
  /** Names of the other records already merged into the site (all are compared). */
  otherNames?: readonly string[]
  address2?: string | null
  city?: string | null
  /** How the point was found: interpolated street points may sit a few hundred metres off. */
  precision?: string | null
  phones?: readonly string[]
  types?: readonly string[]
  services?: readonly string[]
  /** The list the record comes from: two records of one list merge only on strong agreement. */
  source?: string | null
}

export interface MatchVerdict {
  same: boolean
  reason: string
  /** Best share of distinctive name words over every name pair (0–1). */
  nameSimilarity: number
  /** Confidence in the verdict "same" (0–1); 0 when apart. */
  score: number
  /** What makes a merge uncertain (empty when apart or sure). */
  doubts: MergeDoubt[]
  /** Apart for a reason no other record of the site can outweigh (a pharmacy, another suite). */
  conflict: boolean
}

const NOISE = new Set([
  'inc',
  'llc',
  'lp',
  'llp',
  'lcc',
  'pc',
  'pllc',
  'pa',
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
  'in',
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
  cnty: 'county',
  med: 'medical',
  ctr: 'center',
  svc: 'services',
  servs: 'services',
  trtmt: 'treatment',
  trt: 'treatment',
  tx: 'treatment',
  comp: 'comprehensive',
  bh: 'behavioral',
  behav: 'behavioral',
  behavior: 'behavioral',
  assoc: 'associates',
  natl: 'national',
  dept: 'department',
  univ: 'university',
  rehab: 'rehabilitation',
  recov: 'recovery',
  subst: 'substance',
  csl: 'counseling',
  co: 'company',
}

/** Plural and singular are one word ("Systems"/"System", "Narcotics"/"Narcotic"). */
const stem = (w: string) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)

/** The distinctive words of a name (legal suffixes and generic words dropped). */
export function nameTokens(name: string): Set<string> {
  const tokens = words(name)
    .map((w) => stem(SYNONYMS[w] ?? w))
    .filter((w) => !NOISE.has(w))
  return new Set(tokens.length ? tokens : words(name))
}

const INITIALS_SKIP = new Set(['and', 'of', 'the', 'for', 'on', 'inc', 'llc', 'lp', 'pc', 'dba', 'a', 'at', 'in'])
const initials = (name: string) =>
  words(name)
    .filter((w) => !INITIALS_SKIP.has(w) && !/^\d/.test(w))
    .map((w) => w[0])
    .join('')

/** One name is the other's acronym ("WTCR Garland" / "West Texas Counseling and Rehabilitation"). */
function acronymOf(a: string, b: string): boolean {
  const full = initials(b)
  return words(a).some((w) => w.length >= 3 && !/\d/.test(w) && full.includes(w) && full.length <= w.length + 3)
}

/** Overlap of two names' distinctive words relative to the shorter name (0–1). */
export function nameSimilarity(a: string, b: string): number {
  const x = nameTokens(a)
  const y = nameTokens(b)
  if (x.size === 0 || y.size === 0) return 0
  // "BronxCare" and "Bronx Care" are one word.
  if ([...x].join('') === [...y].join('')) return 1
  let common = 0
  for (const t of x) if (y.has(t)) common++
  const share = common / Math.min(x.size, y.size)
  return acronymOf(a, b) || acronymOf(b, a) ? Math.max(share, 0.8) : share
}

/** Words that name only a kind of program: a second name made of these alone ("OP", "Unit I") identifies nothing. */
const GENERIC = new Set([
  'outpatient',
  'op',
  'ip',
  'iop',
  'residential',
  'inpatient',
  'detox',
  'detoxification',
  'unit',
  'adult',
  'children',
  'youth',
  'mental',
  'health',
  'behavioral',
  'substance',
  'abuse',
  'treatment',
  'counseling',
  'recovery',
  'satellite',
  'main',
  'office',
  'medical',
  'hospital',
  'care',
  'community',
  'family',
  'women',
  'men',
  'methadone',
  'maintenance',
  'opioid',
  'otp',
  'chemical',
  'dependency',
  'cd',
  'alcohol',
  'drug',
  'department',
  'dept',
  'county',
  'service',
  'outpt',
  'i',
  'ii',
  'iii',
  'intensive',
  'disorder',
  'use',
  'addiction',
  'servs',
  'sud',
  'mat',
])
const identifying = (name: string) => [...nameTokens(name)].some((t) => !GENERIC.has(t) && t.length > 2)

/** Every name a record answers to: its name, its second name (when it says something), both together, and the site's other names. */
function namesOf(k: FacilityKey): string[] {
  const names = [k.name]
  if (k.name2) {
    names.push(`${k.name} ${k.name2}`)
    if (identifying(k.name2)) names.push(k.name2)
  }
  for (const n of k.otherNames ?? []) if (n && !names.includes(n)) names.push(n)
  return names
}

function bestSimilarity(a: readonly string[], b: readonly string[]): number {
  let best = 0
  for (const x of a) for (const y of b) best = Math.max(best, nameSimilarity(x, y))
  return best
}

type Kind = 'residential' | 'outpatient' | 'detox'
const KIND_WORDS: [RegExp, Kind][] = [
  [/\b(residential|residence|recovery homes?|halfway|sober living|transitional|rehabilitation|rehab)\b/, 'residential'],
  [/\b(outpatient|outpt|op|iop|ambulatory|op r|methadone|otp)\b/, 'outpatient'],
  [/\b(detox|detoxification|withdrawal|inpatient|ip|acute)\b/, 'detox'],
]
const POPULATION_WORDS: [RegExp, string][] = [
  [/\b(women|womens|woman)\b/, 'women'],
  [/\b(men|mens)\b/, 'men'],
  [/\b(child|children|childrens|youth|adolescents?|pediatrics?|kids)\b/, 'children'],
  [/\b(adults?)\b/, 'adults'],
]
const PHARMACY = /\b(pharmacy|pharmacies|farmacia|chemists?|apothecary|drugstore|walgreens?|cvs|rite aid|duane reade)\b/

function kindsOf(text: string): Set<Kind> {
  return new Set(KIND_WORDS.filter(([re]) => re.test(text)).map(([, k]) => k))
}

const disjoint = <T>(a: Set<T>, b: Set<T>) => a.size > 0 && b.size > 0 && ![...a].some((x) => b.has(x))

/** The numbers a name carries ("Unit 2", "Van 4", "#10042"), not counting its own house number. */
function nameNumbers(text: string, street: StreetParts): Set<string> {
  return new Set(words(text).filter((w) => /^\d+$/.test(w) && !street.numbers.includes(w)))
}

const isPharmacy = (k: FacilityKey, text: string) => (k.types ?? []).includes('pharmacy') || PHARMACY.test(text)
const isMethadoneProgram = (k: FacilityKey) => (k.services ?? []).includes('methadone') && (k.types ?? []).includes('treatment')

const LEGAL = /\b(inc|llc|lcc|lp|llp|pc|pllc|corp|corporation|opco|ltd|pa)\b/
/**
 * An opioid treatment program that may be listed under its operator's name: a methadone
 * program whose name is not that of one named program ("Community Healthlink - Thayer Detox"
 * is a program, "Central Florida Detox, LLC" an operator).
 */
function operatorNamedOtp(k: FacilityKey): boolean {
  if (!isMethadoneProgram(k)) return false
  const text = words(`${k.name} ${k.name2 ?? ''}`).join(' ')
  return kindsOf(text).size === 0 || LEGAL.test(text)
}

/** Why these two cannot be one facility, or null. */
function kindConflict(a: FacilityKey, b: FacilityKey, pa: StreetParts, pb: StreetParts): string | null {
  const ta = words(`${a.name} ${a.name2 ?? ''}`).join(' ')
  const tb = words(`${b.name} ${b.name2 ?? ''}`).join(' ')
  // A list of pharmacies may file a clinic or a prescriber among them: the same name says so.
  const filedAmongPharmacies = !PHARMACY.test(ta) && !PHARMACY.test(tb) && ta === tb
  if (isPharmacy(a, ta) !== isPharmacy(b, tb) && !filedAmongPharmacies) return 'a pharmacy and another kind of site'
  if (/\b(mobile|van)\b/.test(ta) !== /\b(mobile|van)\b/.test(tb)) return 'a mobile unit and a fixed site'
  const dentalOnly = (t: string) => /\bdental|dentistry\b/.test(t) && !/\b(medical|primary|family|health)\b/.test(t)
  if ((dentalOnly(ta) && !/\bdental\b/.test(tb)) || (dentalOnly(tb) && !/\bdental\b/.test(ta))) return 'a dental clinic and another program'
  const ka = kindsOf(ta)
  const kb = kindsOf(tb)
  // An opioid treatment program is an outpatient clinic unless its name says otherwise.
  if (ka.size === 0 && isMethadoneProgram(a)) ka.add('outpatient')
  if (kb.size === 0 && isMethadoneProgram(b)) kb.add('outpatient')
  if (disjoint(ka, kb)) return `different kinds of program (${[...ka].join('/')} vs ${[...kb].join('/')})`
  const popA = new Set(POPULATION_WORDS.filter(([re]) => re.test(ta)).map(([, p]) => p))
  const popB = new Set(POPULATION_WORDS.filter(([re]) => re.test(tb)).map(([, p]) => p))
  if (disjoint(popA, popB)) return 'programs for different people'
  if (disjoint(nameNumbers(ta, pa), nameNumbers(tb, pb))) return 'differently numbered units or sites'
  return null
}

type StreetMatch = 'same' | 'different_number' | 'different_street' | 'unknown'

function levenshteinAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return (prev[b.length] as number) <= max
}

const coresAgree = (a: string, b: string) =>
  a !== '' &&
  b !== '' &&
  (a === b || (Math.min(a.length, b.length) >= 4 && (a.includes(b) || b.includes(a))) || (Math.min(a.length, b.length) >= 6 && levenshteinAtMost(a, b, 2)))

function compareStreets(a: StreetParts, b: StreetParts): StreetMatch {
  if (a.numbers.length === 0 || b.numbers.length === 0) return 'unknown'
  const numberShared = a.numbers.some((n) => b.numbers.includes(n))
  if (!coresAgree(a.core, b.core)) return 'different_street'
  return numberShared ? 'same' : 'different_number'
}

/** The kind of unit (suite, floor, building) both addresses name with no value in common, or null. */
function unitConflict(a: StreetParts, b: StreetParts): UnitKind | null {
  const anyUnit = (p: StreetParts) => Object.values(p.units).flat()
  if ((a.numberLetter && anyUnit(b).length === 0) || (b.numberLetter && anyUnit(a).length === 0)) return 'suite'
  for (const kind of ['suite', 'building', 'floor'] as const) {
    const x = a.units[kind]
    const y = b.units[kind]
    if (x?.length && y?.length && !x.some((u) => y.includes(u))) return kind
  }
  return null
}

const digits = (phone: string) =>
  phone
    .replace(/\D/g, '')
    .slice(0, 11)
    .replace(/^1(?=\d{10})/, '')
    .slice(0, 10)

function comparePhones(a: readonly string[] | undefined, b: readonly string[] | undefined): 'same' | 'different' | 'unknown' {
  const x = new Set((a ?? []).map(digits).filter((p) => p.length === 10))
  const y = (b ?? []).map(digits).filter((p) => p.length === 10)
  if (x.size === 0 || y.length === 0) return 'unknown'
  return y.some((p) => x.has(p)) ? 'same' : 'different'
}

/** Furthest apart two points of one street address may be, by how they were placed. */
export function addressRadiusM(a: string | null | undefined, b: string | null | undefined): number {
  return a === 'street' || b === 'street' ? 800 : 500
}
/** Furthest apart two points may be when street address, ZIP and name all agree (a misplaced geocode). */
export const SAME_ADDRESS_ZIP_RADIUS_M = 2000
/** Furthest apart two points may be when only their names agree. */
export const NAME_ONLY_RADIUS_M = 100

/**
 * Two records of one list name one place alike: both or neither name a program, their names
 * carry the same numbers ("Center" vs "Center 2"), programs named on both sides are the same
 * program, and what one name adds to the other is the town or a generic word ("A Renewed Mind"
 * / "A RENEWED MIND - FINDLAY", the MOUD list's SAMHSA and vivitrol.com rows).
 */
function sameListing(a: FacilityKey, b: FacilityKey, pa: StreetParts, pb: StreetParts): boolean {
  const na = nameNumbers(`${a.name} ${a.name2 ?? ''}`, pa)
  const nb = nameNumbers(`${b.name} ${b.name2 ?? ''}`, pb)
  if (na.size !== nb.size || [...na].some((n) => !nb.has(n))) return false
  if (a.name2 && b.name2) {
    // Both name a program: the program names must be the same ("OTP" twice, not "Detox" and "Inpatient").
    const [x, y] = [nameTokens(a.name2), nameTokens(b.name2)]
    return x.size === y.size && [...x].every((t) => y.has(t))
  }
  const x = nameTokens(`${a.name} ${a.name2 ?? ''}`)
  const y = nameTokens(`${b.name} ${b.name2 ?? ''}`)
  const [short, long] = x.size <= y.size ? [x, y] : [y, x]
  const allowed = new Set([...nameTokens(a.city ?? ''), ...nameTokens(b.city ?? ''), 'health', 'healthcare', 'department', 'county'])
  return [...long].every((t) => short.has(t) || allowed.has(t))
}

const apart = (reason: string, nameSimilarity: number, conflict = false): MatchVerdict => ({
  same: false,
  reason,
  nameSimilarity,
  score: 0,
  doubts: [],
  conflict,
})

/**
 * The verdict on two records `distanceM` apart. Same facility when the street address agrees
 * (house number and street, suites not in conflict) and the names share words, or one is an
 * opioid treatment program listed under its operator's name at a treatment facility's
 * address; or, without a comparable street line, when the points are within 100 m and the
 * names agree. Two records of one source merge only when name and address both agree.
 * ZIP-centroid points merge only on street, ZIP and name.
 */
export function sameFacility(a: FacilityKey, b: FacilityKey, distanceM: number): MatchVerdict {
  const pa = streetParts(a.address1, a.address2)
  const pb = streetParts(b.address1, b.address2)
  const oneSource = !!a.source && a.source === b.source
  // Two records of one list: its second names tell its programs apart, so they are not compared alone.
  const sim = oneSource
    ? bestSimilarity([a.name, `${a.name} ${a.name2 ?? ''}`], [b.name, `${b.name} ${b.name2 ?? ''}`])
    : bestSimilarity(namesOf(a), namesOf(b))
  const conflict = kindConflict(a, b, pa, pb)
  if (conflict) return apart(conflict, sim, true)
  const street = compareStreets(pa, pb)
  if (street === 'different_number') return apart('different house numbers', sim, true)
  const phone = comparePhones(a.phones, b.phones)
  const unit = unitConflict(pa, pb)
  const sameName = sim === 1 && nameSimilarity(`${a.name} ${a.name2 ?? ''}`, `${b.name} ${b.name2 ?? ''}`) === 1
  // One health center over two floors keeps its name and phone; two suites are two offices.
  if (unit && !(unit === 'floor' && sameName && phone === 'same')) return apart(`different ${unit}s`, sim, true)
  const programsDiffer = !!a.name2 && !!b.name2 && nameSimilarity(a.name2, b.name2) < 0.5
  const doubts: MergeDoubt[] = []
  if (sim < LOW_NAME_SIMILARITY) doubts.push('low_name_similarity')
  if (unit) doubts.push('different_unit')
  if (phone === 'different') doubts.push('different_phone')
  const same = (reason: string, base: number): MatchVerdict => ({
    same: true,
    reason,
    nameSimilarity: sim,
    score: Math.round(Math.min(1, base + 0.3 * sim + (phone === 'same' ? 0.1 : 0) - (phone === 'different' ? 0.15 : 0)) * 1000) / 1000,
    doubts,
    conflict: false,
  })

  if (a.approximate || b.approximate) {
    const zipAgrees = !a.postalCode || !b.postalCode || a.postalCode === b.postalCode
    if (street === 'same' && zipAgrees && sim >= (oneSource ? 0.8 : 0.5) && !programsDiffer)
      return same('same street address and ZIP, similar name (approximate point)', 0.4)
    return apart('approximate point: needs street, ZIP and name', sim)
  }
  if (street === 'same') {
    // One list's geocode of an address can be a kilometre off: the same address, ZIP and name still say one place.
    const zipSame = !!a.postalCode && a.postalCode === b.postalCode
    const limit = zipSame && sim >= 0.8 ? SAME_ADDRESS_ZIP_RADIUS_M : addressRadiusM(a.precision, b.precision)
    if (distanceM > limit) return apart('too far apart', sim)
    if (oneSource) {
      if (sim >= 0.8 && phone !== 'different' && !programsDiffer && sameListing(a, b, pa, pb))
        return same('one source lists it twice: same name and street address', 0.5)
      return apart('two records of one source', sim)
    }
    // Both name their program and the programs differ ("OTP" vs "Childrens Services").
    if (
      programsDiffer &&
      (sim < 0.5 || nameSimilarity(a.name, b.name) >= 0.8 || nameSimilarity(a.name2 as string, b.name2 as string) < 0.3) &&
      nameSimilarity(a.name2 as string, b.name) < 0.8 &&
      nameSimilarity(b.name2 as string, a.name) < 0.8
    )
      return apart('two programs of one organisation at one address', sim)
    // Different phones: only a clear name match says it is one place.
    if (phone === 'different' && sim < 0.8) return apart('same address, different names and phones', sim)
    const near = distanceM <= 150 ? 0.2 : 0.05
    if (sim >= 0.5) return same('same street address, similar name', 0.45 + near)
    if (sim >= 0.3 && phone !== 'different') return same('same street address, names share words', 0.35 + near)
    if (phone === 'same') return same('same street address and phone', 0.4 + near)
    if (
      distanceM <= 150 &&
      phone !== 'different' &&
      ((operatorNamedOtp(a) && (b.types ?? []).includes('treatment')) || (operatorNamedOtp(b) && (a.types ?? []).includes('treatment')))
    )
      return same("opioid treatment program at a treatment facility's street address (operator vs facility name)", 0.3)
    return apart('two programs at one address', sim)
  }
  if (street === 'different_street') return apart('different streets', sim)
  // No comparable street line on one side: the points and the name must agree.
  if (distanceM > NAME_ONLY_RADIUS_M) return apart('too far apart', sim)
  if (sim >= 0.8 && phone !== 'different' && !programsDiffer && !oneSource) return same('within 100 m, same name', 0.3)
  return apart('different name or address', sim)
}
